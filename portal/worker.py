"""Background loops: lapsed seat holds and waiting-list offers, unanswered complaint results,
refunds (cancelled events, card refunds to pay back), processing fees not read yet,
invitations to rate events that ended, the text of sent emails past their retention period,
settlement statements of ended events, then the mail dispatcher.

Runs as a lifespan task of the app and as `portal worker` in its own process; several may run
at once (rows are claimed atomically)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from portal.db import session_scope
from portal.services.emails import dispatch_due, purge_stale_links, sweep_interrupted

logger = logging.getLogger("portal.worker")
POLL_SECONDS = 2.0


def sweep_once() -> int:
    """Release lapsed holds and offers (their seats go on to the waiting list)."""
    from portal.services.registration_flow import any_lapsed, sweep_lapsed

    return _if_any(any_lapsed, sweep_lapsed)


def _if_any(anything, act) -> int:  # noqa: ANN001
    """Look in a read-only transaction first, so an idle sweep never takes the write lock."""
    from portal.db import TxMode
    from portal.domain.clock import utcnow

    now = utcnow()
    with session_scope(mode=TxMode.READ) as session:
        if not anything(session, now=now):
            return 0
    with session_scope() as session:
        return act(session, now=now)


def complaints_once() -> int:
    """Close complaints whose result nobody answered within the reopen window."""
    from portal.services.complaints_outcome import any_unanswered, close_unanswered

    return _if_any(any_unanswered, close_unanswered)


def refunds_once() -> tuple[int, int]:
    """Refunds owed by cancelled events are entered, then due card refunds are paid back
    through the provider: (refunds entered, refunds paid). Idle rounds only read."""
    from portal.db import TxMode
    from portal.domain.clock import utcnow
    from portal.services import cancellation_refunds, refund_runner

    with session_scope(mode=TxMode.READ) as session:
        owed = cancellation_refunds.any_owed(session)
    from portal.wiring import card_gateway

    entered = cancellation_refunds.run_once(session_scope) if owed else 0
    with session_scope(mode=TxMode.READ) as session:
        due = refund_runner.due_refund_ids(session, now=utcnow(), limit=1)
    if not due:
        return entered, 0
    return entered, refund_runner.run_once(session_scope, card_gateway()).paid


_fees_paused_until = 0.0
FEE_RETRY_SECONDS = 60.0


def fees_once() -> int:
    """Processing fees the webhook could not read (the provider was down): asked again, with
    a pause of a minute after an unavailable answer; idle rounds only read."""
    global _fees_paused_until
    import time

    from portal.services.payment_gateway import GatewayUnavailable
    from portal.services.processing_fees import collect_missing
    from portal.wiring import card_gateway

    if time.monotonic() < _fees_paused_until:
        return 0
    try:
        return collect_missing(card_gateway())
    except GatewayUnavailable as error:
        logger.warning("processing fees not read now (%s); again in a minute", error)
        _fees_paused_until = time.monotonic() + FEE_RETRY_SECONDS
        return 0


def rating_invitations_once() -> int:
    """Invite the attendees of events that just ended to rate them (once per event); idle
    rounds only read."""
    from portal.db import TxMode
    from portal.domain.clock import utcnow
    from portal.services.rating_invitations import any_due, invite_due

    now = utcnow()
    with session_scope(mode=TxMode.READ) as session:
        if not any_due(session, now=now):
            return 0
    with session_scope() as session:
        return invite_due(session, now=now)


def retention_once() -> int:
    """Empty the text of sent emails older than the retention setting (personal data)."""
    from portal.services.retention import any_expired_bodies, purge_email_bodies

    return _if_any(any_expired_bodies, purge_email_bodies)


def settlements_once() -> int:
    """Statements for events that ended: made, or brought up to date with money that moved
    since; idle rounds only read."""
    from portal.services.settlement_build import any_to_settle, sweep_statements

    return _if_any(any_to_settle, sweep_statements)


def dispatch_once() -> int:
    from portal.wiring import mailer

    with session_scope() as session:
        stuck = sweep_interrupted(session)
        purge_stale_links(session)
    if stuck:
        logger.warning("%s emails were interrupted mid-send and need a check", stuck)
    return dispatch_due(session_scope, mailer())


ROUNDS: tuple[tuple[Callable[[], object], str], ...] = (
    (sweep_once, "registration sweep"),
    (complaints_once, "complaint sweep"),
    (refunds_once, "refund round"),
    (fees_once, "processing fee round"),
    (rating_invitations_once, "rating invitation round"),
    (retention_once, "email retention round"),
    (settlements_once, "settlement round"),
    (dispatch_once, "mail dispatch round"),
)


async def _guarded(round_: Callable[[], object], name: str) -> None:
    try:
        await asyncio.to_thread(round_)
    except Exception:  # noqa: BLE001  (a bad round must not stop the loop)
        logger.exception("%s failed", name)


async def dispatch_forever(poll_seconds: float = POLL_SECONDS) -> None:
    """Every round in turn, each on its own: one that fails is logged and the rest go on."""
    while True:
        for round_, name in ROUNDS:
            await _guarded(round_, name)
        await asyncio.sleep(poll_seconds)


BACKUP_POLL_SECONDS = 60.0


def backups_once() -> str:
    """Take the scheduled backup when it is due: its outcome in a line, or "" when not due."""
    from portal.db import TxMode
    from portal.services.backups import scheduled_once
    from portal.wiring import backup_archiver

    row = scheduled_once(session_scope, lambda: session_scope(mode=TxMode.READ),
                         backup_archiver())
    if row is None:
        return ""
    if row.error:
        logger.error("scheduled backup failed: %s", row.error)
        return f"backup failed: {row.error}"
    return f"backup written: {row.filename} ({row.size} bytes, verified)"


async def backups_forever(poll_seconds: float = BACKUP_POLL_SECONDS) -> None:
    """Scheduled backups (interval and number kept: platform settings); several processes
    may run this loop, each interval's backup is taken once."""
    while True:
        await _guarded(backups_once, "scheduled backup round")
        await asyncio.sleep(poll_seconds)
