"""The versioned platform rules and safety guide: administrators publish, every signed-in person
accepts the rules in force before the runner lets them do anything else, and an organizer
member confirms the safety guide before submitting an event."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import Role
from portal.domain.errors import Conflict, Forbidden, Invalid
from portal.domain.models import AuditEntry, DocumentAcceptance, Event, PlatformDocument, User
from portal.services import event_drafts, personal_data, platform_texts, visitor
from portal.services.runner import run_use_case
from portal.services.users import create_user
from tests.services.helpers import STRONG, actor_for, sign_in
from tests.services.test_events import call, save

RULES_V1 = "# Platform rules\n\n1. Give accurate information about yourself."
RULES_V2 = RULES_V1 + "\n2. Follow the safety instructions of each event. <script>x</script>"
GUIDE = "# Safety guide\n\nWrite a safety plan: people, equipment, information."


@pytest.fixture
def admin(engine):
    with session_scope() as session:
        create_user(session, name="Ada", email="ada@example.org", password=STRONG,
                    roles=frozenset({Role.ADMIN}), verified=True, phone="+86 138 0000 0002",
                    date_of_birth=date(1990, 1, 1), accepted_rules=True)
    return sign_in("ada@example.org")


def run(service, cookie, *, write=True, **kwargs):
    return run_use_case(service, session_token=cookie, write=write, **kwargs).unwrap()


def publish(admin, kind, body):
    return run(platform_texts.publish_text, admin, kind=kind, body=body)


def test_published_versions_count_up_render_safely_and_are_audited(admin, db):
    first = publish(admin, "rules", RULES_V1)
    second = publish(admin, "rules", RULES_V2)
    assert (first.version, second.version) == (1, 2)
    assert "<script>" not in second.html and "<li>" in second.html
    shown = run(platform_texts.read_text, "", write=False, kind="rules")
    assert shown.version == 2 and shown.published_by == "Ada"
    history = run(platform_texts.text_history, admin, write=False, kind="rules")
    assert [v.version for v in history] == [2, 1]
    actions = db.exec(select(AuditEntry.action).where(
        AuditEntry.action == "rules.published")).all()
    assert len(actions) == 2


@pytest.mark.parametrize(("body", "message"), [
    ("", "Write the text: at least 20 characters."),
    ("short", "Write the text: at least 20 characters."),
    ("x" * 40_001, "Keep the text under 40000 characters."),
])
def test_a_bad_text_is_refused_beside_its_field_and_nothing_is_published(admin, db, body,
                                                                         message):
    with pytest.raises(Invalid) as refused:
        publish(admin, "rules", body)
    assert refused.value.field == "body" and refused.value.message == message
    assert db.exec(select(PlatformDocument)).all() == []


def test_only_administrators_publish_preview_or_read_the_history(team, admin, db):
    for someone in (team["rita"], team["olga"], team["eve"]):
        with pytest.raises(Forbidden):
            call(platform_texts.publish_text, someone, kind="rules", body=RULES_V1)
        with pytest.raises(Forbidden):
            call(platform_texts.preview_text, someone, body=RULES_V1)
        with pytest.raises(Forbidden):
            call(platform_texts.text_history, someone, kind="rules")
    assert db.exec(select(PlatformDocument)).all() == []


def test_new_rules_lock_everyone_out_until_they_accept_them(team, admin, db):
    eve = sign_in("eve@example.org")
    publish(admin, "rules", RULES_V1)
    # the admin who published has accepted; eve has not: every use case of hers is refused
    assert run(visitor.visitor, admin, write=False).rules_pending is False
    seen = run(visitor.visitor, eve, write=False)
    assert seen.rules_pending and seen.signed_in and not seen.is_staff
    with pytest.raises(platform_texts.RulesNotAccepted):
        run(event_drafts.submit_event, sign_in("olga@example.org"), event_id=save(team))
    with pytest.raises(platform_texts.RulesNotAccepted):
        run(platform_texts.safety_confirmations, sign_in("rita@example.org"), write=False)
    # someone who will not accept may still take their data away (and only theirs)
    exported = run(personal_data.export_personal_data, eve)
    assert exported.data["account"]["email"] == "eve@example.org"
    # accepting an older version than the one in force is refused
    publish(admin, "rules", RULES_V2)
    with pytest.raises(Conflict):
        run(platform_texts.accept_text, eve, kind="rules", version=1)
    run(platform_texts.accept_text, eve, kind="rules", version=2)
    run(platform_texts.accept_text, eve, kind="rules", version=2)  # twice: one record
    assert run(visitor.visitor, eve, write=False).rules_pending is False
    rows = db.exec(select(DocumentAcceptance).where(
        DocumentAcceptance.user_id == actor_for(eve).user_id)).all()
    assert [(row.kind, row.version) for row in rows] == [("rules", 2)]


def test_someone_who_will_not_accept_new_rules_may_close_their_account(team, admin, db):
    from portal.services.account_closure import close_own_account
    from portal.wiring import file_store

    eve = sign_in("eve@example.org")
    eve_id = actor_for(eve).user_id
    publish(admin, "rules", RULES_V1)
    assert run(visitor.visitor, eve, write=False).rules_pending
    run(close_own_account, eve, password=STRONG, store=file_store())
    assert db.get(User, eve_id).status == "closed"


def test_sign_up_accepts_the_rules_in_force(admin, db):
    publish(admin, "rules", RULES_V1)
    from tests.services.helpers import sign_up

    sign_up("new.person@example.org")
    assert run(visitor.visitor, sign_in("new.person@example.org"), write=False).signed_in
    assert not actor_for(sign_in("new.person@example.org")).rules_pending


def test_an_event_is_submitted_only_after_the_safety_guide_in_force_is_confirmed(team, admin,
                                                                                 db):
    olga = sign_in("olga@example.org")
    publish(admin, "safety_guide", GUIDE)
    event_id = save(team)
    with pytest.raises(Conflict) as refused:
        run(event_drafts.submit_event, olga, event_id=event_id)
    assert "safety guide (version 1)" in refused.value.message
    db.rollback()
    assert db.get(Event, event_id).status == "draft"
    # eve is no organizer member: she has nothing to confirm
    with pytest.raises(Forbidden):
        run(platform_texts.accept_text, sign_in("eve@example.org"), kind="safety_guide",
            version=1)
    run(platform_texts.accept_text, olga, kind="safety_guide", version=1)
    run(event_drafts.submit_event, olga, event_id=event_id)
    db.rollback()
    assert db.get(Event, event_id).status == "submitted"
    # a new version: confirmed again before the next submission
    publish(admin, "safety_guide", GUIDE + "\n\nAnd a first-aid kit.")
    with pytest.raises(Conflict):
        run(event_drafts.submit_event, olga, event_id=save(team))
    seen = run(platform_texts.safety_confirmations, sign_in("rita@example.org"), write=False)
    olga_row = next(row for row in seen if row.name == "Olga")
    assert (olga_row.version, olga_row.current) == (1, False)
    with pytest.raises(Forbidden):
        run(platform_texts.safety_confirmations, sign_in("eve@example.org"), write=False)
