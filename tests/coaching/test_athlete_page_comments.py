"""The coach comments on an athlete's workout from the athlete page: the comment lands in the
athlete's thread too; an empty or long one is explained; htmx gets only the workout's card."""

import pytest

from logbook.models import Message
from tests.coaching.athletes import HTMX, log_workout, page_url, workouts_of

pytestmark = pytest.mark.usefixtures("frozen_clock")


def comment_url(log) -> str:
    return f"/coach/logs/{log.pk}/comments/"


# Comments


def test_the_coach_comments_on_a_workout_and_it_shows_on_the_page(
    coach_client, coach, athlete, first_log
):
    response = coach_client.post(comment_url(first_log), {"body": "Great depth <b>today</b>"})
    assert response.status_code == 302
    assert response["Location"] == f"/coach/athletes/{athlete.pk}/#log-{first_log.pk}"
    comment = first_log.messages.get()
    assert (comment.author, comment.body) == (coach, "Great depth <b>today</b>")
    assert comment.athlete == athlete  # in the athlete's thread too
    page = coach_client.get(page_url(athlete)).text
    assert "Great depth &lt;b&gt;today&lt;/b&gt;" in page
    assert "Cora · 20 Oct" in page


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "Write a comment first."),
        ("x" * 2001, "Keep a comment to 2000 characters (this one has 2001)."),
    ],
)
def test_bad_comments_are_explained_and_nothing_is_saved(coach_client, first_log, body, error):
    response = coach_client.post(comment_url(first_log), {"body": body})
    assert response.status_code == 422
    assert error in response.text
    response = coach_client.post(comment_url(first_log), {"body": body}, **HTMX)
    assert response.status_code == 200
    assert error in response.text
    assert not Message.objects.filter(kind="message").exists()


def test_htmx_gets_only_the_workout(coach_client, first_log):
    response = coach_client.post(comment_url(first_log), {"body": "Smooth"}, **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<article class="card log" id="log-{first_log.pk}"')
    assert "Smooth" in response.text
    assert "Comment added." in response.text
    assert "<html" not in response.text


def test_commenting_requires_login(client, first_log):
    assert client.post(comment_url(first_log), {"body": "Hi"}).status_code == 302


def test_commenting_is_for_coaches(athlete_client, first_log):
    assert athlete_client.post(comment_url(first_log), {"body": "Hi"}).status_code == 403
    assert not Message.objects.filter(kind="message").exists()


def test_a_comment_on_another_coachs_athletes_workout_is_404(coach_client, theirs):
    log = log_workout(theirs, workouts_of(theirs)[0])
    assert coach_client.post(comment_url(log), {"body": "Hi"}).status_code == 404
    assert not Message.objects.filter(kind="message").exists()
