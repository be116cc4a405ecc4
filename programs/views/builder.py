"""The program builder (coaches, on their own programs). Every edit saves on its own: htmx gets
back just the region it changed, a plain form post is redirected to the builder."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from accounts.decorators import coach_required
from programs import services
from programs.forms import BandRuleForm, PrescriptionForm, ProgramForm, WeekForm, WorkoutForm
from programs.models import BandRule, Prescription, Program, ProgramWeek, Workout
from programs.views.library import rules_prefetch, weeks_prefetch, workouts_prefetch

BUILDER = "programs/builder.html"
FORM_PAGE = "programs/builder_form.html"


def own_program(request: HttpRequest, pk: int) -> Program:
    """The coach's own program, template or athlete copy; library programs are never edited
    in place, and everyone else's answer 404."""
    return get_object_or_404(Program.objects.filter(owner=request.user), pk=pk)


def builder_url(program: Program, anchor: str = "") -> str:
    return reverse("programs:builder", args=[program.pk]) + (f"#{anchor}" if anchor else "")


def show_week_list(request: HttpRequest, program: Program, error: str = "") -> HttpResponse:
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(builder_url(program, "weeks"))
    program = Program.objects.prefetch_related(weeks_prefetch()).get(pk=program.pk)
    return render(request, f"{BUILDER}#week-list", {"program": program, "week_error": error})


def show_week(request: HttpRequest, program: Program, week: ProgramWeek) -> HttpResponse:
    if not request.htmx:
        return redirect(builder_url(program, f"week-{week.pk}"))
    week = ProgramWeek.objects.prefetch_related(workouts_prefetch()).get(pk=week.pk)
    return render(request, f"{BUILDER}#week-card", {"program": program, "week": week})


def show_rules(request: HttpRequest, program: Program) -> HttpResponse:
    if not request.htmx:
        return redirect(builder_url(program, "band-rules"))
    program = Program.objects.prefetch_related(rules_prefetch()).get(pk=program.pk)
    return render(request, f"{BUILDER}#band-rules", {"program": program})


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
def builder(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_object_or_404(
        Program.objects.filter(owner=request.user).prefetch_related(
            weeks_prefetch(), rules_prefetch()
        ),
        pk=pk,
    )
    return render(request, BUILDER, {"program": program})


@coach_required
@require_http_methods(["GET", "POST"])
def details_edit(request: HttpRequest, pk: int) -> HttpResponse:
    program = own_program(request, pk)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        form.save()
        if not request.htmx:
            return redirect(builder_url(program))
        return render(request, f"{BUILDER}#program-details", {"program": program})
    return show_form(
        request, program, form, title="Program details", action=request.path,
        target="#program-details", cancel_anchor="",
    )  # fmt: skip


# Weeks


@coach_required
@require_POST
def week_add(request: HttpRequest, pk: int) -> HttpResponse:
    program = own_program(request, pk)
    try:
        services.week_add(program=program)
    except services.ProgramFull as error:
        return show_week_list(request, program, str(error))
    return show_week_list(request, program)


@coach_required
@require_http_methods(["GET", "POST"])
def week_edit(request: HttpRequest, pk: int, week_pk: int) -> HttpResponse:
    program = own_program(request, pk)
    week = get_object_or_404(program.weeks.all(), pk=week_pk)
    form = WeekForm(request.POST or None, instance=week)
    if request.method == "POST" and form.is_valid():
        services.week_update(week=week, **form.cleaned_data)
        return show_week(request, program, week)
    return show_form(
        request, program, form, title=f"Week {week.number}", action=request.path,
        target=f"#week-{week.pk}", cancel_anchor=f"week-{week.pk}",
    )  # fmt: skip


@coach_required
@require_GET
def week_card(request: HttpRequest, pk: int, week_pk: int) -> HttpResponse:
    program = own_program(request, pk)
    return show_week(request, program, get_object_or_404(program.weeks.all(), pk=week_pk))


@coach_required
@require_POST
def week_delete(request: HttpRequest, pk: int, week_pk: int) -> HttpResponse:
    program = own_program(request, pk)
    services.week_delete(week=get_object_or_404(program.weeks.all(), pk=week_pk))
    return show_week_list(request, program)


@coach_required
@require_POST
def week_move(request: HttpRequest, pk: int, week_pk: int) -> HttpResponse:
    program = own_program(request, pk)
    week = get_object_or_404(program.weeks.all(), pk=week_pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return show_week_list(request, program, "Move a week up or down.")
    services.week_move(week=week, direction=direction)
    return show_week_list(request, program)


@coach_required
@require_POST
def week_duplicate(request: HttpRequest, pk: int, week_pk: int) -> HttpResponse:
    program = own_program(request, pk)
    week = get_object_or_404(program.weeks.all(), pk=week_pk)
    try:
        services.week_duplicate(week=week, band_step=request.POST.get("band_step") == "1")
    except services.ProgramFull as error:
        return show_week_list(request, program, str(error))
    return show_week_list(request, program)


# Workouts


@coach_required
@require_http_methods(["GET", "POST"])
def workout_add(request: HttpRequest, pk: int, week_pk: int) -> HttpResponse:
    program = own_program(request, pk)
    week = get_object_or_404(program.weeks.all(), pk=week_pk)
    form = WorkoutForm(request.POST or None, instance=Workout(week=week))
    if request.method == "POST" and form.is_valid():
        services.workout_save(workout=form.instance)
        return show_week(request, program, week)
    return show_form(
        request, program, form, title=f"New workout in week {week.number}", action=request.path,
        target=f"#week-{week.pk}", cancel_anchor=f"week-{week.pk}",
    )  # fmt: skip


@coach_required
@require_http_methods(["GET", "POST"])
def workout_edit(request: HttpRequest, pk: int, workout_pk: int) -> HttpResponse:
    program = own_program(request, pk)
    workout = get_object_or_404(Workout.objects.filter(week__program=program), pk=workout_pk)
    form = WorkoutForm(request.POST or None, instance=workout)
    if request.method == "POST" and form.is_valid():
        services.workout_save(workout=form.instance)
        return show_week(request, program, workout.week)
    return show_form(
        request, program, form, title=f"Edit {workout.title}", action=request.path,
        target=f"#week-{workout.week_id}", cancel_anchor=f"week-{workout.week_id}",
    )  # fmt: skip


@coach_required
@require_POST
def workout_delete(request: HttpRequest, pk: int, workout_pk: int) -> HttpResponse:
    program = own_program(request, pk)
    workout = get_object_or_404(Workout.objects.filter(week__program=program), pk=workout_pk)
    week = workout.week
    workout.delete()
    return show_week(request, program, week)


# Prescriptions


@coach_required
@require_http_methods(["GET", "POST"])
def prescription_add(request: HttpRequest, pk: int, workout_pk: int) -> HttpResponse:
    program = own_program(request, pk)
    workout = get_object_or_404(
        Workout.objects.filter(week__program=program).select_related("week"), pk=workout_pk
    )
    form = PrescriptionForm(request.POST or None, instance=Prescription(workout=workout))
    if request.method == "POST" and form.is_valid():
        services.prescription_save(prescription=form.instance)
        return show_week(request, program, workout.week)
    return show_form(
        request, program, form, title=f"Add an exercise to {workout.title}", action=request.path,
        target=f"#week-{workout.week_id}", cancel_anchor=f"week-{workout.week_id}",
    )  # fmt: skip


@coach_required
@require_http_methods(["GET", "POST"])
def prescription_edit(request: HttpRequest, pk: int, prescription_pk: int) -> HttpResponse:
    program = own_program(request, pk)
    prescription = get_object_or_404(
        Prescription.objects.filter(workout__week__program=program).select_related(
            "workout__week", "exercise"
        ),
        pk=prescription_pk,
    )
    form = PrescriptionForm(request.POST or None, instance=prescription)
    week = prescription.workout.week
    if request.method == "POST" and form.is_valid():
        services.prescription_save(prescription=form.instance)
        return show_week(request, program, week)
    return show_form(
        request, program, form, title=f"Edit {prescription.exercise}", action=request.path,
        target=f"#week-{week.pk}", cancel_anchor=f"week-{week.pk}",
    )  # fmt: skip


def own_prescription(program: Program, prescription_pk: int) -> Prescription:
    return get_object_or_404(
        Prescription.objects.filter(workout__week__program=program).select_related("workout__week"),
        pk=prescription_pk,
    )


@coach_required
@require_POST
def prescription_delete(request: HttpRequest, pk: int, prescription_pk: int) -> HttpResponse:
    program = own_program(request, pk)
    prescription = own_prescription(program, prescription_pk)
    prescription.delete()
    return show_week(request, program, prescription.workout.week)


@coach_required
@require_POST
def prescription_move(request: HttpRequest, pk: int, prescription_pk: int) -> HttpResponse:
    program = own_program(request, pk)
    prescription = own_prescription(program, prescription_pk)
    if request.POST.get("direction") in ("up", "down"):
        services.prescription_move(prescription=prescription, direction=request.POST["direction"])
    return show_week(request, program, prescription.workout.week)


# Band rules


@coach_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the band rule of one exercise (a new one, or replacing the one it had)."""
    program = own_program(request, pk)
    exercise_pk = request.GET.get("exercise", "")
    existing = (
        program.band_rules.filter(exercise_id=exercise_pk).first()
        if exercise_pk.isdigit()
        else None
    )
    form = BandRuleForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        services.band_rule_set(program=program, exercise=fields.pop("exercise"), **fields)
        return show_rules(request, program)
    return show_form(
        request, program, form, title="Band rule", action=request.path,
        target="#band-rules", cancel_anchor="band-rules",
    )  # fmt: skip


@coach_required
@require_POST
def rule_delete(request: HttpRequest, pk: int, rule_pk: int) -> HttpResponse:
    program = own_program(request, pk)
    get_object_or_404(BandRule.objects.filter(program=program), pk=rule_pk).delete()
    return show_rules(request, program)
