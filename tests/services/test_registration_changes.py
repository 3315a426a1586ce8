"""Registrations meet later changes: more seats through an approved change move the waiting
list; fewer than are taken is refused; answers can be changed while registration is open."""

from __future__ import annotations

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.errors import Conflict, Invalid, NotFound
from portal.domain.models import Registration, RegistrationAnswer, RegistrationQuestion
from portal.services import event_changes, event_form, registrations
from portal.services.event_form import QuestionInput
from portal.services.registration_form import RegistrationForm
from portal.wiring import file_store
from tests.services.registration_helpers import _local, person, publish, sign_up_for

BASE = dict(name="Harbour Walk", summary="A walk.", description="Walk.", category="other",
            starts_at=_local(0, 9), ends_at=_local(0, 17), time_zone="Asia/Shanghai",
            format="in_person", venue_address="1 Pier Road", city="Shanghai",
            registration_opens_at=_local(-30, 0), registration_closes_at=_local(-1, 18),
            safety_risks="Slippery piers", safety_measures="Stewards",
            emergency_contact="+86 21 5555 0101", emergency_plan="Assembly point at the gate.")


def change_capacity(team, event_id: int, capacity: int) -> int:
    with session_scope() as session:
        return event_changes.request_update(
            session, team["olga"], event_id=event_id, fees=[], reason="Bigger room.",
            draft=event_form.EventDraft(**{**BASE, "capacity": str(capacity)}))


def test_more_seats_offer_the_waiting_list_in_order(team, db):
    event_id = publish(team, capacity=1)
    sign_up_for(person("Ann"), event_id)
    bo = sign_up_for(person("Bo"), event_id, join_waitlist=True)
    cy = sign_up_for(person("Cy"), event_id, join_waitlist=True)
    change_id = change_capacity(team, event_id, 2)
    with session_scope() as session:
        event_changes.decide_change(session, team["rita"], change_id=change_id,
                                    decision="approve")
    db.rollback()
    assert db.get(Registration, bo.id).status == "offered"
    assert db.get(Registration, cy.id).status == "waitlisted"


def test_capacity_cannot_drop_below_the_seats_taken(team):
    event_id = publish(team, capacity=3)
    for name in ("Ann", "Bo"):
        sign_up_for(person(name), event_id)
    with pytest.raises(Invalid) as refused:
        change_capacity(team, event_id, 1)
    assert refused.value.field == "capacity"
    change_capacity(team, event_id, 2)  # exactly the seats taken is fine


def test_answers_can_be_changed_by_their_owner_only(team, db):
    event_id = publish(team, questions=[QuestionInput(kind="short_text", label="Name on badge",
                                                      required=True)])
    question = db.exec(select(RegistrationQuestion.id)).one()
    ann, bo = person("Ann"), person("Bo")
    mine = sign_up_for(ann, event_id, answers={question: "Annie"})

    def edit(actor, value):
        with session_scope() as session:
            registrations.update_answers(session, actor, registration_id=mine.id,
                                         form=RegistrationForm(answers={question: value}),
                                         store=file_store())
    with pytest.raises(NotFound):
        edit(bo, "Mallory")
    with pytest.raises(Invalid):
        edit(ann, "")  # still required
    edit(ann, "Ann L.")
    db.rollback()
    assert db.exec(select(RegistrationAnswer.value)).all() == ["Ann L."]
    with session_scope() as session:
        registrations.cancel_registration(session, ann, registration_id=mine.id)
    with pytest.raises(Conflict):
        edit(ann, "Ghost")
