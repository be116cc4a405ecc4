"""The coach answers the engine and moves a band from the board's row: htmx swaps the athlete's
row; without JavaScript the plain form posts and comes back to the row on the board. The same
actions as the athlete page, the same 404 for another coach's, and no query per athlete."""

import re

import pytest

from accounts.models import Membership
from catalogue.models import Band
from logbook.models import Flag, Message
from programs.models import BandChange, BandTrack
from tests.coaching.athletes import HTMX, assign, suggest
from tests.conftest import make_user

pytestmark = pytest.mark.usefixtures("frozen_clock")


def decide_url(change, decision: str) -> str:
    return f"/coach/board/suggestions/{change.pk}/{decision}/"


def band_url(track) -> str:
    return f"/coach/board/tracks/{track.pk}/band/"


def row_url(athlete) -> str:
    return f"/coach/board/athletes/{athlete.pk}/"


def row_html(text: str, athlete) -> str:
    """The athlete's part of the board (their row, and the line of forms under it)."""
    start = text.index(f'<tbody class="athlete" id="athlete-{athlete.pk}">')
    return text[start : text.index("</tbody>", start)]


def words(html: str) -> str:
    """The text of some HTML as a screen reader reads it: tags gone, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.fixture
def suggestion(track) -> BandChange:
    return suggest(track)


# What the row offers


def test_a_waiting_step_is_on_the_athletes_row_with_its_two_answers(
    coach_client, athlete, suggestion
):
    row = row_html(coach_client.get("/coach/").text, athlete)
    assert "Green Suggested: purple band Approve the purple band for Alex" in words(row)
    assert f'action="{decide_url(suggestion, "approve")}"' in row
    assert f'hx-post="{decide_url(suggestion, "decline")}"' in row
    assert f'hx-target="#athlete-{athlete.pk}"' in row
    assert ">Approve<" in row and ">Decline<" in row


def test_a_row_without_a_suggestion_has_nothing_to_approve(coach_client, athlete, track):
    row = row_html(coach_client.get("/coach/").text, athlete)
    assert "Suggested" not in row
    assert "Approve" not in row
    assert f'href="/coach/?set={athlete.pk}#athlete-{athlete.pk}"' in row  # set a band: still there


def test_the_set_link_opens_the_rows_band_form_without_javascript(
    coach_client, athlete, track, team
):
    other = make_user("ben", first_name="Ben")
    Membership.objects.create(team=team, athlete=other)
    assign(other, track.assignment.program.owner)
    text = coach_client.get(f"/coach/?sort=name&set={athlete.pk}").text
    row = row_html(text, athlete)
    assert f'action="{band_url(track)}"' in row
    assert '<input type="hidden" name="back" value="sort=name">' in row
    assert "Band-assisted Nordic curl" in row and 'name="reason"' in row
    assert text.count('class="row-band-form"') == 1  # Ben's row stays closed


def test_htmx_opens_and_closes_the_rows_band_form(coach_client, athlete, track):
    opened = coach_client.get(row_url(athlete) + "?set=1&back=sort%3Dname", **HTMX)
    assert opened.status_code == 200
    assert opened.text.lstrip().startswith(f'<tbody class="athlete" id="athlete-{athlete.pk}">')
    assert f'hx-post="{band_url(track)}"' in opened.text
    assert '<input type="hidden" name="back" value="sort=name">' in opened.text
    assert "<html" not in opened.text
    closed = coach_client.get(row_url(athlete) + "?back=sort%3Dname", **HTMX)
    assert "row-band-form" not in closed.text
    assert f'href="/coach/?sort=name&amp;set={athlete.pk}#athlete-{athlete.pk}"' in closed.text


def test_the_row_without_htmx_is_the_board_at_the_row(coach_client, athlete, track):
    response = coach_client.get(row_url(athlete) + "?set=1&back=sort%3Dname")
    assert response["Location"] == f"/coach/?sort=name&set={athlete.pk}#athlete-{athlete.pk}"


# Approving and declining


def test_approving_with_htmx_swaps_the_row(coach_client, coach, athlete, track, suggestion):
    response = coach_client.post(decide_url(suggestion, "approve"), {"back": ""}, **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<tbody class="athlete" id="athlete-{athlete.pk}">')
    assert (
        "Approved for Alex: Band-assisted Nordic curl on the purple band from the next session."
        in response.text
    )
    assert 'title="Band-assisted Nordic curl">Purple<' in response.text
    assert "Suggested" not in response.text and "Approve<" not in response.text
    assert "<html" not in response.text
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.by) == ("applied", coach)
    track.refresh_from_db()
    assert track.band.name == "Purple"
    notice = Message.objects.get(athlete=athlete)  # the action's own notice, once
    assert "step on to the purple band" in notice.body


def test_declining_without_javascript_comes_back_to_the_row(
    coach_client, athlete, track, suggestion
):
    response = coach_client.post(decide_url(suggestion, "decline"), {"back": "sort=-last"})
    assert response.status_code == 302
    assert response["Location"] == f"/coach/?sort=-last#athlete-{athlete.pk}"
    board = coach_client.get(response["Location"])
    assert "Declined for Alex: Band-assisted Nordic curl stays on the green band." in board.text
    row = row_html(board.text, athlete)
    assert "Suggested" not in row
    assert 'title="Band-assisted Nordic curl">Green<' in row
    suggestion.refresh_from_db()
    assert suggestion.status == "declined"
    track.refresh_from_db()
    assert track.band.name == "Green"


def test_the_way_back_keeps_only_the_boards_own_parameters(coach_client, athlete, suggestion):
    back = "team=7&sort=name&page=2&next=https://evil.example/&set=3"
    response = coach_client.post(decide_url(suggestion, "decline"), {"back": back})
    assert response["Location"] == f"/coach/?team=7&sort=name&page=2#athlete-{athlete.pk}"
    response = coach_client.post(decide_url(suggest(suggestion.track), "decline"))
    assert response["Location"] == f"/coach/#athlete-{athlete.pk}"


@pytest.mark.parametrize("decision", ["maybe", "APPROVE", "delete"])
def test_an_unknown_decision_is_404(coach_client, track, suggestion, decision):
    assert coach_client.post(decide_url(suggestion, decision), **HTMX).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == "suggested"


def test_a_decided_suggestion_is_404(coach_client, suggestion):
    coach_client.post(decide_url(suggestion, "approve"))
    assert coach_client.post(decide_url(suggestion, "decline"), **HTMX).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == "applied"


# Setting a band


def test_setting_a_band_with_htmx_swaps_the_row(coach_client, coach, athlete, track):
    purple = Band.objects.get(name="Purple")
    Flag.objects.create(athlete=athlete, kind="soreness", detail="Soreness 7/10")
    data = {"band": purple.pk, "reason": "Ready for a thinner band", "back": ""}
    response = coach_client.post(band_url(track), data, **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<tbody class="athlete" id="athlete-{athlete.pk}">')
    assert "Set for Alex: Band-assisted Nordic curl now on the purple band." in response.text
    assert 'title="Band-assisted Nordic curl">Purple<' in response.text
    assert "row-band-form" not in response.text
    assert "Soreness" not in response.text  # the action acknowledged it
    track.refresh_from_db()
    assert track.band == purple
    change = track.changes.last()
    assert (change.action, change.reason, change.by) == ("set", "Ready for a thinner band", coach)


def test_setting_a_band_without_javascript_comes_back_to_the_row(coach_client, athlete, track):
    data = {"band": "none", "reason": "Try it unassisted", "back": "sort=name"}
    response = coach_client.post(band_url(track), data)
    assert response["Location"] == f"/coach/?sort=name#athlete-{athlete.pk}"
    board = coach_client.get(response["Location"]).text
    assert "Set for Alex: Band-assisted Nordic curl now without a band." in board
    assert 'title="Band-assisted Nordic curl">unassisted<' in row_html(board, athlete)
    track.refresh_from_db()
    assert track.band is None


def test_a_band_form_with_bad_input_comes_back_with_its_message(coach_client, athlete, track):
    changes = BandChange.objects.count()
    data = {"band": "none", "reason": "  ", "back": "sort=name"}
    response = coach_client.post(band_url(track), data, **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<tbody class="athlete" id="athlete-{athlete.pk}">')
    assert "Say why you are moving the band." in response.text
    assert 'class="row-band-form"' in response.text

    response = coach_client.post(band_url(track), data)  # without JavaScript: the whole board
    assert response.status_code == 422
    assert "<h1>Your athletes</h1>" in response.text
    row = row_html(response.text, athlete)
    assert "Say why you are moving the band." in row
    assert 'value="none" selected' in row
    assert BandChange.objects.count() == changes
    track.refresh_from_db()
    assert track.band.name == "Green"


def test_the_same_band_again_is_explained(coach_client, track):
    green = Band.objects.get(name="Green")
    response = coach_client.post(band_url(track), {"band": green.pk, "reason": "Again"}, **HTMX)
    assert "The athlete is already on this band." in response.text


# Who may


def test_another_coachs_track_suggestion_and_row_are_404(coach_client, theirs, outsider):
    track = theirs.tracks.get()
    change = suggest(track)
    response = coach_client.post(band_url(track), {"band": "none", "reason": "Not mine"})
    assert response.status_code == 404
    for decision in ("approve", "decline"):
        assert coach_client.post(decide_url(change, decision), **HTMX).status_code == 404
    assert coach_client.get(row_url(outsider), **HTMX).status_code == 404
    change.refresh_from_db()
    assert change.status == "suggested"
    track.refresh_from_db()
    assert track.band.name == "Green"


def test_the_rows_actions_are_a_coachs(client, athlete_client, athlete, track, suggestion):
    assert athlete_client.post(decide_url(suggestion, "approve")).status_code == 403
    assert athlete_client.post(band_url(track), {"band": "none", "reason": "x"}).status_code == 403
    client.logout()
    response = client.post(decide_url(suggestion, "approve"))
    assert response["Location"].startswith("/accounts/login/")
    suggestion.refresh_from_db()
    assert suggestion.status == "suggested"


def test_the_actions_are_posts(coach_client, track, suggestion):
    assert coach_client.get(decide_url(suggestion, "approve")).status_code == 405
    assert coach_client.get(band_url(track)).status_code == 405


# Queries


def squad_with_suggestions(coach, team, size: int) -> list:
    athletes = []
    for number in range(size):
        athlete = make_user(f"s{number}", first_name=f"S{number}")
        Membership.objects.create(team=team, athlete=athlete)
        suggest(BandTrack.objects.get(assignment=assign(athlete, coach)))
        athletes.append(athlete)
    return athletes


@pytest.mark.parametrize("size", [2, 24])
def test_the_boards_queries_do_not_grow_with_suggestions_or_an_open_row(
    coach_client, coach, team, library, size, django_assert_num_queries
):
    athletes = squad_with_suggestions(coach, team, size)
    # user, teams, memberships, assignments, the programs' workouts (a process's first read),
    # logs, strength, bands with their suggestions, open flags.
    with django_assert_num_queries(9):
        text = coach_client.get("/coach/").text
    assert text.count(">Approve<") == size
    # An open row reads the ladder and its tracks; the programs' workouts were kept from the
    # first read.
    with django_assert_num_queries(8 + 2):
        text = coach_client.get(f"/coach/?set={athletes[-1].pk}").text
    assert text.count('class="row-band-form"') == 1


@pytest.mark.parametrize("size", [2, 24])
def test_a_rows_answer_costs_the_same_in_any_squad(
    coach_client, coach, team, library, size, django_assert_num_queries
):
    athletes = squad_with_suggestions(coach, team, size)
    change = BandChange.objects.get(track__assignment__athlete=athletes[0], status="suggested")
    with django_assert_num_queries(24):
        response = coach_client.post(decide_url(change, "approve"), {"back": ""}, **HTMX)
    assert "Approved for S0" in response.text
