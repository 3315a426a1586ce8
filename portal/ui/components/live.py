"""Live figures on open pages (seats left, queue and check-in counters).

Reflex has no broadcast, so each open page asks: a hidden client-side timer fires the page's
`tick` handler every few seconds; the handler reads one small number (the event's `activity`,
bumped by every registration change, services/seats.py) and reloads the page's figures only
when it moved. The timer lives in the browser, so a closed tab costs nothing; an open one
costs one websocket event and one tiny read-only query per tick.
"""

from __future__ import annotations

import reflex as rx

TICK_MS = 4000


def live_ticker(on_tick: rx.EventHandler, *, interval_ms: int = TICK_MS) -> rx.Component:
    """Calls `on_tick(text)` every `interval_ms` while the page is open (the text is a clock
    reading the handler ignores)."""
    return rx.box(
        rx.moment(interval=interval_ms, format="HH:mm:ss", on_change=on_tick),
        display="none", aria_hidden="true",
    )
