"""A file sent with an answer to a rectification notice is downloaded through the authorised
route by supervising staff and the organizer's members only; anyone else gets "not found"."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select
from starlette.testclient import TestClient

from portal import links
from portal.db import session_scope
from portal.domain.models import NoticeEvidence
from portal.services import rectification_notices as notices
from portal.services.organizer_standing import today
from portal.web.app import build_web_app
from portal.wiring import file_store
from tests.services.helpers import PDF, sign_in


def browser(email: str = "") -> TestClient:
    client = TestClient(build_web_app(), base_url="http://localhost:3000")
    if email:
        client.cookies.set("portal_session", sign_in(email))
    return client


def test_evidence_goes_to_staff_and_members_only(team):
    with session_scope() as session:
        notice_id = notices.open_notice(session, team["rita"], organizer_id=team["organizer_id"],
                                        problem="Exits blocked", required_action="Clear them",
                                        due_on=today() + timedelta(days=2))
    with session_scope() as session:
        notices.respond_to_notice(session, team["olga"], notice_id=notice_id,
                                  response="Cleared.",
                                  files=[notices.EvidenceUpload("proof.pdf", PDF)],
                                  store=file_store())
    with session_scope() as session:
        evidence_id = session.exec(select(NoticeEvidence.id)).one()
    address = links.notice_evidence_file(evidence_id)
    for reader in ("rita@example.org", "olga@example.org"):
        answer = browser(reader).get(address)
        assert answer.status_code == 200 and answer.content == PDF
        assert answer.headers["content-type"] == "application/pdf"
        assert answer.headers["cache-control"] == "private, no-store"
    for stranger in ("eve@example.org", ""):
        assert browser(stranger).get(address).status_code == 404
    assert browser("rita@example.org").get("/files/notice-evidence/999").status_code == 404
