"""The settings added to the screen take effect at the next request, with no restart: a
number (the seat hold), a text (the contact and complaint details) and the extra closed days,
which every working-day deadline skips."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.calendar import add_working_days
from portal.domain.enums import Role
from portal.domain.errors import Invalid
from portal.domain.models import PlatformSetting, Registration
from portal.services import complaints_filing, platform_settings, visitor
from portal.services.event_form import FeeInput
from portal.services.users import create_user
from tests.services.helpers import STRONG, actor_for, sign_in
from tests.services.registration_helpers import person, publish, sign_up_for
from tests.services.test_events import call

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def admin(engine):
    with session_scope() as session:
        create_user(session, name="Ada", email="ada@example.org", password=STRONG,
                    roles=frozenset({Role.ADMIN}), verified=True, phone="+86 138 0000 0002",
                    date_of_birth=date(1990, 1, 1), accepted_rules=True)
    return actor_for(sign_in("ada@example.org"))


def change(actor, **changes):
    return call(platform_settings.change_settings, actor, changes=changes)


def test_a_changed_seat_hold_applies_to_the_next_registration(team, admin, db):
    event_id = publish(team, fees=[FeeInput(kind="registration", amount="50")])
    change(admin, seat_hold_minutes="90")
    registration_id = sign_up_for(person("Bob"), event_id).id
    db.rollback()
    registration = db.get(Registration, registration_id)
    held = registration.hold_expires_at - registration.created_at
    assert timedelta(minutes=89) < held <= timedelta(minutes=91)


def test_changed_contact_and_complaint_details_show_at_once(admin, db):
    change(admin, contact_email="desk@example.org", contact_phone="+86 21 1234 5678",
           complaint_email="complain@example.org")
    with session_scope() as session:
        seen = visitor.visitor(session, admin)
        contacts = complaints_filing.complaint_contacts(session)
    assert (seen.contact_email, seen.contact_phone) == ("desk@example.org", "+86 21 1234 5678")
    assert contacts.email == "complain@example.org"


def test_a_deadline_skips_an_extra_closed_day(admin):
    # a Wednesday after the Chinese holidays of the year: two working days later is Friday,
    # unless Thursday is closed
    start = datetime(2027, 3, 10, 2, 0, tzinfo=SHANGHAI)
    with session_scope() as session:
        before = platform_settings.deadline(session, start, "review_working_days")
    change(admin, extra_closed_days="2027-03-11, 2027-03-12 2027-03-11",
           review_working_days="2")
    with session_scope() as session:
        after = platform_settings.deadline(session, start, "review_working_days")
        assert platform_settings.effective(session).extra_closed_days == \
            "2027-03-11, 2027-03-12"
    assert before.date() == add_working_days(date(2027, 3, 10), 5, "CN")
    assert after.date() == date(2027, 3, 16)  # Mon 15 is the first day open, Tue 16 the 2nd


@pytest.mark.parametrize(("key", "value", "message"), [
    ("extra_closed_days", "2027-02-30", "Write each date as YYYY-MM-DD (at most 60), "
                                        "separated by commas, such as 2026-12-24, 2026-12-31."),
    ("extra_closed_days", "24/12/2026", "Write each date as YYYY-MM-DD (at most 60), "
                                        "separated by commas, such as 2026-12-24, 2026-12-31."),
    ("complaint_email", "not-an-address", "Enter an email address such as help@example.org."),
    ("contact_phone", "call us", "Enter a phone number: digits, spaces, + - ( ), such as "
                                 "+86 21 5555 0100."),
    ("bank_name", "", "Enter a value."),
    ("contact_address", "x" * 301, "Enter this value (at most 300 characters)."),
    ("seat_hold_minutes", "2", "Enter a whole number from 5 to 10080."),
    ("cash_hold_days", "two", "Enter a whole number from 1 to 30."),
])
def test_a_wrong_value_is_refused_beside_its_field(admin, db, key, value, message):
    with pytest.raises(Invalid) as refused:
        change(admin, bank_account_name="Portal Ltd.", **{key: value})
    assert refused.value.field == key and refused.value.message == message
    assert db.exec(select(PlatformSetting)).all() == []
