"""What a person does with their own data: ask for all of it as a zip (`accounts.data_export`
builds it in the background and mails the link). Asking for their account's erasure is
`accounts.erasure.erasure_request`. A module of its own beside `accounts.actions` (the coach's
actions on a team's groups)."""

import secrets

from django.db import transaction
from django.utils import timezone

from accounts.data_export import BUILD_GIVEN_UP_AFTER, data_export_build
from accounts.models import DataExport, User


@transaction.atomic(durable=True)
def data_export_request(*, user: User) -> DataExport:
    """Record the request and queue the task that builds it, together. A request while one is
    still being built answers that one: two taps, one zip and one mail. The person's row is
    locked, so two requests at the same moment cannot both start one."""
    User.objects.select_for_update().filter(pk=user.pk).values_list("pk").get()
    building = (
        DataExport.objects.filter(
            user=user,
            ready_at__isnull=True,
            requested_at__gt=timezone.now() - BUILD_GIVEN_UP_AFTER,
        )
        .defer("content")
        .order_by("-requested_at")
        .first()
    )
    if building is not None:
        return building
    export = DataExport.objects.create(user=user, token=secrets.token_urlsafe(32))
    data_export_build.enqueue(export_id=export.pk)
    return export
