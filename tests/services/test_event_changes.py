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
        # a paid, confirmed registration (payments arrive in a later issue)
        session.add(Registration(event_id=event_id, user_id=eve.id, active_user_id=eve.id,
                                 total_minor=9900))
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
    assert {c.label for c in view.changes} == {"Starts", "Ends"}
    assert all("(Asia/Shanghai)" in c.after for c in view.changes)
    in_chinese = call(event_changes.get_change, team["rita"], change_id=change_id,
                      locale="zh-Hans")
    assert {c.label for c in in_chinese.changes} == {"开始时间", "结束时间"}
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
    assert all(r[0].refund_due and r[0].status == "cancelled"
               for r in db.exec(select(Registration)))
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


def test_registrants_read_what_changed_in_their_language(team, published, db):
    with session_scope() as session:
        eve = session.exec(select(User).where(User.email == "eve@example.org")).one()[0]
        eve.locale = "zh-Hans"
        olga = session.exec(select(User).where(User.email == "olga@example.org")).one()[0]
        session.add(Registration(event_id=published, user_id=olga.id))
    change_id = ask(team, published, starts_at=local(2, 9), ends_at=local(3, 18),
                    fees=[event_form.FeeInput(kind="registration", amount="79")])
    call(event_changes.decide_change, team["rita"], change_id=change_id, decision="approve")
    db.rollback()
    mails = {row[0].to_email: row[0] for row in db.exec(
        select(OutboxEmail).where(OutboxEmail.template == "event_changed"))}
    english, chinese = mails["olga@example.org"], mails["eve@example.org"]
    for mail in (english, chinese):
        for raw in ("['", "9900", "mandatory", "T09:00", "+00:00"):
            assert raw not in mail.body_text and raw not in mail.body_html, (raw, mail.locale)
    assert "- Fees: Registration fee CN¥99.00; Catering fee CN¥30.00 (optional) → " \
           "Registration fee CN¥79.00" in english.body_text
    assert "- Starts: " in english.body_text and "(Asia/Shanghai)" in english.body_text
    assert "<li>Fees: Registration fee CN¥99.00" in english.body_html
    assert "- 费用：报名费 ¥99.00; 餐饮费 ¥30.00 (可选) → 报名费 ¥79.00" in chinese.body_text
    assert "- 开始时间：2026年" in chinese.body_text or "- 开始时间：2027年" in chinese.body_text
    assert "<li>费用：报名费 ¥99.00" in chinese.body_html
