"""People, complaints and a settable clock for the complaint tests."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from PIL import Image
from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import Role
from portal.domain.models import AuditEntry, Complaint, ComplaintEntry, OutboxEmail
from portal.services import (
    complaints_filing,
    complaints_outcome,
    complaints_parties,
    complaints_process,
    complaints_queries,
)
from portal.services.complaint_views import EvidenceUpload
from portal.services.users import create_user
from portal.wiring import file_store
from tests.services.helpers import STRONG, actor_for, sign_in

MODULES = (complaints_filing, complaints_outcome, complaints_parties,
           complaints_process, complaints_queries)


class ComplaintClock:
    """'now' for the complaint services, set by the test."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def patch_clock(monkeypatch) -> ComplaintClock:
    """The `complaint_clock` fixture (tests/services/conftest.py): one clock for every
    complaint service module."""
    clock = ComplaintClock(datetime.now(UTC))
    for module in MODULES:
        monkeypatch.setattr(module, "utcnow", clock)
    return clock


def staff(name: str = "Cora", roles=frozenset({Role.STAFF_COMPLAINTS})):
    email = f"{name.lower()}@example.org"
    with session_scope() as session:
        create_user(session, name=name, email=email, password=STRONG, roles=roles,
                    verified=True, phone=None, date_of_birth=date(1985, 1, 1),
                    accepted_rules=True)
    return actor_for(sign_in(email))


def call(service, actor, **kwargs):
    with session_scope() as session:
        return service(session, actor, **kwargs)


def png(size: int = 8) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), "red").save(out, format="PNG")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def evidence(name: str = "photo.png", content: bytes | None = None) -> EvidenceUpload:
    return EvidenceUpload(filename=name, content=png() if content is None else content)


def file_online(actor, *, files=(), **overrides):
    values = dict(about="platform", category="service", what_happened="The app kept failing.",
                  outcome_wanted="An apology.")
    values.update(overrides)
    return call(complaints_filing.file_complaint_online, actor, files=list(files),
                store=file_store(), **values)


def complaint(complaint_id: int) -> Complaint:
    with session_scope() as session:
        found = session.get(Complaint, complaint_id)
        assert found is not None
        session.expunge(found)
        return found


def entries(complaint_id: int) -> list[ComplaintEntry]:
    with session_scope() as session:
        rows = list(session.exec(select(ComplaintEntry).where(
            ComplaintEntry.complaint_id == complaint_id).order_by(ComplaintEntry.id)))
        for row in rows:
            session.expunge(row)
        return rows


def actions(complaint_id: int) -> list[str]:
    with session_scope() as session:
        return [a for a in session.exec(select(AuditEntry.action).where(
            AuditEntry.object_type == "complaint", AuditEntry.object_id == complaint_id)
            .order_by(AuditEntry.id))]


def mails(to_email: str) -> list[OutboxEmail]:
    with session_scope() as session:
        rows = list(session.exec(select(OutboxEmail).where(OutboxEmail.to_email == to_email)
                                 .order_by(OutboxEmail.id)))
        for row in rows:
            session.expunge(row)
        return rows


def other_organizer(team):
    """Eve qualifies an organizer of her own: (eve's actor as its member, its id)."""
    from portal.services import organizers
    from portal.services.organizers import Application
    from tests.services.helpers import APPLICATION, apply_with_licence

    with session_scope() as session:
        organizer_id = apply_with_licence(session, team["eve"], Application(
            **{**APPLICATION.model_dump(), "legal_name": "Eve Events Ltd.",
               "registration_number": "91310000MA1K00002X"}))
    with session_scope() as session:
        organizers.decide(session, team["rita"], organizer_id=organizer_id, decision="approve")
    return actor_for(sign_in("eve@example.org")), organizer_id


def accepted(team, *, staff_actor, **filing):
    """A complaint about the team's event, filed online by Ann and accepted by staff."""
    from tests.services.payment_helpers import holder, paid_event

    event_id = paid_event(team)
    ann, reg_id = holder("Ann", event_id)
    filed = file_online(ann, about="registration", registration_id=reg_id, **filing)
    call(complaints_process.accept_complaint, staff_actor, complaint_id=filed.id)
    return ann, reg_id, filed.id
