"""The platform's safety guide for organizers (rules §4.3): a member reads the version in force
and confirms it; events are submitted only after that, and again when it changes."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import platform_texts
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.feedback import empty_state, toast_success
from portal.ui.components.platform_text import text_body, text_dict
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.ORGANIZER_SAFETY_GUIDE
TITLE = N_("Safety guide")


class SafetyGuideState(SessionState):
    text: dict[str, Any] = {}
    confirmed: bool = False
    loaded: bool = False

    async def _refresh(self) -> None:
        found = await self._read(platform_texts.read_text, kind="safety_guide")
        standing = await self._read(platform_texts.my_standing, kind="safety_guide")
        self.text = text_dict(found, get_settings().time_zone, self._locale()) if found else {}
        self.confirmed, self.loaded = standing.accepted, True

    @rx.event
    async def load(self) -> None:
        try:
            await self._refresh()
        except DomainError:
            self.text, self.loaded = {}, True

    @rx.event
    async def confirm(self):
        version = int(self.text.get("version") or 0)
        try:
            await self._write(platform_texts.accept_text, kind="safety_guide", version=version)
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        return toast_success(self._("Thank you: you confirmed the safety guide."))


def page() -> rx.Component:
    S = SafetyGuideState
    return portal_layout(
        routes.ORGANIZER_PORTAL, TITLE, ROUTE,
        rx.cond(
            S.text.contains("html"),
            rx.vstack(
                rx.text(t("Read the platform's safety guide before you submit an event. Your "
                          "event's own safety plan builds on it."), color_scheme="gray"),
                rx.box(text_body(S.text, "safety-guide-text"), class_name="surface",
                       width="100%"),
                rx.cond(
                    S.confirmed,
                    rx.callout(t("You have confirmed this version."), icon="circle-check",
                               color_scheme="green", id="safety-guide-confirmed"),
                    rx.button(t("I have read the safety guide and will follow it"),
                              on_click=S.confirm, size="3", id="confirm-safety-guide")),
                spacing="4", width="100%", align="start"),
            rx.cond(S.loaded, empty_state(
                "hard-hat", t("No safety guide is published yet"),
                t("When the platform publishes one, you confirm it here before submitting "
                  "an event.")))),
    )


ON_LOAD = SafetyGuideState.load
