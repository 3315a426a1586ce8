"""Money and dates. Services format them with Babel in the viewer's locale and time zone
(portal.domain.money / portal.domain.timefmt); these components only lay the text out."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var


def money_text(formatted: Var | str, **props) -> rx.Component:
    return rx.text(formatted, as_="span", class_name="tabular", **props)


def datetime_text(formatted: Var | str, iso: Var | str = "", **props) -> rx.Component:
    return rx.el.time(formatted, date_time=iso, class_name="tabular", **props)
