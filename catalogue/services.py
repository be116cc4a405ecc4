from django.db import transaction

from catalogue import seed
from catalogue.models import Band, Exercise


@transaction.atomic
def load_catalogue() -> None:
    """Create the seed bands and exercises that are missing. Safe to run again, and it never
    overwrites what an admin has edited since: rows are matched by band name and exercise slug."""
    for fields in seed.BANDS:
        Band.objects.get_or_create(name=fields["name"], defaults=fields)

    created = {}
    for fields in seed.EXERCISES:
        fields = dict(fields)
        progressions = fields.pop("progressions", [])
        exercise, is_new = Exercise.objects.get_or_create(slug=fields["slug"], defaults=fields)
        if is_new:
            created[exercise] = progressions
    by_slug = Exercise.objects.in_bulk(field_name="slug")
    for exercise, progressions in created.items():
        exercise.progressions.set([by_slug[slug] for slug in progressions if slug in by_slug])


@transaction.atomic
def owned_bands_set(*, user, bands) -> None:
    """The bands an athlete owns; progression suggests only these once any are recorded."""
    user.owned_bands.set(bands)
