"""Reading programs: the library and one's own, the week-by-week plan; creating and copying."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import coach_required
from catalogue.access import exercise_for_user
from programs import services
from programs.access import program_for_user, template_for_coach
from programs.forms import ProgramForm
from programs.models import Program
from programs.prefetch import members_prefetch, rules_prefetch, weeks_prefetch
from web.htmx import HtmxHttpRequest


def is_open_copy(program: Program) -> bool:
    # A plan no one follows any more (history never goes: logs protect it) is simply not listed.
    return bool(program.members)


@login_required
def program_list(request: HtmxHttpRequest) -> HttpResponse:
    user = request.user
    programs = Program.objects.for_user(user).prefetch_related(members_prefetch())
    return render(
        request,
        "programs/program_list.html",
        {
            "library": [program for program in programs if program.is_library],
            "templates": [p for p in programs if p.is_template and not p.is_library],
            "copies": [p for p in programs if not p.is_template and is_open_copy(p)],
        },
    )


@login_required
@require_GET
def programs_using(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The templates a user can open that prescribe an exercise: a section of the exercise's
    page (htmx loads it there), and a page of its own without JavaScript."""
    exercise = exercise_for_user(request.user, slug)
    programs = (
        Program.objects.for_user(request.user)
        .filter(weeks__workouts__prescriptions__exercise=exercise, is_template=True)
        .distinct()
    )
    page = "programs/programs_using.html"
    template = f"{page}#program-links" if request.htmx else page
    return render(request, template, {"exercise": exercise, "programs": programs})


@login_required
def program_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    programs = Program.objects.prefetch_related(weeks_prefetch(), rules_prefetch())
    program = program_for_user(request.user, pk, programs)
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "can_edit": Program.objects.owned_by(request.user).filter(pk=program.pk).exists(),
        },
    )


@coach_required
@require_http_methods(["GET", "POST"])
def program_create(request: HtmxHttpRequest) -> HttpResponse:
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        program = services.program_create(owner=request.user, **form.cleaned_data)
        return redirect("programs:builder", pk=program.pk)
    return render(request, "programs/program_form.html", {"form": form})


@coach_required
@require_POST
def program_copy(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Copy a library program, or one of the coach's own, into a new template to edit."""
    source = template_for_coach(request.user, pk)
    copy = services.program_copy(program=source, owner=request.user)
    return redirect("programs:builder", pk=copy.pk)
