"""A program's structure version, moved by PostgreSQL itself on every write to the structure
(see StructureVersion): triggers see every path, bulk writes, the admin and raw SQL included."""

from django.db import migrations, models

TRIGGERS = """
CREATE SEQUENCE programs_structureversion_seq;

CREATE FUNCTION programs_structure_changed(program bigint) RETURNS void LANGUAGE sql AS $$
    INSERT INTO programs_structureversion (program_id, number)
    SELECT program, nextval('programs_structureversion_seq') WHERE program IS NOT NULL
    ON CONFLICT (program_id) DO UPDATE SET number = EXCLUDED.number
$$;

CREATE FUNCTION programs_program_of_week(week bigint) RETURNS bigint LANGUAGE sql AS $$
    SELECT program_id FROM programs_programweek WHERE id = week
$$;

CREATE FUNCTION programs_program_of_workout(workout bigint) RETURNS bigint LANGUAGE sql AS $$
    SELECT week.program_id FROM programs_workout
    JOIN programs_programweek week ON week.id = programs_workout.week_id
    WHERE programs_workout.id = workout
$$;

-- The program a row of the structure belongs to, from its table and its fields.
CREATE FUNCTION programs_program_of(part text, fields jsonb) RETURNS bigint LANGUAGE sql AS $$
    SELECT CASE part
        WHEN 'programs_programweek' THEN (fields->>'program_id')::bigint
        WHEN 'programs_prescription'
            THEN programs_program_of_workout((fields->>'workout_id')::bigint)
        ELSE programs_program_of_week((fields->>'week_id')::bigint)  -- a workout, a stage gate
    END
$$;

CREATE FUNCTION programs_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM programs_structure_changed(programs_program_of(TG_TABLE_NAME, to_jsonb(OLD)));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM programs_structure_changed(programs_program_of(TG_TABLE_NAME, to_jsonb(NEW)));
    END IF;
    RETURN NULL;
END $$;

-- Whether a workout holds a Nordic follows its exercises' pattern.
CREATE FUNCTION programs_exercise_pattern_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM programs_structure_changed(program_id) FROM (
        SELECT DISTINCT programs_program_of_workout(workout_id) AS program_id
        FROM programs_prescription WHERE exercise_id = NEW.id
    ) AS programs;
    RETURN NULL;
END $$;

CREATE FUNCTION programs_program_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM programs_structureversion WHERE program_id = OLD.id;
    RETURN NULL;
END $$;

CREATE TRIGGER programs_week_changed AFTER INSERT OR UPDATE OR DELETE ON programs_programweek
    FOR EACH ROW EXECUTE FUNCTION programs_part_changed();
CREATE TRIGGER programs_workout_changed AFTER INSERT OR UPDATE OR DELETE ON programs_workout
    FOR EACH ROW EXECUTE FUNCTION programs_part_changed();
CREATE TRIGGER programs_stagegate_changed AFTER INSERT OR UPDATE OR DELETE ON programs_stagegate
    FOR EACH ROW EXECUTE FUNCTION programs_part_changed();
CREATE TRIGGER programs_prescription_changed
    AFTER INSERT OR UPDATE OR DELETE ON programs_prescription
    FOR EACH ROW EXECUTE FUNCTION programs_part_changed();
CREATE TRIGGER programs_exercise_pattern_changed AFTER UPDATE OF pattern ON catalogue_exercise
    FOR EACH ROW WHEN (OLD.pattern IS DISTINCT FROM NEW.pattern)
    EXECUTE FUNCTION programs_exercise_pattern_changed();
CREATE TRIGGER programs_program_deleted AFTER DELETE ON programs_program
    FOR EACH ROW EXECUTE FUNCTION programs_program_deleted();
"""

DROP = """
DROP TRIGGER programs_program_deleted ON programs_program;
DROP TRIGGER programs_exercise_pattern_changed ON catalogue_exercise;
DROP TRIGGER programs_prescription_changed ON programs_prescription;
DROP TRIGGER programs_stagegate_changed ON programs_stagegate;
DROP TRIGGER programs_workout_changed ON programs_workout;
DROP TRIGGER programs_week_changed ON programs_programweek;
DROP FUNCTION programs_program_deleted();
DROP FUNCTION programs_exercise_pattern_changed();
DROP FUNCTION programs_part_changed();
DROP FUNCTION programs_program_of(text, jsonb);
DROP FUNCTION programs_program_of_workout(bigint);
DROP FUNCTION programs_program_of_week(bigint);
DROP FUNCTION programs_structure_changed(bigint);
DROP SEQUENCE programs_structureversion_seq;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0002_seeded_values"),
        ("programs", "0008_season"),
    ]

    operations = [
        migrations.CreateModel(
            name="StructureVersion",
            fields=[
                ("program_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("number", models.BigIntegerField()),
            ],
        ),
        migrations.RunSQL(TRIGGERS, DROP),
    ]
