"""The worker's loop: a round that fails is logged and the rounds after it still run."""

from __future__ import annotations

import asyncio
import logging

import pytest

from portal import worker


def test_a_failing_round_does_not_stop_the_others(monkeypatch, caplog):
    ran: list[str] = []

    def broken() -> None:
        ran.append("broken")
        raise RuntimeError("provider down")

    def healthy() -> None:
        ran.append("healthy")

    async def stop(_seconds: float) -> None:
        raise asyncio.CancelledError

    monkeypatch.setattr(worker, "ROUNDS", ((broken, "broken round"), (healthy, "healthy round")))
    monkeypatch.setattr(worker.asyncio, "sleep", stop)
    with caplog.at_level(logging.ERROR, logger=worker.logger.name), \
            pytest.raises(asyncio.CancelledError):
        asyncio.run(worker.dispatch_forever())
    assert ran == ["broken", "healthy"]
    assert "broken round failed" in caplog.text and "provider down" in caplog.text


def test_every_round_the_worker_knows_is_in_the_loop():
    names = {round_.__name__ for round_, _ in worker.ROUNDS}
    assert names == {"sweep_once", "complaints_once", "refunds_once", "fees_once",
                     "rating_invitations_once", "retention_once", "settlements_once",
                     "dispatch_once"}
