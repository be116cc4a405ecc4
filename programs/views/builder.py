"""The program builder (coaches, on their own programs). Every edit saves on its own: htmx gets
back just the region it changed, a plain form post is redirected to the builder."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from accounts.decorators import coach_required
from programs import services
from programs.access import prescription_of, program_for_owner, rule_of, week_of, workout_of
from programs.forms import BandRuleForm, PrescriptionForm, ProgramForm, WeekForm, WorkoutForm
from programs.models import Prescription, Program, ProgramWeek, Workout
from programs.prefetch import (
    members_prefetch,
    rules_prefetch,
    weeks_prefetch,
    workouts_prefetch,
)
from web.htmx import HtmxHttpRequest, partial_or_redirect
from web.params import parse_id

BUILDER = "programs/builder.html"
FORM_PAGE = "programs/builder_form.html"


def builder_url(program: Program, anchor: str = "") -> str:
    return reverse("programs:builder", args=[program.pk]) + (f"#{anchor}" if anchor else "")


# After an edit: htmx gets the region it changed, a plain post goes back to the builder there.


def show_week_list(request: HtmxHttpRequest, program: Program, error: str = "") -> HttpResponse:
    def week_list() -> dict:
        program_weeks = Program.objects.prefetch_related(weeks_prefetch()).get(pk=program.pk)
        return {"program": program_weeks, "week_error": error}

    return partial_or_redirect(
        request,
        f"{BUILDER}#week-list",
        week_list,
        url=builder_url(program, "weeks"),
        notice=error,
        level=messages.ERROR,
    )


def show_week(request: HtmxHttpRequest, program: Program, week: ProgramWeek, error: str = ""):
    def week_card() -> dict:
        week_workouts = (
            ProgramWeek.objects.select_related("gate")
            .prefetch_related(workouts_prefetch())
            .get(pk=week.pk)
        )
        return {"program": program, "week": week_workouts, "card_error": error}

    return partial_or_redirect(
        request,
        f"{BUILDER}#week-card",
        week_card,
        url=builder_url(program, f"week-{week.pk}"),
        notice=error,
        level=messages.ERROR,
    )


def show_rules(request: HtmxHttpRequest, program: Program) -> HttpResponse:
    def band_rules() -> dict:
        return {"program": Program.objects.prefetch_related(rules_prefetch()).get(pk=program.pk)}

    return partial_or_redirect(
        request, f"{BUILDER}#band-rules", band_rules, url=builder_url(program, "band-rules")
    )


def show_form(request, program, form, *, title, action, target, cancel_anchor, status=200):
    """A builder form: the whole page without JavaScript, else only the form. A form sent
    back with errors replaces itself rather than the region it would have updated."""
    form_id = "form-" + action.strip("/").replace("/", "-")
    context = {
        "program": program,
        "form": form,
        "form_id": form_id,
        "title": title,
        "action": action,
        "target": target,
        "cancel_url": builder_url(program, cancel_anchor),
    }
    if not request.htmx:
        return render(request, FORM_PAGE, context, status=status)
    response = render(request, f"{FORM_PAGE}#builder-form", context)
    if request.method == "POST":
        response = reswap(retarget(response, f"#{form_id}"), "outerHTML")
    return response


@coach_required
@require_GET
def builder(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    programs = Program.objects.prefetch_related(
        weeks_prefetch(), rules_prefetch(), members_prefetch()
    )
    program = program_for_owner(request.user, pk, programs)
    return render(request, BUILDER, {"program": program})


@coach_required
@require_http_methods(["GET", "POST"])
def details_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        form.save()
        return partial_or_redirect(
            request,
            f"{BUILDER}#program-details",
            lambda: {"program": program},
            url=builder_url(program),
        )
    return show_form(
        request,
        program,
        form,
        title="Program details",
        action=request.path,
        target="#program-details",
        cancel_anchor="",
    )


# Weeks


@coach_required
@require_POST
def week_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    try:
        services.week_add(program=program)
    except services.ProgramFull as error:
        return show_week_list(request, program, str(error))
    return show_week_list(request, program)


@coach_required
@require_http_methods(["GET", "POST"])
def week_edit(request: HtmxHttpRequest, pk: int, week_pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    week = week_of(program, week_pk)
    form = WeekForm(request.POST or None, instance=week)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.week_update(
            week=week, focus=data["focus"], is_deload=data["is_deload"], gate=form.gate
        )
        return show_week(request, program, week)
    return show_form(
        request,
        program,
        form,
        title=f"Week {week.number}",
        action=request.path,
        target=f"#week-{week.pk}",
        cancel_anchor=f"week-{week.pk}",
    )


@coach_required
@require_GET
def week_card(request: HtmxHttpRequest, pk: int, week_pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    return show_week(request, program, week_of(program, week_pk))


@coach_required
@require_POST
def week_delete(request: HtmxHttpRequest, pk: int, week_pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    try:
        services.week_delete(week=week_of(program, week_pk))
    except services.HasHistory as error:
        return show_week_list(request, program, str(error))
    return show_week_list(request, program)


@coach_required
@require_POST
def week_move(request: HtmxHttpRequest, pk: int, week_pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    week = week_of(program, week_pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return show_week_list(request, program, "Move a week up or down.")
    services.week_move(week=week, direction=direction)
    return show_week_list(request, program)


@coach_required
@require_POST
def week_duplicate(request: HtmxHttpRequest, pk: int, week_pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    week = week_of(program, week_pk)
    try:
        services.week_duplicate(week=week, band_step=request.POST.get("band_step") == "1")
    except services.ProgramFull as error:
        return show_week_list(request, program, str(error))
    return show_week_list(request, program)


# Workouts


@coach_required
@require_http_methods(["GET", "POST"])
def workout_add(request: HtmxHttpRequest, pk: int, week_pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    week = week_of(program, week_pk)
    form = WorkoutForm(request.POST or None, instance=Workout(week=week))
    if request.method == "POST" and form.is_valid():
        services.workout_save(workout=form.instance)
        return show_week(request, program, week)
    return show_form(
        request,
        program,
        form,
        title=f"New workout in week {week.number}",
        action=request.path,
        target=f"#week-{week.pk}",
        cancel_anchor=f"week-{week.pk}",
    )


@coach_required
@require_http_methods(["GET", "POST"])
def workout_edit(request: HtmxHttpRequest, pk: int, workout_pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    workout = workout_of(program, workout_pk)
    form = WorkoutForm(request.POST or None, instance=workout)
    if request.method == "POST" and form.is_valid():
        services.workout_save(workout=form.instance)
        return show_week(request, program, workout.week)
    return show_form(
        request,
        program,
        form,
        title=f"Edit {workout.title}",
        action=request.path,
        target=f"#week-{workout.week_id}",
        cancel_anchor=f"week-{workout.week_id}",
    )


@coach_required
@require_POST
def workout_delete(request: HtmxHttpRequest, pk: int, workout_pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    workout = workout_of(program, workout_pk)
    try:
        services.workout_delete(workout=workout)
    except services.HasHistory as error:
        return show_week(request, program, workout.week, str(error))
    return show_week(request, program, workout.week)


# Prescriptions


@coach_required
@require_http_methods(["GET", "POST"])
def prescription_add(request: HtmxHttpRequest, pk: int, workout_pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    workout = workout_of(program, workout_pk)
    form = PrescriptionForm(request.POST or None, instance=Prescription(workout=workout))
    if request.method == "POST" and form.is_valid():
        services.prescription_save(prescription=form.instance)
        return show_week(request, program, workout.week)
    return show_form(
        request,
        program,
        form,
        title=f"Add an exercise to {workout.title}",
        action=request.path,
        target=f"#week-{workout.week_id}",
        cancel_anchor=f"week-{workout.week_id}",
    )


@coach_required
@require_http_methods(["GET", "POST"])
def prescription_edit(request: HtmxHttpRequest, pk: int, prescription_pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    prescription = prescription_of(program, prescription_pk)
    form = PrescriptionForm(request.POST or None, instance=prescription)
    week = prescription.workout.week
    if request.method == "POST" and form.is_valid():
        try:
            services.prescription_save(prescription=form.instance)
        except services.HasHistory as error:
            form.add_error(None, str(error))
        else:
            return show_week(request, program, week)
    return show_form(
        request,
        program,
        form,
        title=f"Edit {prescription.exercise}",
        action=request.path,
        target=f"#week-{week.pk}",
        cancel_anchor=f"week-{week.pk}",
    )


@coach_required
@require_POST
def prescription_delete(request: HtmxHttpRequest, pk: int, prescription_pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    prescription = prescription_of(program, prescription_pk)
    try:
        services.prescription_delete(prescription=prescription)
    except services.HasHistory as error:
        return show_week(request, program, prescription.workout.week, str(error))
    return show_week(request, program, prescription.workout.week)


@coach_required
@require_POST
def prescription_move(request: HtmxHttpRequest, pk: int, prescription_pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    prescription = prescription_of(program, prescription_pk)
    if request.POST.get("direction") in ("up", "down"):
        services.prescription_move(prescription=prescription, direction=request.POST["direction"])
    return show_week(request, program, prescription.workout.week)


# Band rules


@coach_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Set the band rule of one exercise (a new one, or replacing the one it had)."""
    program = program_for_owner(request.user, pk)
    exercise_pk = parse_id(request.GET.get("exercise"))
    existing = program.band_rules.filter(exercise_id=exercise_pk).first() if exercise_pk else None
    form = BandRuleForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        services.band_rule_set(
            program=program, exercise=fields.pop("exercise"), by=request.user, **fields
        )
        return show_rules(request, program)
    return show_form(
        request,
        program,
        form,
        title="Band rule",
        action=request.path,
        target="#band-rules",
        cancel_anchor="band-rules",
    )


@coach_required
@require_POST
def rule_delete(request: HtmxHttpRequest, pk: int, rule_pk: int) -> HttpResponse:
    program = program_for_owner(request.user, pk)
    services.band_rule_delete(rule=rule_of(program, rule_pk))
    return show_rules(request, program)
