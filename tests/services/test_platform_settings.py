"""Platform settings an administrator changes on a screen: validated like the environment's
values, audited with before and after, and in force at the next request, with no restart."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.calendar import add_working_days
from portal.domain.enums import AuditAction, Role
from portal.domain.errors import Forbidden, Invalid
from portal.domain.models import AuditEntry, Event, PlatformSetting
from portal.services import event_drafts, platform_settings
from portal.services.users import create_user
from tests.services.helpers import STRONG, actor_for, sign_in
from tests.services.test_events import call, save


@pytest.fixture
def admin(engine):
    with session_scope() as session:
        create_user(session, name="Ada", email="ada@example.org", password=STRONG,
                    roles=frozenset({Role.ADMIN}), verified=True, phone="+86 138 0000 0002",
                    date_of_birth=date(1990, 1, 1), accepted_rules=True)
    return actor_for(sign_in("ada@example.org"))


def change(actor, **changes):
    return call(platform_settings.change_settings, actor, changes=changes)


def shown(views, key):
    return next(view for view in views if view.key == key)


def test_a_changed_review_deadline_applies_to_the_next_submission(team, admin, db):
    first = save(team)
    call(event_drafts.submit_event, team["olga"], event_id=first)
    views = change(admin, review_working_days="12")
    assert shown(views, "review_working_days").value == "12"
    assert shown(views, "review_working_days").changed
    second = save(team)
    call(event_drafts.submit_event, team["olga"], event_id=second)
    db.rollback()
    before, after = db.get(Event, first), db.get(Event, second)
    shanghai = ZoneInfo("Asia/Shanghai")  # the platform's zone: its days are the working days
    assert after.review_due_at.astimezone(shanghai).date() == add_working_days(
        after.submitted_at.astimezone(shanghai).date(), 12, "CN")
    assert after.review_due_at > before.review_due_at


def test_every_change_is_audited_with_its_old_and_new_value(admin, db):
    change(admin, review_working_days="9", holiday_country="de")
    entries = db.exec(select(AuditEntry).where(
        AuditEntry.action == AuditAction.SETTINGS_CHANGED)).all()
    seen = {entry.after["setting"]: (entry.before["value"], entry.after["value"])
            for entry in entries}
    assert seen == {"review_working_days": ("5", "9"), "holiday_country": ("CN", "DE")}


@pytest.mark.parametrize(("key", "value", "message"), [
    ("review_working_days", "0", "Enter a whole number from 1 to 60."),
    ("review_working_days", "61", "Enter a whole number from 1 to 60."),
    ("review_working_days", "five", "Enter a whole number from 1 to 60."),
    ("review_working_days", "", "Enter a whole number from 1 to 60."),
    ("holiday_country", "ZZ", "Enter a country code the holiday calendar knows, such as CN "
                              "or DE."),
])
def test_a_wrong_value_is_refused_beside_its_field_and_nothing_changes(admin, db, key, value,
                                                                        message):
    with pytest.raises(Invalid) as refused:
        change(admin, registration_review_working_days="4", **{key: value})
    assert refused.value.field == key and refused.value.message == message
    assert db.exec(select(PlatformSetting)).all() == []


def test_an_unknown_setting_is_refused(admin, db):
    with pytest.raises(Invalid):
        change(admin, database_url="sqlite:///elsewhere.db")
    assert db.exec(select(PlatformSetting)).all() == []


def test_going_back_to_the_default_removes_the_override(admin, db):
    change(admin, review_working_days="8")
    assert db.get(PlatformSetting, "review_working_days") is not None
    views = change(admin, review_working_days="5")
    db.rollback()
    assert db.get(PlatformSetting, "review_working_days") is None
    assert not shown(views, "review_working_days").changed


def test_only_administrators_read_or_change_settings(team, admin, db):
    for someone in (team["rita"], team["olga"], team["eve"]):
        with pytest.raises(Forbidden):
            change(someone, review_working_days="20")
        with pytest.raises(Forbidden):
            call(platform_settings.list_settings, someone)
    assert shown(call(platform_settings.list_settings, admin), "review_working_days").value == "5"
    assert db.exec(select(PlatformSetting)).all() == []


def test_a_stored_value_the_code_no_longer_accepts_falls_back_to_the_default(admin, db):
    db.add(PlatformSetting(key="review_working_days", value="999"))
    db.commit()
    with session_scope() as session:
        assert platform_settings.effective(session).review_working_days == 5
