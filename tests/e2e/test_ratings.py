"""Ratings in Chromium: the demo attendee, who was checked in at a walk that has ended, rates it
from My registrations, and the organizer's score on the event's public page moves from the
figure before to the one after, as the Bayesian average computes them; complaints staff hide the
comment and it is gone from the organizer's certificate page. Screens are kept as screenshots at
1280 and 390 px, in English and Chinese."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.helpers import sign_in, switch_language

pytestmark = pytest.mark.e2e
WALK = "Lantern Festival Night Walk"
COMMENT = "Magical lanterns, friendly guides."
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _walk() -> tuple[int, int]:
    """The walk's id and its organizer's."""
    from sqlmodel import select

    from portal.db import session_scope
    from portal.domain.models import Event

    with session_scope() as session:
        event = session.exec(select(Event).where(Event.name == WALK)).one()
        return event.id, event.organizer_id


def _score(organizer_id: int) -> tuple[str, int, int]:
    """What the page must show, computed from the ratings: (score, count, sum of stars)."""
    from portal.db import session_scope
    from portal.services.rating_views import organizer_score

    with session_scope() as session:
        score = organizer_score(session, organizer_id)
    total = sum(stars * n for stars, n in score.distribution.items())
    return score.shown, score.count, total


def _shots(browser: Browser, app_url: str, email: str, path: str, name: str) -> None:
    from portal import links

    for size, viewport in SIZES.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        sign_in(page, app_url, email)
        page.wait_for_url(lambda url: "/sign-in" not in url)
        page.goto(app_url + path)
        if path == links.ATTENDEE_REGISTRATIONS:
            expect(page.locator("#registrations-list")).to_be_visible()
            page.get_by_role("radio", name="Past").click()
        page.wait_for_timeout(800)
        page.screenshot(path=str(SCREENSHOTS / f"ratings-{name}-{size}-en.png"),
                        full_page=True)
        switch_language(page, "简体中文")
        page.wait_for_timeout(500)
        page.screenshot(path=str(SCREENSHOTS / f"ratings-{name}-{size}-zh.png"),
                        full_page=True)
        context.close()


@pytest.fixture
def debug_shot(page: Page):
    """A screenshot of the attendee's page when the journey fails, to see where it stopped."""
    yield
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "ratings-last-attendee.png"), full_page=True)


def test_rating_moves_the_score_and_staff_hide_the_comment(page: Page, browser: Browser,
                                                           app_url: str, debug_shot):
    from portal import links
    from portal.domain.rating_score import bayesian_score

    event_id, organizer_id = _walk()
    before, count, total = _score(organizer_id)
    after = f"{bayesian_score(total + 5, count + 1):.1f}"
    assert before and after != before  # the journey below must move the figure
    public = browser.new_page()
    public.goto(app_url + links.event(event_id, WALK))
    expect(public.locator("#organizer-score .rating-score")).to_have_text(before)

    sign_in(page, app_url, "attendee@demo.example", next_path=links.ATTENDEE_REGISTRATIONS)
    page.wait_for_url("**" + links.ATTENDEE_REGISTRATIONS)
    expect(page.locator("#registrations-list")).to_be_visible()  # loaded: clicks reach it
    page.get_by_role("radio", name="Past").click()
    card = page.locator(".reg-card", has_text=WALK)
    expect(card).to_be_visible()
    card.locator(".reg-rate").click()
    dialog = page.locator("#rating-dialog")
    dialog.locator("#rating-submit").click()  # no stars chosen: said beside the choice
    expect(dialog.locator("#stars-error")).to_have_text("Choose from 1 to 5 stars.")
    five = dialog.get_by_role("radio", name="5")
    five.click()  # the choice is the page's state: it shows once the server answered
    expect(five).to_have_attribute("aria-checked", "true")
    dialog.locator("#rating-comment").fill(COMMENT)
    dialog.locator("#rating-submit").click()
    expect(page.get_by_text("Thank you: your rating is saved.")).to_be_visible()
    expect(card.locator(".reg-my-rating")).to_contain_text(COMMENT)
    expect(card.locator(".reg-rate")).to_have_count(0)

    public.reload()
    expect(public.locator("#organizer-score .rating-score")).to_have_text(after)
    expect(public.locator("#organizer-score .rating-count")).to_contain_text(str(count + 1))
    public.goto(f"{app_url}{links.CERTIFICATE}?id={organizer_id}")
    expect(public.locator("#rating-comments")).to_contain_text(COMMENT)

    staff = browser.new_page()
    sign_in(staff, app_url, "staff@demo.example", next_path=links.STAFF_RATINGS)
    staff.wait_for_url("**" + links.STAFF_RATINGS)
    row = staff.locator("tr", has_text=COMMENT)
    row.locator(".rating-hide").click()
    staff.locator("#rating-dialog-confirm").click()  # no reason: refused beside the field
    expect(staff.locator("#hide-reason-error")).to_have_text("Say why the comment is hidden.")
    staff.locator("#hide-reason").fill("Test of the hiding journey")
    staff.locator("#rating-dialog-confirm").click()
    expect(staff.get_by_text("The comment is hidden")).to_be_visible()
    expect(row).to_contain_text("Hidden: Test of the hiding journey")

    public.reload()
    expect(public.locator("#certificate-ratings")).to_be_visible()
    expect(public.locator("#certificate-ratings")).not_to_contain_text(COMMENT)
    expect(public.locator("#organizer-score .rating-score")).to_have_text(after)  # stars count

    for email, path, name in (("attendee@demo.example", links.ATTENDEE_REGISTRATIONS, "mine"),
                              ("organizer@demo.example", links.ORGANIZER_RATINGS, "organizer"),
                              ("staff@demo.example", links.STAFF_RATINGS, "staff")):
        _shots(browser, app_url, email, path, name)
    for size, viewport in SIZES.items():
        public.set_viewport_size(viewport)
        public.reload()
        public.wait_for_timeout(800)
        public.screenshot(path=str(SCREENSHOTS / f"ratings-certificate-{size}-en.png"),
                          full_page=True)
