"""Platform settings for administrators: the rules the platform tunes (deadlines, calendar),
changed without code or a restart. Each value is checked on the server and a refusal shows
beside its field; every change is in the audit log with its old and new value."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError
from portal.domain.tunables import TUNABLES, Tunable
from portal.i18n import N_
from portal.services import platform_settings
from portal.services.commands import form_values
from portal.ui import routes
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.feedback import toast_success, unless_refused
from portal.ui.components.form import form_field
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_SETTINGS
TITLE = N_("Platform settings")
KEYS = [tunable.key for tunable in TUNABLES]


class PlatformSettingsState(SessionState):
    values: dict[str, str] = {}
    defaults: dict[str, str] = {}
    changed: list[str] = []
    errors: dict[str, str] = {}
    version: int = 0  # re-mounts the form's inputs with the stored values after a load
    error: str = ""

    def _fill(self, views: list[platform_settings.SettingView]) -> None:
        self.values = {view.key: view.value for view in views}
        self.defaults = {view.key: view.default for view in views}
        self.changed = [view.key for view in views if view.changed]
        self.version += 1
        self.error = ""

    def _show_field_error(self, field: str, message: str) -> bool:
        if field not in KEYS:
            return False
        self.errors = {field: message}
        return True

    @rx.event
    async def load(self) -> None:
        try:
            self._fill(await self._read(platform_settings.list_settings))
        except DomainError as error:
            self.values, self.error = {}, self._error(error)

    @rx.event
    async def save(self, form: dict):
        sent = [key for key in KEYS if isinstance(form, dict) and key in form]
        changes = form_values(form, sent, limit=platform_settings.MAX_TEXT)
        try:
            self._fill(await self._write(platform_settings.change_settings, changes=changes))
        except DomainError as error:
            return self._fail(error)
        self.errors = {}
        return toast_success(self._("Settings saved. They apply from the next request."))

    @rx.event
    async def reset_setting(self, key: str):
        key = str(key)[:60]
        if key not in KEYS:
            return None
        try:
            views = await self._read(platform_settings.list_settings)
            default = next(view.default for view in views if view.key == key)
            self._fill(await self._write(platform_settings.change_settings,
                                         changes={key: default}))
        except DomainError as error:
            return self._fail(error)
        self.errors = {}
        return toast_success(self._("Back to the default value."))


def _field(tunable: Tunable) -> rx.Component:
    S = PlatformSettingsState
    value = S.values.get(tunable.key, "").to(str)
    changed = S.changed.contains(tunable.key)
    return rx.box(
        form_field(t(tunable.label), tunable.key, errors=S.errors, hint=t(tunable.hint),
                   required=not tunable.may_be_empty, default_value=value,
                   key=f"{tunable.key}-" + S.version.to(str),
                   max_length=platform_settings.MAX_TEXT),
        rx.hstack(
            rx.text(t("Default: {value}", value=S.defaults.get(tunable.key, "").to(str)),
                    size="1", color_scheme="gray"),
            rx.cond(changed, rx.badge(t("Changed"), color_scheme="amber")),
            rx.cond(changed, confirm_dialog(
                rx.button(t("Reset to default"), variant="ghost", size="1", type="button",
                          id=f"reset-{tunable.key}"),
                title=t("Go back to the default value?"),
                description=t("The value from the platform's configuration applies again."),
                confirm_label=t("Reset to default"), danger=False,
                on_confirm=S.reset_setting(tunable.key))),
            align="center", spacing="3", margin_top="4px",
        ),
        width="100%",
    )


def _groups() -> list[rx.Component]:
    groups: dict[str, list[Tunable]] = {}
    for tunable in TUNABLES:
        groups.setdefault(tunable.group, []).append(tunable)
    return [rx.box(rx.heading(t(group), size="4", as_="h2", margin_bottom="12px"),
                   rx.grid(*[_field(item) for item in items],
                           columns=rx.breakpoints(initial="1", md="2"), spacing="4"),
                   class_name="surface", width="100%")
            for group, items in groups.items()]


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(
            PlatformSettingsState.error,
            rx.form(
                rx.vstack(
                    rx.text(t("The environment gives each value; a value changed here wins "
                              "until it is reset. Changes apply from the next request and are "
                              "written to the audit log."), color_scheme="gray", size="2"),
                    *_groups(),
                    rx.button(t("Save settings"), type="submit", size="3", id="save-settings"),
                    rx.callout(rx.hstack(
                        rx.text(t("The platform rules and the safety guide are versioned "
                                  "texts:")),
                        rx.link(t("Rules and safety guide"), href=routes.STAFF_TEXTS,
                                id="settings-texts-link"), wrap="wrap", spacing="1"),
                        icon="book-open-text", color_scheme="gray", width="100%"),
                    spacing="4", width="100%", align="start",
                ),
                on_submit=PlatformSettingsState.save,
            ),
        ),
    )


ON_LOAD = PlatformSettingsState.load
