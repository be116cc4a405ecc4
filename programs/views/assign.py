"""Assigning a template to one athlete or a whole team."""

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.decorators import coach_required
from programs import actions, assignments
from programs.access import template_for_coach
from programs.assign_forms import AssignForm


@coach_required
@require_http_methods(["GET", "POST"])
def program_assign(request: HttpRequest, pk: int) -> HttpResponse:
    program = template_for_coach(request.user, pk)
    # A GET only chooses whom to assign to (it fills in the starting bands); a POST assigns.
    initial = {
        "target": request.GET.get("target", ""),
        "start_date": request.GET.get("start_date") or timezone.localdate(),
    }
    form = AssignForm(request.POST or None, coach=request.user, program=program, initial=initial)
    if request.method == "POST" and form.is_valid():
        athletes = form.chosen_athletes()
        try:
            actions.program_assign_many(
                coach=request.user,
                template=program,
                athletes=athletes,
                start_date=form.cleaned_data["start_date"],
                start_bands={athlete.pk: form.start_bands(athlete) for athlete in athletes},
                maintenance=form.maintenance_dose(),
                find_start_band=form.find_start_band(),
                team=form.chosen_team(),
            )
        except assignments.AlreadyAssigned as error:
            form.add_error("target", f"{error} End that assignment first; nothing was assigned.")
        except IntegrityError:  # the same assignment made at the same moment elsewhere
            form.add_error("target", "One of them already has this program; nothing was assigned.")
        else:
            names = ", ".join(str(athlete) for athlete in athletes)
            messages.success(request, f"{program.title} assigned to {names}.")
            return redirect("coaching:board")
    context = {"program": program, "form": form}
    if request.htmx and request.method == "GET":
        return render(request, "programs/assign.html#start-bands", context)
    return render(request, "programs/assign.html", context)
