"""A published platform text (rules, safety guide): its version line and its safe HTML."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars.base import Var

from portal.domain.timefmt import format_moment
from portal.services.platform_texts import TextVersion
from portal.ui.i18n import t


def text_dict(text: TextVersion, time_zone: str, locale: str) -> dict[str, Any]:
    """What a page shows of a version (the HTML is rendered and cleaned by the service)."""
    return {"version": str(text.version), "html": text.html, "body": text.body,
            "published": format_moment(text.published_at, time_zone, locale),
            "by": text.published_by}


def text_body(text: Var, element_id: str) -> rx.Component:
    return rx.vstack(
        rx.text(t("Version {n}, published {when}", n=text["version"].to(str),
                  when=text["published"].to(str)), size="1", color_scheme="gray",
                id=f"{element_id}-version"),
        rx.html(text["html"].to(str), class_name="markdown", id=element_id),
        spacing="2", width="100%", align="start")
