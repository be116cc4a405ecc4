"""A person's own data, taken with them: a zip of every record the app keeps about them, one
JSON file per kind of record plus the CSV files their coach downloads, built by a background
task and reached by a mailed link that expires (issue 29). Athletes and staff alike.

Which records are someone's is read from the model registry, never listed by hand, so a model
added later is in the zip without anyone remembering it:

- a record is theirs when one of its keys to the user (a foreign key, a one-to-one or a
  many-to-many: the athlete, the author, the owners of a band) is them; one about someone
  else that they acted on (an optional key: whoever cleared a pause, entered a test, answered
  a stop) is in it too, with only its id, its keys to people and its dates: that they did it
  and when, never the other person's words or measures;
- a record with no required key to a user of its own is a part of each record it requires (a
  set of its session, a pain stop of its session, a band move of its track): it is theirs when
  one of those is theirs through a required key, or is itself such a part. Required keys say
  whom a record is about; optional ones say who acted on it, and following those would hand a
  coach the band tracks of every athlete they assigned a program.

Imports go one way, so the CSV writers (in `coaching`) are handed over by that app's `ready()`
(`csv_part_register`) rather than imported here.
"""

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce
from operator import or_
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils import dateformat, timezone

from accounts.mail import mail_queue
from accounts.models import DataExport, User

# A request not built within this time is taken as failed (its task raised, or no worker ran
# it): the page says so, and asking again starts another.
BUILD_GIVEN_UP_AFTER = timedelta(hours=1)
LISTED = 10  # the person's latest exports on their page

CsvPart = Callable[[User], tuple[str, str]]  # (file name, text)
CSV_PARTS: list[CsvPart] = []


def csv_part_register(writer: CsvPart) -> None:
    """Add a CSV file to every person's zip (once, however often an app's ready() runs)."""
    if writer not in CSV_PARTS:
        CSV_PARTS.append(writer)


def person_keys(model: type[models.Model]) -> list[models.Field]:
    """The model's own keys to the user model: foreign keys, one-to-ones and many-to-manys."""
    user_model = get_user_model()
    fields = [*model._meta.fields, *model._meta.many_to_many]
    return [field for field in fields if field.is_relation and field.related_model is user_model]


def required(field: models.Field) -> bool:
    return not field.many_to_many and not field.null


def any_of(conditions: list[Q]) -> Q | None:
    return reduce(or_, conditions) if conditions else None


def held(model: type[models.Model], user: User, seen: frozenset = frozenset()) -> Q | None:
    """The rows of `model` about the person: through a required key to them, or as a part of
    such a row (see the module's docstring). None when no row of the model can be."""
    keys = [key for key in person_keys(model) if required(key)]
    if keys:
        return any_of([Q(**{key.name: user}) for key in keys])
    if model in seen:
        return None
    parts = []
    for key in model._meta.fields:
        if not key.is_relation or key.null or key.related_model is get_user_model():
            continue
        parent = held(key.related_model, user, seen | {model})
        if parent is not None:
            rows = key.related_model._base_manager.filter(parent)
            parts.append(Q(**{f"{key.attname}__in": rows.values(key.target_field.attname)}))
    return any_of(parts)


def acting(field: models.Field) -> bool:
    """An optional key to the user: who acted on a record about someone else (cleared their
    pause, entered their test, answered their stop)."""
    return not field.many_to_many and field.null


def records_of(user: User) -> Iterator[tuple[type[models.Model], models.QuerySet, models.QuerySet]]:
    """Every installed model that can hold rows of the person's, by model label, with the rows
    about them and, apart, the rows about someone else that they acted on. The user model
    itself is apart (`zip_build` writes their own row)."""
    user_model = get_user_model()
    for model in sorted(apps.get_models(), key=lambda model: model._meta.label_lower):
        if model is user_model:
            continue
        keys = person_keys(model)
        about = [Q(**{key.name: user}) for key in keys if not acting(key)]
        if not any(required(key) for key in keys) and (part := held(model, user)) is not None:
            about.append(part)
        acted = [Q(**{key.name: user}) for key in keys if acting(key)]
        if not about and not acted:
            continue
        rows = model._base_manager.order_by("pk")
        theirs = rows.filter(any_of(about)) if about else rows.none()
        if any(key.many_to_many for key in keys):
            theirs = theirs.distinct()
        done = (
            rows.filter(any_of(acted)).exclude(pk__in=theirs.values("pk")) if acted else rows.none()
        )
        yield model, theirs, done


def rows_of(
    model: type[models.Model], queryset: models.QuerySet, *, acts: bool = False
) -> list[dict]:
    """Each row's field values by field name (a key holds the id it points at). Bytes are left
    out (an export's own zip), and so is the password's hash. A row about someone else that
    the person acted on (`acts`) keeps only what says that they did and when: its id, its keys
    to people, and its dates; never the other person's words or measures."""
    fields = [
        field
        for field in model._meta.concrete_fields
        if not isinstance(field, models.BinaryField)
        and not (model is get_user_model() and field.name == "password")
        and (
            not acts
            or field.primary_key
            or (field.is_relation and field.related_model is get_user_model())
            or isinstance(field, models.DateField)  # a DateTimeField is one too
        )
    ]
    names = [field.name for field in fields]
    values = queryset.values_list(*[field.attname for field in fields])
    return [dict(zip(names, row, strict=True)) for row in values]


def json_text(rows: list[dict]) -> str:
    """Dates and times in ISO 8601 (UTC), decimals as strings: as Django's encoder writes them."""
    return json.dumps(rows, cls=DjangoJSONEncoder, indent=1, ensure_ascii=False)


def zip_build(user: User) -> bytes:
    """The person's zip: a README, one JSON file per kind of record that has rows of theirs
    (`<app>.<model>.json`), and the CSV files."""
    files = {"accounts.user.json": json_text(rows_of(User, User._base_manager.filter(pk=user.pk)))}
    counts = {"accounts.user.json": 1}
    for model, theirs, acted in records_of(user):
        if rows := rows_of(model, theirs) + rows_of(model, acted, acts=True):
            name = f"{model._meta.label_lower}.json"
            files[name], counts[name] = json_text(rows), len(rows)
    for writer in CSV_PARTS:
        name, text = writer(user)
        files[name] = text
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt", readme(user, counts, [name for name in files if name not in counts])
        )
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def readme(user: User, counts: dict[str, int], csv_names: list[str]) -> str:
    listed = "\n".join(
        f"  {name}: {count} row{'s' * (count != 1)}" for name, count in counts.items()
    )
    return (
        f"Everything Hamstrings keeps about {user}, as it stood on {timezone.now():%Y-%m-%d}.\n\n"
        "Each .json file holds one kind of record, named <app>.<kind>: logbook.workoutlog.json\n"
        "are your workouts, logbook.setlog.json their sets. A file is a list of records with\n"
        "their fields; a field that points at another record holds that record's id. Times are\n"
        "ISO 8601 in UTC, decimals are written as text.\n\n"
        f"{listed}\n\n"
        "The .csv files are your sets and strength tests as your coach downloads them:\n"
        + "".join(f"  {name}\n" for name in csv_names)
    )


def download_link(export: DataExport) -> str:
    return settings.SITE_URL + reverse("accounts:data-download", args=[export.token])


def local_time(user: User, moment: datetime) -> str:
    return dateformat.format(timezone.localtime(moment, ZoneInfo(user.timezone)), "j F Y, H:i")


def export_mail(export: DataExport) -> None:
    user = export.user
    mail_queue(
        to=user.email,
        subject="Your Hamstrings data is ready",
        body=(
            "The zip of everything Hamstrings keeps about you is ready. Sign in as "
            f"{user.username} and download it here:\n\n{download_link(export)}\n\n"
            f"The link works until {local_time(user, export.expires_at)} ({user.timezone}). "
            "After that, ask for a new one on the page Your data, in your settings.\n"
        ),
    )


@task
def data_export_build(*, export_id: int) -> None:
    """Build the zip, keep it on the request's row until its link expires, mail the link. A
    request already built (a task run twice) is left as it is."""
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update(of=("self",))
            .select_related("user")
            .defer("content")
            .get(pk=export_id)
        )
        if export.ready_at is not None:
            return
        now = timezone.now()
        export.content = zip_build(export.user)
        export.ready_at = now
        export.expires_at = now + timedelta(days=settings.DATA_EXPORT_DAYS)
        export.save(update_fields=["content", "ready_at", "expires_at"])
        export_mail(export)


def exports_expire(*, now: datetime) -> int:
    """Drop the zip of every export whose link has expired (the row stays, listed as expired);
    how many were dropped. Run daily."""
    expired = DataExport.objects.filter(expires_at__lte=now, content__isnull=False)
    return expired.update(content=None)


@dataclass(frozen=True)
class ExportListed:
    """One of the person's exports as their page lists it."""

    export: DataExport
    state: str  # "preparing", "ready", "expired" or "failed"


def exports_listed(user: User, *, now: datetime) -> list[ExportListed]:
    """The person's latest exports and what each can do now; the zips' bytes are not read."""
    exports = (
        DataExport.objects.filter(user=user)
        .defer("content")
        .annotate(
            has_content=models.ExpressionWrapper(
                Q(content__isnull=False), output_field=models.BooleanField()
            )
        )
        .order_by("-requested_at", "-pk")[:LISTED]
    )
    return [ExportListed(export, export_state(export, now)) for export in exports]


def export_state(export: DataExport, now: datetime) -> str:
    if export.ready_at is None:
        return "preparing" if export.requested_at > now - BUILD_GIVEN_UP_AFTER else "failed"
    return "ready" if export.has_content and export.expires_at > now else "expired"
