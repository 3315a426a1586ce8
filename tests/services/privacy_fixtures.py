"""Two people with the same kinds of data on one paid event: answers (a text and a file), a
cash payment confirmed by finance, a complaint, inbox messages and emails."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.models import Payment, RegistrationQuestion
from portal.services import complaints_filing, payments, registrations
from portal.services.event_form import FeeInput, QuestionInput
from portal.services.payment_start import choose_offline
from portal.services.registration_form import RegistrationForm, Upload
from portal.services.users import create_user
from portal.wiring import file_store
from tests.services.helpers import PDF, STRONG, actor_for, sign_in
from tests.services.registration_helpers import publish, set_event

QUESTIONS = [QuestionInput(kind="short_text", label="Name on badge"),
             QuestionInput(kind="file", label="Student card")]


def _person(name: str, email: str, phone: str) -> int:
    with session_scope() as session:
        return create_user(session, name=name, email=email, password=STRONG, verified=True,
                           phone=phone, date_of_birth=date(1991, 2, 3),
                           accepted_rules=True).id


def _take_part(event_id: int, email: str, badge: str) -> dict:
    actor = actor_for(sign_in(email))
    with session_scope() as session:
        questions = {row.label: row.id for (row,) in session.execute(
            select(RegistrationQuestion).where(RegistrationQuestion.event_id == event_id))}
        registration = registrations.register(
            session, actor, event_id=event_id, store=file_store(),
            form=RegistrationForm(safety_ack=True, answers={questions["Name on badge"]: badge}),
            uploads={questions["Student card"]: Upload(f"{badge}-card.pdf", PDF)})
        registration_id, ticket = registration.id, registration.ticket_code
    with session_scope() as session:
        reference = choose_offline(session, actor, registration_id=registration_id,
                                   method="cash").reference
    with session_scope() as session:
        payment = session.exec(select(Payment).where(Payment.reference == reference)).one()
        payments.settle_paid(session, payment, amount_minor=payment.amount_minor,
                             provider_ref="", now=utcnow())
    with session_scope() as session:
        complaint = complaints_filing.file_complaint_online(
            session, actor, about="event", category="service", event_id=event_id,
            what_happened=f"{badge} could not find the entrance.", store=file_store())
    return {"actor": actor, "registration_id": registration_id, "ticket": ticket,
            "reference": reference, "complaint": complaint.reference, "badge": badge}


@pytest.fixture
def two_people(team):
    """Ann and Bob on one paid event that has since ended (so their accounts can close)."""
    event_id = publish(team, fees=[FeeInput(kind="registration", amount="80")],
                       questions=QUESTIONS)
    found = {"event_id": event_id}
    for name, email, phone in (("Ann Archer", "ann.archer@example.org", "+86 138 1111 2222"),
                               ("Bob Brandt", "bob.brandt@example.org", "+86 139 3333 4444")):
        user_id = _person(name, email, phone)
        found[name.split()[0].lower()] = {"id": user_id, "name": name, "email": email,
                                          "phone": phone,
                                          **_take_part(event_id, email, name.split()[0] + "X")}
    past = utcnow() - timedelta(days=2)
    set_event(event_id, starts_at=past - timedelta(hours=8), ends_at=past)
    return found
