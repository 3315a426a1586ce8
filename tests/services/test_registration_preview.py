"""The review step before registering: the same checks as registering, nothing changed; and
what registering led to, for its owner only."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import RegistrationStatus
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import Event, FeeItem, Registration, RegistrationQuestion
from portal.domain.policies import Actor
from portal.services.event_form import FeeInput, QuestionInput
from portal.services.registration_form import RegistrationForm, Upload
from portal.services.registration_preview import (
    preview_registration,
    register_and_show,
    registration_result,
)
from portal.services.registrations import EventFull
from portal.wiring import file_store
from tests.services.helpers import PDF
from tests.services.registration_helpers import person, publish, sign_up_for


def _preview(actor, event_id: int, uploads=None, **form):
    form.setdefault("safety_ack", True)
    with session_scope() as session:
        return preview_registration(session, actor, event_id=event_id,
                                    form=RegistrationForm(**form), uploads=uploads)


def _ids(db, model, event_id: int) -> dict[str, int]:
    rows = db.exec(select(model).where(model.event_id == event_id)).all()
    return {getattr(r, "kind", "") + ":" + getattr(r, "label", ""): r.id for r in rows}


def test_preview_shows_the_servers_items_total_and_answers_and_changes_nothing(team, db):
    event_id = publish(team, fees=[FeeInput(kind="registration", amount="50"),
                                   FeeInput(kind="catering", amount="20", mandatory=False)],
                       questions=[QuestionInput(kind="single_choice", label="Size",
                                                options="S\nM", required=True),
                                  QuestionInput(kind="file", label="Certificate")])
    fees = db.exec(select(FeeItem).where(FeeItem.event_id == event_id)).all()
    catering = next(f.id for f in fees if not f.mandatory)
    size, certificate = (q.id for q in db.exec(select(RegistrationQuestion).where(
        RegistrationQuestion.event_id == event_id).order_by(RegistrationQuestion.position)))
    ann = person("Ann")
    preview = _preview(ann, event_id, fee_item_ids=[catering], answers={size: "M"},
                       uploads={certificate: Upload("my cert.pdf", PDF)})
    assert [(line.kind, line.amount_minor) for line in preview.lines] == [
        ("registration", 5000), ("catering", 2000)]
    assert preview.total_minor == 7000 and preview.outcome is RegistrationStatus.PENDING_PAYMENT
    assert [(a.label, a.value) for a in preview.answers] == [("Size", "M"),
                                                             ("Certificate", "my cert.pdf")]
    assert preview.seat_free
    db.expire_all()
    assert db.exec(select(Registration)).all() == []
    assert db.get(Event, event_id).seats_taken == 0


def test_preview_refuses_what_registering_refuses(team, db):
    event_id = publish(team, questions=[QuestionInput(kind="short_text", label="Name tag",
                                                      required=True)])
    other = publish(team, name="Other walk",
                    fees=[FeeInput(kind="materials", amount="5", mandatory=False)],
                    questions=[QuestionInput(kind="short_text", label="Elsewhere")])
    question = next(iter(_ids(db, RegistrationQuestion, event_id).values()))
    foreign_item = next(iter(_ids(db, FeeItem, other).values()))
    foreign_question = next(iter(_ids(db, RegistrationQuestion, other).values()))
    ann = person("Ann")
    with pytest.raises(Invalid) as missing:
        _preview(ann, event_id)
    assert missing.value.field == f"answer_{question}"
    with pytest.raises(Invalid) as forged_item:
        _preview(ann, event_id, fee_item_ids=[foreign_item], answers={question: "Ann"})
    assert forged_item.value.field == "fee_items"
    with pytest.raises(Invalid) as forged_answer:
        _preview(ann, event_id, answers={question: "Ann", foreign_question: "x"})
    assert forged_answer.value.field == "answers"
    with pytest.raises(Invalid) as unread:
        _preview(ann, event_id, answers={question: "Ann"}, safety_ack=False)
    assert unread.value.field == "safety_ack"
    with pytest.raises(Forbidden):
        _preview(Actor(), event_id, answers={question: "Ann"})
    sign_up_for(ann, event_id, answers={question: "Ann"})
    with pytest.raises(Conflict):
        _preview(ann, event_id, answers={question: "Ann"})


def test_preview_names_the_persons_own_problem(team, db):
    event_id = publish(team, min_age=18)
    with pytest.raises(Conflict, match="at least 18"):
        _preview(person("Kid", birth=date(2020, 1, 1)), event_id)
    with pytest.raises(Conflict, match="phone number") as incomplete:
        _preview(person("Nophone", phone=None), event_id)
    assert incomplete.value.field == "profile"  # the page links to the profile to fix it


def test_a_full_event_previews_with_no_seat_free(team, db):
    event_id = publish(team, capacity=1, requires_approval=True)
    sign_up_for(person("Ann"), event_id)
    preview = _preview(person("Ben"), event_id)
    assert not preview.seat_free and preview.outcome is RegistrationStatus.PENDING_REVIEW


def test_the_result_of_registering_is_shown_to_its_owner_only(team, db):
    event_id = publish(team, capacity=1)
    ann, ben = person("Ann"), person("Ben")
    confirmed = sign_up_for(ann, event_id)
    waiting = sign_up_for(ben, event_id, join_waitlist=True)
    with session_scope() as session:
        mine = registration_result(session, ann, registration_id=confirmed.id)
        queued = registration_result(session, ben, registration_id=waiting.id)
    assert mine.status is RegistrationStatus.CONFIRMED and mine.ticket_code
    assert queued.status is RegistrationStatus.WAITLISTED and queued.waitlist_position == 1
    assert queued.ticket_code == "" and queued.time_zone == "Asia/Shanghai"
    for who, registration_id in ((ben, confirmed.id), (Actor(), waiting.id)):
        with session_scope() as session, pytest.raises((NotFound, Forbidden)):
            registration_result(session, who, registration_id=registration_id)


def test_registering_from_the_page_shows_where_it_stands_in_the_same_transaction(team, db):
    event_id = publish(team, capacity=1)
    ann, ben = person("Ann"), person("Ben")

    def confirm(who, **form):
        form.setdefault("safety_ack", True)
        with session_scope() as session:
            return register_and_show(session, who, event_id=event_id,
                                     form=RegistrationForm(**form), store=file_store())

    mine = confirm(ann)
    row = db.exec(select(Registration).where(Registration.user_id == ann.user_id)).one()
    assert mine.status is RegistrationStatus.CONFIRMED and mine.ticket_code == row.ticket_code
    assert mine.registration_id == row.id and mine.event_id == event_id
    with pytest.raises(EventFull):
        confirm(ben)
    queued = confirm(ben, join_waitlist=True)
    assert queued.status is RegistrationStatus.WAITLISTED and queued.waitlist_position == 1
    with pytest.raises(Conflict):  # every check of registering still runs
        confirm(ann)
    with pytest.raises(Forbidden):
        confirm(Actor())
