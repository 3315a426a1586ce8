"""A shared event link: the served HTML names the event (title, description, Open Graph) without
JavaScript, old and renamed addresses redirect to the current one, and anyone may add a published
event to a calendar. An event that is not public is "not found" and nothing of it is said."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from portal import links
from portal.web.app import build_web_app
from portal.web.event_pages import EventPages
from tests.services.registration_helpers import publish, set_event

SHELL = ('<!doctype html><html><head><meta charset="utf-8"/><title>Event · Event Portal</title>'
         '<meta name="description" content="generic"/><meta property="og:image" '
         'content="favicon.ico"/></head><body><div id="root"></div></body></html>')
served: list[str] = []


async def shell(request: Request) -> HTMLResponse:
    """What Reflex's static server answers for any event page: one shell for all."""
    served.append(request.url.path)
    return HTMLResponse(SHELL, headers={"etag": '"abc"'})


def browser() -> TestClient:
    served.clear()
    app = EventPages(Starlette(routes=[Route("/event", shell), Route("/event/{slug}", shell)]))
    return TestClient(app, base_url="http://localhost:3000", follow_redirects=False)


@pytest.fixture
def walk(team) -> int:
    return publish(team, name="Harbour Walk <Spring>", summary='Piers & "lights".')


def test_the_served_page_names_the_event_for_link_previews(walk):
    answer = browser().get(links.event(walk, "Harbour Walk <Spring>"))
    assert answer.status_code == 200
    html = answer.text
    assert "<title>Harbour Walk &lt;Spring&gt; · Event Portal</title>" in html
    assert html.count("<title>") == 1 and "generic" not in html and "favicon.ico" not in html
    assert '<meta property="og:title" content="Harbour Walk &lt;Spring&gt;"/>' in html
    assert 'Piers &amp; &quot;lights&quot;.' in html  # the summary, escaped
    assert "(Asia/Shanghai)" in html and "Shanghai" in html  # the date and the city
    url = f"http://localhost:3000/event/{walk}-harbour-walk-spring"
    assert f'<meta property="og:url" content="{url}"/>' in html
    assert f'<link rel="canonical" href="{url}"/>' in html
    assert "og:image" not in html  # no cover, no image
    assert "etag" not in answer.headers
    assert int(answer.headers["content-length"]) == len(answer.content)


def test_a_cover_becomes_the_preview_image(walk):
    set_event(walk, cover_key="covers/x.png", cover_type="image/png")
    html = browser().get(links.event(walk, "Harbour Walk <Spring>")).text
    assert f'<meta property="og:image" content="http://localhost:3000/files/cover/{walk}"/>' \
        in html
    assert '<meta name="twitter:card" content="summary_large_image"/>' in html


def test_old_and_renamed_addresses_redirect_to_the_current_one(walk):
    client = browser()
    current = f"/event/{walk}-harbour-walk-spring"
    for old in (f"/event?id={walk}", f"/event/{walk}", f"/event/{walk}-harbour-walk",
                f"/event/{walk}-anything-at-all"):
        answer = client.get(old)
        assert answer.status_code == 301 and answer.headers["location"] == current, old
    set_event(walk, name="Harbour Night Walk")
    answer = client.get(current)
    assert answer.status_code == 301
    assert answer.headers["location"] == f"/event/{walk}-harbour-night-walk"
    assert client.get(f"/event/{walk}-harbour-night-walk?ref=x").status_code == 200
    assert client.get(f"/event/{walk}?ref=x").headers["location"].endswith("?ref=x")


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected"])
def test_an_event_that_is_not_public_is_not_found_and_nothing_is_said(team, status):
    hidden = publish(team, name="Secret Gala", summary="Hush")
    set_event(hidden, status=status)
    client = browser()
    for path in (f"/event/{hidden}-secret-gala", f"/event?id={hidden}", f"/event/{hidden}",
                 "/event/999999-nothing", "/event/not-a-number",
                 "/event/99999999999999999999-big"):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert "Secret" not in answer.text and "Hush" not in answer.text
        assert answer.text == SHELL  # the page itself says "not found" once it loads


def test_other_pages_pass_untouched(walk):
    client = browser()
    answer = client.post(f"/event/{walk}-harbour-walk-spring")
    assert answer.status_code == 405
    assert client.get(f"/event/{walk}/x").status_code == 404  # no such route in the shell app


def test_anyone_adds_a_published_event_to_a_calendar(walk):
    answer = TestClient(build_web_app(), base_url="http://localhost:3000").get(
        links.event_calendar(walk))
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    assert answer.headers["content-disposition"] == f'attachment; filename="event-{walk}.ics"'
    body = answer.text.replace("\r\n ", "")
    assert body.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in body
    assert "SUMMARY:Harbour Walk <Spring>" in body and f"UID:event-{walk}@localhost" in body
    assert "LOCATION:1 Pier Road" in body and "DTSTART" in body and "DTEND" in body
    assert f"/event/{walk}-harbour-walk-spring" in body
    assert "olga" not in body.lower() and "+86" not in body  # no person, no emergency phone


def test_a_private_event_has_no_calendar_file(team):
    draft = publish(team, name="Secret Gala")
    set_event(draft, status="draft")
    client = TestClient(build_web_app(), base_url="http://localhost:3000")
    for path in (links.event_calendar(draft), "/calendar/event/0.ics",
                 "/calendar/event/99999999999999999999.ics"):
        answer = client.get(path)
        assert answer.status_code == 404 and "Secret" not in answer.text


def test_a_cancelled_event_says_so_in_the_calendar(walk):
    set_event(walk, status="cancelled")
    body = TestClient(build_web_app()).get(links.event_calendar(walk)).text
    assert "STATUS:CANCELLED" in body


@pytest.mark.parametrize(("name", "slug"), [
    ("Spring Chess Open!", "spring-chess-open"), ("春季 国际象棋", "春季-国际象棋"),
    ("  --  ", ""), ("Ａｂｃ_def", "abc-def")])
def test_slugs_read_well(name, slug):
    assert links.slug(name) == slug
    assert links.event_id_of(links.event(7, name).removeprefix("/event/")) == 7
