import functools

from django.core.exceptions import ValidationError
from django.db import transaction

from catalogue import seed
from catalogue.models import Band, BandMeasurement, Exercise

# An exercise's identity once anything plans or records it: exported programs name it by slug,
# the week's Nordic count reads its pattern, and its band role says which way the band moves
# (a pain stop moves an assisted exercise to a thicker band, a resisted one to a thinner).
# Kept here, not by a database trigger: the rows that use an exercise live in the apps above
# the catalogue (programs, logbook), whose tables a catalogue migration must not name, and
# every write to an exercise (the admin, the seed) comes through this module.
FIXED_ONCE_USED = ("slug", "pattern", "band_role")
FIXED_REASON = (
    "This is fixed: programs or logged sets use this exercise, and changing it would change "
    "them (a band role flipped while athletes use it moves their band the wrong way). Add a "
    "new exercise instead."
)


def exercise_in_use(exercise: Exercise) -> bool:
    """Whether any row points at the exercise: a prescription, a band rule or track, a logged
    set or a pain stop (its own progressions aside). Found from the relations themselves, as
    the catalogue imports none of the apps that use it."""
    for relation in Exercise._meta.get_fields(include_hidden=True):
        if relation.one_to_many and not relation.related_model._meta.auto_created:
            uses = relation.related_model._base_manager.filter(**{relation.field.name: exercise})
            if uses.exists():
                return True
    return False


def exercise_fixed_fields(exercise: Exercise) -> tuple[str, ...]:
    """The fields that may no longer change: none until something uses the exercise."""
    if exercise.pk is not None and exercise_in_use(exercise):
        return FIXED_ONCE_USED
    return ()


@transaction.atomic
def exercise_save(*, exercise: Exercise) -> Exercise:
    """Add or change an exercise; its slug, pattern and band role are refused a change once
    anything uses it (ValidationError, by field, with the reason)."""
    if exercise.pk is not None:
        saved = Exercise.objects.select_for_update().get(pk=exercise.pk)
        changed = [
            name for name in FIXED_ONCE_USED if getattr(saved, name) != getattr(exercise, name)
        ]
        if changed and exercise_in_use(saved):
            raise ValidationError({name: FIXED_REASON for name in changed})
    exercise.save()
    return exercise


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
        exercise, is_new = _seed_row(
            Exercise, key="slug", fields=fields, previous=previous, fixed=exercise_fixed_fields
        )
        if is_new:
            created[exercise] = progressions
    by_slug = Exercise.objects.in_bulk(field_name="slug")
    for exercise, progressions in created.items():
        exercise.progressions.set([by_slug[slug] for slug in progressions if slug in by_slug])


def _seed_row(model, *, key: str, fields: dict, previous: dict, fixed=lambda row: ()):
    """Create or update one seed row; `seeded` keeps, per field, the value the seed last wrote.

    A field follows the seed while it still holds that value. A row from before `seeded` was
    kept has no record, so its baseline is the seed's previous wording (`seed.PREVIOUS`) where
    that changed, else today's: a field equal to neither is an admin's edit and is left alone.
    The `fixed(row)` fields (an exercise in use) stay as they are, whatever the seed says.
    """
    values = {name: value for name, value in fields.items() if name != key}
    row, is_new = model.objects.select_for_update().get_or_create(
        **{key: fields[key]}, defaults={**values, "seeded": values}
    )
    if is_new:
        return row, True

    seeded = dict(row.seeded)
    updated = []
    frozen = functools.cache(lambda: fixed(row))  # asked only when the seed changes a field
    for name, value in values.items():
        field = model._meta.get_field(name)
        current = getattr(row, name)
        baseline = seeded.get(name, previous.get(name, value))
        if _same(field, current, value) or _same(field, current, baseline):
            if not _same(field, current, value):
                if name in frozen():
                    seeded[name] = baseline  # the seed's value applies once nothing uses it
                    continue
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


@transaction.atomic
def band_measure(*, coach, band: Band, tension_kg, length_cm: int, measured_on) -> BandMeasurement:
    """A coach's own measurement of a band (validated by `BandMeasurementForm`): a new one
    replaces the last, so the band's latest reading applies to the coach's athletes."""
    measurement, _ = BandMeasurement.objects.update_or_create(
        owner=coach,
        band=band,
        defaults={"tension_kg": tension_kg, "length_cm": length_cm, "measured_on": measured_on},
    )
    return measurement


@transaction.atomic
def band_measurement_remove(*, measurement: BandMeasurement) -> None:
    """The coach's athletes go back to the band's rated range."""
    measurement.delete()
