"""One person's registration, in a dialog over the registrations table: who they are, what they
bought and answered (files to open), how it reached the platform, its history, and for those
awaiting approval the decision with its reason."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.domain.labels import REGISTRATION_CHANNEL, choices
from portal.i18n import N_
from portal.ui.components.badge import REGISTRATION_STATUS, status_badge
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.decision import decision_panel
from portal.ui.components.history import history_panel
from portal.ui.i18n import t
from portal.ui.organizer.registrations_state import AWAITING, RegistrationsState

State = RegistrationsState


def channel_label(value: Var) -> rx.Component:
    return rx.match(value, *[(key, t(label)) for key, label in choices(REGISTRATION_CHANNEL)],
                    value)


def _fact(label: str, value: Var, extra: rx.Component | None = None) -> rx.Component:
    """A line of the panel, shown only when it has something to say."""
    return rx.cond(value != "", rx.data_list.item(
        rx.data_list.label(t(label), min_width="140px"),
        rx.data_list.value(rx.vstack(rx.text(value, white_space="pre-wrap"),
                                     extra or rx.fragment(), spacing="1"))))


def _by(name: Var, message: str) -> rx.Component:
    return rx.cond(name != "", rx.text(t(message, name=name), size="1", color_scheme="gray"))


def _facts() -> rx.Component:
    d = State.detail
    return rx.data_list.root(
        rx.data_list.item(rx.data_list.label(t("Registered"), min_width="140px"),
                          rx.data_list.value(rx.vstack(
                              rx.text(d["registered"]),
                              rx.hstack(channel_label(d["channel"]),
                                        _by(d["entered_by"], N_("entered by {name}")),
                                        spacing="2", align="center", wrap="wrap"),
                              spacing="1"))),
        _fact(N_("Decide by"), d["due"], rx.cond(d["timing"] == "overdue", rx.badge(
            t("Overdue"), color_scheme="red", variant="solid", width="fit-content"))),
        _fact(N_("Ticket code"), d["ticket"]),
        _fact(N_("Checked in"), d["checked_in"], _by(d["checked_in_by"], N_("by {name}"))),
        _fact(N_("Qualification"), d["qualification"]),
        _fact(N_("Eligibility override"), d["override"]),
        _fact(N_("Decision note"), d["decision_note"], _by(d["decided_by"], N_("by {name}"))),
        _fact(N_("Reason it ended"), d["end_reason"]),
        size="2", orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
    )


def _items() -> rx.Component:
    return rx.box(
        rx.heading(t("Fee items"), size="3", as_="h3", margin_bottom="6px"),
        rx.cond(State.items.length() > 0,
                rx.vstack(rx.foreach(State.items, lambda item: rx.hstack(
                    rx.text(item["label"], size="2"), rx.spacer(),
                    rx.text(item["amount"], size="2", class_name="tabular"), width="100%")),
                    spacing="1", width="100%"),
                rx.text(t("None"), size="2", color_scheme="gray")),
        rx.divider(margin_y="6px"),
        rx.hstack(rx.text(t("Total"), weight="bold", size="2"), rx.spacer(),
                  rx.text(State.detail["total"], weight="bold", size="2", class_name="tabular"),
                  width="100%"),
        width="100%",
    )


def _answer(answer) -> rx.Component:  # noqa: ANN001
    value = rx.cond(
        answer["url"] != "",
        rx.link(rx.hstack(rx.icon("paperclip", size=14), rx.text(answer["value"]),
                          rx.badge(answer["file_type"], variant="soft", color_scheme="gray"),
                          spacing="2", align="center"),
                href=answer["url"], is_external=True,
                aria_label=t("Open the file {name}", name=answer["value"])),
        rx.text(answer["value"], white_space="pre-wrap"))
    return rx.data_list.item(
        rx.data_list.label(rx.vstack(
            rx.text(answer["question"]),
            rx.cond(answer["retired"] != "", rx.badge(t("Question removed"), variant="soft",
                                                      color_scheme="gray")),
            spacing="1"), min_width="140px"),
        rx.data_list.value(value))


def _answers() -> rx.Component:
    return rx.box(
        rx.heading(t("Answers"), size="3", as_="h3", margin_bottom="6px"),
        rx.cond(State.answers.length() > 0,
                rx.data_list.root(rx.foreach(State.answers, _answer), size="2",
                                  orientation=rx.breakpoints(initial="vertical",
                                                             sm="horizontal")),
                rx.text(t("No answers."), size="2", color_scheme="gray")),
        width="100%", id="registration-answers",
    )


def _decision() -> rx.Component:
    reject = rx.button(t("Reject"), color_scheme="red", variant="soft", id="reject-registration")
    return rx.cond(
        State.detail["status"] == AWAITING,
        decision_panel(
            State, t("Reason (required to reject; the person reads it)"),
            [rx.button(t("Approve"), color_scheme="green", id="approve-registration",
                       on_click=State.decide("approve")),
             confirm_dialog(reject, title=t("Reject this registration?"),
                            description=t("The person is told your reason and their seat "
                                          "is released."),
                            confirm_label=t("Reject"), on_confirm=State.decide("reject"))],
            key=State.detail["id"]),
    )


def registration_panel() -> rx.Component:
    d = State.detail
    return rx.dialog.root(
        rx.dialog.content(
            rx.hstack(
                rx.dialog.title(d["name"], margin="0", size="5"),
                status_badge(d["status"], REGISTRATION_STATUS),
                rx.spacer(),
                rx.dialog.close(rx.icon_button(rx.icon("x"), variant="ghost", color_scheme="gray",
                                               aria_label=t("Close"))),
                align="center", spacing="3", width="100%"),
            rx.dialog.description(
                rx.flex(rx.link(d["email"], href="mailto:" + d["email"].to(str)),
                        rx.text(d["phone"]), gap="1em", wrap="wrap"),
                size="2", color_scheme="gray", margin_bottom="12px"),
            rx.vstack(_decision(), _facts(), _items(), _answers(),
                      rx.box(history_panel(State.history), width="100%"),
                      spacing="4", width="100%"),
            max_width="680px", id="registration-panel",
        ),
        open=State.panel_open,
        on_open_change=State.panel_changed,
    )
