"""The door on a phone: the demo organizer opens check-in from "My events", the camera is not
available (headless Chromium has none) so they type a ticket code: checked in, undo puts it
back, checked in again, and the same code once more is "already checked in"; a person without
their ticket is found by name and checked in; the counter follows every step, and a check-in
at another door too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
EVENT = "Open Chess Rapid"  # a free demo event: a registration is confirmed at once


def _register(name: str, email: str) -> str:
    """A confirmed registration made the way an attendee makes one; returns its ticket code."""
    from datetime import date

    from sqlalchemy import select

    from portal.db import session_scope
    from portal.domain.models import Event
    from portal.services import registration_views, registrations
    from portal.services.registration_form import RegistrationForm
    from portal.services.sessions import open_session, resolve_actor
    from portal.services.users import create_user
    from portal.wiring import file_store

    with session_scope() as session:
        user = create_user(session, name=name, email=email, password="a door-long passphrase",
                           verified=True, phone="+86 138 0000 0404",
                           date_of_birth=date(1995, 4, 4), accepted_rules=True)
        person = resolve_actor(session, open_session(session, user=user))
    with session_scope() as session:
        event_id = session.exec(select(Event.id).where(Event.name == EVENT)).one()[0]
        start = registration_views.registration_start(session, person, event_id=event_id)
        answers: dict[int, str | list[str]] = {
            q.id: "yes" for q in start.questions if q.kind == "yes_no"}  # "bring a chess set?"
        registration = registrations.register(
            session, person, event_id=event_id,
            form=RegistrationForm(safety_ack=True, answers=answers), store=file_store())
        assert registration.status == "confirmed"
        return registration.ticket_code


@pytest.fixture(scope="module")
def tickets(portal_app) -> dict[str, str]:
    return {"Rosa Door": _register("Rosa Door", "rosa.door@example.org"),
            "Nadia Forgotten": _register("Nadia Forgotten", "nadia.forgot@example.org"),
            "Li Otherdoor": _register("Li Otherdoor", "li.otherdoor@example.org")}


def _another_door_checks_in(code: str) -> None:
    """Reviewing staff at the other entrance."""
    from sqlalchemy import select

    from portal.db import session_scope
    from portal.domain.enums import Role
    from portal.domain.models import Event, User
    from portal.domain.policies import Actor
    from portal.services import check_in

    with session_scope() as session:
        staff = session.exec(select(User).where(User.email == "staff@demo.example")).one()[0]
        event_id = session.exec(select(Event.id).where(Event.name == EVENT)).one()[0]
        door = Actor(user_id=staff.id, roles=frozenset({Role.STAFF_REVIEWS}), verified=True)
        outcome = check_in.check_in(session, door, event_id=event_id, code=code)
        assert outcome.result is check_in.CheckInResult.CHECKED_IN


def _count(page: Page) -> int:
    return int(page.locator("#door-checked-in").inner_text())


def _expect_count(page: Page, value: int, timeout: float = 5_000) -> None:
    expect(page.locator("#door-checked-in")).to_have_text(str(value), timeout=timeout)


def test_the_door_checks_in_by_code_and_by_name(page: Page, app_url, shot, tickets):
    page.set_viewport_size(PHONE)
    sign_in(page, app_url, "organizer@demo.example", next_path="/organizer/events")
    expect(page).to_have_url(re.compile(r"^[^?]*/organizer/events/?$"))
    row = page.get_by_role("row").filter(has_text=EVENT)
    row.get_by_role("link", name="Check-in").click()
    expect(page).to_have_url(re.compile(r"/check-in/?\?id=\d+$"))
    expect(page.locator("#door-event")).to_have_text(EVENT)
    expect(page.locator("#door-camera-problem")).to_contain_text(
        "Camera not available — type the code or search a name", timeout=20_000)
    before = _count(page)

    code = tickets["Rosa Door"]
    result = page.locator("#door-result")

    def type_code(text: str) -> None:
        page.locator("#door-code").fill(text)
        page.locator("#door-code").press("Enter")

    type_code(code.lower().replace("-", " "))  # as someone types it
    expect(result).to_contain_text("Checked in — Rosa Door")
    _expect_count(page, before + 1)
    expect(page.locator("#door-code")).to_have_value("")  # ready for the next person
    shot("checked-in")
    page.locator("#door-undo").click()  # a wrong tap: undone within the minute
    expect(result).to_contain_text("Check-in undone — Rosa Door")
    _expect_count(page, before)

    type_code(code)
    expect(result).to_contain_text("Checked in — Rosa Door")
    type_code(code)
    expect(result).to_contain_text("Already checked in — Rosa Door")
    expect(result).to_contain_text("by Olga Organizer")
    expect(page.locator("#door-undo")).to_have_count(0)  # nothing of this result to undo
    _expect_count(page, before + 1)
    type_code("ZZZZ-ZZZZ-ZZZZ")
    expect(result).to_contain_text("Not found")

    page.locator("#door-mode").get_by_role("radio", name="Search a name").click()
    page.locator("#door-name").fill("forgot")
    people = page.locator("#door-people")
    expect(people).to_contain_text("Nadia Forgotten")
    people.get_by_role("button", name="Check in Nadia Forgotten").click()
    expect(result).to_contain_text("Checked in — Nadia Forgotten")
    _expect_count(page, before + 2)
    expect(people).to_contain_text("In at")
    shot("by-name")

    _another_door_checks_in(tickets["Li Otherdoor"])
    _expect_count(page, before + 3, timeout=15_000)  # the page follows the other door
