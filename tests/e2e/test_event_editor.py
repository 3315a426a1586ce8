"""The event editor in steps, on a desktop and on a 390-px phone: every step walked, what was
typed kept across steps, a wrong fee shown on its own row, questions reordered, the checklist
from the server's submission check, submitting; a draft deleted after a confirmation. Each step
is photographed in English and Chinese at both widths."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import approved_organizer, sign_in
from tests.e2e.test_events import fill, when

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
STEPS = 7


@pytest.fixture(scope="module")
def organizer(portal_app) -> str:
    return approved_organizer("stella@example.org", "Stella Steps", "Stella Steps Studio")


def panel(page: Page, number: int):
    return page.locator(f"#step-panel-{number}")


def next_step(page: Page, number: int) -> None:
    """Onwards with the button at the foot of the open step."""
    panel(page, number).locator(".step-next").click()
    expect(panel(page, number + 1)).to_be_visible()


def photograph_steps(page: Page, shot, prefix: str, phone: bool) -> None:
    for number in range(STEPS):
        if phone:
            expect(page.locator("#step-counter")).to_contain_text(str(number + 1))
        else:
            page.locator(f"#step-{number}").click()
        expect(panel(page, number)).to_be_visible()
        shot(f"{prefix}-step{number + 1}")
        if phone and number < STEPS - 1:
            page.locator("#phone-next").click()


def in_chinese(page: Page) -> None:
    page.evaluate("localStorage.setItem('portal.locale', 'zh-Hans')")
    page.context.add_cookies([{"name": "portal_locale", "value": "zh-Hans",
                               "url": page.url}])
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")


def start(page: Page, app_url: str, email: str) -> None:
    sign_in(page, app_url, email, next_path="/organizer/events")
    expect(page).to_have_url(re.compile(r"^[^?]*/organizer/events/?$"))
    page.locator("#new-event").click()
    expect(page.locator("#field-time_zone")).to_have_value("Asia/Shanghai")


def test_editor_steps_on_a_desktop(page: Page, app_url, shot, organizer):
    page.set_viewport_size({"width": 1280, "height": 900})
    start(page, app_url, organizer)
    expect(page.locator("#step-0")).to_have_attribute("aria-current", "step")
    fill(page, {"name": "Harbour Data Night", "summary": "Talks and demos by the river."})
    next_step(page, 0)
    fill(page, {"starts_at": when(30, 18), "ends_at": when(30, 22),
                "venue_address": "1 Harbour Road", "city": "Shanghai"})
    next_step(page, 1)
    fill(page, {"capacity": "80", "registration_opens_at": when(1, 9),
                "registration_closes_at": when(29, 18)})
    fees = page.locator("#fee-items")
    fees.locator("input[name=fee_amount_0]").fill("50")
    page.locator("#add-fee").click()
    page.locator("#add-fee").click()
    # the rows come from the page's state: type only once both new rows are there, or a
    # late re-render of the list empties what was typed
    expect(fees.locator("input[name=fee_amount_2]")).to_be_visible()
    fees.locator("input[name=fee_amount_1]").fill("12.345")  # three decimals: refused
    fees.locator("input[name=fee_amount_2]").fill("5")
    page.locator("#save-event").click()
    # the refusal is on the second fee row, nowhere else; the step stays open
    expect(page.locator("#fee-row-1 [role=alert]").filter(has_text="decimal")).to_be_visible()
    expect(page.locator("#fee-row-0")).not_to_contain_text("decimal")
    expect(page.locator("#fee-row-2")).not_to_contain_text("decimal")
    expect(panel(page, 2)).to_be_visible()
    shot("fee-error")
    fees.locator("input[name=fee_amount_1]").fill("12.50")
    next_step(page, 2)
    page.locator("#add-question").click()
    page.locator("#questions input[name=q_label_0]").fill("Which talk interests you most?")
    page.locator("#add-question").click()
    page.locator("#questions input[name=q_label_1]").fill("Do you need a seat near the door?")
    page.locator("#questions .question-row").nth(1).locator(".move-up").click()
    expect(page.locator("#questions input[name=q_label_0]")).to_have_value(
        "Do you need a seat near the door?")
    expect(page.locator("#questions input[name=q_label_1]")).to_have_value(
        "Which talk interests you most?")
    # back to the first step and forward again: what was typed is all there
    page.locator("#step-0").click()
    expect(page.locator("#field-name")).to_have_value("Harbour Data Night")
    page.locator("#step-2").click()
    expect(fees.locator("input[name=fee_amount_1]")).to_have_value("12.50")
    # the review saves the draft and lists what the server still refuses to submit
    page.locator("#step-6").click()
    checklist = page.locator("#checklist")
    expect(checklist).to_contain_text("Safety plan: describe the risks.")
    expect(checklist.locator("li")).to_have_count(4)
    expect(page.locator("#submit-review")).to_be_disabled()
    expect(page).to_have_url(re.compile(r"\?id=\d+"))
    shot("checklist")
    checklist.get_by_role("button").first.click()
    expect(panel(page, 5)).to_be_visible()
    fill(page, {"safety_risks": "Wet quay after rain.", "safety_measures": "Mats and signs.",
                "emergency_contact": "+86 21 5555 0111",
                "emergency_plan": "Fire: exit to the quay. Earthquake: open square. "
                                  "Network: printed list."})
    page.locator("#step-6").click()
    expect(page.locator("#checklist-done")).to_be_visible()
    photograph_steps(page, shot, "en-desktop", phone=False)
    in_chinese(page)
    photograph_steps(page, shot, "zh-desktop", phone=False)
    page.locator("#submit-event").click()
    expect(page.locator("#locked")).to_be_visible()
    questions = page.locator("#event-questions").inner_text()
    assert questions.index("seat near the door") < questions.index("Which talk")
    shot("submitted")
    page.goto(f"{app_url}/organizer/events")
    expect(page.locator("#main")).to_contain_text("Harbour Data Night")
    shot("my-events")


def test_editor_steps_on_a_phone(browser: Browser, app_url, organizer, request):
    from tests.e2e.conftest import SCREENSHOTS

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()

    def shot(name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-{name}.png"),
                        full_page=True)

    start(page, app_url, organizer)
    expect(page.locator("#step-0")).to_be_hidden()  # the list gives way to "Step 1 of 7"
    expect(page.locator("#step-counter")).to_have_text("Step 1 of 7")
    fill(page, {"name": "Pocket Meetup", "summary": "Typed on a phone."})
    page.locator("#phone-next").click()
    expect(page.locator("#step-counter")).to_have_text("Step 2 of 7")
    fill(page, {"starts_at": when(20, 19), "ends_at": when(20, 21),
                "venue_address": "5 Garden Lane"})
    page.locator("#phone-next").click()
    fill(page, {"capacity": "12", "registration_opens_at": when(1, 9),
                "registration_closes_at": when(19, 18)})
    page.locator("#fee-items input[name=fee_amount_0]").fill("abc")
    page.locator("#phone-prev").click()
    expect(page.locator("#step-counter")).to_have_text("Step 2 of 7")
    expect(page.locator("#field-venue_address")).to_have_value("5 Garden Lane")
    bar = page.locator(".editor-bar")
    bar.locator("#save-event").click()
    # the refusal opens the step that holds the fee, on its row
    expect(page.locator("#step-counter")).to_have_text("Step 3 of 7")
    expect(page.locator("#fee-row-0 [role=alert]").filter(has_text="amount")).to_be_visible()
    box = bar.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"] + 1  # in reach
    shot("fee-error")
    page.locator("#fee-items input[name=fee_amount_0]").fill("0")
    bar.locator("#save-event").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    page.locator("#phone-prev").click()
    page.locator("#phone-prev").click()
    photograph_steps(page, shot, "en-phone", phone=True)
    in_chinese(page)
    photograph_steps(page, shot, "zh-phone", phone=True)
    # deleting the draft asks first
    page.locator("#delete-draft").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_visible()
    shot("delete-confirm")
    dialog.get_by_role("button", name="删除草稿").click()
    expect(page).to_have_url(re.compile(r"^[^?]*/organizer/events/?$"))
    expect(page.locator("#main")).not_to_contain_text("Pocket Meetup")
    context.close()


def test_asking_to_cancel_a_published_event_asks_first(page: Page, app_url):
    from sqlmodel import col, select

    from portal.db import session_scope
    from portal.domain.models import Event, EventChangeRequest

    with session_scope() as session:
        event_id = session.exec(select(Event.id).where(
            col(Event.name) == "Shanghai Data Summit")).one()

    def requests() -> int:
        with session_scope() as session:
            return len(session.exec(select(EventChangeRequest.id).where(
                col(EventChangeRequest.event_id) == event_id)).all())

    sign_in(page, app_url, "organizer@demo.example", next_path="/organizer/events")
    expect(page).to_have_url(re.compile(r"^[^?]*/organizer/events/?$"))
    page.goto(f"{app_url}/organizer/event?id={event_id}")
    # the event has loaded before the step is chosen (loading opens the first step)
    expect(page.locator("#field-name")).to_have_value("Shanghai Data Summit")
    page.locator(f"#step-{STEPS - 1}").click()
    expect(panel(page, STEPS - 1)).to_be_visible()
    page.locator("#field-cancel_reason").fill("The hall is closed for repairs.")
    page.locator("#request-cancel").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("This cannot be undone")
    dialog.get_by_role("button", name="Keep the event").click()
    expect(dialog).to_have_count(0)
    assert requests() == 0  # keeping the event asked nothing of staff
    page.locator("#request-cancel").click()
    page.get_by_role("alertdialog").locator(".confirm-action").click()
    expect(page.get_by_text("Cancellation requested; staff review it.")).to_be_visible()
    assert requests() == 1
