"""Apply for organizer qualification (rules §3.1)."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import organizers
from portal.services.commands import form_values, parse_command
from portal.ui import routes
from portal.ui.components.feedback import toast_success
from portal.ui.components.form import form_error
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.organizer.application_form import application_fields
from portal.ui.organizer.labels import APPLICATION_FIELDS
from portal.ui.session import SessionState

ROUTE = routes.ORGANIZER_APPLY
TITLE = N_("Apply as an organizer")


def read_application(form: dict) -> organizers.Application:
    return parse_command(organizers.Application, form_values(form, APPLICATION_FIELDS,
                                                                limit=5000))


class ApplyState(FormMixin, SessionState):
    @rx.event
    def prepare(self) -> None:
        self._clear_errors()

    @rx.event
    async def submit(self, form: dict):
        try:
            await self._write(organizers.apply, read_application(form))
        except DomainError as error:
            return self._fail(error)
        self._clear_errors()
        return [rx.redirect(routes.ORGANIZER),
                toast_success(self._("Application submitted. Now add your documents."))]


def page() -> rx.Component:
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        rx.box(
            rx.text(t("Tell us who you are. Staff review your application and documents; once "
                      "approved you receive an organizer certificate and can publish events."),
                    color_scheme="gray", margin_bottom="16px"),
            form_error(ApplyState.form_error),
            rx.form(
                application_fields(ApplyState.errors),
                rx.button(t("Submit application"), type="submit", size="3", margin_top="16px",
                          id="submit-application"),
                on_submit=ApplyState.submit,
            ),
            class_name="surface",
        ),
    )


ON_LOAD = ApplyState.prepare
