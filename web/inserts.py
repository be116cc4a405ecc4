"""A database helper every app may use: `insert_unless_taken`, an INSERT that a unique
constraint may refuse without spoiling the transaction it runs in."""

from django.db import router
from django.db.models import Model
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery


def insert_unless_taken(obj: Model) -> bool:
    """Inserts the new instance `obj` unless a row already holds a value one of the table's
    unique constraints keeps to one row: `INSERT ... ON CONFLICT DO NOTHING RETURNING`, one
    statement. True: inserted, with its primary key and what the database made set, as `save()`
    leaves them. False: nothing was written, and the transaction goes on.

    A refused plain INSERT would abort the transaction; keeping it alive takes a savepoint and
    its release around the INSERT, two more round trips on every call, for the rare refusal.
    Any other refusal (a check constraint, a foreign key) still raises `IntegrityError`. No
    signals are sent: for models that connect none."""
    meta = obj._meta
    using = router.db_for_write(type(obj), instance=obj)
    fields = [
        field
        for field in meta.local_concrete_fields
        if not field.generated and field is not meta.auto_field
    ]
    query = InsertQuery(type(obj), on_conflict=OnConflict.IGNORE)
    query.insert_values(fields, [obj])  # each field's pre_save runs (auto_now_add, defaults)
    returning = meta.db_returning_fields
    rows = query.get_compiler(using=using).execute_sql(returning)
    if not rows:
        return False
    for value, field in zip(rows[0], returning, strict=True):
        setattr(obj, field.attname, value)
    obj._state.adding, obj._state.db = False, using
    return True
