"""What the builder's tests share: a program built in a few lines, readings of what it holds
(with and without ids), and form data written with slugs and band names as a coach would."""

import re

from catalogue.models import Band, Exercise
from programs import services
from programs.models import BandRule, Prescription, Program, ProgramWeek, Workout

HTMX = {"HX-Request": "true"}
NORDIC = "band-assisted-nordic-curl"  # assist, reps
PRONE_CURL = "banded-prone-leg-curl"  # resist, reps
CURL_HOLD = "banded-isometric-leg-curl-hold"  # resist, held for seconds
ROMANIAN_DEADLIFT = "romanian-deadlift"  # no band


# Building programs


def exercise(slug: str) -> Exercise:
    return Exercise.objects.get(slug=slug)


def band(name: str) -> Band:
    return Band.objects.get(name=name)


def build_program(owner, *, weeks: int = 2, title: str = "Hamstring block") -> Program:
    """`weeks` weeks of one workout each: the assisted Nordic on Green (3 x 12/10/8), the prone
    leg curl on Black (3 x 8-10), the curl hold (2 x 30 s); and a band rule for the Nordic."""
    program = services.program_create(owner=owner, title=title)
    nordic, curl, hold = exercise(NORDIC), exercise(PRONE_CURL), exercise(CURL_HOLD)
    green, black = band("Green"), band("Black")
    for _ in range(weeks):
        week = services.week_add(program=program)
        workout = Workout.objects.create(week=week, day=1, title=f"Session {week.number}")
        Prescription.objects.create(
            workout=workout, exercise=nordic, order=1, sets=3, set_reps=[12, 10, 8], band=green
        )
        Prescription.objects.create(
            workout=workout, exercise=curl, order=2, sets=3, reps_min=8, reps_max=10, band=black
        )
        Prescription.objects.create(workout=workout, exercise=hold, order=3, sets=2, seconds=30)
    BandRule.objects.create(program=program, exercise=nordic, start_band=green)
    return program


def fill_weeks(program: Program, up_to: int = services.MAX_WEEKS) -> None:
    last = program.weeks.count()
    ProgramWeek.objects.bulk_create(
        ProgramWeek(program=program, number=number) for number in range(last + 1, up_to + 1)
    )


# Reading the results


def week_numbers(program: Program) -> list[tuple[int, str]]:
    return list(program.weeks.values_list("number", "focus"))


def rows(workout: Workout) -> list[tuple[int, str]]:
    return list(workout.prescriptions.values_list("order", "exercise__slug"))


def structure(program: Program) -> list:
    """What a program prescribes, without database ids: to compare a copy with its source."""
    return [
        (
            week.number,
            week.focus,
            week.is_deload,
            [
                (
                    workout.day,
                    workout.title,
                    workout.notes,
                    [
                        (
                            rx.exercise_id,
                            rx.order,
                            rx.sets,
                            rx.reps_min,
                            rx.reps_max,
                            rx.set_reps,
                            rx.seconds,
                            rx.per_side,
                            rx.tempo,
                            rx.rest_seconds,
                            rx.rpe_target,
                            rx.band_id,
                            rx.notes,
                        )
                        for rx in workout.prescriptions.all()
                    ],
                )
                for workout in week.workouts.all()
            ],
        )
        for week in program.weeks.prefetch_related("workouts__prescriptions")
    ] + [
        (
            rule.exercise_id,
            rule.mode,
            rule.start_band_id,
            rule.step_weeks,
            rule.sessions_to_advance,
            rule.rpe_ceiling,
            rule.pain_stop,
        )
        for rule in program.band_rules.all()
    ]


def snapshot(program: Program) -> tuple:
    """Everything the builder can change, ids included: to show an action changed nothing."""
    program.refresh_from_db()
    return (
        (program.title, program.summary, program.goal, program.owner_id, program.is_template),
        list(program.weeks.values_list("pk", "number", "focus", "is_deload")),
        list(Workout.objects.filter(week__program=program).order_by("pk").values()),
        list(Prescription.objects.filter(workout__week__program=program).order_by("pk").values()),
        list(program.band_rules.order_by("pk").values()),
    )


def first(program: Program, kind: str):
    """The first week, workout, prescription or band rule of a program."""
    week = program.weeks.first()
    workout = week.workouts.first()
    return {
        "week": week,
        "workout": workout,
        "prescription": workout.prescriptions.first(),
        "rule": program.band_rules.first(),
    }[kind]


def error_next_to(response, field: str) -> str:
    """The box of one form field (label, input, messages), which must be marked as in error."""
    match = re.search(
        rf'<div class="field has-error">\s*<label[^>]* for="id_{field}">.*?</div>',
        response.text,
        re.S,
    )
    assert match, f"no error shown next to {field!r}"
    return match[0]


# Posting forms


def form_data(data: dict | None) -> dict:
    """Form data written with exercise slugs and band names, sent as the ids a form posts."""
    data = dict(data or {})
    if isinstance(data.get("exercise"), str) and not data["exercise"].isdigit():
        data["exercise"] = exercise(data["exercise"]).pk
    for field in ("band", "start_band"):
        if data.get(field) and not str(data[field]).isdigit():
            data[field] = band(data[field]).pk
    return data


WORKOUT = {"day": 3, "title": "Second session", "notes": "After training."}
PRESCRIPTION = {
    "exercise": PRONE_CURL,
    "sets": 3,
    "target": "8-10",
    "tempo": "",
    "rest_seconds": 90,
    "rpe_target": "",
    "band": "Black",
    "notes": "",
}
RULE = {
    "exercise": PRONE_CURL,
    "mode": "scheduled",
    "start_band": "Purple",
    "step_weeks": 3,
    "sessions_to_advance": 2,
    "rpe_ceiling": 8,
    "pain_stop": 4,
}
