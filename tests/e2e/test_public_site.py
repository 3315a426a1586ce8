"""The public site as people share it: an event's link previews (title, description, Open Graph
in the HTML a crawler gets, no JavaScript), readable addresses that survive a rename, the
catalogue's view in its address (reload, Back), the city filter, the calendar file; at desktop
and phone width, in both languages."""

from __future__ import annotations

import re
import urllib.request
from urllib.error import HTTPError

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import switch_language

pytestmark = pytest.mark.e2e

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
NAME = "Open Chess Rapid"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return None


def fetch(url: str) -> tuple[int, dict[str, str], str]:
    """What a crawler gets: one plain HTTP request, no script run, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def event_id(name: str) -> int:
    from sqlalchemy import select

    from portal.db import session_scope
    from portal.domain.models import Event

    with session_scope() as session:
        return session.exec(select(Event.id).where(Event.name == name)).one()[0]


def rename(event: int, name: str) -> None:
    from sqlalchemy import update

    from portal.db import session_scope
    from portal.domain.models import Event

    with session_scope() as session:
        session.execute(update(Event).where(Event.id == event).values(name=name))


def test_a_shared_link_names_the_event_without_javascript(portal_app, app_url):
    chess = event_id(NAME)
    status, headers, _ = fetch(f"{app_url}/event?id={chess}")
    assert status == 301 and headers["location"] == f"/event/{chess}-open-chess-rapid"
    status, _, html = fetch(f"{app_url}/event/{chess}-open-chess-rapid")
    assert status == 200
    assert f"<title>{NAME} · Event Portal</title>" in html
    assert f'<meta property="og:title" content="{NAME}"/>' in html
    description = re.search(r'<meta name="description" content="([^"]+)"', html).group(1)
    assert "Seven rounds, 15+10" in description and "(Asia/Shanghai)" in description
    assert 'property="og:description"' in html and 'property="og:url"' in html
    status, _, html = fetch(f"{app_url}/event/999999-nothing")
    assert status == 404 and "og:title" not in html


@pytest.mark.parametrize("size", SIZES)
def test_the_event_page_reads_well_and_keeps_its_address(browser: Browser, app_url, shot, size):
    chess = event_id(NAME)
    page = browser.new_context(viewport=SIZES[size], accept_downloads=True).new_page()
    page.goto(f"{app_url}/event/{chess}")
    expect(page).to_have_url(f"{app_url}/event/{chess}-open-chess-rapid")
    expect(page.locator("#event-name")).to_have_text(NAME)
    expect(page).to_have_title(f"{NAME} · Event Portal")
    description = page.locator("#event-description")
    expect(description.locator("h4")).to_have_text("Programme")  # "##" under "About"
    expect(description.locator("ol li")).to_have_count(3)
    expect(description.locator("blockquote")).to_contain_text("Seats go fast")
    expect(description.locator("code")).to_have_text("ABCD-2345-EFGH")
    expect(description.locator("a")).to_have_attribute("rel", "noopener noreferrer")
    expect(page.locator("#event-map")).to_have_attribute(
        "href", re.compile(r"^https://www\.openstreetmap\.org/search\?query=Main%20hall"))
    expect(page.locator("#event-when")).not_to_contain_text(":00:00")  # no seconds
    with page.expect_download() as download:
        page.locator("#add-to-calendar").click()
    ics = open(download.value.path(), encoding="utf-8").read().replace("\r\n ", "")
    assert ics.startswith("BEGIN:VCALENDAR") and f"SUMMARY:{NAME}" in ics
    assert f"UID:event-{chess}@" in ics and "DTSTART" in ics and "END:VCALENDAR" in ics
    shot(f"{size}-en", page)
    switch_language(page, "简体中文")
    expect(page.get_by_text("添加到日历")).to_be_visible()
    page.reload()  # text the server formats (dates, labels) follows on the next load
    expect(page.locator("#event-when")).to_contain_text(re.compile(r"\d{4}年\d{1,2}月\d{1,2}日"))
    expect(page).to_have_title(f"{NAME} · Event Portal")
    expect(page.locator("#event-questions")).to_contain_text("是或否 (必填)")
    shot(f"{size}-zh", page)
    page.context.close()


def test_an_address_still_works_after_a_rename(page: Page, app_url):
    chess = event_id(NAME)
    try:
        rename(chess, "Open Chess Blitz")
        page.goto(f"{app_url}/event/{chess}-open-chess-rapid")
        expect(page).to_have_url(f"{app_url}/event/{chess}-open-chess-blitz")
        expect(page.locator("#event-name")).to_have_text("Open Chess Blitz")
        expect(page).to_have_title("Open Chess Blitz · Event Portal")
    finally:
        rename(chess, NAME)


@pytest.mark.parametrize("size", SIZES)
def test_the_catalogue_view_lives_in_its_address(browser: Browser, app_url, shot, size):
    page = browser.new_context(viewport=SIZES[size]).new_page()
    page.goto(f"{app_url}/events")
    cards = page.locator("#catalogue").get_by_role("link")
    expect(cards.filter(has_text=NAME)).to_be_visible()
    listed = cards.count()
    expect(cards.first).not_to_contain_text(re.compile(r"\d:\d\d:\d\d"))  # no seconds
    heights = {round(card.bounding_box()["height"]) for card in cards.all()}
    if size == "desktop":
        assert len(heights) == 1, heights  # one row of cards, one height
    shot(f"{size}-en", page)
    if size == "phone":
        page.locator("#open-filters").click()
        page.locator("#filter-city-sheet").click()
        page.get_by_role("option", name="Shanghai").click()
        page.locator("#show-results").click()
    else:
        page.locator("#filter-city").click()
        page.get_by_role("option", name="Shanghai").click()
    expect(page).to_have_url(re.compile(r"/events/?\?city=Shanghai$"))
    expect(cards.filter(has_text="Shanghai Data Summit")).to_be_visible()
    expect(cards.filter(has_text=NAME)).to_have_count(0)  # in Beijing
    page.reload()
    expect(cards.filter(has_text="Shanghai Data Summit")).to_be_visible()
    expect(cards.filter(has_text=NAME)).to_have_count(0)
    page.get_by_role("searchbox").fill("pottery")
    expect(page).to_have_url(re.compile(r"/events/?\?q=pottery&city=Shanghai$"))
    expect(page.get_by_text("No events match")).to_be_visible()
    page.goto(f"{app_url}/events?city=Hangzhou")
    expect(cards.filter(has_text="Intro to Pottery")).to_be_visible()
    page.go_back()
    expect(page).to_have_url(re.compile(r"/events/?\?q=pottery&city=Shanghai$"))
    expect(page.get_by_role("searchbox")).to_have_value("pottery")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/events/?$"))
    expect(cards).to_have_count(listed)
    expect(page.get_by_role("searchbox")).to_have_value("")
    switch_language(page, "简体中文")
    expect(page.locator("#page-title")).to_have_text("活动")
    page.reload()
    expect(cards.filter(has_text=NAME)).to_contain_text(re.compile(r"\d{4}年\d{1,2}月\d{1,2}日"))
    shot(f"{size}-zh", page)
    if size == "phone":
        page.locator("#open-filters").click()
        expect(page.locator("#filter-city-sheet")).to_be_visible()
        shot(f"{size}-zh-filters", page)
    page.context.close()
