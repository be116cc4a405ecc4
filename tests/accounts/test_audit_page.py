"""The club's audit trail, `/club/audit/`: the head of performance reads what the club's staff
did with athletes' health data, newest first, 50 a page, in their own time zone, filtered by
athlete and by action. Nobody else reads it, and no club reads another's."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from accounts.audit import audit_record
from accounts.clubs import StaffRole
from accounts.models import Membership
from accounts.records import AuditAction, AuditEvent
from tests.accounts.audits import client_of, staff_member
from tests.conftest import make_user

URL = "/club/audit/"
MONDAY = datetime(2026, 10, 12, 9, 0, tzinfo=UTC)


@pytest.fixture
def physio(coach):
    return staff_member("phil", coach.seat.club, StaffRole.PHYSIO, first_name="Phil")


@pytest.fixture
def sam(team):
    sam = make_user("sam", first_name="Sam")
    Membership.objects.create(team=team, athlete=sam)
    return sam


def record_at(at: datetime, **event) -> AuditEvent:
    """A row of the trail, written at `at`."""
    created = audit_record(**event)
    AuditEvent.objects.filter(pk=created.pk).update(at=at)
    return created


@pytest.fixture
def events(coach, physio, athlete, sam, other_coach, outsider):
    """Three rows of the club's, an hour apart (the pause cleared last), and one of another
    club's."""
    record_at(
        MONDAY,
        actor=physio,
        athlete=sam,
        action=AuditAction.PAIN_STOP_VIEWED,
        detail="1 pain stop",
    )
    record_at(
        MONDAY + timedelta(hours=1),
        actor=coach,
        action=AuditAction.CSV_EXPORTED,
        detail="squad sets of Squad, 2026-09-14 to 2026-10-11",
    )
    record_at(
        MONDAY + timedelta(hours=2), actor=physio, athlete=athlete, action=AuditAction.PAUSE_CLEARED
    )
    record_at(
        MONDAY,
        actor=other_coach,
        athlete=outsider,
        action=AuditAction.CSV_EXPORTED,
        detail="elsewhere sets",
    )


def rows_of(text: str) -> list[str]:
    """Each row of the trail as the page words it, its tags and spaces flattened."""
    items = re.findall(r'<li class="audit-event">(.*?)</li>', text, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def test_the_head_reads_the_clubs_trail_newest_first(coach, events):
    response = client_of(coach).get(URL)
    assert response.status_code == 200
    assert rows_of(response.text) == [
        "Phil cleared a pain pause · Alex Mon 12 Oct 2026, 11:00",
        "Cora exported a CSV squad sets of Squad, 2026-09-14 to 2026-10-11 · "
        "Mon 12 Oct 2026, 10:00",
        "Phil viewed a pain stop · Sam 1 pain stop · Mon 12 Oct 2026, 09:00",
    ]


def test_another_clubs_rows_never_show(coach, other_coach, events):
    assert "elsewhere" not in client_of(coach).get(URL).text
    theirs = rows_of(client_of(other_coach).get(URL).text)
    assert theirs == [
        "othercoach exported a CSV · outsider elsewhere sets · Mon 12 Oct 2026, 09:00"
    ]


def test_each_athlete_links_to_their_page(coach, athlete, events):
    text = client_of(coach).get(URL).text
    assert f'<a href="/coach/athletes/{athlete.pk}/">Alex</a>' in text


def test_times_are_in_the_heads_time_zone(coach, events):
    coach.timezone = "Australia/Sydney"
    coach.save(update_fields=["timezone"])
    rows = rows_of(client_of(coach).get(URL).text)
    assert rows[0].endswith("Mon 12 Oct 2026, 22:00")
    assert '<time datetime="2026-10-12T22:00:00+11:00">' in client_of(coach).get(URL).text


def test_it_filters_by_athlete(coach, sam, events):
    rows = rows_of(client_of(coach).get(URL, {"athlete": sam.pk}).text)
    assert rows == ["Phil viewed a pain stop · Sam 1 pain stop · Mon 12 Oct 2026, 09:00"]


def test_it_filters_by_action(coach, events):
    rows = rows_of(client_of(coach).get(URL, {"action": "pause_cleared"}).text)
    assert rows == ["Phil cleared a pain pause · Alex Mon 12 Oct 2026, 11:00"]


def test_it_filters_by_both(coach, sam, events):
    text = client_of(coach).get(URL, {"athlete": sam.pk, "action": "pause_cleared"}).text
    assert rows_of(text) == []
    assert "Nothing recorded" in text


def test_the_athlete_filter_offers_the_clubs_audited_athletes_only(coach, athlete, sam, events):
    text = client_of(coach).get(URL).text
    [select] = re.findall(r'<select name="athlete".*?</select>', text, re.S)
    options = re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select)
    assert options == [("", "Every athlete"), (str(athlete.pk), "Alex"), (str(sam.pk), "Sam")]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"athlete": "abc"}, "athlete", "Select a valid choice."),
        ({"athlete": "999999"}, "athlete", "Select a valid choice."),
        ({"action": "deleted"}, "action", "Select a valid choice."),
    ],
)
def test_a_bad_filter_is_answered_next_to_its_field_and_ignored(
    coach, events, query, field, message
):
    response = client_of(coach).get(URL, query)
    assert response.status_code == 200
    assert re.search(
        rf'<select name="{field}"[^>]*aria-invalid="true".*?</select>\s*'
        rf'<small class="field-error" role="alert">{message}',
        response.text,
        re.S,
    )
    assert len(rows_of(response.text)) == 3


def test_another_clubs_athlete_is_no_filter(coach, outsider, events):
    text = client_of(coach).get(URL, {"athlete": outsider.pk}).text
    assert "Select a valid choice." in text
    assert "outsider" not in text


def test_an_htmx_request_gets_the_list_only(coach, events):
    response = client_of(coach).get(URL, {"action": "pause_cleared"}, HTTP_HX_REQUEST="true")
    assert response.text.lstrip().startswith('<section id="audit-list"')
    assert "<form" not in response.text
    assert rows_of(response.text) == ["Phil cleared a pain pause · Alex Mon 12 Oct 2026, 11:00"]


# Paging


def many(actor, athlete, count: int) -> None:
    AuditEvent.objects.bulk_create(
        AuditEvent(
            club=actor.seat.club,
            actor=actor,
            athlete=athlete,
            action=AuditAction.PAIN_STOP_VIEWED,
            detail=f"event {number}",
        )
        for number in range(count)
    )


def test_it_shows_50_a_page_and_keeps_the_filter_across_pages(coach, physio, athlete):
    many(physio, athlete, 120)
    first = client_of(coach).get(URL, {"action": "pain_stop_viewed"}).text
    assert len(rows_of(first)) == 50
    assert "event 119" in first and "event 69" not in first
    assert 'href="?action=pain_stop_viewed&amp;page=2">Older</a>' in first
    assert "Newer</a>" not in first
    last = client_of(coach).get(URL, {"action": "pain_stop_viewed", "page": 3}).text
    assert len(rows_of(last)) == 20
    assert rows_of(last)[-1].startswith("Phil viewed a pain stop · Alex event 0 · ")
    assert 'href="?action=pain_stop_viewed&amp;page=2">Newer</a>' in last
    assert "Older</a>" not in last
    assert "Page 3 of 3" in last


def test_a_page_beyond_the_last_shows_the_last(coach, physio, athlete):
    many(physio, athlete, 60)
    rows = rows_of(client_of(coach).get(URL, {"page": 99}).text)
    assert len(rows) == 10


def test_it_runs_the_same_queries_for_3_and_for_120_rows(
    coach, physio, athlete, sam, django_assert_num_queries
):
    client = client_of(coach)
    many(physio, athlete, 3)
    with django_assert_num_queries(QUERIES):
        assert len(rows_of(client.get(URL).text)) == 3
    many(physio, sam, 117)
    with django_assert_num_queries(QUERIES):
        assert len(rows_of(client.get(URL, {"athlete": sam.pk}).text)) == 50


# the user (with the seat), the athletes of the filter, the count, the page
QUERIES = 4


# Who reads it


@pytest.mark.parametrize("role", [StaffRole.COACH, StaffRole.PHYSIO, StaffRole.VIEWER])
def test_the_clubs_other_staff_are_refused(coach, events, role):
    member = staff_member(f"staff-{role}", coach.seat.club, role)
    response = client_of(member).get(URL)
    assert response.status_code == 403
    assert "Phil" not in response.text


def test_an_athlete_is_refused(athlete, events):
    assert client_of(athlete).get(URL).status_code == 403


def test_a_site_admin_without_a_seat_is_refused(staff, events):
    assert client_of(staff).get(URL).status_code == 403


def test_signing_in_comes_first(client, events):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_page_is_read_only(coach, events):
    assert client_of(coach).post(URL).status_code == 405
    assert AuditEvent.objects.count() == 4
