"""A ticket's PDF and calendar file go to its holder (and the organizer's members), in the
reader's language; anyone else, signed in or not, and a made-up code get "not found"."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from starlette.testclient import TestClient

from portal.web.app import build_web_app
from tests.services.helpers import sign_in
from tests.services.registration_helpers import person, publish, sign_up_for


@pytest.fixture
def ticket(team) -> str:
    event_id = publish(team, name="Harbour Walk", guide_bring="Boots")
    return sign_up_for(person("Ann"), event_id).ticket_code


def pdf_text(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def browser(email: str = "", locale: str = "") -> TestClient:
    client = TestClient(build_web_app(), base_url="http://localhost:3000")
    if email:
        client.cookies.set("portal_session", sign_in(email))
    if locale:
        client.cookies.set("portal_locale", locale)
    return client


def test_the_holder_downloads_the_pdf_in_their_language(ticket):
    answer = browser("ann@example.org").get(f"/tickets/{ticket}.pdf")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    assert answer.headers["content-disposition"] == f'attachment; filename="ticket-{ticket}.pdf"'
    assert answer.headers["cache-control"] == "private, no-store"
    text = pdf_text(answer.content)
    assert "Harbour Walk" in text and "Ann" in text and ticket in text and "When" in text
    chinese = browser("ann@example.org", locale="zh-Hans").get(f"/tickets/{ticket}.pdf")
    assert chinese.status_code == 200
    assert "时间" in pdf_text(chinese.content) and "年" in pdf_text(chinese.content)


def test_the_holder_adds_the_event_to_a_calendar(ticket):
    answer = browser("ann@example.org").get(f"/tickets/{ticket.lower()}.ics")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    assert answer.headers["content-disposition"] == f'attachment; filename="ticket-{ticket}.ics"'
    assert answer.headers["cache-control"] == "private, no-store"
    body = answer.text.replace("\r\n ", "")
    assert "BEGIN:VEVENT" in body and "SUMMARY:Harbour Walk" in body
    assert f"UID:ticket-{ticket}@localhost" in body and "LOCATION:1 Pier Road" in body
    assert f"/ticket?code={ticket}" in body and "What to bring:\\nBoots" in body


def test_the_organizers_member_may_download_it(ticket):
    assert browser("olga@example.org").get(f"/tickets/{ticket}.pdf").status_code == 200


@pytest.mark.parametrize("kind", ["pdf", "ics"])
def test_nobody_else_gets_the_ticket(ticket, kind):
    person("Mallory")
    for client in (browser("mallory@example.org"), browser("eve@example.org"), browser()):
        answer = client.get(f"/tickets/{ticket}.{kind}")
        assert answer.status_code == 404 and ticket not in answer.text
        assert answer.headers["cache-control"] == "private, no-store"
    assert browser("ann@example.org").get(f"/tickets/ZZZZ-ZZZZ-ZZZZ.{kind}").status_code == 404


def test_new_rules_send_the_holder_to_accept_them_before_the_download(ticket, engine):
    """The runner's rules gate holds for files as for pages: no ticket, a redirect."""
    from datetime import date

    from portal.db import session_scope
    from portal.domain.enums import Role
    from portal.services import platform_texts
    from portal.services.runner import run_use_case
    from portal.services.users import create_user
    from portal.settings import get_settings
    from tests.services.helpers import STRONG

    with session_scope() as session:
        create_user(session, name="Ada", email="ada@example.org", password=STRONG,
                    roles=frozenset({Role.ADMIN}), verified=True, phone="+86 138 0000 0002",
                    date_of_birth=date(1990, 1, 1), accepted_rules=True)
    run_use_case(platform_texts.publish_text, session_token=sign_in("ada@example.org"),
                 write=True, kind="rules", body="# Rules\n\n1. Be kind.").unwrap()
    answer = browser("ann@example.org").get(f"/tickets/{ticket}.pdf", follow_redirects=False)
    assert answer.status_code == 303 and not answer.content.startswith(b"%PDF")
    assert answer.headers["location"] == f"{get_settings().base_url}/rules/accept"
    ann = sign_in("ann@example.org")
    run_use_case(platform_texts.accept_text, session_token=ann, write=True, kind="rules",
                 version=1).unwrap()
    assert browser("ann@example.org").get(f"/tickets/{ticket}.pdf").status_code == 200
