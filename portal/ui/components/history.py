"""The audit history panel every object page shows."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.domain.models import AuditEntryPublic
from portal.domain.timefmt import format_datetime
from portal.ui.components.feedback import empty_state
from portal.ui.i18n import t


def history_rows(entries: list[AuditEntryPublic], time_zone: str, locale: str
                 ) -> list[dict[str, str]]:
    """What the panel shows of each entry (no secrets ever reach the log)."""
    def change(entry: AuditEntryPublic) -> str:
        after = entry.after or {}
        before = entry.before or {}
        parts = [f"{k}: {before.get(k, '—')} → {v}" if k in before else f"{k}: {v}"
                 for k, v in after.items()]
        return "; ".join(parts)

    return [
        {"at": format_datetime(e.at, time_zone, locale), "actor": e.actor, "action": e.action,
         "change": change(e), "note": e.note}
        for e in entries
    ]


def history_panel(rows: Var) -> rx.Component:
    def item(row) -> rx.Component:  # noqa: ANN001
        return rx.el.li(
            rx.hstack(rx.code(row["action"], variant="ghost"), rx.spacer(),
                      rx.text(row["at"], size="1", color_scheme="gray", class_name="tabular")),
            rx.text(row["actor"], size="1", color_scheme="gray"),
            rx.cond(row["change"] != "", rx.text(row["change"], size="2")),
            rx.cond(row["note"] != "", rx.text(row["note"], size="2", font_style="italic")),
        )

    return rx.box(
        rx.heading(t("History"), size="4", as_="h2", margin_bottom="12px"),
        rx.cond(rows.length() > 0,
                rx.el.ul(rx.foreach(rows, item), class_name="history-list"),
                empty_state("history", t("No history yet"))),
        class_name="surface",
        id="history",
    )
