"""One emergency plan (rules §4.1.2): the version in force (or an older one) to read and
print, its history, and for administrators the form that saves a new version."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import emergency_plans
from portal.services.commands import form_values
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.feedback import toast_success, unless_refused
from portal.ui.components.form import field_error, form_error, form_field
from portal.ui.components.form_state import FormMixin
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState
from portal.ui.staff.emergency_plans import kind_label

ROUTE = routes.STAFF_EMERGENCY_PLAN
TITLE = N_("Emergency plan")


class EmergencyPlanState(FormMixin, SessionState):
    plan: dict[str, str] = {}
    history: list[dict[str, str]] = []
    can_edit: bool = False
    error: str = ""

    def _kind(self) -> str:
        return str(self.router.url.query_parameters.get("kind", ""))[:30]

    async def _refresh(self) -> None:
        detail = await self._read(emergency_plans.get_plan, kind=self._kind(),
                                  version=self._query_id("version") or None)
        zone, locale = get_settings().time_zone, self._locale()

        def when(value) -> str:  # noqa: ANN001
            return format_datetime(value, zone, locale) if value else ""

        c = detail.current
        latest = detail.history[0].version if detail.history else 0
        self.plan = {"kind": c.kind.value, "title": c.title, "body": c.body,
                     "html": c.body_html, "version": str(c.version), "note": c.note,
                     "by": c.saved_by, "saved": when(c.saved_at),
                     "old": "yes" if c.version and c.version != latest else ""}
        self.history = [{"version": str(v.version), "title": v.title, "by": v.saved_by,
                         "saved": when(v.saved_at), "note": v.note} for v in detail.history]
        self.can_edit, self.error = detail.can_edit, ""

    @rx.event
    async def load(self) -> None:
        self._clear_errors()
        try:
            await self._refresh()
        except DomainError as error:
            self.plan, self.history, self.can_edit = {}, [], False
            self.error = self._error(error)

    @rx.event
    async def save(self, form: dict):
        values = form_values(form, ("title", "body", "note"), limit=emergency_plans.BODY_LIMIT
                             + 1)
        try:
            version = await self._write(emergency_plans.save_plan, kind=self._kind(),
                                        ip=self._client_ip(), **values)
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        self._clear_errors()
        return [rx.redirect(f"{routes.STAFF_EMERGENCY_PLAN}?kind={self._kind()}"),
                toast_success(self._("Version {n} saved.", n=version))]


S = EmergencyPlanState
P = S.plan


def _plan() -> rx.Component:
    return rx.box(
        rx.hstack(rx.heading(kind_label(P["kind"]), size="6", as_="h2"),
                  rx.cond(P["version"] != "0",
                          rx.badge(t("Version {n}", n=P["version"]), variant="soft")),
                  rx.cond(P["old"] != "", rx.badge(t("An earlier version"),
                                                   color_scheme="amber")),
                  rx.spacer(),
                  rx.button(rx.icon("printer", size=16), t("Print"), variant="soft",
                            on_click=rx.call_script("window.print()"), class_name="no-print",
                            id="print-plan"),
                  align="center", wrap="wrap", width="100%"),
        rx.cond(P["version"] != "0", rx.vstack(
            rx.heading(P["title"], size="4", as_="h3"),
            rx.text(t("Saved {when} by {who}", when=P["saved"], who=P["by"]), size="1",
                    color_scheme="gray"),
            rx.html(P["html"], class_name="markdown", id="plan-body"),
            spacing="2", width="100%", margin_top="12px"),
            rx.text(t("No plan of this kind has been written yet."), color_scheme="gray",
                    margin_top="12px")),
        class_name="surface", width="100%", id="plan")


def _history() -> rx.Component:
    def row(v) -> rx.Component:  # noqa: ANN001
        return rx.hstack(
            rx.link(t("Version {n}", n=v["version"]),
                    href=f"{routes.STAFF_EMERGENCY_PLAN}?kind=" + P["kind"] + "&version="
                    + v["version"]),
            rx.text(v["saved"] + " · " + v["by"], size="1", color_scheme="gray"),
            rx.text(v["note"], size="1"), wrap="wrap", align="center")
    return rx.cond(S.history.length() > 0, rx.box(
        rx.heading(t("Versions"), size="4", as_="h2", margin_bottom="8px"),
        rx.vstack(rx.foreach(S.history, row), spacing="2"),
        class_name="surface no-print", width="100%", id="plan-history"))


def _editor() -> rx.Component:
    return rx.cond(S.can_edit, rx.box(
        rx.heading(t("Save a new version"), size="4", as_="h2", margin_bottom="8px"),
        form_error(S.form_error),
        rx.form(rx.vstack(
            form_field(t("Title"), "title", errors=S.errors, required=True, max_length=200,
                       default_value=P["title"], key=P["version"]),
            rx.el.label(t("What people must do (Markdown)"), html_for="field-body",
                        class_name="field-label"),
            rx.text_area(id="field-body", name="body", rows="14", width="100%",
                         default_value=P["body"], key=P["version"], required=True),
            rx.text(field_error(S.errors, "body"), size="1", color_scheme="red", role="alert",
                    class_name="field-error"),
            form_field(t("What changed (optional)"), "note", errors=S.errors, max_length=500),
            rx.button(t("Save as a new version"), type="submit", size="3", id="save-plan"),
            spacing="3", width="100%", align="start"), on_submit=S.save),
        class_name="surface no-print", width="100%"))


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(S.error, rx.vstack(
            rx.link(rx.hstack(rx.icon("arrow-left", size=16), t("Emergency plans"),
                              align="center", spacing="1"),
                    href=routes.STAFF_EMERGENCY_PLANS, size="2", class_name="no-print"),
            _plan(), _history(), _editor(), spacing="4", width="100%")),
    )


ON_LOAD = EmergencyPlanState.load
