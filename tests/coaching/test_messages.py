"""The coach's side of the threads: the inbox, one athlete's thread, team announcements."""

import pytest

from accounts.models import Membership, Team
from logbook.messages import message_post
from logbook.models import Message
from tests.conftest import make_user

HTMX = {"HTTP_HX_REQUEST": "true"}


def thread_url(athlete) -> str:
    return f"/coach/athletes/{athlete.pk}/messages/"


def test_the_inbox_lists_athletes_with_unread_first(coach_client, coach, team, athlete):
    quiet = make_user("quiet", first_name="Quinn")
    Membership.objects.create(team=team, athlete=quiet)
    message_post(athlete=athlete, author=athlete, body="Sore after Monday")
    message_post(athlete=athlete, author=athlete, body="Still sore")
    message_post(athlete=quiet, author=coach, body="Welcome!")
    page = coach_client.get("/coach/messages/").text
    assert page.index("Alex") < page.index("Quinn")
    assert 'aria-label="2 unread"' in page
    assert "Still sore" in page and "Welcome!" in page


def test_the_inbox_runs_the_same_queries_for_2_and_20_athletes(
    coach_client, coach, team, athlete, django_assert_max_num_queries
):
    message_post(athlete=athlete, author=athlete, body="Hi")
    with django_assert_max_num_queries(19) as few:
        coach_client.get("/coach/messages/")
    for number in range(19):
        member = make_user(f"member{number}")
        Membership.objects.create(team=team, athlete=member)
        message_post(athlete=member, author=member, body=f"Hello {number}")
    with django_assert_max_num_queries(19) as many:
        page = coach_client.get("/coach/messages/").text
    assert len(many) == len(few)
    assert page.count('class="inbox-row') == 20


def test_the_inbox_is_for_coaches(client, athlete):
    assert client.get("/coach/messages/").status_code == 302
    client.force_login(athlete)
    assert client.get("/coach/messages/").status_code == 403


def test_the_coach_reads_and_answers_a_thread(coach_client, coach, athlete):
    asked = message_post(athlete=athlete, author=athlete, body="Can I do Nordics on Sunday?")
    page = coach_client.get(thread_url(athlete)).text
    assert "Can I do Nordics on Sunday?" in page
    asked.refresh_from_db()
    assert asked.read_at is not None
    response = coach_client.post(thread_url(athlete), {"body": "Yes, 48 h after the match."})
    assert (response.status_code, response["Location"]) == (302, thread_url(athlete))
    answer = Message.objects.get(author=coach)
    assert (answer.athlete, answer.read_at) == (athlete, None)


def test_the_coachs_htmx_post_answers_with_the_thread(coach_client, athlete):
    response = coach_client.post(thread_url(athlete), {"body": "Good session"}, **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="thread"')
    assert "Good session" in response.text


def test_bad_input_is_refused_with_a_message(coach_client, athlete):
    response = coach_client.post(thread_url(athlete), {"body": ""})
    assert response.status_code == 422
    assert "Write something first." in response.text
    assert not Message.objects.exists()


def test_another_coachs_athlete_is_404(coach_client, outsider):
    message_post(athlete=outsider, author=outsider, body="Private")
    assert coach_client.get(thread_url(outsider)).status_code == 404
    assert coach_client.post(thread_url(outsider), {"body": "Hi"}).status_code == 404
    assert Message.objects.count() == 1
    assert coach_client.get("/coach/athletes/99999/messages/").status_code == 404
    assert coach_client.get("/coach/athletes/abc/messages/").status_code == 404
    assert "Private" not in coach_client.get("/coach/messages/").text


def test_a_former_member_s_thread_is_closed_to_the_coach(coach_client, athlete):
    Membership.objects.filter(athlete=athlete).update(is_active=False)
    assert coach_client.get(thread_url(athlete)).status_code == 404


def test_an_announcement_reaches_each_athlete_of_the_team(coach_client, coach, team, athlete):
    teammate = make_user("teammate")
    Membership.objects.create(team=team, athlete=teammate)
    gone = make_user("gone")
    Membership.objects.create(team=team, athlete=gone, is_active=False)
    response = coach_client.post(
        "/coach/messages/announce/", {"team": team.pk, "body": "No Nordics before Saturday's game."}
    )
    assert (response.status_code, response["Location"]) == (302, "/coach/messages/")
    sent = Message.objects.filter(kind="announcement")
    assert {message.athlete for message in sent} == {athlete, teammate}
    assert all(message.author == coach for message in sent)
    assert "Sent to 2 athletes of Squad." in coach_client.get("/coach/messages/").text


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"body": "Hi"}, "This field is required."),
        ({"team": "x", "body": "Hi"}, "Choose one of your teams."),
        ({"team": "TEAM", "body": ""}, "Write the announcement first."),
    ],
)
def test_a_bad_announcement_is_refused(coach_client, team, athlete, data, error):
    data = {key: team.pk if value == "TEAM" else value for key, value in data.items()}
    response = coach_client.post("/coach/messages/announce/", data)
    assert response.status_code == 422
    assert error in response.text
    assert not Message.objects.exists()


def test_no_announcement_to_another_coachs_team(coach_client, team, other_coach, outsider):
    theirs = Team.objects.get(coach=other_coach)
    response = coach_client.post("/coach/messages/announce/", {"team": theirs.pk, "body": "Hi"})
    assert response.status_code == 422
    assert "Choose one of your teams." in response.text
    assert not Message.objects.exists()
