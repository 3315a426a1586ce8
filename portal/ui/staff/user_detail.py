"""One user, for administrators: roles, suspension or reinstatement, closure on request, and
history."""

from __future__ import annotations

import reflex as rx

from portal.domain.enums import Role
from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import admin_users, audit
from portal.services.commands import form_values
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import USER_STATUS, status_badge
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.feedback import toast_error, toast_success, unless_refused
from portal.ui.components.history import history_panel, history_rows
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState
from portal.ui.staff.user_closure import closure_panel
from portal.ui.staff.users import ROLE_LABELS

ROUTE = routes.STAFF_USER
TITLE = N_("User")
STATUS_FORM = "status-form"


class UserDetailState(SessionState):
    user: dict[str, str] = {}
    roles: list[str] = []
    history: list[dict[str, str]] = []
    error: str = ""
    reason_error: str = ""
    verify_error: str = ""

    async def _refresh(self) -> None:
        detail, entries = await self._read(audit.with_history(admin_users.get_user, "user"),
                                           user_id=self._query_id())
        self.user = {"id": str(detail.id), "name": detail.name, "email": detail.email,
                     "phone": detail.phone, "status": detail.status.value,
                     "status_reason": detail.status_reason,
                     "verified": "yes" if detail.verified else ""}
        self.roles = [role.value for role in detail.roles]
        self.history = history_rows(entries, get_settings().time_zone, self._locale())
        self.error = ""

    @rx.event
    async def load(self) -> None:
        try:
            await self._refresh()
        except DomainError as error:
            self.user, self.roles, self.history, self.error = {}, [], [], self._error(error)

    @rx.event
    async def set_role(self, role: str, granted: bool):
        try:
            await self._write(admin_users.set_role, user_id=self._query_id(),
                              role=str(role)[:40], granted=granted is True
                              or str(granted).lower() in ("true", "1", "on"),
                              ip=self._client_ip())
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        return toast_success(self._("Roles updated."))

    def _show_field_error(self, field: str, message: str) -> bool:
        if field == "verify_reason":
            self.verify_error = message
            return True
        if field != "reason":
            return False
        self.reason_error = message
        return True

    @rx.event
    async def mark_verified(self, form: dict):
        reason = form_values(form, ["verify_reason"], limit=600)["verify_reason"]
        try:
            await self._write(admin_users.mark_email_verified, user_id=self._query_id(),
                              reason=reason, ip=self._client_ip())
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        self.verify_error = ""
        return toast_success(self._("Email address marked as verified."))

    @rx.event
    async def change_status(self, form: dict):
        values = form_values(form, ["action", "reason"], limit=600)
        action = values["action"]
        service = {"suspend": admin_users.suspend_user,
                   "reinstate": admin_users.reinstate_user}.get(action)
        if service is None:
            return toast_error(self._("Unknown action."))
        try:
            await self._write(service, user_id=self._query_id(), reason=values["reason"],
                              ip=self._client_ip())
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        self.reason_error = ""
        return toast_success(self._("Account suspended; the person was signed out and emailed.")
                             if action == "suspend" else self._("Account reinstated."))


ROLE_CHANGES = {
    # role: (what granting it means, what revoking it means)
    Role.ADMIN: (N_("An administrator can grant and revoke every role, administrator "
                    "included, and suspend any account."),
                 N_("They lose the administrator's powers at once.")),
}
AREA_CHANGE = (N_("They can use this part of the staff portal from their next click."),
               N_("They lose this part of the staff portal at once."))


def _role_switch(role: Role, label: str) -> rx.Component:
    """A role's switch; turning it either way asks first (administrator in red)."""
    held = UserDetailState.roles.contains(role.value)
    grant, revoke = ROLE_CHANGES.get(role, AREA_CHANGE)
    name, role_name = UserDetailState.user["name"], t(label)
    return rx.hstack(
        confirm_dialog(
            rx.switch(checked=held, id=f"role-{role.value}", aria_label=t(label)),
            title=rx.cond(held, t("Revoke “{role}” from {name}?", role=role_name, name=name),
                          t("Grant “{role}” to {name}?", role=role_name, name=name)),
            description=rx.cond(held, t(revoke), t(grant)),
            confirm_label=rx.cond(held, t("Revoke"), t("Grant")),
            danger=role is Role.ADMIN,
            on_confirm=UserDetailState.set_role(role.value, ~held),
        ),
        rx.text(t(label), size="2"),
        align="center",
    )


def _roles() -> rx.Component:
    return rx.box(
        rx.heading(t("Roles"), size="4", as_="h2", margin_bottom="12px"),
        rx.vstack(*[_role_switch(role, label) for role, label in ROLE_LABELS.items()],
                  spacing="2"),
        class_name="surface",
    )


def _suspend() -> rx.Component:
    """Suspending asks first; the dialog's button then sends the form with its reason."""
    return confirm_dialog(
        rx.button(t("Suspend account"), color_scheme="red", type="button", id="suspend"),
        title=t("Suspend {name}?", name=UserDetailState.user["name"]),
        description=t("They are signed out everywhere at once, cannot sign in until "
                      "reinstated, and are emailed your reason."),
        confirm_label=t("Suspend account"),
        on_confirm=rx.call_script(
            f"document.getElementById({STATUS_FORM!r}).requestSubmit()"),
    )


def _status_form() -> rx.Component:
    active = UserDetailState.user["status"] == "active"
    return rx.box(
        rx.heading(t("Account status"), size="4", as_="h2", margin_bottom="12px"),
        rx.cond(UserDetailState.user["status_reason"] != "",
                rx.text(t("Reason: {reason}", reason=UserDetailState.user["status_reason"]),
                        size="2", margin_bottom="8px")),
        rx.form(
            rx.vstack(
                rx.el.label(t("Reason (the person will read it)"), html_for="field-reason",
                            class_name="field-label"),
                rx.text_area(name="reason", id="field-reason", max_length=500, width="100%",
                             aria_invalid=rx.cond(UserDetailState.reason_error != "", "true",
                                                  "false")),
                rx.text(UserDetailState.reason_error, size="1", color_scheme="red",
                        role="alert", class_name="field-error"),
                rx.el.input(type="hidden", name="action",
                            value=rx.cond(active, "suspend", "reinstate")),
                rx.cond(active, _suspend(),
                        rx.button(t("Reinstate account"), type="submit", id="reinstate")),
                spacing="2",
                width="100%",
            ),
            on_submit=UserDetailState.change_status,
            reset_on_submit=True,
            id=STATUS_FORM,
        ),
        class_name="surface",
    )


def _verified_badge() -> rx.Component:
    return rx.cond(UserDetailState.user["verified"] != "",
                   rx.badge(t("Email verified"), color_scheme="green", id="email-verified"),
                   rx.badge(t("Email not verified"), color_scheme="amber",
                            id="email-unverified"))


def _verify_form() -> rx.Component:
    """Admins may vouch for an address the person could not confirm by email (audited)."""
    return rx.box(
        rx.heading(t("Email address"), size="4", as_="h2", margin_bottom="8px"),
        rx.form(
            rx.vstack(
                rx.el.label(t("How do you know the address is theirs?"),
                            html_for="field-verify-reason", class_name="field-label"),
                rx.input(name="verify_reason", id="field-verify-reason", max_length=500,
                         width="100%", aria_invalid=rx.cond(UserDetailState.verify_error != "",
                                                            "true", "false")),
                rx.text(UserDetailState.verify_error, size="1", color_scheme="red",
                        role="alert", class_name="field-error"),
                rx.button(t("Mark email as verified"), type="submit", variant="soft",
                          id="mark-verified"),
                spacing="2", width="100%",
            ),
            on_submit=UserDetailState.mark_verified,
            reset_on_submit=True,
        ),
        class_name="surface", width="100%",
    )


def page() -> rx.Component:
    user = UserDetailState.user
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(
            UserDetailState.error,
            rx.vstack(
                rx.box(
                    rx.hstack(rx.heading(user["name"], size="5", as_="h2", id="user-name"),
                              status_badge(user["status"], USER_STATUS), align="center"),
                    rx.hstack(rx.text(user["email"], color_scheme="gray"), _verified_badge(),
                              align="center", wrap="wrap"),
                    rx.text(user["phone"], color_scheme="gray", size="2"),
                    class_name="surface",
                    width="100%",
                ),
                rx.cond(user["verified"] == "", _verify_form()),
                rx.cond(user["status"] != "closed",
                        rx.grid(_roles(), _status_form(),
                                columns=rx.breakpoints(initial="1", md="2"), spacing="4",
                                width="100%")),
                rx.cond(user["status"] != "closed", closure_panel(user["name"])),
                rx.box(history_panel(UserDetailState.history), width="100%"),
                spacing="4",
                width="100%",
            ),
        ),
    )


ON_LOAD = UserDetailState.load
