"""A workout's day and today's workout card, written in Python: every page that dates a workout
writes its day, and today writes a card for each workout due; as templates (an include each,
`{% now %}` and four date filters a day) they cost more than the rest of today's logic. The same
HTML the templates wrote, values escaped as the templates escaped them."""

from datetime import date

from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString, mark_safe

from logbook.links import occurrence_query
from programs.schedule import WorkoutDay


def workout_day(day: WorkoutDay, *, this_year: int) -> SafeString:
    """The day a workout is shown on, by the one rule (`programs.schedule.workout_day`): the
    day it was done, and the day it was scheduled for beside it when that differs. The year
    shows only when it is not this one."""
    scheduled = ""
    if day.scheduled_for:
        scheduled = (
            ' <span class="scheduled-for">· scheduled for '
            f"{day_time(day.scheduled_for, this_year)}</span>"
        )
    return mark_safe(f'<span class="workout-day">{day_time(day.on, this_year)}{scheduled}</span>')


def day_time(day: date, this_year: int) -> str:
    shown = date_format(day, "D j M" if day.year == this_year else "D j M Y")
    return f'<time datetime="{date_format(day, "Y-m-d")}">{shown}</time>'


def today_card(item, *, today: date, this_year: int) -> SafeString:
    """One workout due (`logbook.pages.today.DueWorkout`): its day, title, program and week,
    its exercises with the band to use, and the way in."""
    url = reverse("logbook:workout", args=(item.workout.pk,)) + occurrence_query(item.occurrence)
    when = item.when
    said = (
        ("Today · " if when.on == today else "")
        + workout_day(when, this_year=this_year)
        + (" · in progress" if item.started else "")
    )
    exercises = "".join(
        f"\n      <li>{exercise_line(prescription, band)}</li>\n    "
        for prescription, band in item.exercises
    )
    return mark_safe(
        f'<a class="card today-workout" href="{url}">\n'
        f'  <span class="when">{said}</span>\n'
        f'  <strong class="row-title">{escape(item.workout.title)}</strong>\n'
        f'  <span class="muted">{escape(item.assignment.program.title)} · '
        f"{escape(item.workout.week.label.lower())}</span>\n"
        f'  <ul class="plain-list today-exercises">\n    {exercises}\n  </ul>\n'
        f'  <span class="button primary wide">{"Carry on" if item.started else "Start"}</span>\n'
        "</a>\n"
    )


def exercise_line(prescription, band) -> str:
    exercise = prescription.exercise
    swatch = ""
    if band:
        swatch = (
            '<svg class="swatch" width="28" height="28" viewBox="0 0 28 28" aria-hidden="true" '
            f'focusable="false"><rect x="1" y="1" width="26" height="26" rx="6" '
            f'fill="{escape(band.hex)}" stroke="#00000033" stroke-width="2"/></svg>\n'
        )
    uses = f"{escape(band.name)} band" if band else escape(exercise.no_band_label.lower())
    return (
        f"{swatch}<span><strong>{escape(exercise.name)}</strong><br>"
        f"{escape(prescription.volume_text())} · {uses}</span>"
    )
