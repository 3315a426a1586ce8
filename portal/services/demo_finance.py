"""Demo money for the finance reports and the reconciliation: five weeks of card payments
through the demo gateway across three organizers (each with its processing fee), some
refunds, and the gateway's own record of every charge and refund, so the charts have a shape
and reconciliation has something to compare. One charge the demo gateway took never reached
the ledger (a lost webhook), so the reconciliation screen shows what a difference looks like.

Rows are written directly, back-dated, as they would have been entered over those weeks.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import LedgerKind, PaymentMethod, PaymentStatus, RegistrationStatus
from portal.domain.models import (
    DemoGatewayObject,
    Event,
    LedgerEntry,
    Organizer,
    Payment,
    Registration,
    User,
)
from portal.services.payment_gateway import demo_fee

ORGANIZERS = (("Lotus Music Hall", "91310000LM2026", ("Winter Jazz Night", 28000)),
              ("Pudong Runners Club", "91310000PR2026", ("Riverside 10K", 9900)),
              ("Jade Academy", "91310000JA2026", ("Data Literacy Bootcamp", 45000)))
DAYS = 35
PER_EVENT = 10  # the demo guests, each paying once for each event


def seed_demo_finance(session: Session, *, harbour_organizer_id: int) -> None:
    rng = random.Random(2026)
    now = utcnow()
    events = [_event(session, harbour_organizer_id, "Harbour Spring Gala", 18800, now)]
    for name, number, (event_name, fee) in ORGANIZERS:
        organizer = Organizer(legal_name=name, kind="company", registration_number=number,
                              contact_name=name, contact_phone="+86 21 5555 0199",
                              address="Shanghai", description="Demo organizer.",
                              status="approved", submitted_at=now - timedelta(days=90),
                              review_due_at=now - timedelta(days=80),
                              decided_at=now - timedelta(days=85),
                              certificate_number=f"EP-2026-{number[-6:]}")
        session.add(organizer)
        session.flush()
        events.append(_event(session, organizer.id or 0, event_name, fee, now))
    guests = session.exec(select(User).where(col(User.email).endswith("@guest.example"))
                          .order_by(col(User.id)).limit(PER_EVENT)).all()
    for index, event in enumerate(events):
        for person in guests[:PER_EVENT - 2 * index]:  # organizers of different sizes
            paid_at = now - timedelta(days=rng.uniform(0.2, DAYS))
            _paid(session, person, event, paid_at, refund=rng.random() < 0.15,
                  key=f"{event.id}-{person.id}")
    _gateway_charge(session, "pi_demo_lostwebhook0001", 9900, now - timedelta(hours=5))
    session.flush()


def _event(session: Session, organizer_id: int, name: str, fee: int, now: datetime) -> Event:
    """An event that ended a few days ago (its money is owed to the organizer)."""
    start = now - timedelta(days=3, hours=6)
    event = Event(organizer_id=organizer_id, status="published", name=name,
                  summary="A demo event with money.", category="other", starts_at=start,
                  ends_at=start + timedelta(hours=4), time_zone="Asia/Shanghai",
                  format="in_person", venue_address="Shanghai", city="Shanghai", capacity=500,
                  registration_opens_at=now - timedelta(days=60),
                  registration_closes_at=start, total_fee_minor=fee, currency="CNY")
    session.add(event)
    session.flush()
    return event


def _paid(session: Session, person: User, event: Event, at: datetime, *, refund: bool,
          key: str) -> None:
    amount = event.total_fee_minor
    registration = Registration(event_id=event.id or 0, user_id=person.id or 0,
                                active_user_id=None if refund else person.id,
                                status=(RegistrationStatus.CANCELLED if refund
                                        else RegistrationStatus.CONFIRMED).value,
                                total_minor=amount, confirmed_at=at, created_at=at,
                                ended_at=at + timedelta(days=1) if refund else None)
    session.add(registration)
    session.flush()
    intent = f"pi_demo_finance{key}"
    payment = Payment(registration_id=registration.id or 0, method=PaymentMethod.CARD.value,
                      status=PaymentStatus.SUCCEEDED.value, amount_minor=amount,
                      currency="CNY", provider="demo", reference=f"EP-DEMO-F{key}",
                      provider_payment_id=intent, settled_at=at, created_at=at)
    session.add(payment)
    session.flush()
    entries = [(LedgerKind.CHARGE, amount, intent, f"charge:demo:{intent}", at),
               (LedgerKind.FEE, demo_fee(amount), f"txn_demo_finance{key}",
                f"demo-fee:txn_demo_finance{key}", at)]
    _gateway_charge(session, intent, amount, at)
    if refund:
        back = at + timedelta(days=1)
        refund_id = f"re_demo_finance{key}"
        entries.append((LedgerKind.REFUND, amount, refund_id, f"refund:demo:{refund_id}",
                        back))
        _gateway_object(session, refund_id, "refund", {
            "id": refund_id, "object": "refund", "status": "succeeded", "amount": amount,
            "currency": "cny", "payment_intent": intent, "metadata": {},
            "created": int(back.timestamp()), "delivered": True}, back)
    for kind, minor, ref, entry_key, when in entries:
        session.add(LedgerEntry(registration_id=registration.id, payment_id=payment.id,
                                kind=kind.value, amount_minor=minor, currency="CNY",
                                provider="demo", provider_ref=ref, entry_key=entry_key,
                                created_at=when, updated_at=when))
    session.flush()


def _gateway_charge(session: Session, intent: str, amount: int, at: datetime) -> None:
    suffix = intent.removeprefix("pi_demo_")
    _gateway_object(session, "ch_demo_" + suffix, "charge", {
        "id": "ch_demo_" + suffix, "object": "charge", "amount": amount, "currency": "cny",
        "payment_intent": intent, "status": "succeeded", "created": int(at.timestamp()),
        "balance_transaction": {"id": "txn_demo_" + suffix, "fee": demo_fee(amount),
                                "currency": "cny"}}, at)


def _gateway_object(session: Session, object_id: str, kind: str, data: dict,
                    at: datetime) -> None:
    """The demo gateway's own record of a charge or refund (what reconciliation lists)."""
    session.add(DemoGatewayObject(object_id=object_id, kind=kind, data=json.dumps(data),
                                  created_at=at, updated_at=at))
