"""Cover images: checked by content, private until published, and never lost to a failed
commit (written before it, the replaced one deleted only after it)."""

from __future__ import annotations

import pytest

from portal.db import session_scope
from portal.domain.errors import Invalid, NotFound
from portal.domain.models import Event
from portal.domain.policies import Actor
from portal.integrations.files_local import LocalFileStore
from portal.services import event_covers, event_drafts, event_review
from tests.services.test_events import call, save

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
OTHER_PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 64


@pytest.fixture
def store(tmp_path):
    return LocalFileStore(tmp_path / "uploads")


def cover(team, event_id, store, who="olga", content=PNG):
    call(event_covers.set_cover, team[who], event_id=event_id, filename="c.png",
         content=content, store=store)


def test_cover_images_are_checked_and_private_until_published(team, store, db):
    event_id = save(team)
    for content in (b"%PDF-1.4\n%%EOF\n", b"<svg onload=alert(1)>"):
        with pytest.raises(Invalid):
            cover(team, event_id, store, content=content)
    with pytest.raises(NotFound):
        cover(team, event_id, store, who="eve")
    cover(team, event_id, store)
    assert call(event_covers.open_cover, team["olga"], event_id=event_id, store=store)[1] == PNG
    with pytest.raises(NotFound):
        call(event_covers.open_cover, Actor.anonymous(), event_id=event_id, store=store)
    call(event_drafts.submit_event, team["olga"], event_id=event_id)
    call(event_review.decide_event, team["rita"], event_id=event_id, decision="approve")
    assert call(event_covers.open_cover, Actor.anonymous(), event_id=event_id,
                store=store)[0] == "image/png"


def test_a_replaced_cover_is_deleted_only_when_the_change_commits(team, store, db):
    event_id = save(team)
    cover(team, event_id, store)
    first = db.get(Event, event_id).cover_key
    with pytest.raises(RuntimeError), session_scope() as session:
        event_covers.set_cover(session, team["olga"], event_id=event_id, filename="d.png",
                               content=OTHER_PNG, store=store)
        raise RuntimeError("the commit never happens")
    db.rollback()
    assert db.get(Event, event_id).cover_key == first
    assert store.read(first) == PNG  # the event still points at a file that exists
    assert sorted(p.name for p in store.root.rglob("*") if p.is_file()) == [first]  # no orphan
    cover(team, event_id, store, content=OTHER_PNG)
    db.rollback()
    second = db.get(Event, event_id).cover_key
    assert second != first and store.read(second) == OTHER_PNG
    with pytest.raises(FileNotFoundError):
        store.read(first)
