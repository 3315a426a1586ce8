"""Reviewing a submitted event: the decision is claimed atomically, so two reviewers deciding
at the same moment never both publish it and never both notify the organizer."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select
from sqlmodel import Session

from portal.db import session_scope
from portal.domain.errors import Conflict
from portal.domain.models import AuditEntry, Event, OutboxEmail
from portal.services import event_drafts, event_review
from tests.services.conftest import POSTGRES_URL
from tests.services.test_events import call, save


@pytest.fixture
def submitted(team):
    event_id = save(team)
    call(event_drafts.submit_event, team["olga"], event_id=event_id)
    return event_id


def decisions(db, event_id: int) -> tuple[list[str], list[str]]:
    db.rollback()
    mails = [r[0].template for r in db.exec(select(OutboxEmail).where(
        OutboxEmail.template.in_(["event_approve", "event_reject"])))]
    actions = [r[0].action for r in db.exec(select(AuditEntry).where(
        AuditEntry.object_id == event_id, AuditEntry.action.in_(["event.approve",
                                                                  "event.reject"])))]
    return mails, actions


def test_a_reviewer_who_read_the_event_before_another_decided_is_refused(team, submitted,
                                                                         engine, db):
    with Session(engine, expire_on_commit=False) as late:
        stale = late.get(Event, submitted)  # this reviewer's page still says "submitted"
        late.commit()
        call(event_review.decide_event, team["rita"], event_id=submitted, decision="approve")
        with pytest.raises(Conflict):
            event_review.decide_event(late, team["rita"], event_id=submitted,
                                      decision="reject", note="Too late.")
        late.rollback()
        assert stale.status == "published"  # read again when refused
    mails, actions = decisions(db, submitted)
    assert mails == ["event_approve"] and actions == ["event.approve"]
    assert db.get(Event, submitted).status == "published"


def test_the_first_decision_goes_through(team, submitted, db):
    call(event_review.decide_event, team["rita"], event_id=submitted, decision="reject",
         note="Add the venue map.")
    mails, actions = decisions(db, submitted)
    assert mails == ["event_reject"] and actions == ["event.reject"]
    assert db.get(Event, submitted).decision_note == "Add the venue map."


@pytest.mark.skipif(not POSTGRES_URL, reason="row locks are a PostgreSQL matter")
def test_two_reviewers_at_the_same_moment_on_postgresql(team, submitted, engine, db):
    if engine.dialect.name != "postgresql":
        pytest.skip("this backend serialises writers with BEGIN IMMEDIATE")
    ready = threading.Barrier(2, timeout=20)
    outcomes: list[str] = []

    def review(decision: str) -> None:
        try:
            with session_scope() as session:
                seen = session.get(Event, submitted)  # both read "submitted" first
                assert seen.status == "submitted"
                ready.wait()
                event_review.decide_event(session, team["rita"], event_id=submitted,
                                          decision=decision, note="Both at once.")
            outcomes.append("decided")
        except Conflict:
            outcomes.append("refused")

    threads = [threading.Thread(target=review, args=(d,)) for d in ("approve", "reject")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["decided", "refused"]
    mails, actions = decisions(db, submitted)
    assert len(mails) == 1 and len(actions) == 1


def test_a_resubmitted_event_shows_what_changed_since_the_rejected_version(team, submitted):
    from portal.services import event_views

    first = call(event_views.editor_event, team["rita"], event_id=submitted)
    assert first.changes_since_submission == [] and first.changes_since_approval == []
    call(event_review.decide_event, team["rita"], event_id=submitted, decision="reject",
         note="Too few stewards.")
    save(team, event_id=submitted, safety_measures="Stewards at every door", capacity="150")
    editing = call(event_views.editor_event, team["olga"], event_id=submitted)
    assert {c.field for c in editing.changes_since_submission} == {"safety_measures",
                                                                   "capacity"}
    call(event_drafts.submit_event, team["olga"], event_id=submitted)
    review = call(event_views.editor_event, team["rita"], event_id=submitted, locale="zh-Hans")
    assert sorted((c.field, c.label, c.before, c.after)
                  for c in review.changes_since_submission) == [
        ("capacity", "名额", "200", "150"),
        ("safety_measures", "措施", "Stewards", "Stewards at every door")]
    assert review.changes_since_approval == []  # never approved: nothing to compare with
    call(event_review.decide_event, team["rita"], event_id=submitted, decision="approve")
    approved = call(event_views.editor_event, team["rita"], event_id=submitted)
    assert approved.changes_since_approval == [] and approved.changes_since_submission == []
