"""An event with a few people registered in every way the organizer's screens show, and a
member of another organizer, for the registration list, export and download tests."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.models import FeeItem, Registration, RegistrationQuestion
from portal.domain.policies import Actor
from portal.services import check_in, organizers, registrations
from portal.services.event_form import FeeInput, QuestionInput
from portal.services.registration_form import RegistrationForm, Upload
from portal.wiring import file_store
from tests.services.helpers import APPLICATION, PDF, actor_for, apply_with_licence, sign_in
from tests.services.registration_helpers import person, publish, sign_up_for

QUESTIONS = [QuestionInput(kind="short_text", label="T-shirt name"),
             QuestionInput(kind="multiple_choice", label="Diet", options="Vegan\nNo nuts"),
             QuestionInput(kind="yes_no", label="Photos OK"),
             QuestionInput(kind="file", label="ID scan"),
             QuestionInput(kind="short_text", label="Old question")]
FEES = [FeeInput(kind="catering", amount="20", mandatory=False),
        FeeInput(kind="materials", amount="5", mandatory=False)]


def _ids(model, event_id: int, key: str = "label") -> dict[str, int]:
    with session_scope() as session:
        rows = session.exec(select(model).where(model.event_id == event_id)).all()
        return {getattr(r, key): r.id for r in rows}


@pytest.fixture
def hall(team):
    """A free event for three with optional items and questions: Ann (confirmed, checked in,
    answers and a file), Bo (catering: awaiting payment), Cy (confirmed, by phone), Dee
    (waiting list)."""
    event_id = publish(team, capacity=3, fees=FEES, questions=QUESTIONS)
    q, fees = _ids(RegistrationQuestion, event_id), _ids(FeeItem, event_id)
    people = {name: person(name) for name in ("Ann", "Bo", "Cy", "Dee")}
    form = RegistrationForm(safety_ack=True, answers={
        q["T-shirt name"]: "=HYPERLINK(\"http://evil\")", q["Diet"]: ["Vegan", "No nuts"],
        q["Photos OK"]: "yes", q["Old question"]: "李雷 asked this"})
    with session_scope() as session:
        ann = registrations.register(session, people["Ann"], event_id=event_id, form=form,
                                     uploads={q["ID scan"]: Upload("passport.pdf", PDF)},
                                     store=file_store())
    bo = sign_up_for(people["Bo"], event_id, fee_item_ids=[fees["catering"]])
    cy = sign_up_for(people["Cy"], event_id)
    dee = sign_up_for(people["Dee"], event_id, join_waitlist=True)
    with session_scope() as session:
        check_in.check_in(session, team["olga"], event_id=event_id, registration_id=ann.id)
        session.execute(update(Registration).where(Registration.id == cy.id)
                        .values(channel="phone"))
        session.execute(update(RegistrationQuestion)  # removed after Ann answered it
                        .where(RegistrationQuestion.id == q["Old question"])
                        .values(retired_at=utcnow()))
    return {"event_id": event_id, "people": people, "questions": q,
            "ids": {"Ann": ann.id, "Bo": bo.id, "Cy": cy.id, "Dee": dee.id}}


@pytest.fixture
def other_member(team) -> Actor:
    """A member of another qualified organizer."""
    with session_scope() as session:
        organizer_id = apply_with_licence(session, team["eve"], APPLICATION.model_copy(
            update={"legal_name": "Rival Events"}))
    with session_scope() as session:
        organizers.decide(session, team["rita"], organizer_id=organizer_id, decision="approve")
    return actor_for(sign_in("eve@example.org"))
