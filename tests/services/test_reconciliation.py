"""Reconciliation of the ledger against Stripe, through the real SDK and the stand-in: what
matches, a charge Stripe has and the ledger lacks, a charge the ledger has and Stripe lacks, an
amount that differs, every page of Stripe's lists read, and Stripe down."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from portal.db import session_scope
from portal.domain.enums import Role
from portal.domain.errors import Conflict, Forbidden, Invalid
from portal.domain.models import LedgerEntry, ReportRun
from portal.integrations import payments_stripe
from portal.services.finance_payments import today
from portal.services.finance_reports import Period
from portal.services.reconciliation import MismatchKind, RecordKind, reconcile
from tests.services import finance_helpers
from tests.services.finance_helpers import card_paid, card_refunded, offline_paid, staff
from tests.services.payment_helpers import paid_event

standin, gateway = finance_helpers.standin, finance_helpers.gateway  # fixtures


def period(days_back: int = 0) -> Period:
    return Period(start=today() - timedelta(days=days_back), end=today())


@pytest.fixture
def fin(team):
    return staff("Fiona", Role.STAFF_FINANCE)


def check(actor, gateway, **kw):
    with session_scope() as session:
        return reconcile(session, actor, period=kw.pop("p", period()), gateway=gateway, **kw)


def test_everything_recorded_matches(team, fin, standin, gateway):
    walk = paid_event(team)
    ann, pi = card_paid(standin, gateway, "Ann", walk)
    card_paid(standin, gateway, "Bob", walk)
    card_refunded(standin, gateway, ann, pi, 5000)
    offline_paid(fin, "Cid", walk)  # not the provider's: not compared
    found = check(fin, gateway)
    assert (found.provider, found.provider_charges, found.provider_refunds,
            found.ledger_charges, found.ledger_refunds, found.matched) == (
        "stripe", 2, 1, 2, 1, 3)
    assert found.mismatches == []


def test_a_missing_an_extra_and_a_different_record_are_each_listed_with_what_to_do(
        team, fin, standin, gateway):
    walk = paid_event(team)
    ann, ann_pi = card_paid(standin, gateway, "Ann", walk)
    bob, bob_pi = card_paid(standin, gateway, "Bob", walk)
    cid, cid_pi = card_paid(standin, gateway, "Cid", walk)
    stray = standin.add_charge(4500)  # taken on Stripe, never reached the portal
    with standin.lock:  # Stripe no longer lists Bob's charge
        del standin.charges[standin.intents[bob_pi]["latest_charge"]]
    with session_scope() as session:  # Cid's entry says 2.00 more than Stripe took
        session.execute(update(LedgerEntry).where(
            LedgerEntry.registration_id == cid, LedgerEntry.kind == "charge")
            .values(amount_minor=12200))
    found = check(fin, gateway)
    kinds = {(m.kind, m.record, m.reference): m for m in found.mismatches}
    assert set(kinds) == {
        (MismatchKind.MISSING_IN_LEDGER, RecordKind.CHARGE, stray["payment_intent"]),
        (MismatchKind.EXTRA_IN_LEDGER, RecordKind.CHARGE, bob_pi),
        (MismatchKind.AMOUNT_DIFFERS, RecordKind.CHARGE, cid_pi)}
    missing = kinds[(MismatchKind.MISSING_IN_LEDGER, RecordKind.CHARGE,
                     stray["payment_intent"])]
    assert (missing.provider_amount, missing.ledger_amount) == (4500, None)
    assert "re-send the webhook" in missing.to_do
    extra = kinds[(MismatchKind.EXTRA_IN_LEDGER, RecordKind.CHARGE, bob_pi)]
    assert (extra.provider_amount, extra.ledger_amount, extra.registration_id) == (
        None, 12000, bob)
    assert "refund by hand" in extra.to_do
    differs = kinds[(MismatchKind.AMOUNT_DIFFERS, RecordKind.CHARGE, cid_pi)]
    assert (differs.provider_amount, differs.ledger_amount) == (12000, 12200)
    assert found.matched == 1  # Ann's
    with session_scope() as session:
        [logged] = session.exec(select(ReportRun)).all()
    assert (logged.report, logged.rows, logged.actor_id) == ("reconciliation", 3, fin.user_id)


def test_a_refund_missing_from_the_ledger_is_listed(team, fin, standin, gateway):
    ann, pi = card_paid(standin, gateway, "Ann", paid_event(team))
    refund = gateway.create_refund(payment_intent=pi, amount_minor=3000,
                                   idempotency_key="by-hand-on-stripe", metadata={})
    [m] = check(fin, gateway).mismatches
    assert (m.kind, m.record, m.reference, m.provider_amount) == (
        MismatchKind.MISSING_IN_LEDGER, RecordKind.REFUND, refund.id, 3000)


def test_records_outside_the_period_are_left_out(team, fin, standin, gateway):
    card_paid(standin, gateway, "Ann", paid_event(team))
    standin.add_charge(999, created=int(time.time()) - 10 * 86400)
    assert check(fin, gateway).mismatches == []
    [old] = check(fin, gateway, p=period(days_back=12)).mismatches
    assert (old.kind, old.provider_amount) == (MismatchKind.MISSING_IN_LEDGER, 999)


def test_the_longest_period_allowed_is_reconciled(team, fin, standin, gateway):
    """Three years to the day: the platform's zone must not stretch it past the limit."""
    from portal.services.finance_reports import MAX_DAYS

    longest = Period(start=today() - timedelta(days=MAX_DAYS), end=today())
    found = check(fin, gateway, p=longest)
    assert found.period == longest and found.mismatches == []


def test_every_page_of_stripe_s_lists_is_read(team, fin, standin, gateway, monkeypatch):
    monkeypatch.setattr(payments_stripe, "PAGE_SIZE", 2)
    walk = paid_event(team, capacity=10)
    for name in ("Ann", "Bob", "Cid", "Dee", "Eli"):
        card_paid(standin, gateway, name, walk)
    found = check(fin, gateway)
    assert (found.provider_charges, found.matched, found.mismatches) == (5, 5, [])
    pages = standin.calls("GET", "/v1/charges")
    assert len(pages) == 3
    assert [bool(p["params"].get("starting_after")) for p in pages] == [False, True, True]


def test_stripe_down_is_a_clear_refusal_and_logs_nothing(team, fin, standin, gateway):
    standin.fail_next(1)
    with pytest.raises(Conflict):
        check(fin, gateway)
    with session_scope() as session:
        assert session.exec(select(ReportRun)).all() == []


def test_only_finance_staff_and_admins_reconcile(team, standin, gateway):
    for outsider in (team["olga"], team["rita"], team["eve"]):
        with pytest.raises(Forbidden):
            check(outsider, gateway)
    assert standin.calls("GET", "/v1/charges") == []  # refused before Stripe is asked
    assert check(staff("Ada", Role.ADMIN), gateway).mismatches == []
    with pytest.raises(Invalid):
        Period(start=today(), end=today() - timedelta(days=2))
