"""Registering someone by phone, email or on site: who may, the account made for a newcomer,
the same rules as online, and the staff-only override with its reason."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import AuditEntry, OutboxEmail, Registration, User
from portal.services import accounts
from portal.services.registration_desk import PersonDetails, register_for
from portal.services.registration_form import RegistrationForm
from portal.services.users import create_user
from portal.wiring import file_store
from tests.services.helpers import STRONG, actor_for, sign_in
from tests.services.registration_helpers import person, publish, sign_up_for

NEWCOMER = PersonDetails(email="Nina@Example.org", name="Nina Newcomer", phone="+86 137 1111 2222",
                         date_of_birth=date(1992, 6, 1))


def desk(actor, event_id, who=NEWCOMER, channel="phone", override="", **form):
    form.setdefault("safety_ack", True)
    with session_scope() as session:
        return register_for(session, actor, event_id=event_id, person=who, channel=channel,
                            form=RegistrationForm(**form), override_reason=override,
                            store=file_store())


def test_a_member_registers_a_newcomer_who_then_claims_the_account(team, db):
    event_id = publish(team)
    registration = desk(team["olga"], event_id)
    assert registration.status == "confirmed" and registration.channel == "phone"
    assert registration.entered_by_id == team["olga"].user_id
    db.rollback()
    nina = db.exec(select(User).where(User.email == "nina@example.org")).one()
    assert nina.email_verified_at is None and nina.password_hash is None
    templates = sorted(db.exec(select(OutboxEmail.template).where(
        OutboxEmail.to_email == "nina@example.org")).all())
    assert templates == ["account_claim", "registration_confirmed"]
    claim = db.exec(select(OutboxEmail).where(OutboxEmail.template == "account_claim")).one()
    assert "by phone" in claim.body_text and "Olga" in claim.body_text
    token = re.search(r"token=([A-Za-z0-9_-]+)", claim.body_text).group(1)
    with session_scope() as session:
        accounts.reset_password(session, token=token, password=STRONG)
    nina_actor = actor_for(sign_in("nina@example.org"))
    assert nina_actor.verified


def test_an_existing_account_is_found_by_email(team, db):
    event_id = publish(team)
    ann = person("Ann")
    registration = desk(team["rita"], event_id, PersonDetails(email="ANN@example.org"),
                        channel="email")
    assert registration.user_id == ann.user_id and registration.channel == "email"
    with pytest.raises(Conflict, match="already registered"):
        desk(team["olga"], event_id, PersonDetails(email="ann@example.org"))


@pytest.mark.parametrize("who", ["eve", "ann"])
def test_only_those_running_the_event_may_register_others(team, db, who):
    event_id = publish(team)
    actor = team["eve"] if who == "eve" else person("Ann")
    with pytest.raises(NotFound):
        desk(actor, event_id)
    db.rollback()
    assert db.exec(select(Registration)).first() is None
    assert db.exec(select(User).where(User.email == "nina@example.org")).first() is None


def test_online_is_not_a_desk_channel(team):
    event_id = publish(team)
    with pytest.raises(Invalid) as refused:
        desk(team["olga"], event_id, channel="online")
    assert refused.value.field == "channel"


def test_the_same_rules_apply_and_only_staff_override_them_with_a_reason(team, db):
    event_id = publish(team, min_age="21")
    young = PersonDetails(email="kid@example.org", name="Kid", phone="+86 1",
                          date_of_birth=date(2010, 1, 1))
    with pytest.raises(Conflict, match="at least 21"):
        desk(team["olga"], event_id, young)
    with pytest.raises(Forbidden):  # a member may not override
        desk(team["olga"], event_id, young, override="Parent present")
    registration = desk(team["rita"], event_id, young, override="Parent present, waiver signed")
    assert registration.eligibility_override == "Parent present, waiver signed"
    db.rollback()
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "registration.created")
                    .order_by(AuditEntry.id.desc())).first()
    assert entry.note == "Parent present, waiver signed" and entry.actor_id == team["rita"].user_id


def test_a_full_event_is_full_for_the_desk_too(team, db):
    event_id = publish(team, capacity=1)
    sign_up_for(person("Ann"), event_id)
    from portal.services.registrations import EventFull
    with pytest.raises(EventFull):
        desk(team["olga"], event_id)
    assert desk(team["olga"], event_id, join_waitlist=True).status == "waitlisted"


def test_a_newcomer_needs_a_name_and_phone(team):
    event_id = publish(team)
    with pytest.raises(Invalid) as refused:
        desk(team["olga"], event_id, PersonDetails(email="x@example.org"))
    assert refused.value.field == "name"


def test_a_suspended_account_cannot_be_registered(team, db):
    event_id = publish(team)
    with session_scope() as session:
        create_user(session, name="Sus", email="sus@example.org", password=STRONG,
                    roles=frozenset(), verified=True)
        session.exec(select(User).where(User.email == "sus@example.org")).one().status = \
            "suspended"
    with pytest.raises(Conflict, match="not active"):
        desk(team["olga"], event_id, PersonDetails(email="sus@example.org"))
