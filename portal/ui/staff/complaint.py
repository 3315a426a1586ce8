"""One complaint for staff: who complained about what, where it stands and by when, the actions
its status allows, the outcome, and the whole timeline (internal notes marked as such)."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.i18n import N_
from portal.ui import routes
from portal.ui.components.badge import status_badge
from portal.ui.components.complaint_badges import COMPLAINT_STATUS, overdue_badge
from portal.ui.components.feedback import unless_refused
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.staff.complaint_actions import action_bar, action_dialogs
from portal.ui.staff.complaint_state import ComplaintState

ROUTE = routes.STAFF_COMPLAINT
TITLE = N_("Complaint")
ENTRY_ICONS = (("status_change", "flag"), ("internal_note", "lock"), ("message", "send"),
               ("organizer_request", "building-2"), ("organizer_response", "reply"),
               ("feedback", "badge-check"), ("complainant_reply", "message-circle"))


def _fact(label: Var, *value: rx.Component | Var, key: str = "") -> rx.Component:
    return rx.vstack(rx.text(label, size="1", color_scheme="gray", weight="medium"),
                     rx.box(*value, font_size="var(--font-size-2)"), spacing="0",
                     id=f"fact-{key}" if key else None, min_width="0")


def _link_or_text(text: Var, href: Var) -> rx.Component:
    return rx.cond(href != "", rx.link(text, href=href), rx.text(text, as_="span"))


def _header() -> rx.Component:
    c = ComplaintState.complaint
    return rx.box(
        rx.flex(
            rx.heading(c["reference"], size="6", as_="h2", id="complaint-reference"),
            status_badge(c["status"], COMPLAINT_STATUS),
            overdue_badge(c["overdue"] != ""),
            rx.badge(c["channel"], variant="outline", color_scheme="gray"),
            align="center", spacing="2", wrap="wrap"),
        rx.text(c["title"], size="4", weight="medium", margin_top="6px"),
        rx.grid(
            _fact(t("Complainant"), rx.vstack(
                _link_or_text(c["name"], c["account"]),
                rx.text(c["email"], size="1", color_scheme="gray"),
                rx.text(c["phone"], size="1", color_scheme="gray"),
                rx.cond((c["account"] == "") & (c["email"] != ""),
                        rx.text(t("Not linked to an account"), size="1", color_scheme="amber")),
                spacing="0"), key="complainant"),
            _fact(t("Concerning"), rx.vstack(
                rx.text(c["subject"], size="1", color_scheme="gray"),
                rx.cond(c["event"] != "", _link_or_text(c["event"], c["event_link"])),
                rx.cond(c["registration_id"] != "",
                        rx.text(t("Registration #{id}", id=c["registration_id"]), size="2")),
                rx.cond(c["organizer"] != "",
                        _link_or_text(c["organizer"], c["organizer_link"])),
                spacing="0"), key="subject"),
            _fact(t("Category"), c["category_label"]),
            _fact(t("Received on"), c["received"], rx.cond(
                c["entered_by"] != "", rx.text(t("Entered by {name}", name=c["entered_by"]),
                                               size="1", color_scheme="gray"))),
            _fact(t("Due"), rx.cond(
                c["due"] != "",
                rx.text(c["due"], color_scheme=rx.cond(c["overdue"] != "", "red", "gray"),
                        weight=rx.cond(c["overdue"] != "", "bold", "regular")),
                rx.text(t("No step waiting"), color_scheme="gray")), key="due"),
            _fact(t("Assigned to"), rx.cond(c["assignee"] != "", c["assignee"],
                                            rx.text(t("Nobody yet"), color_scheme="gray")),
                  key="assignee"),
            columns=rx.breakpoints(initial="1", sm="2", md="3"), spacing="4", width="100%",
            margin_top="14px"),
        class_name="surface", width="100%", id="complaint-header")


def _text_block(title: Var, body: Var) -> rx.Component:
    return rx.cond(body != "", rx.vstack(
        rx.text(title, size="1", color_scheme="gray", weight="medium"),
        rx.text(body, size="2", white_space="pre-wrap"), spacing="1", width="100%"))


def _story() -> rx.Component:
    c = ComplaintState.complaint
    return rx.box(
        rx.vstack(_text_block(t("What happened"), c["what_happened"]),
                  _text_block(t("Outcome wanted"), c["outcome_wanted"]), spacing="3"),
        class_name="surface", width="100%")


def _remedy(r: Var) -> rx.Component:
    return rx.hstack(
        rx.badge(r["kind"], color_scheme="indigo", variant="soft"),
        rx.text(r["amount"], size="2", class_name="tabular"),
        rx.cond(r["refund"] != "", rx.badge(r["refund"], color_scheme="gray")),
        rx.text(r["note"], size="2"),
        rx.cond(r["follow_up"] != "", rx.link(t("Carry it out"), href=r["follow_up"],
                                              size="2", class_name="remedy-follow-up")),
        spacing="2", wrap="wrap", align="center")


def _result() -> rx.Component:
    c = ComplaintState.complaint
    return rx.cond(c["outcome"] != "", rx.box(
        rx.heading(t("Outcome"), size="4", as_="h2", margin_bottom="8px"),
        rx.hstack(rx.badge(c["outcome"], size="2"),
                  rx.cond(c["closure"] != "", rx.badge(c["closure"], color_scheme="gray")),
                  spacing="2"),
        rx.text(c["findings"], size="2", white_space="pre-wrap", margin_top="8px"),
        rx.vstack(rx.foreach(ComplaintState.remedies, _remedy), spacing="2",
                  margin_top="8px"),
        class_name="surface", width="100%", id="complaint-outcome"),
        rx.cond(c["closure"] != "", rx.callout(c["closure"], icon="archive")))


def _files(entry_id: Var) -> rx.Component:
    return rx.flex(rx.foreach(ComplaintState.files, lambda f: rx.cond(
        f["entry"] == entry_id,
        rx.link(rx.hstack(rx.icon("paperclip", size=14), rx.text(f["name"], size="1"),
                          spacing="1", align="center"),
                href=f["href"], is_external=True, class_name="evidence-link"))),
        spacing="3", wrap="wrap")


def _entry(e: Var) -> rx.Component:
    return rx.hstack(
        rx.box(rx.match(e["kind"], *[(kind, rx.icon(icon, size=16)) for kind, icon in
                                     ENTRY_ICONS], rx.icon("circle", size=16)),
               class_name="timeline-icon"),
        rx.vstack(
            rx.flex(
                rx.text(e["label"], weight="medium", size="2"),
                rx.cond(e["status"] != "", rx.badge(e["status"], variant="soft")),
                rx.cond(e["internal"] != "", rx.badge(t("Internal"), color_scheme="amber",
                                                      variant="surface")),
                rx.text(e["author"], size="1", color_scheme="gray"),
                rx.text(e["at"], size="1", color_scheme="gray"),
                spacing="2", wrap="wrap", align="center"),
            rx.cond(e["body"] != "", rx.text(e["body"], size="2", white_space="pre-wrap")),
            rx.cond(e["due"] != "", rx.hstack(
                rx.text(t("Answer due {date}", date=e["due"]), size="1",
                        color_scheme=rx.cond(e["overdue"] != "", "red", "gray"),
                        weight=rx.cond(e["overdue"] != "", "bold", "regular")),
                overdue_badge(e["overdue"] != ""),
                rx.cond(e["answered"] != "", rx.text(t("answered {date}", date=e["answered"]),
                                                     size="1", color_scheme="green")),
                spacing="2", align="center", wrap="wrap")),
            _files(e["id"]),
            spacing="1", width="100%", min_width="0"),
        spacing="3", align="start", width="100%",
        class_name=rx.cond(e["internal"] != "", "timeline-entry internal", "timeline-entry"),
        custom_attrs={"data-kind": e["kind"]})


def _timeline() -> rx.Component:
    return rx.box(
        rx.heading(t("Timeline"), size="4", as_="h2", margin_bottom="12px"),
        rx.vstack(rx.foreach(ComplaintState.timeline, _entry), spacing="4", width="100%"),
        class_name="surface", width="100%", id="complaint-timeline")


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("Complaints queue"), spacing="1",
                          align="center"), href=routes.STAFF_COMPLAINTS, size="2"),
        unless_refused(ComplaintState.error, rx.cond(
            ComplaintState.complaint.contains("id"),
            rx.vstack(_header(), action_bar(), _story(), _result(), _timeline(),
                      spacing="4", width="100%"),
            rx.spinner())),
        action_dialogs(),
    )


ON_LOAD = ComplaintState.load
