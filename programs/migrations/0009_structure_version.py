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

CREATE FUNCTION programs_week_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN PERFORM programs_structure_changed(OLD.program_id); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM programs_structure_changed(NEW.program_id); END IF;
    RETURN NULL;
END $$;

-- A workout and a stage gate belong to a week.
CREATE FUNCTION programs_in_week_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM programs_structure_changed(
            (SELECT program_id FROM programs_programweek WHERE id = OLD.week_id));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM programs_structure_changed(
            (SELECT program_id FROM programs_programweek WHERE id = NEW.week_id));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION programs_prescription_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM programs_structure_changed(
            (SELECT week.program_id FROM programs_workout workout
             JOIN programs_programweek week ON week.id = workout.week_id
             WHERE workout.id = OLD.workout_id));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM programs_structure_changed(
            (SELECT week.program_id FROM programs_workout workout
             JOIN programs_programweek week ON week.id = workout.week_id
             WHERE workout.id = NEW.workout_id));
    END IF;
    RETURN NULL;
END $$;

-- Whether a workout holds a Nordic follows its exercises' pattern.
CREATE FUNCTION programs_exercise_pattern_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM programs_structure_changed(program_id) FROM (
        SELECT DISTINCT week.program_id FROM programs_prescription prescription
        JOIN programs_workout workout ON workout.id = prescription.workout_id
        JOIN programs_programweek week ON week.id = workout.week_id
        WHERE prescription.exercise_id = NEW.id
    ) AS programs;
    RETURN NULL;
END $$;

CREATE FUNCTION programs_program_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM programs_structureversion WHERE program_id = OLD.id;
    RETURN NULL;
END $$;

CREATE TRIGGER programs_week_changed AFTER INSERT OR UPDATE OR DELETE ON programs_programweek
    FOR EACH ROW EXECUTE FUNCTION programs_week_changed();
CREATE TRIGGER programs_workout_changed AFTER INSERT OR UPDATE OR DELETE ON programs_workout
    FOR EACH ROW EXECUTE FUNCTION programs_in_week_changed();
CREATE TRIGGER programs_stagegate_changed AFTER INSERT OR UPDATE OR DELETE ON programs_stagegate
    FOR EACH ROW EXECUTE FUNCTION programs_in_week_changed();
CREATE TRIGGER programs_prescription_changed
    AFTER INSERT OR UPDATE OR DELETE ON programs_prescription
    FOR EACH ROW EXECUTE FUNCTION programs_prescription_changed();
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
DROP FUNCTION programs_prescription_changed();
DROP FUNCTION programs_in_week_changed();
DROP FUNCTION programs_week_changed();
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
