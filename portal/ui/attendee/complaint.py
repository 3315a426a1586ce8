"""One of my complaints (?id=): what I wrote, its timeline as I may see it (no internal notes,
nothing exchanged with the organizer), a reply box while it is open and, once the result is
sent, "I am satisfied" or — once, within the window — "Ask to reopen" with a reason."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.domain.errors import DomainError
from portal.domain.money import Money
from portal.i18n import N_
from portal.services import complaints_outcome, complaints_parties
from portal.services.complaint_views import MyComplaintDetail
from portal.ui import routes
from portal.ui.components.complaint_parts import (
    FOR_COMPLAINANT,
    EntryLine,
    complaint_badge,
    entry_lines,
    field_text,
    label_of,
    moment,
    timeline,
)
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.feedback import loading_state, toast_success, unless_refused
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState, parse_id

ROUTE = routes.ATTENDEE_COMPLAINT
TITLE = N_("Complaint")
DONE = {"reply": N_("Your message was added; the complaints team is told."),
        "satisfied": N_("Thank you. Your complaint is closed."),
        "reopen": N_("Your complaint is reopened and will be investigated again.")}


class MyComplaintState(SessionState):
    complaint_id: str = ""
    view: dict[str, str] = {}
    remedies: list[dict[str, str]] = []
    entries: list[EntryLine] = []
    can_reply: bool = False
    can_confirm: bool = False
    can_reopen: bool = False
    reply: str = ""
    reason: str = ""
    reply_error: str = ""
    reason_error: str = ""
    error: str = ""
    loaded: bool = False

    def _show_field_error(self, field: str, message: str) -> bool:
        if field == "body":
            self.reply_error = message
        elif field == "reason":
            self.reason_error = message
        else:
            return False
        return True

    def _fill(self, found: MyComplaintDetail) -> None:
        locale = self._locale()
        self.view = {
            "reference": found.reference, "status": found.status.value,
            "subject": found.subject.value, "category": found.category.value,
            "event": found.event_name, "channel": found.channel.value,
            "received": moment(found.received_at, locale),
            "what_happened": found.what_happened, "outcome_wanted": found.outcome_wanted,
            "outcome": found.outcome.value if found.outcome else "",
            "closure": found.closure.value if found.closure else "",
            "reopen_until": moment(found.reopen_until, locale)}
        self.remedies = [{"kind": r.kind.value, "note": r.note,
                          "amount": Money(r.currency, r.amount_minor).format(locale)
                          if r.amount_minor else ""} for r in found.remedies]
        self.entries = entry_lines(found.timeline, locale)
        self.can_reply, self.can_confirm = found.can_reply, found.can_confirm
        self.can_reopen = found.can_reopen
        self.loaded, self.error = True, ""

    @rx.event
    async def load(self) -> None:
        self.complaint_id = str(self._query_id())
        self.reply, self.reason, self.reply_error, self.reason_error = "", "", "", ""
        try:
            self._fill(await self._read(complaints_parties.my_complaint,
                                        complaint_id=parse_id(self.complaint_id)))
        except DomainError as error:
            self.view, self.entries, self.loaded = {}, [], True
            self.error = self._error(error)

    @rx.event
    def keep_reply(self, text: str) -> None:
        self.reply, self.reply_error = str(text)[:5000], ""

    @rx.event
    def keep_reason(self, text: str) -> None:
        self.reason, self.reason_error = str(text)[:2000], ""

    async def _act(self, done: str, service, **kwargs):  # noqa: ANN001, ANN202
        """Run one of the complainant's actions on this complaint: (done?, what to show)."""
        try:
            found = await self._write(service, complaint_id=parse_id(self.complaint_id),
                                      **kwargs)
        except DomainError as error:
            return False, self._fail(error)
        self._fill(found)
        return True, toast_success(self._(DONE[done]))

    @rx.event
    async def send_reply(self):
        done, shown = await self._act("reply", complaints_outcome.reply_to_complaint,
                                      body=self.reply)
        self.reply = "" if done else self.reply
        return shown

    @rx.event
    async def confirm_satisfied(self):
        return (await self._act("satisfied", complaints_outcome.confirm_satisfied))[1]

    @rx.event
    async def ask_to_reopen(self):
        done, shown = await self._act("reopen", complaints_outcome.ask_to_reopen,
                                      reason=self.reason)
        self.reason = "" if done else self.reason
        return shown


S = MyComplaintState


def _summary() -> rx.Component:
    v = S.view
    return rx.vstack(
        rx.flex(rx.heading(v["reference"], size="5", as_="h2", class_name="tabular",
                           id="complaint-ref"),
                complaint_badge(v["status"]),
                rx.cond(v["closure"] != "", rx.text(
                    label_of(v["closure"], labels.COMPLAINT_CLOSURE), size="2",
                    color_scheme="gray")),
                spacing="3", align="center", wrap="wrap"),
        rx.text(label_of(v["subject"], labels.COMPLAINT_SUBJECT), " · ",
                label_of(v["category"], labels.COMPLAINT_CATEGORY),
                rx.cond(v["event"] != "", rx.fragment(" · ", v["event"])), size="2"),
        rx.text(t("Sent {time} · {channel}", time=v["received"],
                  channel=label_of(v["channel"], labels.COMPLAINT_CHANNEL)),
                size="1", color_scheme="gray"),
        field_text(t("What happened"), v["what_happened"]),
        field_text(t("Outcome wanted"), v["outcome_wanted"]),
        spacing="2", class_name="surface", width="100%", align="start")


def _result() -> rx.Component:
    v = S.view
    return rx.cond(v["outcome"] != "", rx.box(
        rx.heading(t("The result"), size="4", as_="h2"),
        rx.text(t("Outcome: {outcome}", outcome=label_of(v["outcome"],
                                                        labels.COMPLAINT_OUTCOME)),
                weight="bold", size="3", margin_top="6px", id="complaint-outcome"),
        rx.foreach(S.remedies, lambda r: rx.hstack(
            rx.icon("check", size=16, color=rx.color("green", 10)),
            rx.text(label_of(r["kind"], labels.COMPLAINT_REMEDY_KIND), weight="medium"),
            rx.text(r["amount"]), rx.text(r["note"], size="2", color_scheme="gray"),
            spacing="2", align="center", wrap="wrap", class_name="complaint-remedy")),
        class_name="surface", width="100%", id="complaint-result"))


def _answer() -> rx.Component:
    """After the result: satisfied, or (once, within the window) ask to reopen."""
    return rx.cond(S.can_confirm, rx.vstack(
        rx.heading(t("Are you satisfied with the result?"), size="4", as_="h2"),
        confirm_dialog(rx.button(rx.icon("thumbs-up", size=16), t("I am satisfied"),
                                 color_scheme="green", id="satisfied"),
                       title=t("Close your complaint?"),
                       description=t("You tell us the result settles your complaint. It is "
                                     "closed and cannot be reopened."),
                       confirm_label=t("Yes, I am satisfied"), on_confirm=S.confirm_satisfied,
                       danger=False, dismiss_label=t("Not yet")),
        rx.cond(S.can_reopen, rx.vstack(
            rx.text(t("Not satisfied? You can ask once, until {time}, for it to be reopened.",
                      time=S.view["reopen_until"]), size="2", id="reopen-window"),
            rx.el.label(t("Why should it be looked at again?"), html_for="reopen-reason",
                        class_name="field-label"),
            rx.text_area(id="reopen-reason", value=S.reason, on_change=S.keep_reason,
                         max_length=2000, rows="3", width="100%"),
            rx.text(S.reason_error, size="1", color_scheme="red", role="alert",
                    class_name="field-error"),
            confirm_dialog(rx.button(rx.icon("rotate-ccw", size=16), t("Ask to reopen"),
                                     variant="soft", id="reopen"),
                           title=t("Ask to reopen your complaint?"),
                           description=t("It is investigated again. You can ask this only "
                                         "once."),
                           confirm_label=t("Ask to reopen"), on_confirm=S.ask_to_reopen,
                           danger=False),
            spacing="2", width="100%", align="start"),
            rx.text(t("It can no longer be reopened: it was reopened once already, or the "
                      "window has ended."), size="2", color_scheme="gray")),
        spacing="3", class_name="surface", width="100%", align="start", id="complaint-answer"))


def _reply() -> rx.Component:
    return rx.cond(S.can_reply, rx.vstack(
        rx.el.label(t("Add something to your complaint"), html_for="complaint-reply",
                    class_name="field-label"),
        rx.text_area(id="complaint-reply", value=S.reply, on_change=S.keep_reply,
                     max_length=5000, rows="3", width="100%"),
        rx.text(S.reply_error, size="1", color_scheme="red", role="alert",
                class_name="field-error"),
        rx.button(t("Send"), on_click=S.send_reply, id="send-reply"),
        spacing="2", class_name="surface", width="100%", align="start"))


def page() -> rx.Component:
    return portal_layout(
        routes.ATTENDEE_PORTAL, TITLE, ROUTE,
        unless_refused(S.error, rx.cond(~S.loaded, loading_state(), rx.vstack(
            _summary(), _result(), _answer(),
            rx.box(rx.heading(t("What happened so far"), size="4", as_="h2",
                              margin_bottom="8px"),
                   timeline(S.entries, FOR_COMPLAINANT, element_id="complaint-timeline"),
                   class_name="surface", width="100%"),
            _reply(), spacing="4", width="100%"))),
        actions=rx.link(t("All my complaints"), href=routes.ATTENDEE_COMPLAINTS, size="2"),
    )


ON_LOAD = S.load
