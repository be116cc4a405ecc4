from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from accounts.decorators import coach_required
from accounts.models import Team
from coaching.pages.board import SORTS, board_rows, compliance_share, sort_rows
from web.htmx import HtmxHttpRequest

ROWS_PER_PAGE = 50


@coach_required
@require_GET
@vary_on_headers("HX-Request")
def board(request: HtmxHttpRequest) -> HttpResponse:
    teams = list(Team.objects.for_coach(request.user))
    team_id = request.GET.get("team", "")
    team = next((team for team in teams if str(team.pk) == team_id), None)
    sort = request.GET.get("sort", "flags")
    if sort.lstrip("-") not in SORTS:
        sort = "flags"
    rows = board_rows(request.user, today=timezone.localdate(), team_id=team.pk if team else None)
    # Every athlete is sorted; a page shows 50, which also keeps rendering cheap.
    page = Paginator(sort_rows(rows, sort), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    compliant, judged = compliance_share(rows)
    context = {
        "rows": page,
        "page": page,
        "teams": teams,
        "team": team,
        "sort": sort,
        "compliant": compliant,
        "judged": judged,
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "coaching/board.html#roster", context)
    return render(request, "coaching/board.html", context)
