"""A newcomer's first day as a club's head, in a real browser on a laptop and on a phone: they
sign up as a coach from the login page, confirm their address, create a team, invite a physio
to the club's staff and an athlete to the team; the athlete is paused for pain, and the physio
clears the pause. Each person on their own browser."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.clubs import Staff, StaffRole
from accounts.models import User
from logbook.models import PainPause
from tests.browser.conftest import DESKTOP, PHONE, assert_fits_the_phone, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "stretchy green band 44"


def link_in_last_mail(pattern: str) -> str:
    body = mail.outbox[-1].body
    link = re.search(rf"https?://\S+({pattern}\S+/)", body)
    assert link, body
    return link.group(1)


def new_page(browser, live_url, viewport):
    context = browser.new_context(viewport=viewport, base_url=live_url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def fits(page, viewport) -> None:
    if viewport is PHONE:
        assert_fits_the_phone(page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_a_newcomer_founds_a_club_and_its_physio_clears_a_pause(
    browser, live_url, transactional_db, catalogue, viewport
):
    size = viewport["width"]
    head_context, head = new_page(browser, live_url, viewport)
    contexts = [head_context]
    try:
        # Sign up from the login page.
        head.goto("/accounts/login/")
        head.get_by_role("link", name="New coach? Create your club").click()
        expect(head.locator("h1")).to_have_text("Create your club")
        fits(head, viewport)
        head.fill("#id_club_name", "Riverside FC")
        head.fill("#id_first_name", "Hana")
        head.fill("#id_username", "hana")
        head.fill("#id_email", "hana@riverside.example")
        head.fill("#id_password1", PASSWORD)
        head.fill("#id_password2", PASSWORD)
        head.get_by_role("button", name="Sign up").click()
        expect(head.locator("h1")).to_have_text("Check your mail")
        assert not User.objects.filter(username="hana").exists()

        head.goto(link_in_last_mail("/accounts/sign-up/confirm/"))
        head.get_by_role("button", name="Create my club and sign in").click()
        head.wait_for_url("**/coach/teams/")
        seat = Staff.objects.select_related("club").get(user__username="hana")
        assert (seat.club.name, seat.role) == ("Riverside FC", StaffRole.OWNER)

        # A team.
        head.fill("#id_name", "First team")
        head.get_by_role("button", name="Create team").click()
        expect(head.locator("h1")).to_contain_text("First team")
        team_url = head.url

        # The physio, invited to the club's staff.
        head.goto("/club/")
        fits(head, viewport)
        invite = head.locator("#invites form").first
        invite.locator("input[name=email]").fill("pia@riverside.example")
        invite.locator("select[name=role]").select_option(StaffRole.PHYSIO)
        invite.get_by_role("button", name="Send invite").click()
        expect(head.locator("#invites")).to_contain_text("pia@riverside.example")
        physio_link = link_in_last_mail("/club/invite/")
        screenshot(head, f"club-page-{size}")

        # The athlete, invited to the team.
        head.goto(team_url)
        head.fill("#id_emails", "alex@example.com")
        head.get_by_role("button", name="Send invites").click()
        expect(head.locator("#invites")).to_contain_text("alex@example.com")
        athlete_link = link_in_last_mail("/accounts/invite/")

        athlete_context, athlete = new_page(browser, live_url, viewport)
        contexts.append(athlete_context)
        athlete.goto(athlete_link)
        athlete.fill("#id_username", "alex")
        athlete.fill("#id_first_name", "Alex")
        athlete.fill("#id_password1", PASSWORD)
        athlete.fill("#id_password2", PASSWORD)
        athlete.get_by_role("button", name="Sign up and join").click()
        athlete.wait_for_url("**/bands/mine/**")
        alex = User.objects.get(username="alex")

        physio_context, physio = new_page(browser, live_url, viewport)
        contexts.append(physio_context)
        physio.goto(physio_link)
        expect(physio.locator("h1")).to_have_text("Join the staff of Riverside FC")
        fits(physio, viewport)
        physio.fill("#id_username", "pia")
        physio.fill("#id_first_name", "Pia")
        physio.fill("#id_password1", PASSWORD)
        physio.fill("#id_password2", PASSWORD)
        physio.get_by_role("button", name="Sign up and join").click()
        physio.wait_for_url("**/coach/")
        assert User.objects.get(username="pia").seat.role == StaffRole.PHYSIO

        # Alex stops for pain (as a pain stop pauses eccentric work); Pia clears it.
        PainPause.objects.create(athlete=alex, reason="Pain stop: sharp, high, left")
        physio.goto(f"/coach/athletes/{alex.pk}/")
        expect(physio.locator("#pain-pause")).to_contain_text("Nordic work paused for pain")
        fits(physio, viewport)
        physio.fill("#pause-note", "Pain-free bridging and walking; seen on Tuesday")
        physio.get_by_role("button", name="Clear the pause").click()
        expect(physio.get_by_role("status").first).to_contain_text("Cleared")
        screenshot(physio, f"physio-cleared-{size}")
        pause = PainPause.objects.get(athlete=alex)
        assert pause.cleared_by.username == "pia"

        # The head reads who did it in the club's audit trail.
        head.goto("/club/")
        head.get_by_role("link", name="Audit trail").click()
        expect(head.locator("main")).to_contain_text("cleared a pain pause")
        expect(head.locator("main")).to_contain_text("Pia")
        fits(head, viewport)
    finally:
        for context in contexts:
            context.close()
