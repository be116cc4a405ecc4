"""How the athlete's workout views answer, shared by the page's views (`logbook.views.workout`)
and the set views (`logbook.views.sets`): the workout and assignment a request names (for the
occurrence in `?n=`), its log, the whole page, and one set's row."""

from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from logbook.links import occurrence_of, occurrence_query
from logbook.pages.calendar import FARTHEST
from logbook.pages.set_row import set_row
from logbook.pages.state import athlete_state
from logbook.pages.workout import BandMenu, SetRow, build_cards
from logbook.set_forms import CheckInForm, FinishForm, PainStopForm
from logbook.start_band import start_band_due
from logbook.workout_reads import all_bands
from programs.access import workout_for_athlete
from programs.dating import occurrences_begun, scheduled_on
from programs.progression import STOP_LOADING
from programs.schedule import workout_day
from web.htmx import HtmxHttpRequest

PAGE = "logbook/workout.html"


def workout_url(workout, row: SetRow | None = None, name="logbook:workout") -> str:
    """The workout's page (or one of its actions), for the occurrence the workout was read for
    (`occurrence_of`): a repeating week's later weeks carry `?n=`."""
    url = reverse(name, args=[workout.pk]) + occurrence_query(workout.occurrence)
    return f"{url}#{row.dom_id}" if row else url


def athlete_workout(request, pk: int):
    """The athlete's workout and assignment, for the occurrence in `?n=` (1 without it). A
    repeating week's occurrence is logged once its week has begun, or the next one (worked a
    few days early); its page reads as far ahead as the calendar links to it. Anything later
    is not found: no row for a week decades away, no date past the calendar's end."""
    occurrence = occurrence_of(request)
    workout, assignment = workout_for_athlete(request.user, pk, occurrence)
    today = timezone.localdate()
    by = today + FARTHEST if request.method == "GET" else today
    if occurrence > 1 and occurrence > occurrences_begun(assignment, workout, by) + 1:
        raise Http404("That week's workout is not open yet.")
    workout.occurrence = occurrence
    assignment.athlete = request.user  # the athlete it was read for: no query for them again
    return workout, assignment


def visit(request, workout, assignment) -> dict:
    """Who acts on which session, and when, as `logbook.actions` take it: the athlete, the
    assignment, the workout at the occurrence the request named, today."""
    return {
        "athlete": request.user,
        "assignment": assignment,
        "workout": workout,
        "occurrence": workout.occurrence,
        "today": timezone.localdate(),
    }


def render_page(
    request,
    workout,
    assignment,
    *,
    log=None,
    refused: SetRow | None = None,
    finish_form=None,
    extra=None,
    check_in_form=None,
    status=200,
):
    state = athlete_state(request.user, timezone.localdate())
    cards = build_cards(
        workout=workout, assignment=assignment, log=log, extra=extra, paused=state["pain_pause"]
    )
    if refused is not None:  # show the refused row with its message in place
        for card in cards:
            for index, row in enumerate(card.rows):
                if row.dom_id == refused.dom_id:
                    card.rows[index] = refused
    context = {
        "workout": workout,
        "assignment": assignment,
        "log": log,
        "cards": cards,
        "bands": BandMenu(all_bands()),
        "create_url": workout_url(workout, name="logbook:set-create"),
        "finish_form": finish_form or FinishForm(),
        "day": workout_day(  # the one rule: the day it was begun, else its scheduled day
            scheduled=scheduled_on(assignment, workout, workout.occurrence),
            done_on=log.performed_on if log else None,
        ),
        **state,
        "start_band_due": start_band_due(
            assignment=assignment,
            cards=cards,
            paused=bool(state["pain_warning"]) or state["pain_pause"] is not None,
        ),
        "check_in_form": check_in_form
        or (None if log and hasattr(log, "check_in") else CheckInForm()),
        "pain_stop_url": workout_url(workout, name="logbook:pain-stop"),
        "pain_stop_fields": pain_stop_fields(),
        "stop_loading": STOP_LOADING,
    }
    return render(request, PAGE, context, status=status)


def pain_stop_fields() -> str:
    """The pain stop's questions, the same on every exercise card: written once per page.
    Without ids, its radios and select sit inside their labels, and no id repeats."""
    form = PainStopForm(auto_id=False)
    return render_to_string(f"{PAGE}#pain-stop-fields", {"pain_stop_form": form})


def row_context(row: SetRow, workout) -> dict:
    """What a set row's partial reads, on a page of its own (a set edited without htmx)."""
    return {
        "row": row,
        "workout": workout,
        "bands": BandMenu(all_bands()),
        "create_url": workout_url(workout, name="logbook:set-create"),
    }


def row_html(request, row: SetRow, workout, bands: BandMenu | None = None) -> str:
    """A set row alone, as htmx swaps it in: written in Python (`set_row`), as the page's
    partial writes it, without a template's render (the set POST answers with one)."""
    return set_row(
        row,
        create_url=workout_url(workout, name="logbook:set-create"),
        bands=bands or BandMenu(all_bands()),
        csrf_token=get_token(request),  # as the csrf context processor gives it
    )


def render_row(request, row: SetRow, workout) -> HttpResponse:
    return HttpResponse(row_html(request, row, workout))


def show_row(request: HtmxHttpRequest, row: SetRow, workout) -> HttpResponse:
    """After a change to a set: htmx swaps its row, a plain post goes back to it (the rule of
    `web.htmx.partial_or_redirect`, with the row written in Python)."""
    if request.htmx:
        return render_row(request, row, workout)
    return redirect(workout_url(workout, row))
