"""/messages/: the athlete's own thread with their coaches."""

import pytest
from django.test import Client

from logbook.messages import PAGE_SIZE, message_post
from logbook.models import Message
from tests.conftest import make_user

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def from_coach(athlete, coach) -> Message:
    return message_post(athlete=athlete, author=coach, body="Hips up on the bridges today.")


def test_it_shows_the_thread_and_marks_the_coachs_messages_read(athlete_client, from_coach):
    response = athlete_client.get("/messages/")
    assert response.status_code == 200
    assert "Hips up on the bridges today." in response.text
    assert "Cora" in response.text
    from_coach.refresh_from_db()
    assert from_coach.read_at is not None


def test_it_requires_login(client):
    response = client.get("/messages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_coach_is_sent_to_their_inbox(coach_client):
    response = coach_client.get("/messages/")
    assert (response.status_code, response["Location"]) == (302, "/coach/messages/")


def test_the_athlete_writes_to_their_coach(athlete_client, athlete):
    response = athlete_client.post("/messages/", {"body": "  Left hamstring tight after sprints  "})
    assert (response.status_code, response["Location"]) == (302, "/messages/")
    message = Message.objects.get()
    assert (message.athlete, message.author, message.body) == (
        athlete,
        athlete,
        "Left hamstring tight after sprints",
    )
    page = athlete_client.get("/messages/").text
    assert "Left hamstring tight after sprints" in page
    assert "Not read yet" in page


def test_htmx_gets_the_thread_and_a_fresh_form(athlete_client):
    response = athlete_client.post("/messages/", {"body": "Done!"}, **HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert response.text.lstrip().startswith('<section id="thread"')
    assert "Done!" in response.text
    assert 'id="message-form"' in response.text and 'hx-swap-oob="true"' in response.text


def test_the_poll_gets_only_the_thread(athlete_client, from_coach):
    response = athlete_client.get("/messages/", **HTMX)
    assert response.text.lstrip().startswith('<section id="thread"')
    assert "message-form" not in response.text


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "Write something first."),
        ("   ", "Write something first."),
        ("x" * 2001, "Keep a message to 2000 characters (this one has 2001)."),
    ],
)
def test_bad_messages_are_explained_and_nothing_is_saved(athlete_client, body, error):
    response = athlete_client.post("/messages/", {"body": body})
    assert response.status_code == 422
    assert error in response.text
    response = athlete_client.post("/messages/", {"body": body}, **HTMX)
    assert response.status_code == 200
    assert error in response.text
    assert not Message.objects.exists()


def test_a_message_about_someone_elses_workout_is_refused(athlete_client, outsider):
    from logbook.models import WorkoutLog

    log = WorkoutLog.objects.create(athlete=outsider, performed_on="2026-10-01")
    response = athlete_client.post("/messages/", {"body": "Hi", "workout_log": log.pk})
    assert response.status_code == 422
    assert "That workout is not in this thread." in response.text
    response = athlete_client.post("/messages/", {"body": "Hi", "workout_log": "1 OR 1=1"})
    assert response.status_code == 422
    assert not Message.objects.exists()


def test_an_athlete_never_sees_another_athletes_thread(client, athlete, outsider, other_coach):
    message_post(athlete=outsider, author=other_coach, body="Only for the outsider")
    client.force_login(athlete)
    assert "Only for the outsider" not in client.get("/messages/").text
    teammate = make_user("teammate")
    message_post(athlete=teammate, author=teammate, body="Mine alone")
    assert "Mine alone" not in client.get("/messages/").text


def test_text_is_escaped_and_links_are_made_safe(athlete_client, athlete, coach):
    message_post(
        athlete=athlete,
        author=coach,
        body="Video: https://example.com/nordic <script>alert(1)</script> javascript:alert(2)",
    )
    page = athlete_client.get("/messages/").text
    assert '<a href="https://example.com/nordic" rel="nofollow">' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page


def test_the_thread_is_paged_with_the_same_queries_for_5_and_500(
    athlete_client, athlete, coach, django_assert_max_num_queries
):
    def write(first, last):
        Message.objects.bulk_create(
            Message(athlete=athlete, author=coach, body=f"Note {number}.")
            for number in range(first, last + 1)
        )

    write(1, 5)
    with django_assert_max_num_queries(19) as few:
        athlete_client.get("/messages/")
    write(6, 500)
    with django_assert_max_num_queries(19) as many:
        page = athlete_client.get("/messages/").text
    assert len(many) == len(few)
    assert page.count('class="message-item') == PAGE_SIZE
    assert "Note 500." in page and "Note 471." in page and "Note 470." not in page
    earlier = Message.objects.order_by("-id")[PAGE_SIZE - 1].pk
    assert f'href="?before={earlier}"' in page
    older = athlete_client.get(f"/messages/?before={earlier}").text
    assert "Note 470." in older and "Note 441." in older and "Note 471." not in older


def test_a_bad_page_marker_shows_the_latest_page(athlete_client, from_coach):
    response = athlete_client.get("/messages/?before=abc")
    assert response.status_code == 200
    assert "Hips up on the bridges today." in response.text


def test_the_read_receipt_shows_when_the_coach_opened_it(athlete, coach):
    athlete_view, coach_view = Client(), Client()
    athlete_view.force_login(athlete)
    coach_view.force_login(coach)
    athlete_view.post("/messages/", {"body": "Can I swap Thursday?"})
    assert "Not read yet" in athlete_view.get("/messages/").text
    assert "Can I swap Thursday?" in coach_view.get(f"/coach/athletes/{athlete.pk}/messages/").text
    assert "Read " in athlete_view.get("/messages/").text
    assert Message.objects.get().read_at is not None


def test_the_badge_counts_unread_on_every_page_and_clears_on_reading(
    athlete_client, athlete, coach
):
    message_post(athlete=athlete, author=coach, body="One")
    message_post(athlete=athlete, author=coach, body="Two")
    message_post(athlete=athlete, author=athlete, body="Mine does not count")
    assert 'aria-label="2 unread">2</span>' in athlete_client.get("/history/").text
    assert "unread" not in athlete_client.get("/messages/").text  # read on this very page
    assert "unread" not in athlete_client.get("/history/").text


def test_a_coachs_badge_counts_each_athletes_message_once(client, coach, team, athlete):
    from accounts.models import Membership, Team

    second = Team.objects.create(coach=coach, name="Second squad")
    Membership.objects.create(team=second, athlete=athlete)  # in two of the coach's teams
    message_post(athlete=athlete, author=athlete, body="Sore")
    message_post(athlete=athlete, author=coach, body="The coach's own does not count")
    client.force_login(coach)
    assert 'aria-label="1 unread">1</span>' in client.get("/coach/").text
