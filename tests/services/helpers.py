"""Small helpers for service tests: run a use case in its own transaction, read the outbox."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlmodel import Session

from portal.db import session_scope
from portal.domain.models import OutboxEmail
from portal.domain.policies import Actor
from portal.services import accounts, organizers, sessions
from portal.wiring import file_store

STRONG = "a long and uncommon passphrase"
APPLICATION = organizers.Application(
    legal_name="Bright Events Ltd", kind="company", registration_number="91310000MA1K",
    contact_name="Li Lei", contact_phone="+86 21 5555 0101", address="1 Century Ave, Shanghai",
    description="Conferences and trainings since 2015.")
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
LICENCE = organizers.DocumentUpload(kind="business_licence", filename="licence.pdf", content=PDF)


def apply_with_licence(session: Session, actor: Actor,
                       application: organizers.Application = APPLICATION) -> int:
    """An application with the document its kind (a company) needs."""
    return organizers.apply(session, actor, application, documents=[LICENCE],
                            store=file_store())


def sign_up(email: str = "li.lei@example.org", **overrides) -> int:
    data = {"name": "Li Lei", "email": email, "phone": "+86 138 0000 1234",
            "date_of_birth": "1995-05-04", "password": STRONG, "accept_rules": True}
    data.update(overrides)
    with session_scope() as session:
        return accounts.sign_up(session, accounts.SignUp(**data)).id


def last_link(db: Session, to_email: str) -> str:
    db.rollback()
    row = db.exec(select(OutboxEmail).where(OutboxEmail.to_email == to_email)
                  .order_by(OutboxEmail.id.desc())).first()
    assert row is not None, f"no email to {to_email}"
    match = re.search(r"token=([A-Za-z0-9_-]+)", row[0].body_text)
    assert match, row[0].body_text
    return match.group(1)


def sign_in(email: str, password: str = STRONG, ip: str = "10.0.0.1") -> str:
    """Sign in and exchange the ticket: returns the session cookie value."""
    with session_scope() as session:
        ticket = accounts.sign_in(session, email=email, password=password, ip=ip)
    with session_scope() as session:
        return sessions.start_session(session, ticket=ticket, ip=ip)


def actor_for(cookie: str) -> Actor:
    with session_scope() as session:
        return sessions.resolve_actor(session, cookie)
