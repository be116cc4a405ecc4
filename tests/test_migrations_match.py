"""The migrations describe the models as they are: every field, index and constraint a model
declares is in the database the migrations build. The hostile tests lean on it: they check
each stored row against its model's field validators, and leave the constraints to the
database that enforces them."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = io.StringIO()
    call_command("makemigrations", check=True, dry_run=True, stdout=out)  # exits 1 if not
    assert "No changes detected" in out.getvalue()
