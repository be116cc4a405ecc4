"""Programs as files: export any program the user may read, import a file as a coach's own
template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import coach_required
from programs import sharing
from programs.access import program_for_user
from programs.forms import ProgramImportForm
from web.htmx import UNPROCESSABLE, HtmxHttpRequest


@login_required
@require_GET
@cache_control(private=True, no_store=True)  # an athlete's own copy is personal; no shared cache
def program_export(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    program = program_for_user(request.user, pk)
    return HttpResponse(
        sharing.program_to_json(program),
        content_type="application/json; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, f"{program.slug}.json")},
    )


@coach_required
@require_http_methods(["GET", "POST"])
def program_import(request: HtmxHttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "programs/program_import.html", {"form": ProgramImportForm()})
    form = ProgramImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            program = sharing.program_import(data=form.cleaned_data["file"], owner=request.user)
        except sharing.ImportRefused as refused:
            form.add_error("file", refused.problems)
        else:
            messages.success(request, f"Imported “{program.title}”: it is your template now.")
            return redirect("programs:builder", pk=program.pk)
    context = {"form": form}
    return render(request, "programs/program_import.html", context, status=UNPROCESSABLE)
