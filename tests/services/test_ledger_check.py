"""`portal check-ledger`: passes on right data, names the registration when the ledger is off;
and a fee lowered by an approved change never touches what was paid."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.models import LedgerEntry, Payment, Refund, Registration, RegistrationItem
from portal.services import event_changes, event_drafts, event_review, payments
from portal.services.event_form import FeeInput
from portal.services.ledger_check import check_ledger
from tests.services.payment_helpers import paid_event, refunds
from tests.services.refund_helpers import paid_holder
from tests.services.registration_helpers import person, sign_up_for
from tests.services.test_events import call, draft, local, save


def _problems() -> list[str]:
    with session_scope() as session:
        return check_ledger(session)


def _paid_and_partly_refunded(team):
    event_id = paid_event(team)
    _ann, ann_reg = paid_holder("Ann", event_id)
    _bob, bob_reg = paid_holder("Bob", event_id)
    from portal.services import refund_requests

    with session_scope() as session:
        refund = refund_requests.request_refund(session, _bob, registration_id=bob_reg)
    with session_scope() as session:
        row = session.get(Refund, refund.id)
        payments.record_refund_paid(session, row, provider="offline",
                                    provider_ref=f"offline-refund-{row.id}", now=utcnow())
    return ann_reg, bob_reg


def test_a_right_ledger_passes(team):
    _paid_and_partly_refunded(team)
    assert _problems() == []


def test_a_tampered_charge_names_the_registration(team):
    ann_reg, _bob = _paid_and_partly_refunded(team)
    with session_scope() as session:
        session.execute(update(LedgerEntry).where(LedgerEntry.registration_id == ann_reg)
                        .values(amount_minor=11000))
    problems = _problems()
    assert any(f"registration {ann_reg}:" in p and "holds 11000" in p for p in problems)
    assert any(f"registration {ann_reg}: payment" in p for p in problems)


def test_a_refund_entered_twice_or_beyond_the_charge_is_caught(team):
    _ann, bob_reg = _paid_and_partly_refunded(team)
    with session_scope() as session:
        entry = session.exec(select(LedgerEntry).where(LedgerEntry.registration_id == bob_reg,
                                                       LedgerEntry.kind == "refund")).one()
        session.add(LedgerEntry(registration_id=bob_reg, payment_id=entry.payment_id,
                                refund_id=entry.refund_id, kind="refund", amount_minor=12000,
                                currency="CNY", provider="offline", entry_key="forged"))
    problems = _problems()
    assert any(f"registration {bob_reg}: refunds exceed charges" in p for p in problems)
    assert any(f"registration {bob_reg}: refund" in p and "2 refund entries" in p
               for p in problems)
    assert any("more than the 12000 paid" in p for p in problems)


def test_an_entry_in_another_currency_is_caught(team):
    ann_reg, _bob = _paid_and_partly_refunded(team)
    with session_scope() as session:
        session.execute(update(LedgerEntry).where(LedgerEntry.registration_id == ann_reg)
                        .values(currency="USD"))
    assert any(f"registration {ann_reg}: ledger entry" in p and "USD" in p
               for p in _problems())


def test_the_command_exits_1_and_prints_what_is_off(team, capsys):
    import pytest

    from portal.cli import cmd_check_ledger

    ann_reg, _bob = _paid_and_partly_refunded(team)
    cmd_check_ledger(None)
    assert "the ledger balances" in capsys.readouterr().out
    with session_scope() as session:
        session.execute(update(Payment).where(Payment.registration_id == ann_reg)
                        .values(amount_minor=1))
    with pytest.raises(SystemExit) as exited:
        cmd_check_ledger(None)
    assert exited.value.code == 1
    assert f"registration {ann_reg}: payment" in capsys.readouterr().out


def test_a_lowered_fee_leaves_what_was_paid_as_it_was(team):
    fees = [FeeInput(kind="registration", amount="99.00")]
    open_now = {"registration_opens_at": local(-40, 9)}
    event_id = save(team, fees=fees, **open_now)
    call(event_drafts.submit_event, team["olga"], event_id=event_id)
    call(event_review.decide_event, team["rita"], event_id=event_id, decision="approve")
    _ann, reg_id = paid_holder("Ann", event_id)
    change_id = call(event_changes.request_update, team["olga"], event_id=event_id,
                     draft=draft(**open_now), fees=[FeeInput(kind="registration", amount="79.00")],
                     reason="Sponsor found.")
    call(event_changes.decide_change, team["rita"], change_id=change_id, decision="approve")
    with session_scope() as session:
        registration = session.get(Registration, reg_id)
        items = session.exec(select(RegistrationItem).where(
            RegistrationItem.registration_id == reg_id)).all()
        assert registration.total_minor == 9900
        assert [item.amount_minor for item in items] == [9900]
        assert payments.balance(session, reg_id).held_minor == 9900
    assert refunds(reg_id) == []
    newcomer = sign_up_for(person("Cid"), event_id)
    assert newcomer.total_minor == 7900  # the lower fee is for new registrations
    assert _problems() == []
