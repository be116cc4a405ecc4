from django.db import transaction

from catalogue import seed
from catalogue.models import Band, Exercise


@transaction.atomic
def load_catalogue() -> None:
    """Write the seed bands and exercises, matched by band name and exercise slug. Safe to run
    again: a missing row is created; an existing row takes the seed's new values only in the
    fields an admin has left as the seed last wrote them, so corrections to the seed reach the
    database and an admin's own edits stay. Progressions are set only on a new exercise."""
    for fields in seed.BANDS:
        _seed_row(Band, key="name", fields=fields, previous={})

    created = {}
    for fields in seed.EXERCISES:
        fields = dict(fields)
        progressions = fields.pop("progressions", [])
        previous = seed.PREVIOUS.get(fields["slug"], {})
        exercise, is_new = _seed_row(Exercise, key="slug", fields=fields, previous=previous)
        if is_new:
            created[exercise] = progressions
    by_slug = Exercise.objects.in_bulk(field_name="slug")
    for exercise, progressions in created.items():
        exercise.progressions.set([by_slug[slug] for slug in progressions if slug in by_slug])


def _seed_row(model, *, key: str, fields: dict, previous: dict):
    """Create or update one seed row; `seeded` keeps, per field, the value the seed last wrote.

    A field follows the seed while it still holds that value. A row from before `seeded` was
    kept has no record, so its baseline is the seed's previous wording (`seed.PREVIOUS`) where
    that changed, else today's: a field equal to neither is an admin's edit and is left alone.
    """
    values = {name: value for name, value in fields.items() if name != key}
    row, is_new = model.objects.select_for_update().get_or_create(
        **{key: fields[key]}, defaults={**values, "seeded": values}
    )
    if is_new:
        return row, True

    seeded = dict(row.seeded)
    updated = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        current = getattr(row, name)
        baseline = seeded.get(name, previous.get(name, value))
        if _same(field, current, value) or _same(field, current, baseline):
            if not _same(field, current, value):
                setattr(row, name, value)
                updated.append(name)
            seeded[name] = value
        else:
            seeded[name] = baseline
    if updated or seeded != row.seeded:
        row.seeded = seeded
        row.save(update_fields=[*updated, "seeded"])
    return row, False


def _same(field, left, right) -> bool:
    """Equal as the field's values: "16.0" is Decimal 16, and the CRLF line ends a browser sends
    from a textarea the admin saved unchanged are still the seed's text."""
    left, right = field.to_python(left), field.to_python(right)
    if isinstance(left, str) and isinstance(right, str):
        return left.replace("\r\n", "\n") == right.replace("\r\n", "\n")
    return left == right


@transaction.atomic
def owned_bands_set(*, user, bands) -> None:
    """The bands an athlete owns; progression suggests only these once any are recorded."""
    user.owned_bands.set(bands)
