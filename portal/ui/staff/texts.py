"""The platform rules and the safety guide, for administrators: write the next version in
Markdown, preview it as people will see it, publish it. Every signed-in person accepts new
rules before using the portal again; organizer members confirm a new safety guide before
their next event submission."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portal.domain.errors import DomainError
from portal.domain.models.document import BODY_LIMIT, TextKind
from portal.i18n import N_
from portal.services import platform_texts
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.confirm import confirm_dialog
from portal.ui.components.feedback import toast_success, unless_refused
from portal.ui.components.platform_text import text_dict
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_TEXTS
TITLE = N_("Rules and safety guide")
KINDS = [kind.value for kind in TextKind]


class PlatformTextsState(SessionState):
    kind: str = TextKind.RULES.value
    body: str = ""
    preview_html: str = ""
    history: list[dict[str, Any]] = []
    body_error: str = ""
    version: int = 0  # re-mounts the editor with the text in force after a load
    error: str = ""

    def _show_field_error(self, field: str, message: str) -> bool:
        if field != "body":
            return False
        self.body_error = message
        return True

    async def _refresh(self) -> None:
        versions = await self._read(platform_texts.text_history, kind=self.kind)
        zone, locale = get_settings().time_zone, self._locale()
        self.history = [text_dict(v, zone, locale) for v in versions]
        self.body = versions[0].body if versions else ""
        self.preview_html, self.body_error, self.error = "", "", ""
        self.version += 1

    @rx.event
    async def load(self) -> None:
        try:
            await self._refresh()
        except DomainError as error:
            self.history, self.error = [], self._error(error)

    @rx.event
    async def choose(self, kind: str | list[str]):
        chosen = kind[0] if isinstance(kind, list) and kind else kind
        self.kind = chosen if isinstance(chosen, str) and chosen in KINDS \
            else TextKind.RULES.value
        try:
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        return None

    @rx.event
    def keep_body(self, value: str) -> None:
        """The editor's text (kept on the server for the preview and the publish)."""
        self.body = str(value)[:BODY_LIMIT + 1]

    @rx.event
    async def preview(self):
        try:
            self.preview_html = await self._read(platform_texts.preview_text, body=self.body)
            self.body_error = ""
        except DomainError as error:
            self.preview_html = ""
            return self._fail(error)
        return None

    @rx.event
    async def publish(self):
        try:
            published = await self._write(platform_texts.publish_text, kind=self.kind,
                                          body=self.body)
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        return toast_success(self._("Version {n} is published.", n=published.version))


S = PlatformTextsState


def _editor() -> rx.Component:
    return rx.vstack(
        rx.el.label(t("Next version (Markdown)"), html_for="field-body", class_name="field-label"),
        rx.text_area(default_value=S.body, key="body-" + S.version.to(str), id="field-body",
                     name="body", on_blur=S.keep_body, rows="14", width="100%",
                     max_length=BODY_LIMIT, class_name="markdown-editor"),
        rx.text(S.body_error, size="1", color_scheme="red", role="alert",
                class_name="field-error", id="error-body"),
        rx.text(t("Headings (#), lists, links and emphasis are shown; HTML is not."), size="1",
                color_scheme="gray"),
        rx.flex(
            rx.button(t("Preview"), variant="soft", on_click=S.preview, id="preview-text"),
            confirm_dialog(
                rx.button(t("Publish as a new version"), id="publish-text"),
                title=t("Publish this version?"),
                description=rx.cond(
                    S.kind == "rules",
                    t("Everyone signed in must accept the new rules before using the portal "
                      "again."),
                    t("Organizer members must confirm the new guide before their next event "
                      "submission.")),
                confirm_label=t("Publish"), danger=False, on_confirm=S.publish),
            spacing="3", wrap="wrap"),
        rx.cond(S.preview_html != "", rx.box(
            rx.heading(t("Preview"), size="3", as_="h3", margin_bottom="8px"),
            rx.html(S.preview_html, class_name="markdown", id="text-preview"),
            class_name="surface", width="100%")),
        spacing="2", width="100%", align="start", class_name="surface")


def _version(item: rx.Var) -> rx.Component:
    return rx.el.details(
        rx.el.summary(t("Version {n}, published {when} by {who}", n=item["version"].to(str),
                        when=item["published"].to(str), who=item["by"].to(str))),
        rx.html(item["html"].to(str), class_name="markdown"),
        class_name="history-item")


def _history() -> rx.Component:
    return rx.box(
        rx.heading(t("Published versions"), size="4", as_="h2", margin_bottom="8px"),
        rx.cond(S.history.length() > 0,
                rx.vstack(rx.foreach(S.history, _version), spacing="2", id="text-history"),
                rx.text(t("Nothing is published yet."), color_scheme="gray", size="2")),
        class_name="surface", width="100%")


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(S.error, rx.vstack(
            rx.segmented_control.root(
                rx.segmented_control.item(t("Platform rules"), value="rules"),
                rx.segmented_control.item(t("Safety guide"), value="safety_guide"),
                value=S.kind, on_change=S.choose, id="text-kind"),
            _editor(), _history(), spacing="4", width="100%", align="start")),
    )


ON_LOAD = S.load
