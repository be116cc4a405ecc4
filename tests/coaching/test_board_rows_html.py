"""The board's rows as a coach reads them, on a squad with every kind of row: flags (one and
several), a step waiting for the coach, no program, a return-to-play stage, a paused program,
a strength test, a name that needs escaping, an athlete in two teams. Each row's cells, titles,
links and forms, and the rows' order, are the ones the board showed when a template wrote them
(coaching/templatetags/board.py writes them now)."""

from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest

from accounts.models import Membership, Team
from logbook.models import Flag, StrengthTest
from programs.assignments import assignment_pause
from tests.coaching.athletes import HTMX, assign, log_workout, suggest, workouts_of
from tests.conftest import make_user
from tests.programs.stages import assign_l_protocol, do_stage

NORDIC = "Band-assisted Nordic, 10 weeks"
LOW = "low compliance over the last 4 weeks"
LOW_TAG = "span.title=Nordics: low compliance over the last 4 weeks (Ripley 2021)"
CURL = "span.title=Band-assisted Nordic curl"


@pytest.fixture(autouse=True)
def thursday_19_november(time_machine):
    time_machine.move_to(datetime(2026, 11, 19, 12, tzinfo=UTC), tick=False)


class BoardReader(HTMLParser):
    """Per athlete (their tbody's id): the row's class and each cell's label, text (markup
    gone, spaces collapsed), title, and the titles and addresses inside it."""

    def __init__(self):
        super().__init__()
        self.rows: dict[str, dict] = {}
        self.row: dict | None = None
        self.cell: dict | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "tbody" and found.get("class") == "athlete":
            self.row = self.rows[found["id"]] = {"cells": []}
        elif self.row is None:
            return
        elif tag == "tr":
            self.row["read"] = "athlete-row" in (found.get("class") or "")  # not the forms' line
            self.row.setdefault("class", found.get("class"))
        elif tag in ("th", "td") and self.cell is None and self.row["read"]:
            label = found.get("data-label", tag)
            self.cell = {"label": label, "title": found.get("title"), "text": [], "to": []}
        elif self.cell is not None:
            for key in ("href", "hx-get", "hx-post", "action", "title"):
                if key in found:
                    self.cell["to"].append(f"{tag}.{key}={found[key]}")

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"].append(data)

    def handle_endtag(self, tag):
        if self.cell is not None and tag in ("th", "td"):
            self.cell["text"] = " ".join("".join(self.cell["text"]).split())
            self.row["cells"].append(self.cell)
            self.cell = None
        elif tag == "tbody":
            self.row = None


def rows_of(html: str) -> dict[str, dict]:
    reader = BoardReader()
    reader.feed(html)
    return reader.rows


def cells(row: dict) -> list[tuple]:
    return [(cell["label"], cell["text"], cell["title"], cell["to"]) for cell in row["cells"]]


def empty_program() -> list[tuple]:
    return [
        ("Program", "No program assigned.", None, []),
        ("7 days", "—", None, []),
        ("28 days", "—", None, []),
        ("Last workout", "none yet", None, []),
        ("Nordics", "0 this wkweek", "0 Nordic sessions this week", []),
        ("Strength", "—", None, []),
        ("Bands", "—", None, []),
    ]


def set_link(pk: int, query: str = "") -> list[str]:
    board = f"/coach/?{query}&set={pk}" if query else f"/coach/?set={pk}"
    back = query.replace("=", "%3D").replace("&", "%26")
    return [
        f"a.href={board}#athlete-{pk}",
        f"a.hx-get=/coach/board/athletes/{pk}/?set=1&back={back}",
    ]


@pytest.fixture
def squad(library, coach, team, athlete):
    """Alex, Eve, Ben, Cara and Dee, as the module's docstring tells."""
    reserves = Team.objects.create(coach=coach, name="Reserves & <Co>")
    alex = assign(athlete, coach, start=date(2026, 10, 1))
    done = [w for w in workouts_of(alex) if w.scheduled_on(alex.start_date) <= date(2026, 11, 18)]
    for workout in [*done[:5], *done[-4:-1]]:
        log_workout(alex, workout, on=workout.scheduled_on(alex.start_date))
    change = suggest(alex.tracks.get())
    Flag.objects.create(athlete=athlete, kind="pain", detail="Pain 6/10 after Day 1")
    Flag.objects.create(athlete=athlete, kind="missed_week", detail="No workout in 7 days")
    ben = make_user("ben", first_name="Ben", last_name="O'Neil <b>")
    Membership.objects.create(team=team, athlete=ben)
    Membership.objects.create(team=reserves, athlete=ben)
    cara = make_user("cara", first_name="Cara")
    Membership.objects.create(team=reserves, athlete=cara)
    do_stage(
        assign_l_protocol(cara, coach, start=date(2026, 11, 2)), 1, sessions=4, on=date(2026, 11, 3)
    )
    dee = make_user("dee")
    Membership.objects.create(team=team, athlete=dee)
    paused = assign(dee, coach, start=date(2026, 10, 20))
    log_workout(paused, workouts_of(paused)[0], on=date(2026, 10, 20))
    assignment_pause(assignment=paused, today=date(2026, 11, 10))
    eve = make_user("eve", first_name="Eve")
    Membership.objects.create(team=team, athlete=eve)
    assign(eve, coach, start=date(2026, 11, 9))
    for on, left, right in ((date(2026, 11, 2), 300, 280), (date(2026, 11, 12), 310, 295.6)):
        StrengthTest.objects.create(
            athlete=eve,
            on_date=on,
            phase="in_season",
            method="nordbord",
            left=left,
            right=right,
            entered_by=coach,
        )
    Flag.objects.create(athlete=eve, kind="pain", detail="Pain 5/10")
    return {"alex": athlete, "ben": ben, "cara": cara, "dee": dee, "eve": eve, "change": change}


def test_each_row_shows_its_cells_links_and_forms_flagged_first(coach_client, squad):
    alex, ben, cara, dee, eve = (squad[name].pk for name in ("alex", "ben", "cara", "dee", "eve"))
    change = squad["change"].pk
    rows = rows_of(coach_client.get("/coach/").text)
    assert list(rows) == [f"athlete-{pk}" for pk in (alex, eve, ben, cara, dee)]
    assert [rows[f"athlete-{pk}"]["class"] for pk in (alex, eve, ben)] == [
        "athlete-row flagged",
        "athlete-row flagged",
        "athlete-row",
    ]
    decide = [
        f"/coach/board/suggestions/{change}/approve/",
        f"/coach/board/suggestions/{change}/decline/",
    ]
    assert cells(rows[f"athlete-{alex}"]) == [
        ("th", "Alex Squad", None, [f"a.href=/coach/athletes/{alex}/", "a.title=Alex"]),
        (
            "Flags",
            "Pain · Missed a week +1 See and acknowledge them on Alex's page",
            None,
            [
                f"details.hx-get=/coach/athletes/{alex}/flags/",
                "summary.title=Pain · Missed a week",
                f"a.href=/coach/athletes/{alex}/#flags-heading",
            ],
        ),
        ("Program", f"Week 8 · {NORDIC}", NORDIC, []),
        ("7 days", "50%", None, []),
        ("28 days", "27%", None, []),
        ("Last workout", "14 Nov", None, []),
        (
            "Nordics",
            "0 this wkweek · 5 d ago low compliance",
            f"0 Nordic sessions this week, the last 5 days ago; {LOW}",
            [LOW_TAG],
        ),
        ("Strength", "—", None, []),
        (
            "Bands",
            "Purple Suggested: purple band Approve the purple band for Alex "
            "Decline the purple band for Alex Set a band for Alex",
            None,
            [
                CURL,
                f"span.title={squad['change'].reason}",
                f"form.hx-post={decide[0]}",
                f"form.action={decide[0]}",
                f"form.hx-post={decide[1]}",
                f"form.action={decide[1]}",
                *set_link(alex),
            ],
        ),
    ]
    assert cells(rows[f"athlete-{eve}"])[1:] == [
        (
            "Flags",
            "Pain See and acknowledge them on Eve's page",
            None,
            [
                f"details.hx-get=/coach/athletes/{eve}/flags/",
                "summary.title=Pain",
                f"a.href=/coach/athletes/{eve}/#flags-heading",
            ],
        ),
        ("Program", f"Week 2 · {NORDIC}", NORDIC, []),
        ("7 days", "0%", None, []),
        ("28 days", "0%", None, []),
        ("Last workout", "none yet", None, []),
        (
            "Nordics",
            "0 this wkweek low compliance",
            f"0 Nordic sessions this week; {LOW}",
            [LOW_TAG],
        ),
        ("Strength", "296 N", None, []),  # the weaker leg of the latest test, rounded half up
        ("Bands", "Green Set a band for Eve", None, [CURL, *set_link(eve)]),
    ]
    name, *rest = cells(rows[f"athlete-{ben}"])
    assert name[1] in (  # the teams in no particular order, as before
        "Ben O'Neil <b> Squad, Reserves & <Co>",
        "Ben O'Neil <b> Reserves & <Co>, Squad",
    )
    assert name[3] == [f"a.href=/coach/athletes/{ben}/", "a.title=Ben O'Neil <b>"]
    assert rest == [("Flags", "—", None, []), *empty_program()]
    stage = "Return to play after a hamstring strain"
    assert cells(rows[f"athlete-{cara}"])[2:7] == [
        ("Program", f"Stage 1: The Extender · {stage}", stage, []),
        ("7 days", "0%", None, []),
        ("28 days", "12%", None, []),
        ("Last workout", "4 Nov", None, []),
        ("Nordics", "0 this wkweek", "0 Nordic sessions this week", []),
    ]
    assert cells(rows[f"athlete-{dee}"])[2:] == [
        ("Program", f"Week 4 · {NORDIC} Paused", NORDIC, []),
        ("7 days", "—", None, []),
        ("28 days", "0%", None, []),
        ("Last workout", "20 Oct", None, []),
        (
            "Nordics",
            "0 this wkweek low compliance",
            f"0 Nordic sessions this week; {LOW}",
            [LOW_TAG],
        ),
        ("Strength", "—", None, []),
        ("Bands", "Green Set a band for dee", None, [CURL, *set_link(dee)]),
    ]


def test_names_and_teams_are_escaped(coach_client, squad):
    text = coach_client.get("/coach/").text
    assert "Ben O&#x27;Neil &lt;b&gt;</a>" in text
    teams = ("Squad", "Reserves &amp; &lt;Co&gt;")
    assert any(f'<span class="muted">{a}, {b}</span>' in text for a, b in (teams, teams[::-1]))
    assert "<b>" not in text


def test_the_sort_keeps_the_rows_and_the_board_query_goes_into_their_links(coach_client, squad):
    alex, ben, cara, dee, eve = (squad[name].pk for name in ("alex", "ben", "cara", "dee", "eve"))
    text = coach_client.get("/coach/?sort=name").text
    rows = rows_of(text)
    assert list(rows) == [f"athlete-{pk}" for pk in (alex, ben, cara, dee, eve)]
    assert cells(rows[f"athlete-{dee}"])[-1][3] == [CURL, *set_link(dee, "sort=name")]
    assert '<input type="hidden" name="back" value="sort=name">' in text
    roster = text[text.index('<section id="roster"') :]
    assert roster.count('name="csrfmiddlewaretoken"') == 2  # Alex's approve and decline forms


def test_an_opened_row_has_its_band_form_and_a_close_link(coach_client, squad):
    alex = squad["alex"].pk
    text = coach_client.get(f"/coach/?sort=name&set={alex}").text
    bands = cells(rows_of(text)[f"athlete-{alex}"])[-1]
    assert bands[1].endswith("Close Alex's band forms")
    assert bands[3][-2:] == [
        f"a.href=/coach/?sort=name#athlete-{alex}",
        f"a.hx-get=/coach/board/athletes/{alex}/?back=sort%3Dname",
    ]
    assert text.count('class="row-band-form"') == 1
    assert "<legend>Alex: Band-assisted Nordic curl</legend>" in text


def test_one_row_alone_is_the_rows_on_the_board(coach_client, team, squad):
    eve = squad["eve"].pk
    board = rows_of(coach_client.get(f"/coach/?team={team.pk}").text)
    alone = coach_client.get(f"/coach/board/athletes/{eve}/?back=team%3D{team.pk}", **HTMX).text
    assert alone.lstrip().startswith(f'<tbody class="athlete" id="athlete-{eve}">')
    assert cells(rows_of(alone)[f"athlete-{eve}"]) == cells(board[f"athlete-{eve}"])
