"""The sanction ladder (rules §3.3.3): warn, suspend publishing (blocking submissions, with or
without the published events), revoke (certificate revoked, future events cancelled and
refunded through the cancellation path), and lift restoring what was there."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import (
    EventStatus,
    OrganizerStanding,
    RefundCause,
    RegistrationStatus,
    Role,
    SanctionKind,
)
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import (
    AuditEntry,
    Event,
    LedgerEntry,
    OutboxEmail,
    Refund,
    Registration,
    Sanction,
)
from portal.domain.policies import Actor
from portal.services import (
    cancellation_refunds,
    event_drafts,
    event_form,
    event_review,
    organizer_assessment,
    organizer_standing,
    organizers,
    payments,
    refund_runner,
    sanctions,
)
from portal.services.ledger_check import check_ledger
from portal.wiring import card_gateway
from tests.services.payment_helpers import paid_event
from tests.services.refund_helpers import paid_holder
from tests.services.registration_helpers import _local, set_event
from tests.services.supervision_helpers import calendar, organizer, staff  # noqa: F401

DRAFT = dict(name="Night Run", summary="Run.", description="Run.", category="other",
             starts_at=_local(10, 19), ends_at=_local(10, 22), time_zone="Asia/Shanghai",
             format="in_person", venue_address="2 Park Road", city="Shanghai", capacity="50",
             registration_opens_at=_local(-20, 0), registration_closes_at=_local(9, 18),
             safety_risks="Dark paths", safety_measures="Lights", emergency_contact="+86 21 1",
             emergency_plan="Meet at the gate.")


def draft(team) -> int:
    with session_scope() as session:
        return event_drafts.save_draft(session, team["olga"], organizer_id=team["organizer_id"],
                                       event_id=None, draft=event_form.EventDraft(**DRAFT),
                                       fees=[])


def submit(team, event_id: int) -> None:
    with session_scope() as session:
        event_drafts.submit_event(session, team["olga"], event_id=event_id)


def suspend(team, *, until=None, keep_published=True, who=None) -> int:
    with session_scope() as session:
        return sanctions.suspend_publishing(session, who or team["rita"],
                                            organizer_id=team["organizer_id"],
                                            reason="Unsafe venue twice.", until=until,
                                            keep_published=keep_published)


def lift(team, sanction_id: int, who=None) -> None:
    with session_scope() as session:
        sanctions.lift_sanction(session, who or team["rita"], sanction_id=sanction_id,
                                reason="Rectified.")


def event_status(event_id: int) -> str:
    with session_scope() as session:
        return session.get(Event, event_id).status


def standing(team):
    with session_scope() as session:
        return organizer_assessment.assess_organizer(session, team["rita"],
                                                     organizer_id=team["organizer_id"])


def test_a_warning_is_recorded_told_and_shown(team, db):
    with session_scope() as session:
        sanction_id = sanctions.warn_organizer(session, team["rita"],
                                               organizer_id=team["organizer_id"],
                                               reason="Late answers to inquiries.")
    told = db.exec(select(OutboxEmail).where(OutboxEmail.template == "sanction_imposed")).all()
    assert [e.to_email for e in told] == ["olga@example.org"]
    assert db.exec(select(AuditEntry).where(AuditEntry.action == "sanction.warning")).one()
    assert standing(team).standing is OrganizerStanding.WARNED
    with session_scope() as session:
        public = organizer_standing.public_standing(session, organizer_id=team["organizer_id"])
    assert [s.kind for s in public.sanctions] == [SanctionKind.WARNING]
    lift(team, sanction_id)
    assert standing(team).standing is OrganizerStanding.GOOD


def test_a_sanction_needs_a_reason_and_the_area(team):
    fin = staff("fin", Role.STAFF_FINANCE)
    for outsider in (fin, team["olga"], team["eve"], Actor.anonymous()):
        with session_scope() as session, pytest.raises(Forbidden):
            sanctions.warn_organizer(session, outsider, organizer_id=team["organizer_id"],
                                     reason="x")
        with pytest.raises(Forbidden):
            suspend(team, who=outsider)
        with session_scope() as session, pytest.raises(Forbidden):
            sanctions.revoke_qualification(session, outsider,
                                           organizer_id=team["organizer_id"], reason="x")
    with session_scope() as session, pytest.raises(Invalid) as refused:
        sanctions.warn_organizer(session, team["rita"], organizer_id=team["organizer_id"],
                                 reason="  ")
    assert refused.value.field == "reason"
    with session_scope() as session, pytest.raises(NotFound):
        sanctions.warn_organizer(session, team["rita"], organizer_id=424242, reason="x")
    with session_scope() as session:
        assert session.exec(select(Sanction)).all() == []
    cora = staff("cora", Role.STAFF_COMPLAINTS)
    with session_scope() as session:  # positive control: the complaints area may
        sanctions.warn_organizer(session, cora, organizer_id=team["organizer_id"], reason="x")
    warned = suspend(team)
    for outsider in (fin, team["olga"]):
        with pytest.raises(Forbidden):
            lift(team, warned, who=outsider)
    assert organizer(team["organizer_id"]).publishing_suspended


def test_suspension_blocks_submissions_and_lifting_restores_them(team):
    event_id = draft(team)
    sanction_id = suspend(team)
    with pytest.raises(Forbidden) as refused:
        submit(team, event_id)
    assert "suspended" in refused.value.message
    with pytest.raises(Forbidden):
        draft(team)
    with pytest.raises(Conflict):  # one suspension at a time
        suspend(team)
    assert event_status(event_id) == EventStatus.DRAFT.value
    assert standing(team).standing is OrganizerStanding.SUSPENDED
    assert not standing(team).may_publish
    lift(team, sanction_id)
    with pytest.raises(Conflict):
        lift(team, sanction_id)
    submit(team, event_id)
    assert event_status(event_id) == EventStatus.SUBMITTED.value
    assert standing(team).may_publish


def test_a_suspension_ends_after_its_last_day(team, calendar):  # noqa: F811
    event_id = draft(team)
    with pytest.raises(Invalid):
        suspend(team, until=calendar() - timedelta(days=1))
    suspend(team, until=calendar() + timedelta(days=2))
    calendar.advance(2)
    with pytest.raises(Forbidden):  # still its last day
        submit(team, event_id)
    calendar.advance(1)
    submit(team, event_id)
    assert event_status(event_id) == EventStatus.SUBMITTED.value


def test_reviewers_cannot_publish_for_a_suspended_organizer(team):
    event_id = draft(team)
    submit(team, event_id)
    suspend(team)
    with session_scope() as session, pytest.raises(Conflict):
        event_review.decide_event(session, team["rita"], event_id=event_id, decision="approve")
    assert event_status(event_id) == EventStatus.SUBMITTED.value


def test_suspension_keeps_or_cancels_published_events(team):
    kept = paid_event(team)
    sanction_id = suspend(team, keep_published=True)
    assert event_status(kept) == EventStatus.PUBLISHED.value
    lift(team, sanction_id)
    _, registration_id = paid_holder("Ann", kept)
    suspend(team, keep_published=False)
    assert event_status(kept) == EventStatus.CANCELLED.value
    assert cancellation_refunds.run_once(session_scope) == 1
    with session_scope() as session:
        [refund] = session.exec(select(Refund).where(Refund.registration_id == registration_id))
        assert (refund.cause, refund.amount_minor) == (RefundCause.EVENT_CANCELLED.value, 12000)


def _ended_event(team) -> int:
    """A published event that is over: sanctions leave it alone."""
    event_id = paid_event(team, name="Old Fair")
    set_event(event_id, starts_at=utcnow() - timedelta(days=3),
              ends_at=utcnow() - timedelta(days=2))
    return event_id


def test_revocation_cancels_future_events_and_refunds_everyone(team, db):
    future = paid_event(team)
    ended = _ended_event(team)
    _, card_reg = paid_holder("Ann", future, method="card")
    _, cash_reg = paid_holder("Bob", future, method="cash")
    waiting = draft(team)
    with session_scope() as session:
        sanctions.revoke_qualification(session, team["rita"],
                                       organizer_id=team["organizer_id"],
                                       reason="Fees charged twice.")
    assert organizer(team["organizer_id"]).status == "revoked"
    with session_scope() as session:
        cert = organizers.certificate(session, organizer_id=team["organizer_id"])
        public = organizer_standing.public_standing(session, organizer_id=team["organizer_id"])
    assert not cert.valid and public.standing is OrganizerStanding.REVOKED
    assert (event_status(future), event_status(ended)) == ("cancelled", "published")
    with session_scope() as session:
        regs = [session.get(Registration, r) for r in (card_reg, cash_reg)]
        assert {r.status for r in regs} == {RegistrationStatus.CANCELLED.value}
        assert all(r.refund_due for r in regs)
    told = db.exec(select(OutboxEmail).where(OutboxEmail.template == "event_cancelled")).all()
    assert sorted(e.to_email for e in told) == ["ann@example.org", "bob@example.org"]
    with pytest.raises(Forbidden):
        submit(team, waiting)

    assert cancellation_refunds.run_once(session_scope) == 2
    gateway = card_gateway()
    while refund_runner.run_once(session_scope, gateway, limit=50).paid:
        pass
    with session_scope() as session:
        refunds = session.exec(select(Refund).order_by(Refund.registration_id)).all()
        assert [(r.registration_id, r.amount_minor, r.cause) for r in refunds] == [
            (card_reg, 12000, "event_cancelled"), (cash_reg, 12000, "event_cancelled")]
        card_entries = session.exec(select(LedgerEntry).where(
            LedgerEntry.registration_id == card_reg, LedgerEntry.kind == "refund")).all()
        assert [e.amount_minor for e in card_entries] == [12000]
        assert payments.balance(session, card_reg).held_minor == 0
        assert check_ledger(session) == []


def test_lifting_a_revocation_restores_the_qualification_not_the_events(team):
    future = paid_event(team)
    with session_scope() as session:
        sanction_id = sanctions.revoke_qualification(session, team["rita"],
                                                     organizer_id=team["organizer_id"],
                                                     reason="Fraud suspected.")
    with session_scope() as session, pytest.raises(Conflict):
        sanctions.revoke_qualification(session, team["rita"],
                                       organizer_id=team["organizer_id"], reason="Again")
    with pytest.raises(Conflict):  # a revoked organizer is not suspended on top
        suspend(team)
    lift(team, sanction_id)
    assert organizer(team["organizer_id"]).status == "approved"
    assert event_status(future) == "cancelled"
    with session_scope() as session:
        assert organizers.certificate(session, organizer_id=team["organizer_id"]).valid
    submit(team, draft(team))
    assert standing(team).standing is OrganizerStanding.GOOD


def test_the_assessment_counts_notices_and_lists_sanctions(team, calendar):  # noqa: F811
    from portal.services import rectification_notices as notices

    with session_scope() as session:
        late = notices.open_notice(session, team["rita"], organizer_id=team["organizer_id"],
                                   problem="A", required_action="B",
                                   due_on=calendar() + timedelta(days=1))
        notices.open_notice(session, team["rita"], organizer_id=team["organizer_id"],
                            problem="C", required_action="D",
                            due_on=calendar() + timedelta(days=9))
        sanctions.warn_organizer(session, team["rita"], organizer_id=team["organizer_id"],
                                 reason="Late.", notice_id=late)
    calendar.advance(3)
    view = standing(team)
    counts = view.notice_counts
    assert (counts.open, counts.overdue, counts.answered_late, counts.total) == (2, 1, 1, 2)
    assert [(s.kind, s.notice_id, s.in_force) for s in view.sanctions] == [
        (SanctionKind.WARNING, late, True)]
    assert (view.score.count, view.complaints.received) == (0, 0)  # no ratings, no complaints
    with session_scope() as session, pytest.raises(Forbidden):
        organizer_assessment.assess_organizer(session, team["olga"],
                                              organizer_id=team["organizer_id"])
    with session_scope() as session, pytest.raises(Invalid):
        sanctions.warn_organizer(session, team["rita"], organizer_id=team["organizer_id"],
                                 reason="x", notice_id=999)
