"""Changing one's answers (rules §2.4.1): the sheet the edit page shows is the owner's only, and
answers can be changed while the registration is active and registration is open — not after."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.errors import Conflict, Forbidden, NotFound
from portal.domain.models import Event, RegistrationQuestion
from portal.domain.policies import Actor
from portal.services import registrations
from portal.services.event_form import QuestionInput
from portal.services.paging import PageRequest
from portal.services.registration_answers import answer_sheet
from portal.services.registration_form import RegistrationForm
from portal.services.registration_rules import CLOSED, NOT_ACTIVE
from portal.services.registration_views import my_registrations
from portal.wiring import file_store
from tests.services.registration_helpers import person, publish, sign_up_for

QUESTIONS = [QuestionInput(kind="short_text", label="Name on badge", required=True),
             QuestionInput(kind="multiple_choice", label="Sessions",
                           options="Morning\nAfternoon\nEvening")]


@pytest.fixture
def registered(team, db):
    event_id = publish(team, questions=QUESTIONS)
    badge, sessions = db.exec(select(RegistrationQuestion.id)
                              .order_by(RegistrationQuestion.position)).all()
    ann = person("Ann")
    mine = sign_up_for(ann, event_id, answers={badge: "Annie",
                                              sessions: ["Morning", "Evening"]})
    return {"ann": ann, "id": mine.id, "event_id": event_id, "badge": badge,
            "sessions": sessions}


def sheet(actor, registration_id):
    with session_scope() as session:
        return answer_sheet(session, actor, registration_id=registration_id)


def edit(actor, registration_id, answers):
    with session_scope() as session:
        registrations.update_answers(session, actor, registration_id=registration_id,
                                     form=RegistrationForm(answers=answers), store=file_store())


def mine(actor):
    with session_scope() as session:
        return my_registrations(session, actor, request=PageRequest()).items[0]


def can_edit(actor) -> bool:
    return mine(actor).can_edit_answers


def test_the_owner_sees_their_answers_as_stored(registered):
    shown = sheet(registered["ann"], registered["id"])
    assert [q.label for q in shown.questions] == ["Name on badge", "Sessions"]
    assert shown.values == {registered["badge"]: ["Annie"],
                            registered["sessions"]: ["Morning", "Evening"]}
    assert shown.locked == ""
    assert can_edit(registered["ann"]) and mine(registered["ann"]).asks


def test_an_event_that_asks_nothing_has_no_answers_to_change(team):
    event_id = publish(team, capacity=3)
    bo = person("Bo")
    sign_up_for(bo, event_id)
    assert can_edit(bo) and not mine(bo).asks


def test_nobody_else_sees_the_sheet(registered):
    with pytest.raises(NotFound):
        sheet(person("Bo"), registered["id"])
    with pytest.raises(Forbidden):
        sheet(Actor.anonymous(), registered["id"])


def test_a_changed_answer_shows_on_the_sheet(registered):
    edit(registered["ann"], registered["id"],
         {registered["badge"]: "Ann L.", registered["sessions"]: ["Afternoon"]})
    shown = sheet(registered["ann"], registered["id"])
    assert shown.values == {registered["badge"]: ["Ann L."],
                            registered["sessions"]: ["Afternoon"]}


def test_answers_are_locked_once_registration_closes(registered):
    with session_scope() as session:
        event = session.get(Event, registered["event_id"])
        event.registration_closes_at = utcnow() - timedelta(minutes=1)
        session.add(event)
    assert sheet(registered["ann"], registered["id"]).locked == CLOSED
    assert not can_edit(registered["ann"])
    with pytest.raises(Conflict):
        edit(registered["ann"], registered["id"], {registered["badge"]: "Too late"})
    assert sheet(registered["ann"], registered["id"]).values[registered["badge"]] == ["Annie"]


def test_answers_are_locked_once_the_registration_ends(registered):
    with session_scope() as session:
        registrations.cancel_registration(session, registered["ann"],
                                          registration_id=registered["id"])
    assert sheet(registered["ann"], registered["id"]).locked == NOT_ACTIVE
    with pytest.raises(Conflict):
        edit(registered["ann"], registered["id"], {registered["badge"]: "Ghost"})
