"""Changing or cancelling a published event: reasons, staff decisions, registrants told,
fee increases refused, cancellations flag refunds."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.db import session_scope
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import AuditEntry, Event, FeeItem, OutboxEmail, Registration, User
from portal.services import event_changes, event_drafts, event_form, event_review
from portal.services.paging import PageRequest
from tests.services.test_events import FEES, call, draft, local, save


@pytest.fixture
def published(team, db):
    event_id = save(team)
    call(event_drafts.submit_event, team["olga"], event_id=event_id)
    call(event_review.decide_event, team["rita"], event_id=event_id, decision="approve")
    with session_scope() as session:
        eve = session.exec(select(User).where(User.email == "eve@example.org")).one()[0]
        session.add(Registration(event_id=event_id, user_id=eve.id))
    return event_id


def audit_actions(db) -> set[str]:
    return {row[0].action for row in db.exec(select(AuditEntry))}


def ask(team, event_id, fees=FEES, reason="The hall moved.", **overrides):
    return call(event_changes.request_update, team["olga"], event_id=event_id,
                draft=draft(**overrides), fees=fees, reason=reason)


def test_moving_the_start_is_reviewed_then_every_registrant_is_told(team, published, db):
    with pytest.raises(Invalid):
        ask(team, published, reason="", starts_at=local(2, 9), ends_at=local(3, 18))
    change_id = ask(team, published, starts_at=local(2, 9), ends_at=local(3, 18))
    with pytest.raises(Conflict):
        ask(team, published, starts_at=local(2, 10), ends_at=local(3, 18))  # one at a time
    view = call(event_changes.get_change, team["rita"], change_id=change_id)
    assert {field for field, _, _ in view.changes} == {"Starts", "Ends"}
    assert all("(Asia/Shanghai)" in after for _, _, after in view.changes)
    with pytest.raises(Forbidden):
        call(event_changes.decide_change, team["olga"], change_id=change_id, decision="approve")
    call(event_changes.decide_change, team["rita"], change_id=change_id, decision="approve")
    with pytest.raises(Conflict):  # replayed decision
        call(event_changes.decide_change, team["rita"], change_id=change_id, decision="approve")
    db.rollback()
    event = db.get(Event, published)
    assert event.starts_at.date().isoformat() == local(2, 9)[:10]
    mail = db.exec(select(OutboxEmail).where(OutboxEmail.template == "event_changed")).one()[0]
    assert mail.to_email == "eve@example.org" and "Starts" in mail.body_text
    assert "The hall moved." in mail.body_text
    assert audit_actions(db) >= {"event.update_requested", "event.update_approved"}


def test_raising_a_fee_is_refused_outright_and_lowering_goes_through_review(team, published,
                                                                           db):
    for fees in ([event_form.FeeInput(kind="registration", amount="120")],
                 [*FEES, event_form.FeeInput(kind="venue", amount="5")],
                 [event_form.FeeInput(kind="registration", amount="99"),
                  event_form.FeeInput(kind="catering", amount="30", mandatory=True)]):
        with pytest.raises(Invalid) as refused:
            ask(team, published, fees=fees)
        assert refused.value.message == event_changes.FEE_RAISE_REFUSED
    change_id = ask(team, published, fees=[event_form.FeeInput(kind="registration", amount="79")])
    call(event_changes.decide_change, team["rita"], change_id=change_id, decision="approve")
    db.rollback()
    assert [f[0].amount_minor for f in db.exec(select(FeeItem).where(
        FeeItem.event_id == published))] == [7900]


def test_cancellation_flags_every_registration_for_refund(team, published, db):
    change_id = call(event_changes.request_cancel, team["olga"], event_id=published,
                     reason="The speaker is ill.")
    with pytest.raises(Invalid):
        call(event_changes.decide_change, team["rita"], change_id=change_id, decision="reject")
    page = call(event_changes.list_changes, team["rita"],
                request=PageRequest(filters={"status": "pending"}))
    assert [c.kind for c in page.items] == ["cancel"]
    call(event_changes.decide_change, team["rita"], change_id=change_id, decision="approve")
    db.rollback()
    assert "event.cancel_approved" in audit_actions(db)
    assert db.get(Event, published).status == "cancelled"
    assert all(r[0].refund_due for r in db.exec(select(Registration)))
    assert db.exec(select(OutboxEmail).where(OutboxEmail.template == "event_cancelled")).one()


def test_only_published_events_and_only_members(team, db):
    event_id = save(team)
    with pytest.raises(Conflict):
        ask(team, event_id)
    with pytest.raises(NotFound), session_scope() as session:  # not theirs: not even seen
        event_changes.request_cancel(session, team["eve"], event_id=event_id, reason="x")


def test_two_items_of_the_same_kind_are_compared_one_by_one(team, db):
    fees = [event_form.FeeInput(kind="registration", amount="120"),
            event_form.FeeInput(kind="registration", amount="35.5")]
    event_id = save(team, fees=fees)
    call(event_drafts.submit_event, team["olga"], event_id=event_id)
    call(event_review.decide_event, team["rita"], event_id=event_id, decision="approve")
    assert ask(team, event_id, fees=fees, starts_at=local(2, 9), ends_at=local(3, 18))


def test_a_rejected_change_is_audited_by_its_name_and_changes_nothing(team, published, db):
    change_id = ask(team, published, starts_at=local(2, 9), ends_at=local(3, 18))
    call(event_changes.decide_change, team["rita"], change_id=change_id, decision="reject",
         note="Keep the date.")
    db.rollback()
    assert "event.update_rejected" in audit_actions(db)
    assert call(event_changes.get_change, team["rita"], change_id=change_id).status == "rejected"
    assert db.get(Event, published).starts_at.date().isoformat() == local(0, 9)[:10]
