"""Asking for one's money back, from My registrations: a dialog that says what the event's
refund policy gives today, in words and money, takes a reason (required outside the policy)
and sends the request."""

from __future__ import annotations

import reflex as rx

from portal.domain.enums import RefundStatus
from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import refund_requests
from portal.ui.components.feedback import toast_success
from portal.ui.i18n import t
from portal.ui.session import SessionState, parse_id

REFUNDED_NOW = N_("Your registration is cancelled and {amount} will be paid back to you.")
ASKED = N_("Your request went to the organizer; you will be told their answer.")


class RefundRequestState(SessionState):
    dialog_open: bool = False
    target: str = ""
    event_name: str = ""
    quote_text: str = ""
    within: bool = False
    reason: str = ""
    reason_error: str = ""
    busy: bool = False

    def _show_field_error(self, field: str, message: str) -> bool:
        if field != "reason":
            return False
        self.reason_error = message
        return True

    @rx.event
    async def start(self, registration_id: str):
        """Open the dialog with today's quote for one of the person's registrations."""
        target = parse_id(registration_id)
        self.dialog_open, self.quote_text, self.reason, self.reason_error = False, "", "", ""
        if not target:
            return None
        try:
            view = await self._read(refund_requests.refund_quote, registration_id=target)
        except DomainError as error:
            return self._fail(error)
        self.target, self.event_name = str(target), view.event_name
        self.quote_text = refund_requests.describe_quote(view, self._locale())
        self.within = view.within_policy
        self.dialog_open = True
        return None

    @rx.event
    def close(self) -> None:
        self.dialog_open, self.target, self.quote_text = False, "", ""

    @rx.event
    def keep_reason(self, text: str) -> None:
        self.reason = str(text)[:1200]
        self.reason_error = ""

    @rx.event
    async def submit(self):
        target = parse_id(self.target)
        if not target:
            return None
        self.busy = True
        try:
            refund = await self._write(refund_requests.request_refund, registration_id=target,
                                       reason=self.reason, ip=self._client_ip())
        except DomainError as error:
            return self._fail(error)
        finally:
            self.busy = False
        from portal.domain.money import Money
        from portal.ui.attendee.registrations import MyRegistrationsState

        self.dialog_open, self.target, self.quote_text, self.reason = False, "", "", ""
        if refund.status == RefundStatus.REQUESTED.value:
            message = self._(ASKED)
        else:
            message = self._(REFUNDED_NOW, amount=Money(refund.currency, refund.amount_minor)
                             .format(self._locale()))
        return [MyRegistrationsState.load_table, toast_success(message)]


S = RefundRequestState


def refund_dialog() -> rx.Component:
    """One dialog for the page, filled by `start` for the registration chosen."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("Request a refund")),
            rx.text(S.event_name, weight="bold", size="3"),
            rx.callout(S.quote_text, icon="receipt", margin_y="12px", id="refund-quote",
                       color_scheme=rx.cond(S.within, "green", "amber")),
            rx.el.label(rx.cond(S.within, t("Reason (optional)"),
                                t("Why do you ask? (required: the organizer decides)")),
                        html_for="refund-reason", class_name="field-label"),
            rx.text_area(id="refund-reason", value=S.reason, on_change=S.keep_reason,
                         max_length=1000, width="100%", rows="3"),
            rx.text(S.reason_error, size="1", color_scheme="red", role="alert",
                    class_name="field-error"),
            rx.text(rx.cond(S.within,
                            t("Your registration is cancelled at once and your seat goes to "
                              "the waiting list."),
                            t("Your registration stays as it is until the organizer "
                              "decides.")),
                    size="2", color_scheme="gray", margin_top="8px"),
            rx.flex(
                rx.button(t("Keep my registration"), variant="soft", color_scheme="gray",
                          on_click=S.close),
                rx.button(rx.cond(S.within, t("Cancel and get my refund"),
                                  t("Send my request")),
                          color_scheme=rx.cond(S.within, "red", "indigo"), loading=S.busy,
                          on_click=S.submit, id="refund-confirm"),
                spacing="3", margin_top="16px", justify="end", wrap="wrap"),
            max_width="480px",
        ),
        open=S.dialog_open,
        on_open_change=lambda _open: S.close(),
    )
