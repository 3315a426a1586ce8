"""The sign-in route takes its one-time ticket only from the cookie the asking browser got, so
a link cannot sign a victim's browser into someone else's account (login CSRF)."""

from __future__ import annotations

from datetime import date

import pytest
from starlette.testclient import TestClient

from portal.db import session_scope
from portal.domain.enums import Role
from portal.services import accounts
from portal.services.users import create_user
from portal.settings import get_settings
from portal.web.app import build_web_app
from tests.services.helpers import STRONG


@pytest.fixture
def ticket(engine) -> str:
    with session_scope() as session:
        create_user(session, name="Mallory", email="mallory@example.org", password=STRONG,
                    verified=True, phone="+86 138 0000 0001", date_of_birth=date(1990, 1, 1))
    with session_scope() as session:
        return accounts.sign_in(session, email="mallory@example.org", password=STRONG)


def client() -> TestClient:
    return TestClient(build_web_app(), base_url="http://localhost:3000", follow_redirects=False)


def test_a_ticket_in_a_link_signs_nobody_in(ticket):
    answer = client().get(f"/auth/session?ticket={ticket}&next=/me")
    assert answer.status_code == 303 and "expired=1" in answer.headers["location"]
    assert "portal_session" not in answer.cookies


def test_the_browser_holding_the_ticket_cookie_is_signed_in_once(ticket):
    browser = client()
    browser.cookies.set("portal_ticket", ticket, path="/auth/session")
    answer = browser.get("/auth/session?next=/me/profile")
    assert answer.status_code == 303 and answer.headers["location"].endswith("/me/profile")
    assert answer.cookies.get("portal_session")
    replay = client()
    replay.cookies.set("portal_ticket", ticket, path="/auth/session")
    again = replay.get("/auth/session?next=/me")
    assert "expired=1" in again.headers["location"] and "portal_session" not in again.cookies


@pytest.mark.parametrize(("roles", "next_path", "lands"), [
    (frozenset(), "", "/me"), (frozenset({Role.STAFF_REVIEWS}), "", "/staff"),
    (frozenset({Role.ADMIN}), "https://evil.example/", "/staff"),
    (frozenset({Role.ADMIN}), "/register?id=4", "/register?id=4")])
def test_the_route_lands_each_person_where_their_work_is(engine, roles, next_path, lands):
    with session_scope() as session:
        create_user(session, name="Rita", email="rita@example.org", password=STRONG,
                    verified=True, roles=roles)
    with session_scope() as session:
        ticket = accounts.sign_in(session, email="rita@example.org", password=STRONG)
    browser = client()
    browser.cookies.set("portal_ticket", ticket, path="/auth/session")
    answer = browser.get("/auth/session", params={"next": next_path})
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{get_settings().base_url}{lands}"


@pytest.mark.parametrize("path", ["/files/cover/99999999999999999999999",
                                  "/files/cover/9223372036854775808",
                                  "/files/qualification/-1", "/files/qualification/abc"])
def test_ids_out_of_range_are_not_found(engine, path):
    assert client().get(path).status_code == 404
