"""What the stepped event editor relies on: deleting a draft (its members only, drafts only),
the submission checklist (the same rule submission applies), a refused fee named by its row,
and the organizer's list telling the next step."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.db import session_scope
from portal.domain.errors import Conflict, Invalid, NotFound
from portal.domain.models import (
    AuditEntry,
    Event,
    EventAutosave,
    FeeItem,
    RegistrationQuestion,
)
from portal.integrations.files_local import LocalFileStore
from portal.services import (
    event_autosave,
    event_changes,
    event_checklist,
    event_covers,
    event_drafts,
    event_form,
    event_review,
    event_views,
)
from portal.services.paging import PageRequest
from tests.services.test_events import FEES, call, local, save

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
QUESTION = [event_form.QuestionInput(kind="short_text", label="Your team?")]


@pytest.fixture
def store(tmp_path):
    return LocalFileStore(tmp_path / "uploads")


def delete(team, who, event_id, store):
    call(event_drafts.delete_draft, team[who], event_id=event_id, store=store)


def test_a_member_deletes_a_draft_with_everything_it_holds(team, store, db):
    event_id = save(team, questions=QUESTION)
    call(event_covers.set_cover, team["olga"], event_id=event_id, filename="c.png",
         content=PNG, store=store)
    call(event_autosave.autosave_draft, team["olga"], organizer_id=team["organizer_id"],
         event_id=event_id, data={"name": "Half typed"})
    key = db.get(Event, event_id).cover_key
    assert store.read(key) == PNG
    delete(team, "olga", event_id, store)
    db.rollback()
    assert db.get(Event, event_id) is None
    for model in (FeeItem, RegistrationQuestion):
        assert db.exec(select(model).where(model.event_id == event_id)).all() == []
    assert db.exec(select(EventAutosave).where(EventAutosave.event_key == event_id)).all() == []
    with pytest.raises(FileNotFoundError):
        store.read(key)
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "event.deleted")).one()[0]
    assert entry.object_id == event_id and entry.before["name"] == "Data Summit"


def test_others_cannot_delete_a_draft(team, store, db):
    event_id = save(team)
    for who in ("eve", "rita"):  # an outsider, a reviewer: the draft does not exist for them
        with pytest.raises(NotFound):
            delete(team, who, event_id, store)
    db.rollback()
    assert db.get(Event, event_id) is not None
    assert len(db.exec(select(FeeItem).where(FeeItem.event_id == event_id)).all()) == 2


def test_submitted_and_published_events_cannot_be_deleted(team, store, db):
    event_id = save(team)
    call(event_drafts.submit_event, team["olga"], event_id=event_id)
    with pytest.raises(Conflict):
        delete(team, "olga", event_id, store)
    call(event_review.decide_event, team["rita"], event_id=event_id, decision="approve")
    with pytest.raises(Conflict):
        delete(team, "olga", event_id, store)
    db.rollback()
    assert db.get(Event, event_id).status == "published"


def test_the_checklist_is_what_submission_refuses(team):
    event_id = save(team, safety_risks="", emergency_plan="")
    missing = call(event_checklist.submission_checklist, team["olga"], event_id=event_id)
    assert [m.field for m in missing] == ["safety_risks", "emergency_plan"]
    with pytest.raises(Invalid) as refused:
        call(event_drafts.submit_event, team["olga"], event_id=event_id)
    assert refused.value.field == "safety_risks"
    assert refused.value.template == missing[0].message
    with pytest.raises(NotFound):
        call(event_checklist.submission_checklist, team["eve"], event_id=event_id)
    save(team, event_id=event_id)  # the safety plan written in full
    assert call(event_checklist.submission_checklist, team["olga"], event_id=event_id) == []
    call(event_drafts.submit_event, team["olga"], event_id=event_id)


def test_a_wrong_fee_is_refused_on_its_row(team):
    fees = [*FEES, event_form.FeeInput(kind="custom", label="Dinner", amount="12.345")]
    with pytest.raises(Invalid) as refused:
        save(team, fees=fees)
    assert refused.value.field == "fees.2.amount"
    with pytest.raises(Invalid) as refused:
        save(team, fees=[*FEES, event_form.FeeInput(kind="custom", amount="5")])
    assert refused.value.field == "fees.2.label"


def test_my_events_tells_the_next_step(team):
    draft_id = save(team, name="Unfinished", emergency_plan="", starts_at=local(0, 9))
    published_id = save(team, name="Live")
    call(event_drafts.submit_event, team["olga"], event_id=published_id)
    call(event_review.decide_event, team["rita"], event_id=published_id, decision="approve")
    with session_scope() as session:
        event_changes.request_cancel(session, team["olga"], event_id=published_id,
                                     reason="The hall is closed.")
    waiting_id = save(team, name="Waiting")
    call(event_drafts.submit_event, team["olga"], event_id=waiting_id)
    page = call(event_views.my_events, team["olga"], organizer_id=team["organizer_id"],
                request=PageRequest())
    by_id = {e.id: e for e in page.items}
    assert by_id[draft_id].missing == 1 and by_id[draft_id].pending_change == ""
    assert by_id[published_id].pending_change == "cancel"
    assert by_id[waiting_id].review_due_at is not None and by_id[waiting_id].missing == 0
