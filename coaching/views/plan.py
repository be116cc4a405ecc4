"""One athlete's own plan: how it differs from the plan their squad shares (a later start, a
dose, an exercise left out with a substitute, a workout moved), each change made or taken back
here by one action (`programs.actions`) and shown as differing from the squad. Sessions already
begun keep what they began with. Another coach's assignment answers 404."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import coach_required
from coaching.plan_forms import DoseForm, LeaveOutForm, MoveForm
from programs import actions, overrides
from programs.access import assignment_for_coach
from programs.models import Assignment
from web.htmx import UNPROCESSABLE, HtmxHttpRequest

PAGE = "coaching/plan.html"
FORMS = {"dose": DoseForm, "leave-out": LeaveOutForm, "move": MoveForm}


@coach_required
@require_GET
def plan(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    assignment = assignment_for_coach(request.user, pk)
    return render(request, PAGE, context(assignment))


@coach_required
@require_POST
def plan_change(request: HtmxHttpRequest, pk: int, change: str) -> HttpResponse:
    """A dose, an exercise left out or a workout moved, for this athlete only."""
    assignment = assignment_for_coach(request.user, pk)
    form_class = FORMS.get(change)
    if form_class is None:
        raise Http404("No such change.")
    if not assignment.is_open:
        messages.warning(request, "Nothing changed: this plan has ended.")
        return redirect("coaching:plan", pk=assignment.pk)
    form = form_class(request.POST, assignment=assignment)
    if not form.is_valid():
        page = context(assignment) | {f"{change.replace('-', '_')}_form": form}
        return render(request, PAGE, page, status=UNPROCESSABLE)
    data, coach = form.cleaned_data, request.user
    if change == "dose":
        actions.dose_set(coach=coach, assignment=assignment, **data)
        said = f"{data['sets']} x {data['reps']} of {data['prescription'].exercise.name}"
    elif change == "leave-out":
        actions.exercise_leave_out(coach=coach, assignment=assignment, **data)
        said = f"{data['prescription'].exercise.name} left out"
    else:
        actions.workout_move(coach=coach, assignment=assignment, **data)
        said = f"{data['workout'].title} moved"
    messages.success(request, f"{said} for {assignment.athlete}: differs from the squad.")
    return redirect("coaching:plan", pk=assignment.pk)


@coach_required
@require_POST
def plan_restore(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One change taken back: the athlete follows the squad's plan there again."""
    assignment = assignment_for_coach(request.user, pk)
    kind, key = request.POST.get("kind", ""), request.POST.get("key", "")
    known = {(item.kind, item.key) for item in overrides.differences(assignment)}
    if (kind, key) in known:
        actions.override_remove(coach=request.user, assignment=assignment, kind=kind, key=key)
        messages.success(request, f"{assignment.athlete} follows the squad's plan there again.")
    return redirect("coaching:plan", pk=assignment.pk)


def context(assignment: Assignment) -> dict:
    return {
        "assignment": assignment,
        "athlete": assignment.athlete,
        "differences": overrides.differences(assignment),
        "dose_form": DoseForm(assignment=assignment),
        "leave_out_form": LeaveOutForm(assignment=assignment),
        "move_form": MoveForm(assignment=assignment),
    }
