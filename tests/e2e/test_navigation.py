"""Navigation that knows who you are, on a desktop and on a 390-px phone: what each role's
menus show, where each lands after signing in, the public header, the way back from an event,
the 404 page, the suspended account's message, and the confirmation before publishing."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from portal.services.demo import DEMO_PASSWORD
from tests.e2e.helpers import confirm, harbour_event, sign_in, switch_language

pytestmark = pytest.mark.e2e

WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def someone(email: str, name: str = "Nora Nav", *, suspended: bool = False) -> int:
    """A person of the test's own: an attendee nobody else's journey turns into an organizer."""
    from datetime import date

    from sqlalchemy import select, update

    from portal.db import session_scope
    from portal.domain.models import User
    from portal.services.users import create_user

    with session_scope() as session:
        found = session.exec(select(User).where(User.email == email)).first()
        user = found[0] if found else create_user(
            session, name=name, email=email, password=DEMO_PASSWORD, verified=True,
            phone="+86 139 0000 0777", date_of_birth=date(1992, 3, 3), accepted_rules=True)
        if suspended:
            session.execute(update(User).where(User.id == user.id).values(status="suspended"))
        return user.id


@dataclass(frozen=True)
class Role:
    email: str
    lands: str  # the path signing in without a `next` leads to
    nav_shows: tuple[str, ...]  # links in the portal's menu (sidebar, or the phone's drawer)
    nav_hides: tuple[str, ...]
    menu_shows: tuple[str, ...]  # items of the person's own menu
    menu_hides: tuple[str, ...]


ROLES = {
    "attendee": Role("nora.nav@example.org", "/me",
                     ("My registrations", "Become an organizer"),
                     ("Staff portal", "Organizer portal", "Users", "Payments", "Notices"),
                     ("My portal", "Profile"), ("Staff portal", "Organizer portal")),
    "organizer": Role("organizer@demo.example", "/organizer", ("My events", "Notices",
                                                               "My portal"),
                      ("Staff portal", "Become an organizer", "Users"),
                      ("Organizer portal",), ("Staff portal",)),
    "staff": Role("staff@demo.example", "/staff",
                  ("Event reviews", "Change requests", "Supervision", "Payments", "Refunds",
                   "Mail log", "Audit log", "My portal"),
                  ("Users", "Organizer portal", "Become an organizer"), ("Staff portal",),
                  ("Organizer portal",)),
    "admin": Role("admin@demo.example", "/staff",
                  ("Users", "Event reviews", "Supervision", "Payments", "Audit log"),
                  ("Organizer portal", "Become an organizer"), ("Staff portal",),
                  ("Organizer portal",)),
}


def _portal_menu(page: Page, width: str):  # noqa: ANN202
    if width == "desktop":
        return page.locator("aside.sidebar")
    expect(page.locator("#user-menu")).to_be_visible()  # the page is live: a click counts
    page.locator("#open-menu").click()
    drawer = page.get_by_role("dialog")
    expect(drawer.get_by_role("link").first).to_be_in_viewport()
    page.wait_for_timeout(400)  # the drawer's slide, for the screenshot
    return drawer


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("role", ROLES)
def test_menus_show_what_each_person_may_use_and_sign_in_lands_at_their_work(
        page: Page, app_url: str, shot, role: str, width: str):
    who = ROLES[role]
    if role == "attendee":
        someone(who.email)
    page.set_viewport_size(WIDTHS[width])
    sign_in(page, app_url, who.email)
    expect(page).to_have_url(re.compile(re.escape(who.lands) + "/?$"))

    menu = _portal_menu(page, width)
    for label in who.nav_shows:
        expect(menu.get_by_role("link", name=label, exact=True)).to_be_visible()
    for label in who.nav_hides:
        expect(menu.get_by_role("link", name=label, exact=True)).to_have_count(0)
    shot("nav-en")
    if width == "phone":
        page.keyboard.press("Escape")

    page.locator("#user-menu").click()
    for label in who.menu_shows:
        expect(page.get_by_role("menuitem", name=label, exact=True)).to_be_visible()
    for label in who.menu_hides:
        expect(page.get_by_role("menuitem", name=label, exact=True)).to_have_count(0)
    shot("user-menu-en")
    page.keyboard.press("Escape")

    switch_language(page, "简体中文")
    _portal_menu(page, width)
    shot("nav-zh")
    page.keyboard.press("Escape")
    page.locator("#user-menu").click()
    shot("user-menu-zh")
    page.keyboard.press("Escape")
    switch_language(page, "English")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_public_header_and_the_way_back_from_an_event(page: Page, app_url: str, shot,
                                                          width: str):
    page.set_viewport_size(WIDTHS[width])
    page.goto(app_url + "/")
    header = page.locator("header.site-header")
    for part in ("#nav-events", "#sign-in-entry", "#sign-up-entry", "#language-switch"):
        expect(header.locator(part)).to_be_visible()
    expect(page.get_by_text("Open the staff portal")).to_have_count(0)
    expect(page.get_by_role("link", name="Open the organizer portal")).to_be_visible()
    shot("home-en")
    switch_language(page, "简体中文")
    expect(header.locator("#nav-events")).to_have_text("活动")
    shot("home-zh")
    switch_language(page, "English")

    header.locator("#sign-up-entry").click()
    expect(page).to_have_url(re.compile(r"/sign-up/?$"))
    page.locator("#nav-events").click()
    expect(page).to_have_url(re.compile(r"/events/?$"))
    page.locator("#catalogue").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/event/\d+(-[^/?#]+)?$"))
    expect(page.locator("#event-name")).to_be_visible()
    shot("event")
    page.locator("#back-to-events").click()
    expect(page).to_have_url(re.compile(r"/events/?$"))


@pytest.mark.parametrize("width", WIDTHS)
def test_an_unknown_address_gets_a_friendly_404_inside_the_public_layout(
        page: Page, app_url: str, shot, width: str):
    page.set_viewport_size(WIDTHS[width])
    response = page.goto(app_url + "/no-such-page/at-all")
    assert response is not None and response.status == 404
    expect(page.locator("#not-found")).to_be_visible()
    expect(page.locator("#page-title")).to_have_text("We could not find that page")
    expect(page.locator("header.site-header #nav-events")).to_be_visible()
    shot("en")
    switch_language(page, "简体中文")
    expect(page.locator("#page-title")).not_to_have_text("We could not find that page")
    shot("zh")
    switch_language(page, "English")
    page.locator("#not-found-events").click()
    expect(page).to_have_url(re.compile(r"/events/?$"))


@pytest.mark.parametrize("width", WIDTHS)
def test_a_suspended_account_is_told_so_after_the_right_password_only(
        page: Page, app_url: str, shot, width: str):
    email = f"sus.{width}@example.org"
    someone(email, suspended=True)
    page.set_viewport_size(WIDTHS[width])
    sign_in(page, app_url, email, "a wrong guess")
    expect(page.locator("#form-error")).to_have_text("The email or password is not correct.")
    sign_in(page, app_url, email)
    expect(page.locator("#form-error")).to_contain_text("This account is suspended")
    expect(page).to_have_url(re.compile(r"/sign-in"))
    shot("suspended")


def _submitted_event(name: str) -> int:
    """An event waiting for review, of the demo organizer."""
    from portal.services.demo_events import DemoEvent

    return harbour_event(DemoEvent(name, "Lanterns by the river.", "other", 30, 0, "Shanghai", [],
                                   publish=False))


@pytest.mark.parametrize("width", WIDTHS)
def test_publishing_asks_first_and_cancelling_changes_nothing(page: Page, app_url: str, shot,
                                                              width: str):
    event_id = _submitted_event(f"Lantern Walk ({width})")
    page.set_viewport_size(WIDTHS[width])
    sign_in(page, app_url, "staff@demo.example", next_path=f"/staff/event?id={event_id}")
    expect(page.locator("#event-name")).to_have_text(f"Lantern Walk ({width})")

    page.locator("#approve").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Approve and publish this event?")
    shot("asks")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)
    page.reload()  # nothing changed on the server either
    expect(page.locator("#approve")).to_be_visible()
    expect(page.get_by_text("Approved and published.")).to_have_count(0)

    page.locator("#approve").click()
    confirm(page)
    expect(page.get_by_text("Approved and published.")).to_be_visible()
    expect(page.locator("#approve")).to_have_count(0)


def test_granting_a_role_asks_first(page: Page, app_url: str, shot):
    user_id = someone("gina.grant@example.org", "Gina Grant")
    sign_in(page, app_url, "admin@demo.example", next_path=f"/staff/user?id={user_id}")
    switch = page.locator("#role-staff_finance")
    # the name comes from the page's state: the page is live, a click is not lost
    expect(page.locator("#user-name")).to_have_text("Gina Grant", timeout=30000)
    expect(switch).to_have_attribute("aria-checked", "false")
    switch.click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Grant “Staff: finance” to Gina Grant?")
    dialog.get_by_role("button", name="Cancel").click()
    expect(switch).to_have_attribute("aria-checked", "false")

    page.locator("#role-admin").click()
    expect(dialog).to_contain_text("suspend any account")  # what an administrator may do
    shot("grant-admin")
    dialog.get_by_role("button", name="Cancel").click()

    switch.click()
    confirm(page)
    expect(page.get_by_text("Roles updated.")).to_be_visible()
    expect(switch).to_have_attribute("aria-checked", "true")
