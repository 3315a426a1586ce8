"""Who registered for an event (rules §2.4): live counts, the people with search, filters and
paging, each person's registration in a panel, approvals, and the export. Organizer members
reach it from their events; reviewing staff from the event's review page."""

from __future__ import annotations

import reflex as rx

from portal.domain.labels import REGISTRATION_CHANNEL, REGISTRATION_STATUS, choices
from portal.i18n import N_
from portal.ui import routes
from portal.ui.components.badge import EVENT_STATUS, status_badge
from portal.ui.components.badge import REGISTRATION_STATUS as STATUS_BADGES
from portal.ui.components.feedback import loading_state, refusal
from portal.ui.components.live import live_ticker
from portal.ui.components.table import Column, Filter, data_table
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.organizer.registration_panel import channel_label, registration_panel
from portal.ui.organizer.registrations_state import RegistrationsState
from portal.ui.session import SessionState

ROUTE = routes.ORGANIZER_REGISTRATIONS
TITLE = N_("Registrations")
State = RegistrationsState


def _person(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(
        rx.el.button(row["name"], type="button", class_name="link-button",
                     aria_haspopup="dialog", on_click=State.open_registration(row["id"])),
        rx.text(row["email"], size="1", color_scheme="gray"),
        spacing="0")


def _status(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(
        status_badge(row["status"], STATUS_BADGES),
        rx.cond(row["due"] != "", rx.hstack(
            rx.text(t("Decide by {due}", due=row["due"]), size="1", color_scheme="gray"),
            rx.cond(row["timing"] == "overdue",
                    rx.badge(t("Overdue"), color_scheme="red", variant="solid")),
            spacing="1", align="center", wrap="wrap")),
        spacing="1", align="start")


def _checked_in(row) -> rx.Component:  # noqa: ANN001
    return rx.cond(row["checked_in"] != "",
                   rx.hstack(rx.icon("circle-check", size=14, color=rx.color("green", 10)),
                             rx.text(row["checked_in"], size="2"), spacing="1", align="center"),
                   rx.text("—", color_scheme="gray", aria_label=t("Not checked in")))


COLUMNS = [
    Column("name", N_("Person"), sortable=True, render=_person),
    Column("status", N_("Status"), sortable=True, render=_status),
    Column("channel", N_("Channel"), render=lambda row: channel_label(row["channel"])),
    Column("fees", N_("Fee items"), render=lambda row: row["fees"]),
    Column("total", N_("Total"), render=lambda row: rx.text(row["total"], class_name="tabular")),
    Column("created_at", N_("Registered"), sortable=True, render=lambda row: row["registered"]),
    Column("checked_in", N_("Checked in"), render=_checked_in),
]
FILTERS = [Filter("status", N_("Status"), choices(REGISTRATION_STATUS)),
           Filter("channel", N_("Channel"), choices(REGISTRATION_CHANNEL)),
           Filter("checked_in", N_("Check-in"), (("yes", N_("Checked in")),
                                                 ("no", N_("Not checked in"))))]


def _fee_filter() -> rx.Component:
    """The fee items people bought, known only once the event is loaded."""
    chosen = State.filters["fee_item"]
    return rx.cond(State.fee_labels.length() > 0, rx.hstack(
        rx.text(t("Fee item"), size="2", color_scheme="gray"),
        rx.select.root(
            rx.select.trigger(placeholder=t("Fee item"), aria_label=t("Fee item")),
            rx.select.content(rx.select.item(t("All"), value="all"),
                              rx.foreach(State.fee_labels,
                                         lambda fee: rx.select.item(fee["name"],
                                                                    value=fee["value"]))),
            value=rx.cond(chosen, chosen, "all"),
            on_change=lambda value: State.filter_by("fee_item", value)),
        align="center", spacing="2"))


def _tile(label: str, value: rx.Var, key: str, note: rx.Var | None = None) -> rx.Component:
    return rx.vstack(
        rx.text(t(label), size="2", color_scheme="gray"),
        rx.heading(value, size="7", class_name="tabular", id=f"count-{key}"),
        rx.text(note, size="1", color_scheme="gray") if note is not None else rx.fragment(),
        spacing="1", class_name="stat-tile")


def _header() -> rx.Component:
    c = State.counts
    back = rx.cond(SessionState.is_staff, f"{routes.STAFF_EVENT}?id=",
                   f"{routes.ORGANIZER_EVENT}?id=") + State.event_id.to_string()
    return rx.box(
        rx.hstack(
            rx.heading(c["event_name"], size="5", as_="h2", id="event-name"),
            status_badge(c["event_status"], EVENT_STATUS),
            rx.spacer(),
            rx.link(rx.hstack(rx.icon("arrow-left", size=14), t("Event page"), spacing="1",
                              align="center"), href=back, size="2"),
            align="center", spacing="3", wrap="wrap", margin_bottom="16px", width="100%"),
        rx.box(
            _tile(N_("Confirmed"), c["confirmed"], "confirmed"),
            _tile(N_("Pending"), c["pending"], "pending",
                  t("{n} awaiting approval", n=c["pending_review"])),
            _tile(N_("Waiting list"), c["waiting"], "waiting"),
            _tile(N_("Checked in"), c["checked_in"], "checked-in",
                  t("of {n} confirmed", n=c["confirmed"])),
            _tile(N_("Seats left"), c["seats_left"], "seats-left",
                  t("of {n}", n=c["capacity"])),
            class_name="stat-grid", aria_live="polite", id="registration-counts"),
        class_name="surface", width="100%")


def _presets() -> rx.Component:
    return rx.cond(State.approval | (State.counts["pending_review"] != "0"), rx.hstack(
        rx.button(t("All registrations"), size="2", on_click=State.show_awaiting(False),
                  variant=rx.cond(State.awaiting, "soft", "solid"),
                  aria_pressed=rx.cond(State.awaiting, "false", "true")),
        rx.button(t("Awaiting approval"),
                  rx.badge(State.counts["pending_review"], variant="surface", radius="full"),
                  size="2", on_click=State.show_awaiting(True), id="awaiting-approval",
                  variant=rx.cond(State.awaiting, "solid", "soft"),
                  aria_pressed=rx.cond(State.awaiting, "true", "false")),
        spacing="2", wrap="wrap"))


def _actions() -> rx.Component:
    return rx.cond(State.counts.length() > 0, rx.hstack(
        rx.cond(State.counts["event_status"] == "published", rx.hstack(
            rx.link(rx.button(rx.icon("user-plus", size=16), t("Register someone")),
                    href=f"{routes.ORGANIZER_REGISTER_SOMEONE}?id="
                    + State.event_id.to_string(), id="register-someone-link"),
            # a plain anchor: the check-in page must be loaded afresh to be allowed the camera
            rx.el.a(rx.button(rx.icon("scan-line", size=16), t("Check-in"), variant="soft"),
                    href=f"{routes.CHECK_IN}?id=" + State.event_id.to_string(),
                    id="check-in-link"),
            spacing="2", wrap="wrap")),
        rx.link(rx.button(rx.icon("hand-coins", size=16), t("Refund requests"), variant="soft"),
                href=routes.ORGANIZER_REFUNDS, id="refund-requests-link"),
        rx.link(rx.button(rx.icon("file-text", size=16), t("Export CSV"), variant="soft"),
                href=State.urls["csv"], id="export-csv"),
        rx.link(rx.button(rx.icon("file-spreadsheet", size=16), t("Export Excel"),
                          variant="soft"),
                href=State.urls["xlsx"], id="export-xlsx"),
        spacing="2", wrap="wrap"))


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        rx.cond(
            State.page_error != "", refusal(State.page_error),
            rx.cond(State.counts.length() == 0, loading_state(), rx.vstack(
                _header(),
                live_ticker(State.tick),
                _presets(),
                rx.box(data_table(State, COLUMNS, filters=FILTERS, controls=[_fee_filter()],
                                  search_label=N_("Search by name, email, phone or ticket code"),
                                  empty_title=N_("No registrations to show"), empty_icon="users"),
                       class_name="registrations-table", width="100%"),
                registration_panel(),
                spacing="4", width="100%"))),
        actions=_actions(),
    )


ON_LOAD = State.load
