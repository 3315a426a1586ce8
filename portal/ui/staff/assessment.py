"""The organizer assessment (rules §3.3.2–3.3.3): standing, rectification notices and how they
went, the sanction history, and the sanction ladder (warn, suspend publishing, revoke, lift),
each with a reason in a confirmation dialog."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.components.badge import (
    NOTICE_STATUS,
    ORGANIZER_STANDING,
    ORGANIZER_STATUS,
    status_badge,
)
from portal.ui.components.feedback import empty_state, unless_refused
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.staff.assessment_state import AssessmentState

ROUTE = routes.STAFF_ASSESSMENT
TITLE = N_("Organizer assessment")
S = AssessmentState


def _header() -> rx.Component:
    info = S.info
    return rx.box(
        rx.hstack(rx.heading(info["name"], size="5", as_="h2", id="organizer-name"),
                  status_badge(info["status"], ORGANIZER_STATUS),
                  rx.box(status_badge(info["standing"], ORGANIZER_STANDING), id="standing"),
                  align="center", wrap="wrap"),
        rx.text(t("Certificate number: {number}", number=info["certificate"]), size="2",
                color_scheme="gray"),
        rx.cond(info["may_publish"] != "",
                rx.text(t("May submit events and changes."), size="2", color_scheme="green"),
                rx.text(t("Cannot submit events or changes now."), size="2",
                        color_scheme="red", id="cannot-publish")),
        rx.hstack(
            rx.link(rx.button(rx.icon("file-warning", size=16), t("Open a notice"),
                              variant="soft", id="open-notice"),
                    href=f"{routes.STAFF_NOTICE_NEW}?organizer=" + info["id"]),
            rx.link(rx.button(t("Application and history"), variant="ghost"),
                    href=f"{routes.STAFF_ORGANIZER}?id=" + info["id"]),
            margin_top="8px", wrap="wrap"),
        class_name="surface", width="100%")


def _cells(rows) -> rx.Component:  # noqa: ANN001
    return rx.hstack(rx.foreach(rows, lambda c: rx.box(
        rx.text(c["label"], size="1", color_scheme="gray"),
        rx.text(c["value"], size="6", weight="bold", class_name="tabular"),
        class_name="surface glance-cell", id="count-" + c["key"], min_width="110px")),
        wrap="wrap", spacing="3", width="100%")


def _section(title, rows) -> rx.Component:  # noqa: ANN001
    return rx.vstack(rx.heading(title, size="3", as_="h3"), _cells(rows), spacing="2",
                     width="100%")


def _figures() -> rx.Component:
    return rx.vstack(
        _section(t("Rectification notices"), S.counts),
        rx.grid(_section(t("Ratings"), S.ratings), _section(t("Complaints"), S.complaints),
                columns=rx.breakpoints(initial="1", lg="2"), spacing="4", width="100%"),
        spacing="4", width="100%")


def _notices() -> rx.Component:
    return rx.box(
        rx.heading(t("Rectification notices"), size="4", as_="h2", margin_bottom="8px"),
        rx.cond(S.notices.length() == 0, rx.text(t("No notices so far."), color_scheme="gray"),
                # the problem on a line of its own: squeezed beside the badges on a phone it
                # broke into a letter or two per line
                rx.vstack(rx.foreach(S.notices, lambda n: rx.vstack(
                    rx.hstack(
                        status_badge(n["status"], NOTICE_STATUS),
                        rx.cond(n["overdue"] != "", rx.badge(t("Overdue"), color_scheme="red",
                                                             variant="solid")),
                        rx.text(t("due {date}", date=n["due"]), size="1", color_scheme="gray"),
                        align="center", wrap="wrap"),
                    rx.link(n["problem"], href=f"{routes.STAFF_NOTICE}?id=" + n["id"],
                            class_name="clamp-1", width="100%"),
                    spacing="1", width="100%")), spacing="3", width="100%")),
        class_name="surface", width="100%")


def _sanction(row) -> rx.Component:  # noqa: ANN001
    return rx.el.li(rx.vstack(
        rx.hstack(rx.badge(row["label"], color_scheme=rx.cond(row["kind"] == "warning",
                                                              "amber", "red")),
                  rx.cond(row["in_force"] != "",
                          rx.badge(t("In force"), color_scheme="red", variant="outline"),
                          rx.badge(t("Not in force"), color_scheme="gray", variant="outline")),
                  rx.text(t("{date} by {name}", date=row["since"], name=row["by"]), size="1",
                          color_scheme="gray"),
                  rx.cond(row["until"] != "", rx.text(t("until {date}", date=row["until"]),
                                                      size="1", weight="medium")),
                  align="center", wrap="wrap"),
        rx.text(row["reason"], size="2", white_space="pre-wrap"),
        rx.cond(row["lifted"] != "", rx.text(
            t("Lifted {date}: {reason}", date=row["lifted"], reason=row["lift_reason"]),
            size="1", color_scheme="gray")),
        rx.cond(row["in_force"] != "", rx.button(
            t("Lift"), size="1", variant="soft", on_click=S.open_lift(row["id"]),
            class_name="lift-sanction")),
        spacing="1", align="start"), class_name="sanction-row", padding_y="10px",
        border_top="1px solid var(--gray-4)")


def _ladder() -> rx.Component:
    return rx.box(
        rx.heading(t("Sanctions"), size="4", as_="h2", margin_bottom="8px"),
        rx.hstack(
            rx.button(rx.icon("triangle-alert", size=16), t("Warn"), color_scheme="amber",
                      variant="soft", on_click=S.open_action("warning"), id="warn"),
            rx.button(rx.icon("pause", size=16), t("Suspend publishing"), color_scheme="red",
                      variant="soft", on_click=S.open_action("suspend"), id="suspend"),
            rx.button(rx.icon("ban", size=16), t("Revoke qualification"), color_scheme="red",
                      on_click=S.open_action("revoke"), id="revoke"),
            wrap="wrap", margin_bottom="12px"),
        rx.cond(S.sanctions.length() == 0,
                empty_state("shield-check", t("No sanctions so far")),
                rx.el.ul(rx.foreach(S.sanctions, _sanction), class_name="plain-list",
                         id="sanctions")),
        class_name="surface", width="100%")


def _reason_box(value, on_change, label) -> rx.Component:  # noqa: ANN001
    return rx.vstack(
        rx.el.label(label, html_for="sanction-reason", class_name="field-label"),
        rx.text_area(id="sanction-reason", value=value, on_change=on_change, rows="3",
                     max_length=2000, width="100%"),
        rx.text(S.reason_error, size="1", color_scheme="red", role="alert",
                class_name="field-error"),
        spacing="1", width="100%")


def _action_dialog() -> rx.Component:
    action = S.action
    return rx.dialog.root(rx.dialog.content(
        rx.dialog.title(rx.match(action, ("warning", t("Warn this organizer?")),
                                 ("suspend", t("Suspend event publishing?")),
                                 t("Revoke the qualification?"))),
        rx.callout(rx.match(
            action,
            ("warning", t("A formal warning. The organizer's members are emailed and it shows "
                          "on the public certificate page until lifted.")),
            ("suspend", t("The organizer cannot submit new events or changes until the date "
                          "you give, or until lifted.")),
            t("The certificate shows revoked, nothing can be published, and every event that "
              "has not started is cancelled: all registrants are told and refunded in full.")),
            icon="triangle-alert", color_scheme=rx.cond(action == "warning", "amber", "red"),
            size="1"),
        rx.cond(action == "suspend", rx.vstack(
            rx.el.label(t("Last day (leave empty: until lifted)"), html_for="suspend-until",
                        class_name="field-label"),
            rx.input(id="suspend-until", type="date", value=S.until, on_change=S.keep_until),
            rx.text(S.until_error, size="1", color_scheme="red", role="alert"),
            rx.hstack(rx.checkbox(checked=S.keep_published, on_change=S.keep_events,
                                  id="keep-published"),
                      rx.el.label(t("Published events go on (untick: they are cancelled and "
                                    "everyone refunded)"), html_for="keep-published"),
                      align="center"),
            spacing="1", width="100%", margin_top="8px")),
        _reason_box(S.reason, S.keep_reason, t("Reason (required; the organizer reads it)")),
        rx.flex(rx.button(t("Cancel"), variant="soft", color_scheme="gray", on_click=S.close),
                rx.button(rx.match(action, ("warning", t("Warn")),
                                   ("suspend", t("Suspend publishing")),
                                   t("Revoke qualification")),
                          color_scheme=rx.cond(action == "warning", "amber", "red"),
                          on_click=S.impose, id="confirm-sanction"),
                spacing="3", margin_top="16px", justify="end"),
        max_width="520px"),
        open=action != "", on_open_change=lambda _open: S.close())


def _lift_dialog() -> rx.Component:
    return rx.dialog.root(rx.dialog.content(
        rx.dialog.title(t("Lift this sanction?")),
        rx.text(t("A lifted suspension or revocation lets the organizer submit events again. "
                  "Events already cancelled stay cancelled."), size="2", color_scheme="gray"),
        _reason_box(S.lift_reason, S.keep_lift_reason,
                    t("Reason (required; the organizer reads it)")),
        rx.flex(rx.button(t("Cancel"), variant="soft", color_scheme="gray", on_click=S.close),
                rx.button(t("Lift"), on_click=S.lift, id="confirm-lift"),
                spacing="3", margin_top="16px", justify="end"),
        max_width="480px"),
        open=S.lifting != "", on_open_change=lambda _open: S.close())


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(S.error, rx.vstack(_header(), _figures(), _ladder(), _notices(),
                                          spacing="4", width="100%")),
        _action_dialog(), _lift_dialog(),
    )


ON_LOAD = S.load
