"""Audit entries as sentences: the history panel every object page shows, and the sentence
renderer the staff Audit log shares."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.domain.models import AuditEntryPublic
from portal.domain.timefmt import format_datetime
from portal.services.audit_sentences import describe
from portal.ui.components.feedback import empty_state
from portal.ui.i18n import t


def sentence_row(entry: AuditEntryPublic, time_zone: str, locale: str, *, link: bool,
                 link_people: bool = False) -> dict[str, str]:
    """What a screen shows of one entry: when, the sentence (its object as a link), details."""
    said = describe(entry, locale, link=link, link_people=link_people)
    return {"at": format_datetime(entry.at, time_zone, locale), "before": said.before,
            "link_text": said.link_text, "href": said.href, "after": said.after,
            "details": " · ".join(said.details)}


def history_rows(entries: list[AuditEntryPublic], time_zone: str, locale: str
                 ) -> list[dict[str, str]]:
    """The panel sits on the object's own page: its name needs no link there."""
    return [sentence_row(e, time_zone, locale, link=False) for e in entries]


def sentence(row: Var, **props: object) -> rx.Component:
    """The sentence of a row from `sentence_row`, its object's name linked when it has a page."""
    return rx.text(
        row["before"],
        rx.cond(row["href"] != "",
                rx.link(row["link_text"], href=row["href"].to(str), weight="medium"),
                rx.text.strong(row["link_text"])),
        row["after"],
        **props,
    )


def details(row: Var) -> rx.Component:
    return rx.cond(row["details"] != "",
                   rx.text(row["details"], size="1", color_scheme="gray",
                           class_name="history-details"))


def history_panel(rows: Var) -> rx.Component:
    def item(row) -> rx.Component:  # noqa: ANN001
        return rx.el.li(
            sentence(row, size="2"),
            details(row),
            rx.text(row["at"], size="1", color_scheme="gray", class_name="tabular"),
        )

    return rx.box(
        rx.heading(t("History"), size="4", as_="h2", margin_bottom="12px"),
        rx.cond(rows.length() > 0,
                rx.el.ul(rx.foreach(rows, item), class_name="history-list"),
                empty_state("history", t("No history yet"))),
        class_name="surface",
        id="history",
    )
