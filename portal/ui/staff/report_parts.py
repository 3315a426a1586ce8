"""Pieces of the finance screens: a labelled native select (an "all" choice needs an empty
value, which Radix's select refuses), figure tiles, a plain table of text rows, and a chart
with its table equivalent for people who cannot see it."""

from __future__ import annotations

import reflex as rx
from reflex.vars import Var

from portal.ui.components.form import field_error
from portal.ui.i18n import t

INCOME_COLOUR = "var(--teal-9)"
# read by screen readers, not shown (the heading above the table says it already)
VISUALLY_HIDDEN = {"position": "absolute", "width": "1px", "height": "1px", "overflow": "hidden",
                   "clip": "rect(0 0 0 0)", "white_space": "nowrap"}
REFUND_COLOUR = "var(--tomato-9)"


def select_field(label: Var, name: str, options: Var | None, *, value: Var, errors: Var,
                 all_label: Var | None = None, fixed: list[tuple[str, Var]] | None = None
                 ) -> rx.Component:
    """A native select; `options` are {"id", "name"} rows, `fixed` fixed (value, label)."""
    field_id = f"field-{name}"
    choices = [rx.el.option(text, value=v) for v, text in (fixed or [])]
    return rx.vstack(
        rx.el.label(label, html_for=field_id, class_name="field-label"),
        rx.el.select(
            *([rx.el.option(all_label, value="")] if all_label is not None else []),
            *choices,
            *([rx.foreach(options, lambda o: rx.el.option(o["name"], value=o["id"]))]
              if options is not None else []),
            id=field_id, name=name, default_value=value, class_name="native-select",
            style={"height": "32px", "border": "1px solid var(--gray-7)",
                   "border_radius": "var(--radius-2)", "padding": "0 8px",
                   "background": "var(--color-surface)", "max_width": "100%",
                   "min_width": "160px", "font_size": "14px"}),
        rx.cond(field_error(errors, name) != "",
                rx.text(field_error(errors, name), color_scheme="red", size="1",
                        id=f"{field_id}-error")),
        spacing="1", align="start")


def figure(label: Var, value: Var, *, hint: Var | None = None, tone: str = "gray"
           ) -> rx.Component:
    return rx.box(
        rx.text(label, size="2", color_scheme="gray"),
        rx.text(value, size="4", weight="bold", class_name="tabular", color_scheme=tone,
                white_space="nowrap"),
        rx.text(hint, size="1", color_scheme="gray") if hint is not None else rx.fragment(),
        class_name="surface", padding="12px 16px", min_width="160px", flex="1 1 160px")


def text_table(rows: Var, columns: list[tuple[str, Var]], *, caption: Var,
               table_id: str) -> rx.Component:
    """Rows of text as a table that scrolls sideways on a narrow screen."""
    return rx.box(
        rx.table.root(
            rx.el.caption(caption, style=VISUALLY_HIDDEN),
            rx.table.header(rx.table.row(
                *[rx.table.column_header_cell(label) for _, label in columns])),
            rx.table.body(rx.foreach(rows, lambda row: rx.table.row(
                *[rx.table.cell(rx.text(row[key], class_name="tabular", size="2"),
                                white_space="nowrap") for key, _ in columns]))),
            variant="surface", size="1", id=table_id),
        overflow_x="auto", width="100%")


def chart_with_table(title: Var, chart: rx.Component, rows: Var,
                     columns: list[tuple[str, Var]], *, chart_id: str) -> rx.Component:
    """A chart, and the same figures as a table (a screen reader reads the table)."""
    return rx.vstack(
        rx.heading(title, size="3", as_="h3"),
        rx.box(chart, width="100%", aria_hidden="true", id=chart_id),
        rx.el.details(
            rx.el.summary(t("The chart's figures as a table"), class_name="details-summary",
                          style={"cursor": "pointer", "font_size": "14px"}),
            text_table(rows, columns, caption=title, table_id=f"{chart_id}-table")),
        spacing="2", width="100%", class_name="surface", padding="16px")


def income_refund_bars(data: Var, x_key: str, *, layout_vertical: bool = False
                       ) -> rx.Component:
    """Income and refunds side by side; the legend and tooltip in the reader's language."""
    axes = [rx.recharts.x_axis(data_key=x_key, tick_line=False, font_size=12),
            rx.recharts.y_axis(allow_decimals=False, font_size=12, width=70)]
    if layout_vertical:
        axes = [rx.recharts.x_axis(type_="number", allow_decimals=False, font_size=12),
                rx.recharts.y_axis(data_key=x_key, type_="category", width=150,
                                   font_size=12)]
    return rx.recharts.bar_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
        *axes,
        rx.recharts.tooltip(),
        rx.recharts.legend(),
        rx.recharts.bar(data_key="income", name=t("Income"), fill=INCOME_COLOUR,
                        radius=[3, 3, 0, 0]),
        rx.recharts.bar(data_key="refunds", name=t("Refunds"), fill=REFUND_COLOUR,
                        radius=[3, 3, 0, 0]),
        data=data, layout="vertical" if layout_vertical else "horizontal",
        width="100%", height=300, margin={"top": 8, "right": 16, "left": 8, "bottom": 8})
