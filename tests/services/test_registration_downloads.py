"""The download routes of the organizer's registration page: the CSV and Excel export and the
files registrants attached. The session cookie decides; everyone else gets a plain 404."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlmodel import select
from starlette.testclient import TestClient

from portal.db import session_scope
from portal.domain.models import RegistrationAnswer
from portal.web.app import build_web_app
from portal.web.auth import SESSION_COOKIE
from tests.services import registration_admin_fixtures as fixtures
from tests.services.helpers import PDF, sign_in

hall, other_member = fixtures.hall, fixtures.other_member


def get(path: str, email: str = "", **cookies: str):
    client = TestClient(build_web_app(), raise_server_exceptions=False)
    if email:
        client.cookies.set(SESSION_COOKIE, sign_in(email))
    for name, value in cookies.items():
        client.cookies.set(name, value)
    return client.get(path)


def _file_answer(hall) -> int:
    with session_scope() as session:
        return session.exec(select(RegistrationAnswer.id).where(
            RegistrationAnswer.registration_id == hall["ids"]["Ann"],
            RegistrationAnswer.file_key.is_not(None))).one()


def test_the_csv_export_downloads_for_the_events_people(team, hall):
    answer = get(f"/exports/registrations/{hall['event_id']}.csv", "olga@example.org")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    assert answer.headers["cache-control"] == "private, no-store"
    lines = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert lines[0][0] == "Name" and [line[0] for line in lines[1:]] == ["Ann", "Bo", "Cy", "Dee"]
    chinese = get(f"/exports/registrations/{hall['event_id']}.csv", "rita@example.org",
                  portal_locale="zh-Hans")
    assert chinese.status_code == 200 and not chinese.content.decode("utf-8-sig").startswith(
        "Name")


def test_the_excel_export_opens(team, hall):
    answer = get(f"/exports/registrations/{hall['event_id']}.xlsx", "olga@example.org")
    assert answer.status_code == 200 and "spreadsheetml" in answer.headers["content-type"]
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet.max_row == 5 and sheet["A2"].value == "Ann"


@pytest.mark.parametrize("who", ["", "eve@example.org", "ann@example.org"])
def test_exports_are_not_found_for_anyone_else(team, hall, other_member, who):
    for kind in ("csv", "xlsx"):
        assert get(f"/exports/registrations/{hall['event_id']}.{kind}", who).status_code == 404


def test_answer_files_for_the_registrant_and_the_events_people(team, hall, other_member):
    path = f"/files/answer/{_file_answer(hall)}"
    for allowed in ("olga@example.org", "rita@example.org", "ann@example.org"):
        answer = get(path, allowed)
        assert answer.status_code == 200 and answer.content == PDF, allowed
        assert answer.headers["content-type"] == "application/pdf"
        assert "passport.pdf" in answer.headers["content-disposition"]
        assert "sandbox" in answer.headers["content-security-policy"]
    for refused in ("", "eve@example.org", "bo@example.org"):
        assert get(path, refused).status_code == 404, refused


@pytest.mark.parametrize("bad", ["0", "-1", "abc", "9223372036854775808", "99999999"])
def test_bad_ids_are_not_found(team, hall, bad):
    assert get(f"/files/answer/{bad}", "olga@example.org").status_code == 404
    assert get(f"/exports/registrations/{bad}.csv", "olga@example.org").status_code == 404
    assert get(f"/exports/registrations/{hall['event_id']}.pdf",
               "olga@example.org").status_code == 404
