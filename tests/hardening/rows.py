"""A check to run after any hostile test: every row of our apps passes the models' own
validation, constraints included (the database's and the ones Django checks in Python)."""

from django.apps import apps

APPS = ("accounts", "catalogue", "programs", "logbook", "coaching")


def every_model_row_is_valid() -> list[str]:
    """One line per row the models would refuse (an empty list when every row passes)."""
    problems = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            for row in model.objects.all():
                try:
                    row.full_clean(validate_unique=False, validate_constraints=True)
                except Exception as error:  # every kind of refusal is reported
                    problems.append(f"{model.__name__} {row.pk}: {error}")
    return problems
