"""The platform's conduct rules (rules §2.2.3), which every account accepts at sign-up."""

from __future__ import annotations

import reflex as rx

from portal.i18n import N_
from portal.ui import routes
from portal.ui.i18n import t
from portal.ui.layout import public_layout

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


def page() -> rx.Component:
    return public_layout(
        rx.box(
            rx.heading(t("Platform rules"), size="7", as_="h1", id="page-title"),
            rx.text(t("Your rights and duties as a user of the platform."), color_scheme="gray",
                    margin_y="12px"),
            rx.el.ol(*[rx.el.li(t(rule), margin_bottom="8px") for rule in RULES],
                     padding_left="20px"),
            class_name="surface",
            margin_top="32px",
        )
    )
