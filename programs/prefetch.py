"""How the program pages read a whole program (weeks, workouts, prescriptions, gates, band
rules) in a fixed number of queries, whatever its size."""

from django.db.models import Prefetch

from programs.models import Assignment, BandRule, Prescription, ProgramWeek, Workout


def workouts_prefetch() -> Prefetch:
    """A week's workouts with their prescriptions: two queries, whatever the program's size."""
    prescriptions = Prescription.objects.select_related("exercise", "band")
    return Prefetch(
        "workouts", Workout.objects.prefetch_related(Prefetch("prescriptions", prescriptions))
    )


def weeks_prefetch() -> Prefetch:
    weeks = ProgramWeek.objects.select_related("gate")  # a stage's gate, none for most
    return Prefetch("weeks", weeks.prefetch_related(workouts_prefetch()))


def rules_prefetch() -> Prefetch:
    return Prefetch("band_rules", BandRule.objects.select_related("exercise", "start_band"))


def members_prefetch() -> Prefetch:
    """The athletes following a plan now (a squad's shares one copy): `program.members`, one
    query whatever their number."""
    members = Assignment.objects.open().select_related("athlete").order_by("athlete__first_name")
    return Prefetch("assignments", members, to_attr="members")
