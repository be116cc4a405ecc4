"""The coach's board, and what the coach does from an athlete's row: open the row's band forms,
set a band, answer the engine's suggested step. Each answer is the action the athlete page
calls (`coaching.actions`); htmx gets the athlete's row back, a plain form comes back to the
row on the board, its team, sort and page kept."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.decorators import coach_required
from accounts.models import Team
from catalogue.models import Band
from catalogue.words import on_band
from coaching import actions
from coaching.forms import BandSetForm
from coaching.pages.athlete import band_form
from coaching.pages.board import (
    SORTS,
    band_forms,
    board_rows,
    board_teams,
    compliance_share,
    sort_rows,
)
from programs.access import suggestion_for_coach, track_for_coach
from programs.models import BandTrack
from web.htmx import UNPROCESSABLE, HtmxHttpRequest, partial_or_redirect
from web.replica import replica_reads

ROWS_PER_PAGE = 50
PAGE = "coaching/board.html"
ROW = f"{PAGE}#athlete-row"
BOARD_PARAMS = ("team", "group", "sort", "page")  # what a way back to the board keeps


def board_query(params) -> str:
    """The board's own parameters, as a query string: nothing else a `back` field carries
    (another address, an opened row) survives."""
    return urlencode([(key, params[key]) for key in BOARD_PARAMS if params.get(key)])


def back_of(request: HtmxHttpRequest) -> str:
    """Where on the board the row's form came from (its `back` field)."""
    return board_query(QueryDict(request.POST.get("back") or request.GET.get("back", "")))


def row_url(query: str, athlete_id: int, *, opened: bool = False) -> str:
    """The athlete's row on the board, its band forms open if asked."""
    query = "&".join(part for part in (query, f"set={athlete_id}" if opened else "") if part)
    return f"{reverse('coaching:board')}{'?' if query else ''}{query}#athlete-{athlete_id}"


def board_context(coach, params, *, bound: BandSetForm | None = None) -> dict:
    """The board as `params` (team, group, sort, page, set: the opened row) ask for it; `bound`,
    a band form sent back with its errors, opens its athlete's row. A group shows its team's
    athletes ticked in it; an id that is not one of the coach's teams or groups is ignored."""
    teams = board_teams(coach)
    team_id, group_id = params.get("team", ""), params.get("group", "")
    groups = [group for each in teams for group in each.board_groups]
    group = next((group for group in groups if str(group.pk) == group_id), None)
    team = group.team if group else next((each for each in teams if str(each.pk) == team_id), None)
    sort = params.get("sort", "flags")
    if sort.lstrip("-") not in SORTS:
        sort = "flags"
    rows = board_rows(
        coach,
        today=timezone.localdate(),
        team_id=team.pk if team else None,
        group_id=group.pk if group else None,
    )
    # Every athlete is sorted; a page shows 50, which also keeps rendering cheap.
    page = Paginator(sort_rows(rows, sort), ROWS_PER_PAGE).get_page(params.get("page"))
    opened = str(bound.track.assignment.athlete_id) if bound else params.get("set")
    for row in page:
        if str(row.athlete.pk) == opened:
            row.band_forms = band_forms(row, bound=bound)
    compliant, judged = compliance_share(rows)
    shown = team or (teams[0] if len(teams) == 1 else None)  # whose groups the filter offers
    filters = {"team": team.pk if team else ""}
    if group:
        filters["group"] = group.pk
    return {
        "rows": page,
        "page": page,
        "teams": teams,
        "many_teams": len(teams) > 1,
        "team": team,
        "group": group,
        "groups": shown.board_groups if shown else [],
        "filters": urlencode(filters),  # the team and group, for the sort and page links
        "sort": sort,
        "query": board_query(params),
        "compliant": compliant,
        "judged": judged,
    }


@coach_required
@require_GET
@vary_on_headers("HX-Request")
@replica_reads
def board(request: HtmxHttpRequest) -> HttpResponse:
    context = board_context(request.user, request.GET)
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{PAGE}#roster", context)
    return render(request, PAGE, context)


def row_context(coach, athlete_id: int, *, query: str, opened: bool = False, bound=None) -> dict:
    """One athlete's row as the board shows it; 404 for an athlete of no team of the coach."""
    rows = board_rows(coach, today=timezone.localdate(), athlete_id=athlete_id)
    if not rows:
        raise Http404("No such athlete.")
    [row] = rows
    if opened or bound:
        row.band_forms = band_forms(row, bound=bound)
    many_teams = Team.objects.for_coach(coach)[:2].count() > 1
    return {"row": row, "many_teams": many_teams, "query": query}


@coach_required
@require_GET
def board_row(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The athlete's row, its band forms open (`set`) or closed again; without htmx, the board
    at that row."""
    query, opened = back_of(request), bool(request.GET.get("set"))
    context = row_context(request.user, pk, query=query, opened=opened)
    if not request.htmx:
        return redirect(row_url(query, pk, opened=opened))
    return render(request, ROW, context)


def row_answer(request: HtmxHttpRequest, athlete_id: int, notice: str) -> HttpResponse:
    """htmx: the athlete's row, the notice under it; a plain form: back to the row."""
    query = back_of(request)
    return partial_or_redirect(
        request,
        ROW,
        lambda: row_context(request.user, athlete_id, query=query),
        notice=notice,
        url=row_url(query, athlete_id),
    )


@coach_required
@require_POST
def row_band_set(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The coach moves a band from the board's row, with the reason the athlete reads."""
    track = track_for_coach(request.user, pk)
    form = band_form(track, list(Band.objects.ladder()), request.POST)
    athlete_id = track.assignment.athlete_id
    if not form.is_valid():
        if request.htmx:
            context = row_context(request.user, athlete_id, query=back_of(request), bound=form)
            return render(request, ROW, context)
        context = board_context(request.user, QueryDict(back_of(request)), bound=form)
        return render(request, PAGE, context, status=UNPROCESSABLE)
    band = form.cleaned_data["band"]
    actions.band_set(coach=request.user, track=track, band=band, reason=form.cleaned_data["reason"])
    where = on_band(band.name if band else None)
    athlete = track.assignment.athlete
    return row_answer(request, athlete_id, f"Set for {athlete}: {track.exercise} now {where}.")


@coach_required
@require_POST
def row_suggestion_decide(request: HtmxHttpRequest, pk: int, decision: str) -> HttpResponse:
    """Approve (the band changes from the next session) or decline the engine's step on."""
    if decision not in ("approve", "decline"):
        raise Http404("No such decision.")
    change = suggestion_for_coach(request.user, pk)
    actions.suggestion_decide(coach=request.user, change=change, approve=decision == "approve")
    athlete = change.track.assignment.athlete
    track = BandTrack.objects.select_related("exercise", "band").get(pk=change.track_id)
    where = on_band(track.band.name if track.band else None)
    if decision == "approve":
        notice = f"Approved for {athlete}: {track.exercise} {where} from the next session."
    else:
        notice = f"Declined for {athlete}: {track.exercise} stays {where}."
    return row_answer(request, change.track.assignment.athlete_id, notice)
