"""Supervision in the browser (rules §3.3.3): staff warn an organizer, suspend its publishing
(its member can no longer submit an event and is told why), and lift the suspension (they
can again)."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e.helpers import approved_organizer, sign_in

EMAIL = "sue.supervised@example.org"


def _organizer_and_draft() -> tuple[int, int]:
    """Sue's qualified organizer and a complete draft ready to submit (made through the
    services; the editor has its own journeys)."""
    from portal.db import session_scope
    from portal.domain.clock import utcnow
    from portal.domain.models import OrganizerMember, User
    from portal.domain.policies import Actor
    from portal.services import event_drafts, event_form

    approved_organizer(EMAIL, "Sue Supervised", "Supervised Events Ltd")
    with session_scope() as session:
        user = session.exec(select(User).where(User.email == EMAIL)).one()[0]
        organizer_id = session.exec(select(OrganizerMember.organizer_id).where(
            OrganizerMember.user_id == user.id)).one()[0]
        member = Actor(user_id=user.id, verified=True, accepted_rules=True,
                       organizer_ids=frozenset({organizer_id}))
        day = (utcnow() + timedelta(days=40)).strftime("%Y-%m-%dT")
        event_id = event_drafts.save_draft(
            session, member, organizer_id=organizer_id, event_id=None, fees=[],
            draft=event_form.EventDraft(
                name="Supervised Meetup", summary="A meetup.", description="Talks.",
                category="other", starts_at=day + "09:00", ends_at=day + "12:00",
                time_zone="Asia/Shanghai", format="in_person", venue_address="1 Bund Road",
                city="Shanghai", capacity="30",
                registration_opens_at=(utcnow() + timedelta(days=1)).strftime("%Y-%m-%dT09:00"),
                registration_closes_at=day + "08:00", safety_risks="Crowding",
                safety_measures="Stewards", emergency_contact="+86 21 5555 0100",
                emergency_plan="Exit through the main door."))
    return organizer_id, event_id


def _impose(staff, action: str, reason: str) -> None:
    staff.locator(f"#{action}").click()
    staff.locator("#sanction-reason").fill(reason)
    staff.locator("#confirm-sanction").click()


def test_staff_warn_suspend_and_lift(browser, app_url, shot):
    organizer_id, event_id = _organizer_and_draft()
    staff = browser.new_context().new_page()
    sign_in(staff, app_url, "staff@demo.example",
            next_path=f"/staff/assessment?id={organizer_id}")
    expect(staff.locator("#organizer-name")).to_have_text("Supervised Events Ltd")
    _impose(staff, "warn", "Late answers to inquiries.")
    expect(staff.get_by_text("Warning given")).to_be_visible()
    _impose(staff, "suspend", "Unsafe venue found twice.")
    expect(staff.get_by_text("Publishing suspended;")).to_be_visible()
    expect(staff.locator("#cannot-publish")).to_be_visible()
    shot("suspended", staff)

    sue = browser.new_context().new_page()
    sign_in(sue, app_url, EMAIL, next_path="/organizer")
    expect(sue.locator("#standing-banner")).to_contain_text("Publishing is suspended")
    sue.goto(f"{app_url}/organizer/event?id={event_id}")
    expect(sue.locator("#field-name")).to_have_value("Supervised Meetup")
    sue.locator("#submit-event").click()
    expect(sue.locator("#form-error")).to_contain_text(
        "Publishing is suspended for this organizer")
    shot("refused", sue)
    sue.goto(f"{app_url}/organizer/notices")
    expect(sue.locator("#sanctions-in-force")).to_contain_text("Unsafe venue found twice.")
    shot("organizer-notices", sue)

    staff.locator(".lift-sanction").first.click()
    staff.locator("#sanction-reason").fill("The venue was inspected and is safe.")
    staff.locator("#confirm-lift").click()
    expect(staff.get_by_text("Sanction lifted")).to_be_visible()
    expect(staff.locator("#cannot-publish")).to_have_count(0)

    sue.goto(f"{app_url}/organizer/event?id={event_id}")
    expect(sue.locator("#field-name")).to_have_value("Supervised Meetup")
    sue.locator("#submit-event").click()
    expect(sue.get_by_text("Submitted for review.")).to_be_visible()
    staff.context.close()
    sue.context.close()


def test_supervision_screens_show_the_demo_notices(page, app_url, shot):
    """The demo organizer's notices: one overdue, one answered (with its evidence), in the
    staff list and on the organizer's Notices page, at desktop and phone widths, in English
    and Chinese."""
    from tests.e2e.helpers import switch_language

    sign_in(page, app_url, "staff@demo.example", next_path="/staff/supervision")
    expect(page.locator(".overdue-flag")).to_have_count(1)
    page.get_by_role("link", name="Harbour Events Co.").first.click()
    expect(page.locator(".notice-problem")).to_be_visible()
    shot("staff-notice")
    page.goto(f"{app_url}/staff/supervision")
    # by due date: the overdue one, the answered one (due in 4 days), the one due in 6
    expect(page.locator(".notice-link")).to_have_count(3)
    page.locator(".notice-link").nth(1).click()
    expect(page.locator(".notice-response")).to_contain_text("First-aid staff")
    expect(page.get_by_role("link", name="safety-plan.pdf")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    switch_language(page, "简体中文")
    expect(page.get_by_text("主办方的答复")).to_be_visible()
    shot("staff-notice-zh-phone")

    member = page.context.browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(member, app_url, "organizer@demo.example", next_path="/organizer/notices")
    expect(member.locator(".notice-card")).to_have_count(3)
    expect(member.locator("#sanctions-in-force")).to_contain_text("Warning")
    shot("organizer-notices-phone", member)
    member.context.close()
