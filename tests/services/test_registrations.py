"""Registering online: eligibility, fee items, answers, seats, waiting list, approval, cancel."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import col, select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import (
    AuditEntry,
    Event,
    FeeItem,
    OutboxEmail,
    Registration,
    RegistrationAnswer,
    RegistrationItem,
)
from portal.services import registration_flow, registration_review, registrations
from portal.services.event_form import FeeInput, QuestionInput
from portal.services.registration_form import RegistrationForm, Upload
from portal.wiring import file_store
from tests.services.helpers import PDF
from tests.services.registration_helpers import START, person, publish, set_event, sign_up_for


def _status(db, registration_id: int) -> str:
    db.rollback()
    return db.get(Registration, registration_id).status


def _seats(db, event_id: int) -> int:
    db.rollback()
    db.expire_all()
    return db.get(Event, event_id).seats_taken


def test_free_event_confirms_at_once_with_ticket_email(team, db):
    event_id = publish(team)
    ann = person("Ann")
    registration = sign_up_for(ann, event_id)
    assert registration.status == "confirmed" and len(registration.ticket_code) == 14
    assert str(registration.id) not in registration.ticket_code.replace("-", "")
    assert _seats(db, event_id) == 1
    mail = db.exec(select(OutboxEmail).where(OutboxEmail.to_email == "ann@example.org")).all()
    assert [m.template for m in mail] == ["registration_confirmed"]
    assert registration.ticket_code in mail[0].body_text
    assert "/tickets/" in mail[0].body_text and "Slippery piers" in mail[0].body_text
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "registration.created")).one()
    assert entry.object_id == registration.id


def test_mandatory_and_chosen_items_make_the_total(team, db):
    event_id = publish(team, fees=[FeeInput(kind="registration", amount="50"),
                                   FeeInput(kind="catering", amount="20", mandatory=False),
                                   FeeInput(kind="materials", amount="5", mandatory=False)])
    items = {f.kind: f.id for f in db.exec(select(FeeItem).where(
        FeeItem.event_id == event_id))}
    registration = sign_up_for(person("Ann"), event_id, fee_item_ids=[items["catering"]])
    assert registration.total_minor == 7000 and registration.status == "pending_payment"
    assert registration.hold_expires_at is not None
    db.rollback()
    bought = db.exec(select(RegistrationItem.label).where(
        RegistrationItem.registration_id == registration.id)).all()
    assert sorted(bought) == ["catering", "registration"]


def test_a_fee_item_of_another_event_is_refused(team, db):
    one = publish(team, fees=[FeeInput(kind="catering", amount="20", mandatory=False)])
    other = publish(team, name="Other", fees=[FeeInput(kind="catering", amount="1",
                                                       mandatory=False)])
    foreign = db.exec(select(FeeItem.id).where(FeeItem.event_id == other)).one()
    with pytest.raises(Invalid) as refused:
        sign_up_for(person("Ann"), one, fee_item_ids=[foreign])
    assert refused.value.field == "fee_items"
    assert _seats(db, one) == 0 and db.exec(select(Registration)).first() is None


@pytest.mark.parametrize(("who", "message"), [
    (dict(verified=False), "Confirm your email"),
    (dict(phone=None), "phone number and date of birth"),
    (dict(accepted=False), "platform rules"),
])
def test_account_must_be_ready(team, db, who, message):
    event_id = publish(team)
    with pytest.raises(Conflict, match=message):
        sign_up_for(person("Ann", **who), event_id)
    assert _seats(db, event_id) == 0


def test_age_is_counted_on_the_event_day(team, db):
    event_id = publish(team, min_age="18", max_age="30")
    day = START.date()
    turns_18_next_day = date(day.year - 18, day.month, day.day) + timedelta(days=1)
    with pytest.raises(Conflict) as young:
        sign_up_for(person("Kid", birth=turns_18_next_day), event_id)
    assert "at least 18 on" in young.value.message
    assert young.value.localized("zh-Hans") != young.value.message
    with pytest.raises(Conflict, match="at most 30"):
        sign_up_for(person("Old", birth=date(day.year - 31, 1, 1)), event_id)
    exactly = date(day.year - 18, day.month, day.day)
    assert sign_up_for(person("Adult", birth=exactly), event_id).status == "confirmed"


def test_qualification_is_required_when_asked(team):
    event_id = publish(team, required_qualification="First-aid certificate")
    with pytest.raises(Invalid) as refused:
        sign_up_for(person("Ann"), event_id)
    assert refused.value.field == "qualification"
    assert sign_up_for(person("Bo"), event_id, qualification="Red Cross 2025").status \
        == "confirmed"


def test_safety_notes_must_be_acknowledged(team, db):
    event_id = publish(team)
    with pytest.raises(Invalid) as refused:
        sign_up_for(person("Ann"), event_id, safety_ack=False)
    assert refused.value.field == "safety_ack" and _seats(db, event_id) == 0


@pytest.mark.parametrize(("change", "message"), [
    (dict(status="draft"), "not open"), (dict(status="cancelled"), "cancelled"),
])
def test_event_must_be_published(team, change, message):
    event_id = publish(team)
    set_event(event_id, **change)
    with pytest.raises(Conflict, match=message):
        sign_up_for(person("Ann"), event_id)


def test_registration_window(team):
    event_id = publish(team)
    set_event(event_id, registration_opens_at=utcnow() + timedelta(days=1))
    with pytest.raises(Conflict, match="Registration opens on"):
        sign_up_for(person("Ann"), event_id)
    set_event(event_id, registration_opens_at=utcnow() - timedelta(days=2),
              registration_closes_at=utcnow() - timedelta(days=1))
    with pytest.raises(Conflict, match="Registration closed on"):
        sign_up_for(person("Bo"), event_id)


def test_organizer_in_good_standing(team):
    from portal.domain.models import Organizer
    event_id = publish(team)
    with session_scope() as session:
        session.get(Organizer, team["organizer_id"]).status = "revoked"
    with pytest.raises(Conflict, match="good standing"):
        sign_up_for(person("Ann"), event_id)


def test_registering_twice_is_refused_and_changes_nothing(team, db):
    event_id = publish(team)
    ann = person("Ann")
    sign_up_for(ann, event_id)
    with pytest.raises(Conflict, match="already registered"):
        sign_up_for(ann, event_id)
    assert _seats(db, event_id) == 1
    assert len(db.exec(select(Registration)).all()) == 1


def test_anonymous_cannot_register(team):
    from portal.domain.policies import Actor
    event_id = publish(team)
    with pytest.raises(Forbidden):
        sign_up_for(Actor.anonymous(), event_id)


QUESTIONS = [
    QuestionInput(kind="short_text", label="T-shirt name", required=True),
    QuestionInput(kind="single_choice", label="Size", options="S\nM\nL"),
    QuestionInput(kind="multiple_choice", label="Diet", options="Vegan\nNo nuts"),
    QuestionInput(kind="date", label="Arrival"),
    QuestionInput(kind="yes_no", label="Photos OK"),
    QuestionInput(kind="long_text", label="Why"),
    QuestionInput(kind="file", label="ID scan"),
]


def _question_ids(db, event_id):
    from portal.domain.models import RegistrationQuestion
    return {q.label: q.id for q in db.exec(select(RegistrationQuestion).where(
        RegistrationQuestion.event_id == event_id))}


def test_answers_of_every_kind_are_stored(team, db):
    event_id = publish(team, questions=QUESTIONS)
    q = _question_ids(db, event_id)
    form = dict(answers={q["T-shirt name"]: "Ann", q["Size"]: "M",
                         q["Diet"]: ["Vegan", "No nuts"], q["Arrival"]: "2026-12-24",
                         q["Photos OK"]: "yes", q["Why"]: "Fun"}, safety_ack=True)
    with session_scope() as session:
        registration = registrations.register(
            session, person("Ann"), event_id=event_id, form=RegistrationForm(**form),
            uploads={q["ID scan"]: Upload("id.pdf", PDF)}, store=file_store())
    db.rollback()
    stored = {a.question_id: a for a in db.exec(select(RegistrationAnswer).where(
        RegistrationAnswer.registration_id == registration.id))}
    assert stored[q["Diet"]].value == "Vegan\nNo nuts"
    assert stored[q["ID scan"]].file_type == "application/pdf"
    assert file_store().read(stored[q["ID scan"]].file_key) == PDF


@pytest.mark.parametrize(("label", "value", "message"), [
    ("T-shirt name", "", "Answer this question"),
    ("T-shirt name", "x" * 201, "at most 200"),
    ("Size", "XXL", "options"),
    ("Diet", ["Meat"], "options"),
    ("Arrival", "next week", "date"),
    ("Photos OK", "maybe", "yes or no"),
    ("T-shirt name", 7, None),
])
def test_bad_answers_are_refused_beside_the_question(team, db, label, value, message):
    event_id = publish(team, questions=QUESTIONS)
    q = _question_ids(db, event_id)
    answers = {q["T-shirt name"]: "Ann", q[label]: value}
    with pytest.raises((Invalid, ValueError)) as refused:
        sign_up_for(person("Ann"), event_id, answers=answers)
    if message:
        assert message in str(refused.value)
        assert refused.value.field == f"answer_{q[label]}"
    assert _seats(db, event_id) == 0


def test_a_file_of_the_wrong_type_is_refused(team, db):
    event_id = publish(team, questions=QUESTIONS)
    q = _question_ids(db, event_id)
    with pytest.raises(Invalid) as refused, session_scope() as session:
        registrations.register(
            session, person("Ann"), event_id=event_id,
            form=RegistrationForm(answers={q["T-shirt name"]: "Ann"}, safety_ack=True),
            uploads={q["ID scan"]: Upload("id.pdf", b"MZ\x90\x00 not a pdf")},
            store=file_store())
    assert refused.value.field == f"answer_{q['ID scan']}"


def test_an_answer_to_another_events_question_is_refused(team, db):
    one = publish(team, questions=QUESTIONS)
    other = publish(team, name="Other", questions=QUESTIONS)
    foreign = _question_ids(db, other)["Size"]
    q = _question_ids(db, one)
    with pytest.raises(Invalid):
        sign_up_for(person("Ann"), one, answers={q["T-shirt name"]: "A", foreign: "S"})


def test_full_event_refuses_then_waitlist_and_offer(team, db, monkeypatch):
    event_id = publish(team, capacity=1)
    ann, bo, cy = person("Ann"), person("Bo"), person("Cy")
    first = sign_up_for(ann, event_id)
    with pytest.raises(registrations.EventFull):
        sign_up_for(bo, event_id)
    waiting_bo = sign_up_for(bo, event_id, join_waitlist=True)
    waiting_cy = sign_up_for(cy, event_id, join_waitlist=True)
    assert waiting_bo.status == waiting_cy.status == "waitlisted" and _seats(db, event_id) == 1
    with session_scope() as session:
        registrations.cancel_registration(session, ann, registration_id=first.id)
    assert _status(db, first.id) == "cancelled"
    assert _status(db, waiting_bo.id) == "offered" and _status(db, waiting_cy.id) == "waitlisted"
    assert _seats(db, event_id) == 1  # the offer holds the freed seat
    with pytest.raises(NotFound), session_scope() as session:  # not Cy's offer to claim
        registrations.claim_offer(session, cy, registration_id=waiting_bo.id)
    with session_scope() as session:
        registrations.claim_offer(session, bo, registration_id=waiting_bo.id)
    assert _status(db, waiting_bo.id) == "confirmed"
    offers = db.exec(select(OutboxEmail.template).where(
        OutboxEmail.to_email == "bo@example.org")).all()
    assert list(offers) == ["waitlist_joined", "waitlist_offer",
                                      "registration_confirmed"]


def test_lapsed_offer_passes_to_the_next(team, db):
    event_id = publish(team, capacity=1)
    ann, bo, cy = person("Ann"), person("Bo"), person("Cy")
    first = sign_up_for(ann, event_id)
    bo_reg = sign_up_for(bo, event_id, join_waitlist=True)
    cy_reg = sign_up_for(cy, event_id, join_waitlist=True)
    with session_scope() as session:
        registrations.cancel_registration(session, ann, registration_id=first.id)
    offered = db.get(Registration, bo_reg.id)
    with session_scope() as session:  # not yet
        assert registration_flow.sweep_lapsed(session, now=utcnow()) == 0
    with session_scope() as session:
        later = offered.offer_expires_at + timedelta(seconds=1)
        assert registration_flow.sweep_lapsed(session, now=later) == 1
    assert _status(db, bo_reg.id) == "expired" and _status(db, cy_reg.id) == "offered"
    with pytest.raises(Conflict), session_scope() as session:
        registrations.claim_offer(session, bo, registration_id=bo_reg.id)
    assert _seats(db, event_id) == 1


def test_payment_hold_expires_and_frees_the_seat(team, db):
    event_id = publish(team, capacity=1, fees=[FeeInput(kind="registration", amount="10")])
    held = sign_up_for(person("Ann"), event_id)
    assert held.status == "pending_payment" and _seats(db, event_id) == 1
    with session_scope() as session:
        registration_flow.sweep_lapsed(session, now=held.hold_expires_at - timedelta(seconds=1))
    assert _status(db, held.id) == "pending_payment"
    with session_scope() as session:
        registration_flow.sweep_lapsed(session, now=held.hold_expires_at)
    assert _status(db, held.id) == "expired" and _seats(db, event_id) == 0
    assert sign_up_for(person("Ann2"), event_id).status == "pending_payment"


def test_approval_required_holds_a_seat_until_decided(team, db):
    event_id = publish(team, capacity=2, requires_approval=True)
    ann, bo = person("Ann"), person("Bo")
    a = sign_up_for(ann, event_id)
    b = sign_up_for(bo, event_id)
    assert a.status == b.status == "pending_review" and _seats(db, event_id) == 2
    assert a.review_due_at is not None
    notices = db.exec(select(OutboxEmail.template).where(
        OutboxEmail.to_email == "olga@example.org")).all()
    assert "registration_received" in notices
    with pytest.raises(NotFound), session_scope() as session:  # an outsider
        registration_review.decide_registration(session, team["eve"], registration_id=a.id,
                                                decision="approve")
    with pytest.raises(NotFound), session_scope() as session:  # the registrant themself
        registration_review.decide_registration(session, ann, registration_id=a.id,
                                                decision="approve")
    with pytest.raises(Invalid), session_scope() as session:
        registration_review.decide_registration(session, team["olga"], registration_id=b.id,
                                                decision="reject")
    with session_scope() as session:
        registration_review.decide_registration(session, team["olga"], registration_id=a.id,
                                                decision="approve")
    with session_scope() as session:
        registration_review.decide_registration(session, team["rita"], registration_id=b.id,
                                                decision="reject", note="Team is full")
    assert _status(db, a.id) == "confirmed" and _status(db, b.id) == "rejected"
    assert _seats(db, event_id) == 1
    with pytest.raises(Conflict), session_scope() as session:  # decided already
        registration_review.decide_registration(session, team["olga"], registration_id=a.id,
                                                decision="approve")


def test_approval_checks_eligibility_again(team, db):
    event_id = publish(team, requires_approval=True, min_age="18")
    ann = person("Ann")
    pending = sign_up_for(ann, event_id)
    with session_scope() as session:  # the profile changed meanwhile
        from portal.domain.models import User
        session.get(User, ann.user_id).date_of_birth = date.today()
    with pytest.raises(Conflict, match="at least 18"), session_scope() as session:
        registration_review.decide_registration(session, team["olga"],
                                                registration_id=pending.id, decision="approve")
    assert _status(db, pending.id) == "pending_review"


def test_cancel_only_own_and_only_once(team, db):
    event_id = publish(team)
    ann, bo = person("Ann"), person("Bo")
    mine = sign_up_for(ann, event_id)
    with pytest.raises(NotFound), session_scope() as session:
        registrations.cancel_registration(session, bo, registration_id=mine.id)
    with session_scope() as session:
        registrations.cancel_registration(session, ann, registration_id=mine.id)
    with pytest.raises(Conflict), session_scope() as session:
        registrations.cancel_registration(session, ann, registration_id=mine.id)
    assert _seats(db, event_id) == 0
    again = sign_up_for(ann, event_id)  # may register again after cancelling
    assert again.id != mine.id and again.status == "confirmed"


def test_cancelled_event_ends_registrations(team, db):
    from portal.services import event_changes
    event_id = publish(team, capacity=1)
    ann, bo = person("Ann"), person("Bo")
    a = sign_up_for(ann, event_id)
    b = sign_up_for(bo, event_id, join_waitlist=True)
    with session_scope() as session:
        change_id = event_changes.request_cancel(session, team["olga"], event_id=event_id,
                                                 reason="Storm warning")
    with session_scope() as session:
        event_changes.decide_change(session, team["rita"], change_id=change_id,
                                    decision="approve")
    assert _status(db, a.id) == _status(db, b.id) == "cancelled"
    assert _seats(db, event_id) == 0
    db.rollback()
    assert db.exec(select(col(Registration.active_user_id))).all() == [None, None]

