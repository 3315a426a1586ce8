"""A person downloads everything the platform holds about them, and nothing about anyone
else: one zip through an authorised route, JSON plus a readable summary in both languages."""

from __future__ import annotations

import io
import json
import zipfile

from sqlmodel import select
from starlette.testclient import TestClient

from portal import links
from portal.db import session_scope
from portal.domain.models import AuditEntry
from portal.services import accounts
from portal.web.app import build_web_app
from portal.web.auth import SESSION_COOKIE
from tests.services.helpers import PDF, last_link, sign_in
from tests.services.privacy_fixtures import two_people

__all__ = ["two_people"]


def last_link_token(email: str) -> str:
    with session_scope() as session:
        return last_link(session, email)


def _download(email: str = "", ip: str = "10.0.0.1"):
    client = TestClient(build_web_app(), raise_server_exceptions=False)
    if email:
        client.cookies.set(SESSION_COOKIE, sign_in(email, ip=ip))
    return client.get(links.PERSONAL_DATA_EXPORT)


def _archive(email: str) -> dict[str, bytes]:
    answer = _download(email)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/zip"
    assert "attachment" in answer.headers["content-disposition"]
    assert answer.headers["cache-control"] == "private, no-store"
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_download_holds_the_persons_data_and_nothing_of_anyone_else(two_people):
    ann, bob = two_people["ann"], two_people["bob"]
    with session_scope() as session:
        accounts.request_password_reset(session, email=ann["email"])
    reset_token = last_link_token(ann["email"])
    files = _archive(ann["email"])
    assert {"personal-data.json", "summary-en.html", "summary-zh-Hans.html"} <= set(files)
    data = json.loads(files["personal-data.json"])
    account = data["account"]
    assert (account["id"], account["name"], account["email"], account["phone"]) == (
        ann["id"], ann["name"], ann["email"], ann["phone"])
    assert account["date_of_birth"] == "1991-02-03"
    [registration] = data["registrations"]
    assert registration["ticket_code"] == ann["ticket"]
    assert {a["question"]: a["answer"] for a in registration["answers"]}["Name on badge"] \
        == "AnnX"
    assert [t["ticket_code"] for t in data["tickets"]] == [ann["ticket"]]
    assert [p["reference"] for p in data["payments"]] == [ann["reference"]]
    assert data["payments"][0]["status"] == "succeeded"
    assert [c["reference"] for c in data["complaints"]] == [ann["complaint"]]
    assert data["inbox"] and data["emails"]
    assert all(e["to_email"] == ann["email"] for e in data["emails"])
    assert any("token=[removed]" in e["body_text"] for e in data["emails"])
    assert reset_token not in files["personal-data.json"].decode()
    assert data["sessions"] and all("token_hash" not in s for s in data["sessions"])
    actions = {e["action"] for e in data["audit"]}
    assert {"sign_in.succeeded", "user.data_exported"} <= actions
    [card] = [name for name in files if name.startswith("files/")]
    assert files[card] == PDF and "AnnX-card.pdf" in card
    # nothing of Bob: not his name, email, phone, ticket, payment, complaint or answers
    everything = b"\n".join(files.values()).decode("utf-8", errors="replace")
    for secret in (bob["name"], bob["email"], bob["phone"], bob["ticket"], bob["reference"],
                   bob["complaint"], bob["badge"]):
        assert secret not in everything, secret
    assert not any(e.get("object_type") == "user" and e.get("object_id") == bob["id"]
                   for e in data["audit"])
    # the readable summary, in both languages
    english, chinese = files["summary-en.html"].decode(), files["summary-zh-Hans.html"].decode()
    assert ann["name"] in english and ann["ticket"] in english and "Registrations" in english
    assert ann["name"] in chinese and "Registrations" not in chinese


def test_the_export_is_audited_and_rate_limited(two_people):
    ann = two_people["ann"]
    for _ in range(5):
        assert _download(ann["email"]).status_code == 200
    refused = _download(ann["email"])
    assert refused.status_code == 429 and "try again" in refused.text.lower()
    assert _download(two_people["bob"]["email"]).status_code == 200  # his own allowance
    with session_scope() as session:
        entries = len(session.exec(select(AuditEntry.id).where(
            AuditEntry.action == "user.data_exported", AuditEntry.object_id == ann["id"])).all())
    assert entries == 5


def test_signed_out_callers_get_nothing(two_people):
    answer = _download()
    assert answer.status_code == 404 and b"Ann" not in answer.content


def test_staff_who_handled_a_complaint_are_not_named_in_the_download(two_people):
    """The complaint's history is the person's, but who on the staff took it on is not."""
    from portal.domain.models import Complaint
    from portal.services import audit

    ann = two_people["ann"]
    with session_scope() as session:
        complaint_id = session.exec(select(Complaint.id).where(
            Complaint.reference == ann["complaint"])).one()
        audit.record(session, actor_id=None, action="complaint.assigned",
                     object_type="complaint", object_id=complaint_id,
                     before={"status": "received"},
                     after={"assignee_id": 4242, "assignee_name": "Carla Handler"})
    data = json.loads(_archive(ann["email"])["personal-data.json"])
    [assigned] = [e for e in data["audit"] if e["action"] == "complaint.assigned"]
    assert assigned["before"] == {"status": "received"} and assigned["after"] == {}
    assert "Carla Handler" not in json.dumps(data)
