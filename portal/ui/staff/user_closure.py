"""The user detail page's closure panel: an administrator closes an account on the person's
request (say how it arrived: audited). The account is anonymised as when the person closes it
from their profile; refusals (open money, upcoming events, a sole owner) are shown as toasts."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.services import account_closure
from portal.services.commands import form_values
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.feedback import toast_success
from portal.ui.i18n import t
from portal.ui.session import SessionState
from portal.wiring import file_store

CLOSE_FORM = "close-account-form"


class UserClosureState(SessionState):
    note_error: str = ""

    def _show_field_error(self, field: str, message: str) -> bool:
        if field != "close_note":
            return False
        self.note_error = message
        return True

    @rx.event
    async def close_account(self, form: dict):
        note = form_values(form, ["close_note"], limit=600)["close_note"]
        try:
            await self._write(account_closure.close_user_account, user_id=self._query_id(),
                              note=note, store=file_store(), ip=self._client_ip())
        except DomainError as error:
            return self._fail(error)
        self.note_error = ""
        from portal.ui.staff.user_detail import UserDetailState  # the page that shows this

        return [UserDetailState.load, toast_success(self._(
            "Account closed: the person's details are anonymised and they are signed out."))]


def closure_panel(name: rx.Var) -> rx.Component:
    """Shown while the account is not closed yet; `name` is the person's, as the page has it."""
    return rx.box(
        rx.heading(t("Close the account"), size="4", as_="h2", margin_bottom="8px"),
        rx.text(t("Only when the person asks. Their name, email address, phone, date of birth, "
                  "answers and uploaded files are deleted; payments, refunds and the audit "
                  "record stay."), size="2", color_scheme="gray", margin_bottom="8px"),
        rx.form(
            rx.vstack(
                rx.el.label(t("How did the person ask?"), html_for="field-close-note",
                            class_name="field-label"),
                rx.input(name="close_note", id="field-close-note", max_length=500,
                         width="100%", aria_invalid=rx.cond(UserClosureState.note_error != "",
                                                            "true", "false")),
                rx.text(UserClosureState.note_error, size="1", color_scheme="red",
                        role="alert", class_name="field-error"),
                confirm_dialog(
                    rx.button(t("Close the account"), color_scheme="red", variant="soft",
                              type="button", id="close-user-account"),
                    title=t("Close the account of {name}?",
                            name=name),
                    description=t("This cannot be undone. The person is signed out and can "
                                  "no longer sign in; their address may sign up again."),
                    confirm_label=t("Close the account"),
                    on_confirm=rx.call_script(
                        f"document.getElementById({CLOSE_FORM!r}).requestSubmit()"),
                ),
                spacing="2", width="100%",
            ),
            on_submit=UserClosureState.close_account,
            reset_on_submit=True,
            id=CLOSE_FORM,
        ),
        class_name="surface", width="100%",
    )
