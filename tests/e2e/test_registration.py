"""From the event page to a ticket in Chromium: a signed-out visitor follows "Sign in to
register", signs in, lands on the form, answers the organizer's questions, reviews and confirms,
and gets the ticket; the page's seat count moves live for someone else watching it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import harbour_event

pytestmark = pytest.mark.e2e
EVENT = "Harbour Quiz Night"


@pytest.fixture(scope="module")
def quiz_night(portal_app) -> int:
    """A free event of the demo organizer with two questions, published through the services
    (the demo data's free event already has the demo attendee)."""
    from portal.services.demo_events import DemoEvent
    from portal.services.event_form import QuestionInput

    return harbour_event(DemoEvent(EVENT, "Six rounds, teams of four.", "other", 20, 0,
                                   "Shanghai", [], capacity=30, questions=[
        QuestionInput(kind="yes_no", label="Do you have a team?", required=True),
        QuestionInput(kind="short_text", label="Team name")]))


def someone_else_registers(event_id: int) -> None:
    from datetime import date

    from portal.db import session_scope
    from portal.domain.policies import Actor
    from portal.services.event_questions import active_questions
    from portal.services.registration_form import RegistrationForm
    from portal.services.registrations import register
    from portal.services.users import create_user
    from portal.wiring import file_store

    with session_scope() as session:
        user = create_user(session, name="Quinn Quiz", email="quinn@example.org", password=None,
                           verified=True, phone="+86 139 0000 0888",
                           date_of_birth=date(1992, 2, 2), accepted_rules=True)
        team = next(q.id for q in active_questions(session, event_id) if q.kind == "yes_no")
        register(session, Actor(user_id=user.id, verified=True, accepted_rules=True),
                 event_id=event_id, form=RegistrationForm(safety_ack=True, answers={team: "no"}),
                 store=file_store())


def test_sign_in_to_register_answer_review_confirm_and_see_the_ticket(
        page: Page, browser: Browser, app_url, shot, quiz_night):
    page.goto(f"{app_url}/event?id={quiz_night}")
    expect(page.locator("#event-name")).to_have_text(EVENT)
    expect(page.locator("#seats-left")).to_contain_text("30 of 30 seats left")
    cta = page.locator("#cta-button")
    expect(cta).to_have_text("Sign in to register")
    cta.click()

    expect(page).to_have_url(re.compile(r"/sign-in"))
    page.locator("#field-email").fill("attendee@demo.example")
    page.locator("#field-password").fill("demo-portal-2026")
    page.locator("#sign-in").click()
    expect(page).to_have_url(re.compile(rf"/register/?\?id={quiz_night}$"))  # back to the form
    expect(page.locator("#register-event")).to_have_text(EVENT)

    questions = page.locator("#questions")
    expect(questions).to_contain_text("Do you have a team?")
    page.locator("#review").click()  # nothing answered yet: refused beside its field
    expect(page.locator(".field-error").filter(has_text=re.compile(r"\S")).first).to_be_visible()
    questions.get_by_role("radio", name="Yes").click()
    questions.get_by_role("textbox").fill("The Quizzly Bears")
    page.locator("#field-safety_ack").click()
    shot("form")
    page.locator("#review").click()

    review = page.locator("#review-step")
    expect(review).to_be_visible()
    expect(page.locator("#review-answers")).to_contain_text("The Quizzly Bears")
    expect(page.locator("#review-answers")).to_contain_text("Yes")
    expect(page.locator("#review-total")).to_have_text("Free")
    shot("review")
    page.locator("#confirm").click()

    expect(page.locator("#done-title")).to_have_text("You're registered")
    ticket = page.locator("#ticket-link")
    expect(ticket).to_have_attribute("href", re.compile(r"^/ticket\?code=[A-Z0-9-]{14}$"))
    shot("done")

    # the event page now leads to the ticket, and someone watching it sees the seats go
    watcher = browser.new_context().new_page()
    watcher.goto(f"{app_url}/event?id={quiz_night}")
    expect(watcher.locator("#seats-left")).to_contain_text("29 of 30 seats left")
    page.goto(f"{app_url}/event?id={quiz_night}")
    expect(page.locator("#cta-button")).to_have_text("You are registered — view ticket")
    someone_else_registers(quiz_night)
    expect(watcher.locator("#seats-left")).to_contain_text("28 of 30 seats left",
                                                           timeout=15_000)
    shot("live", watcher)
    watcher.context.close()
