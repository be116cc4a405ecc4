"""A check to run after any hostile test: every row of our apps passes its model's own field
validation (lengths, ranges, choices, the validators Django runs only in forms and
`full_clean`). The constraints are the database's to hold: it refuses a row that breaks one,
and `tests/test_migrations_match.py` shows every constraint a model declares is there.
Checking them again here ran a query per constraint and row (4 s a check, for nothing)."""

from django.apps import apps

APPS = ("accounts", "catalogue", "programs", "logbook", "coaching")


def every_model_row_is_valid() -> list[str]:
    """One line per row the models would refuse (an empty list when every row passes)."""
    problems = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            for row in model.objects.all():
                try:
                    row.full_clean(validate_unique=False, validate_constraints=False)
                except Exception as error:  # every kind of refusal is reported
                    problems.append(f"{model.__name__} {row.pk}: {error}")
    return problems
