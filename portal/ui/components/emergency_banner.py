"""The emergency banner on an event's page and its tickets, while a broadcast is live."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.domain.timefmt import format_datetime
from portal.services.emergency_broadcasts import Banner
from portal.ui.i18n import t


def banner_rows(banners: list[Banner], time_zone: str, locale: str) -> list[dict[str, str]]:
    return [{"id": str(b.id), "message": b.message,
             "at": format_datetime(b.sent_at, time_zone, locale)} for b in banners]


def emergency_banners(banners: Var) -> rx.Component:
    def one(banner) -> rx.Component:  # noqa: ANN001
        return rx.callout.root(
            rx.callout.icon(rx.icon("siren")),
            rx.vstack(
                rx.text(t("Emergency message"), " · ", banner["at"], weight="bold", size="2"),
                rx.text(banner["message"], white_space="pre-line"),
                spacing="1"),
            color_scheme="red", variant="surface", role="alert", width="100%",
            class_name="emergency-banner")
    return rx.cond(banners.length() > 0,
                   rx.vstack(rx.foreach(banners, one), spacing="2", width="100%",
                             margin_bottom="16px", id="emergency-banner"))
