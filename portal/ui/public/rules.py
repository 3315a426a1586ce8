"""The platform's conduct rules (rules §2.2.3): the version in force, which every account
accepts (again, when it changes). Until an administrator publishes one, the built-in rules."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portal.domain.errors import DomainError
from portal.i18n import N_
from portal.services import platform_texts
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.platform_text import text_body, text_dict
from portal.ui.i18n import t
from portal.ui.layout import public_layout
from portal.ui.session import SessionState

ROUTE = routes.RULES
TITLE = N_("Platform rules")

RULES = (
    N_("Give real, accurate and complete information about yourself, and keep it up to date."),
    N_("Do not publish illegal or false information, and do not advertise falsely."),
    N_("Do not attack, harass or defraud other people on or through the platform."),
    N_("Organizers publish events only after the platform has reviewed them, and tell the "
       "platform in advance, with reasons, about any change or cancellation."),
    N_("Follow the guidance and safety instructions of each event you take part in."),
    N_("The platform may suspend or close accounts that break these rules, and tells the "
       "person why."),
)


class RulesState(SessionState):
    text: dict[str, Any] = {}
    loaded: bool = False

    @rx.event
    async def load(self) -> None:
        try:
            found = await self._read(platform_texts.read_text, kind="rules")
        except DomainError:
            found = None
        self.text = text_dict(found, get_settings().time_zone, self._locale()) if found else {}
        self.loaded = True


def built_in_rules() -> rx.Component:
    return rx.el.ol(*[rx.el.li(t(rule), margin_bottom="8px") for rule in RULES],
                    padding_left="20px", id="rules-built-in")


def page() -> rx.Component:
    return public_layout(
        rx.box(
            rx.heading(t("Platform rules"), size="7", as_="h1", id="page-title"),
            rx.text(t("Your rights and duties as a user of the platform."), color_scheme="gray",
                    margin_y="12px"),
            rx.cond(RulesState.text.contains("html"),
                    text_body(RulesState.text, "rules-text"),
                    rx.cond(RulesState.loaded, built_in_rules())),
            class_name="surface",
            margin_top="32px",
        )
    )


ON_LOAD = RulesState.load
