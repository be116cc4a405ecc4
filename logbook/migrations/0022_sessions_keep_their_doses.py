"""Every session begun before sessions copied their doses gets them now: each prescription's
dose as the plan holds it (`programs.doses.doses_for`'s "prescribed"), so a builder edit of a
workout someone has done changes only the sessions to come. An entry a session already has
(a cut, an own dose, a copy) is kept."""

from django.db import migrations

FORWARD = """
UPDATE logbook_workoutlog AS log
SET doses = log.doses || doses_now.doses
FROM (
    SELECT log.id,
           jsonb_object_agg(
               p.id::text,
               jsonb_build_object(
                   'prescribed',
                   jsonb_build_object(
                       'sets', p.sets,
                       'set_reps', to_jsonb(p.set_reps),
                       'reps_min', p.reps_min,
                       'reps_max', p.reps_max,
                       'seconds', p.seconds
                   )
               ) || COALESCE(log.doses -> p.id::text, '{}'::jsonb)
           ) AS doses
    FROM logbook_workoutlog AS log
    JOIN programs_prescription AS p ON p.workout_id = log.workout_id
    WHERE log.workout_id IS NOT NULL
    GROUP BY log.id
) AS doses_now
WHERE doses_now.id = log.id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("logbook", "0021_strength_test_setup"),
        ("programs", "0017_assignment_overrides"),
    ]

    operations = [migrations.RunSQL(FORWARD, migrations.RunSQL.noop)]
