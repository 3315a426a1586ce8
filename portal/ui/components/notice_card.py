"""A rectification notice as both sides read it: staff on the notice page, the organizer's
members on their Notices page."""

from __future__ import annotations

import reflex as rx

from portal.domain.timefmt import format_date, format_datetime
from portal.links import notice_evidence_file
from portal.services.supervision_views import NoticeView
from portal.settings import get_settings
from portal.ui.components.badge import NOTICE_STATUS, status_badge
from portal.ui.i18n import t
from portal.ui.session import backend_url


def notice_fields(view: NoticeView, locale: str) -> dict[str, str]:
    """A notice as the page shows it (the organizer's Notices page uses it too)."""
    zone = get_settings().time_zone

    def moment(value) -> str:  # noqa: ANN001
        return format_datetime(value, zone, locale) if value else ""

    return {"id": str(view.id), "organizer": view.organizer_name,
            "organizer_id": str(view.organizer_id), "event": view.event_name,
            "complaint": str(view.complaint_id or ""), "problem": view.problem,
            "required_action": view.required_action, "due": format_date(view.due_on, locale),
            "status": view.status.value, "overdue": "yes" if view.overdue else "",
            "late": "yes" if view.answered_late and view.responded_at else "",
            "opened_by": view.opened_by, "opened_at": moment(view.opened_at),
            "response": view.response, "responded_by": view.responded_by,
            "responded_at": moment(view.responded_at), "decided_by": view.decided_by,
            "decided_at": moment(view.decided_at), "decision_note": view.decision_note}


def evidence_rows(view: NoticeView) -> list[dict[str, str]]:
    return [{"name": e.filename, "url": backend_url(notice_evidence_file(e.id)),
             "size": f"{max(1, round(e.size / 1024))} KB"} for e in view.evidence]


def notice_body(notice, evidence) -> rx.Component:  # noqa: ANN001
    """What was asked and what was answered (shared with the organizer's Notices page)."""
    return rx.vstack(
        rx.hstack(status_badge(notice["status"], NOTICE_STATUS),
                  rx.cond(notice["overdue"] != "",
                          rx.badge(t("Overdue"), color_scheme="red", variant="solid",
                                   class_name="overdue-flag")),
                  rx.text(t("Respond by {date}", date=notice["due"]), size="2",
                          weight="medium"),
                  align="center", wrap="wrap"),
        rx.cond(notice["event"] != "", rx.text(t("Event: {name}", name=notice["event"]),
                                                size="2", color_scheme="gray")),
        rx.heading(t("What is wrong"), size="3", as_="h3"),
        rx.text(notice["problem"], white_space="pre-wrap", class_name="notice-problem"),
        rx.heading(t("What must be done"), size="3", as_="h3"),
        rx.text(notice["required_action"], white_space="pre-wrap"),
        rx.text(t("Opened by {name} on {date}", name=notice["opened_by"],
                  date=notice["opened_at"]), size="1", color_scheme="gray"),
        rx.cond(notice["response"] != "", rx.box(
            rx.heading(t("The organizer's response"), size="3", as_="h3"),
            rx.text(notice["response"], white_space="pre-wrap", class_name="notice-response"),
            rx.text(t("By {name} on {date}", name=notice["responded_by"],
                      date=notice["responded_at"]), size="1", color_scheme="gray"),
            rx.cond(notice["late"] != "", rx.badge(t("Answered after the due date"),
                                                   color_scheme="amber")),
            rx.vstack(rx.foreach(evidence, lambda e: rx.link(
                rx.hstack(rx.icon("paperclip", size=14), rx.text(e["name"]),
                          rx.text(e["size"], size="1", color_scheme="gray"), align="center"),
                href=e["url"], is_external=True)), spacing="1", margin_top="6px"),
            width="100%", class_name="notice-answer")),
        rx.cond(notice["decided_at"] != "", rx.callout(
            t("{name} decided on {date}. {note}", name=notice["decided_by"],
              date=notice["decided_at"], note=notice["decision_note"]),
            icon="gavel", color_scheme="gray", width="100%")),
        spacing="2", align="start", width="100%",
    )
