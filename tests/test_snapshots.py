"""The snapshots (tests/snapshots.py): a restore gives a transactional test a fresh demo's rows,
again after a test changed them, and a row made after a restore never takes an id the snapshot
holds or one handed out before it (the places kept per process are keyed by id); after a
transactional test, the seed is back for the next one."""

from django.db import connection

from accounts.models import User
from catalogue import seed
from catalogue.models import Band, Exercise
from logbook.models import SetLog
from programs.library import LIBRARY
from programs.models import Program, StructureVersion, Workout
from tests.snapshots import row_counts, snapshot_restore


def contents(schema: str | None = None) -> dict[str, str]:
    """A digest of each Django table's rows, in the database or in a snapshot's schema."""
    prefix = f"{connection.ops.quote_name(schema)}." if schema else ""
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(
                f"SELECT '{table}', md5(COALESCE(string_agg(t::text, '|' ORDER BY t::text), ''))"
                f" FROM {prefix}{connection.ops.quote_name(table)} t"
                for table in row_counts()
            )
        )
        return dict(cursor.fetchall())


def new_program() -> Program:
    return Program.objects.create(owner=User.objects.get(username="coach"), title="New", slug="new")


def test_a_restore_holds_a_fresh_demos_rows_again_after_a_test_changed_them(demo):
    fresh = demo.counts  # counted as the demo left them, before the copy
    assert fresh["logbook_setlog"] > 100 and fresh["programs_structureversion"] > 0
    assert fresh["django_content_type"] > 0 and fresh["auth_permission"] > 0
    assert row_counts() == fresh
    assert contents() == contents(demo.schema)

    SetLog.objects.filter(pk__in=SetLog.objects.values("pk")[:10]).delete()
    Workout.objects.filter(pk=Workout.objects.first().pk).update(title="Changed")  # a version
    new_program()
    assert row_counts() != fresh

    snapshot_restore(demo)

    assert row_counts() == fresh
    assert contents() == contents(demo.schema)
    assert not Workout.objects.filter(title="Changed").exists()


def test_no_id_is_handed_out_twice_across_restores(demo):
    before = new_program()
    snapshot_restore(demo)
    assert not Program.objects.filter(pk=before.pk).exists()
    assert new_program().pk > before.pk  # the sequence never goes back to the snapshot's ids

    # A test that resets the sequences (reset_sequences) leaves them under the snapshot's ids.
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('programs_program', 'id'), 1)")
    snapshot_restore(demo)
    held = Program.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert new_program().pk > held


def test_the_structure_versions_come_back_with_the_programs(demo):
    versions = dict(StructureVersion.objects.values_list("program_id", "number"))
    workout = Workout.objects.filter(week__program__is_template=False).first()
    Workout.objects.filter(pk=workout.pk).update(title="Changed")
    changed = StructureVersion.objects.get(program_id=workout.week.program_id).number
    assert changed > versions[workout.week.program_id]

    snapshot_restore(demo)

    assert dict(StructureVersion.objects.values_list("program_id", "number")) == versions
    # No trigger ran on the copied rows: a version the test saw is never handed out again.
    Workout.objects.filter(pk=workout.pk).update(title="Changed again")
    assert StructureVersion.objects.get(program_id=workout.week.program_id).number > changed


def test_a_transactional_test_leaves_its_rows_to_be_emptied(transactional_db):
    """The test after this one finds the seed again, and nothing of this one."""
    User.objects.create(username="committed")
    Program.objects.library().delete()


def test_the_seed_is_back_after_a_transactional_test(transactional_db):
    # Transactional as well: pytest-django runs every ordinary test before the first of these.
    assert not User.objects.filter(username="committed").exists()
    assert Program.objects.library().count() == len(LIBRARY)
    assert Band.objects.count() == len(seed.BANDS)
    assert Exercise.objects.count() == len(seed.EXERCISES)
    library = Program.objects.library().values("pk")
    assert StructureVersion.objects.filter(program_id__in=library).count() == len(LIBRARY)
