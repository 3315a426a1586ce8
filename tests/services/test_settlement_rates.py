"""The platform fee's history: administrators add rates (platform-wide or one organizer's),
each field checked beside it; nothing is stored when one is wrong; finance staff read it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import Role
from portal.domain.errors import Forbidden, Invalid
from portal.domain.models import AuditEntry, PlatformFeeRate
from portal.domain.policies import Actor
from portal.services.finance_payments import today
from portal.services.settlement_rates import RateInput, add_rate, list_rates, percent_text
from tests.services.settlement_helpers import finance_staff, rate


def _admin(team) -> Actor:
    return Actor(user_id=team["rita"].user_id, roles=frozenset({Role.ADMIN}), verified=True)


def _add(actor, **fields):
    values = {"percent": "5", "fixed": "", "currency": "CNY",
              "effective_from": (today() + timedelta(days=1)).isoformat(), **fields}
    with session_scope() as session:
        return add_rate(session, actor, rate=RateInput(**values))


def test_an_administrator_adds_rates_and_the_history_keeps_them_all(team):
    admin = _admin(team)
    rate(percent_bp=300, since=today() - timedelta(days=90))  # in force since the spring
    _add(admin, percent="5")
    _add(admin, percent="2.5", fixed="1.00", organizer_id=team["organizer_id"],
         effective_from=(today() + timedelta(days=30)).isoformat())
    with session_scope() as session:
        rates = list_rates(session, finance_staff())[:2]
        audited = session.exec(select(AuditEntry.action, AuditEntry.object_type).where(
            AuditEntry.action == "platform_fee.rate_added")).all()
    assert [(r.percent_bp, r.fixed_minor, r.in_force) for r in rates] == \
        [(250, 100, False), (500, 0, False)]  # tomorrow's and the organizer's in a month
    assert rates[0].organizer_name and rates[1].organizer_name == ""
    assert sorted(kind for _action, kind in audited) == ["organizer", "setting"]
    assert percent_text(250) == "2.5" and percent_text(5000) == "50"


@pytest.mark.parametrize(("fields", "field"), [
    ({"percent": "101"}, "percent"), ({"percent": "five"}, "percent"),
    ({"percent": "2.555"}, "percent"), ({"fixed": "-1"}, "fixed"), ({"fixed": "0.001"}, "fixed"),
    ({"currency": "XX"}, "currency"), ({"effective_from": "tomorrow"}, "effective_from"),
    ({"effective_from": "2020-01-01"}, "effective_from"), ({"organizer_id": 9999}, "organizer_id"),
    ({"effective_from": today().isoformat()}, "effective_from"),  # today's payments keep theirs
])
def test_bad_input_is_refused_beside_its_field_and_nothing_is_stored(team, fields, field):
    with pytest.raises(Invalid) as refused:
        _add(_admin(team), **fields)
    assert refused.value.field == field
    with session_scope() as session:
        assert session.exec(select(PlatformFeeRate)).all() == []


def test_only_administrators_set_the_fee(team):
    for actor in (finance_staff(), team["olga"], team["rita"]):
        with pytest.raises(Forbidden):
            _add(actor)
    with session_scope() as session, pytest.raises(Forbidden):
        list_rates(session, team["olga"])
