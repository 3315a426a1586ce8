"""Ids outside the 64-bit range name no object: file routes answer 404 and services NotFound,
never a server error, on SQLite (whose driver overflows past 64 bits) as on PostgreSQL (whose
INTEGER ids overflow past 32 bits)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from portal.db import session_scope
from portal.domain.errors import NotFound
from portal.domain.ids import MAX_ID, parse_id
from portal.domain.models import QualificationDocument
from portal.services import event_covers, organizers
from portal.web.app import build_web_app
from portal.web.auth import SESSION_COOKIE
from portal.wiring import file_store
from tests.services.helpers import LICENCE, sign_in

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
OUT_OF_RANGE = [2**63, 2**64, -1, 0, 10**40, -(2**70), 2**40]


@pytest.fixture
def document(team) -> int:
    store = file_store()
    with session_scope() as session:  # an application with its licence
        organizer_id = organizers.apply(session, team["eve"], organizers.Application(
            legal_name="Eve Events", kind="company", registration_number="91310000MA2X",
            contact_name="Eve", contact_phone="+86 21 5555 0102", address="2 Road, Shanghai",
            description="Small meetups."), documents=[LICENCE], store=store)
    with session_scope() as session:
        return session.exec(select(QualificationDocument.id).where(
            QualificationDocument.organizer_id == organizer_id)).one()[0]


def get(path: str, cookie: str = ""):
    client = TestClient(build_web_app(), raise_server_exceptions=False)
    if cookie:
        client.cookies.set(SESSION_COOKIE, cookie)
    return client.get(path)


def test_file_routes_answer_404_for_ids_out_of_range(document):
    owner = sign_in("eve@example.org")
    assert get(f"/files/qualification/{document}", owner).content == PDF  # the right caller
    assert get(f"/files/qualification/{document}", sign_in("olga@example.org")
               ).status_code == 404  # someone else's document
    for bad in [*OUT_OF_RANGE, "12abc", "%EF%BC%91"]:  # "%EF%BC%91": a full-width digit one
        assert get(f"/files/qualification/{bad}", owner).status_code == 404, bad
        assert get(f"/files/cover/{bad}", owner).status_code == 404, bad


@pytest.mark.parametrize("bad", OUT_OF_RANGE[:3] + OUT_OF_RANGE[4:])
def test_services_refuse_ids_out_of_range_as_not_found(team, bad):
    olga = team["olga"]
    calls = [
        lambda s: organizers.open_document(s, olga, document_id=bad, store=file_store()),
        lambda s: organizers.view(s, olga, organizer_id=bad),
        lambda s: organizers.certificate(s, organizer_id=bad),
        lambda s: event_covers.open_cover(s, olga, event_id=bad, store=file_store()),
    ]
    for call in calls:
        with pytest.raises(NotFound), session_scope() as session:
            call(session)
    with session_scope() as session:  # the right caller with a real id still gets through
        assert organizers.view(session, olga, organizer_id=team["organizer_id"]).id


def test_parse_id_accepts_only_positive_64_bit_integers():
    assert parse_id("42") == 42 and parse_id(MAX_ID) == MAX_ID and parse_id(str(MAX_ID))
    for bad in [MAX_ID + 1, "9" * 30, "-3", "0", "", "1.5", "１", True, None, " 7x"]:
        assert parse_id(bad) is None, bad
