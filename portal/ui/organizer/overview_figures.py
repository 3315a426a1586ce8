"""The organizer overview's figures and charts: tickets sold, seats left, income, refunds and
net; registrations per day over the last 30 days and income per event as Recharts charts, each
with its numbers as text beside it (a table, or a summary the screen reader reads)."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars.base import Var

from portal import links
from portal.domain.money import Money
from portal.services.organizer_figures import DAYS, OrganizerFigures
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.i18n import t

CHART_HEIGHT = 240


def figures_data(view: OrganizerFigures, locale: str) -> dict[str, Any]:
    """The figures as the page draws them: amounts formatted for the reader, chart values in
    major units of the main currency (the one with the most income)."""
    main = view.money[0].currency if view.money else get_settings().currency

    def money(minor: int, currency: str = main) -> str:
        return Money(currency, minor).format(locale)

    def totals(field: str) -> str:
        return " · ".join(money(getattr(m, field), m.currency) for m in view.money) or money(0)

    def major(minor: int) -> float:
        return float(Money(main, minor).to_decimal())

    charted = [e for e in view.events
               if e.currency == main and (e.income_minor or e.refunds_minor)]
    return {
        "tiles": {"events": str(view.events_total), "tickets": str(view.tickets_sold),
                  "seats": str(view.seats_left), "income": totals("income_minor"),
                  "refunds": totals("refunds_minor"), "net": totals("net_minor"),
                  "currency": main,
                  "registrations": str(sum(d.registrations for d in view.per_day))},
        "events": [{"name": e.name, "href": links.with_id(routes.ORGANIZER_REGISTRATIONS, e.id),
                    "tickets": str(e.tickets_sold),
                    "seats": f"{e.seats_left} / {e.capacity}" if e.on_sale else "—",
                    "income": money(e.income_minor, e.currency),
                    "refunds": money(e.refunds_minor, e.currency),
                    "net": money(e.net_minor, e.currency), "status": e.status.value}
                   for e in view.events],
        "days": [{"label": d.day.strftime("%m-%d"), "day": d.day.isoformat(),
                  "count": d.registrations} for d in view.per_day],
        "income": [{"name": e.name if len(e.name) <= 22 else e.name[:21] + "…",
                    "income": major(e.income_minor), "refunds": major(e.refunds_minor)}
                   for e in charted],
    }


def _tile(label: Var, value: Var, icon: str, tile_id: str, **props: Any) -> rx.Component:
    return rx.box(rx.vstack(
        rx.hstack(rx.icon(icon, size=16, aria_hidden="true"), rx.text(label, size="2"),
                  color=rx.color("gray", 11), align="center", spacing="2"),
        rx.text(value, size="5", weight="bold", class_name="tabular", id=tile_id),
        spacing="1"), class_name="surface glance-tile", **props)


def _tiles(tiles: Var) -> rx.Component:
    return rx.grid(
        _tile(t("Tickets sold"), tiles["tickets"], "ticket", "figure-tickets"),
        _tile(t("Seats left"), tiles["seats"], "armchair", "figure-seats"),
        _tile(t("Income"), tiles["income"], "banknote", "figure-income"),
        _tile(t("Refunds"), tiles["refunds"], "undo-2", "figure-refunds"),
        _tile(t("Net"), tiles["net"], "wallet", "figure-net",  # a row of its own on phones
              grid_column=rx.breakpoints(initial="span 2", md="auto")),
        columns=rx.breakpoints(initial="2", md="5"), spacing="3", width="100%")


def _per_day(days: Var, tiles: Var) -> rx.Component:
    chart = rx.box(
        rx.recharts.bar_chart(
            rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
            rx.recharts.x_axis(data_key="label", interval="preserveStartEnd", min_tick_gap=16),
            rx.recharts.y_axis(allow_decimals=False, width=32),
            rx.recharts.graphing_tooltip(),
            rx.recharts.bar(data_key="count", name=t("Registrations"),
                            fill=rx.color("accent", 9), radius=[3, 3, 0, 0],
                            is_animation_active=False),
            data=days, width="100%", height=CHART_HEIGHT),
        role="img", id="chart-registrations", width="100%",
        aria_label=t("Registrations per day over the last {days} days: {n} in all",
                     days=str(DAYS), n=tiles["registrations"]))
    table = rx.el.details(
        rx.el.summary(t("Show the numbers"), class_name="figures-summary"),
        rx.table.root(
            rx.table.header(rx.table.row(rx.table.column_header_cell(t("Day")),
                                         rx.table.column_header_cell(t("Registrations")))),
            rx.table.body(rx.foreach(days, lambda d: rx.cond(
                d["count"].to(int) > 0,
                rx.table.row(rx.table.cell(d["day"], class_name="tabular"),
                             rx.table.cell(d["count"].to(str), class_name="tabular"))))),
            size="1", width="100%"))
    return rx.box(
        rx.heading(t("Registrations per day"), size="4", as_="h2"),
        rx.text(t("The last {days} days, in the platform's time zone", days=str(DAYS)),
                size="2", color_scheme="gray", margin_bottom="8px"),
        rx.cond(tiles["registrations"] != "0", rx.vstack(chart, table, width="100%"),
                rx.text(t("No registrations in the last {days} days.", days=str(DAYS)),
                        color_scheme="gray", size="2", id="no-registrations")),
        class_name="surface", width="100%", min_width="0")


def _income(income: Var, tiles: Var) -> rx.Component:
    height = income.length() * 44 + 70
    chart = rx.box(
        rx.recharts.bar_chart(
            rx.recharts.cartesian_grid(stroke_dasharray="3 3", horizontal=False),
            rx.recharts.x_axis(type_="number", allow_decimals=False),
            rx.recharts.y_axis(data_key="name", type_="category", width=140),
            rx.recharts.graphing_tooltip(),
            rx.recharts.legend(),
            rx.recharts.bar(data_key="income", name=t("Income"), fill=rx.color("accent", 9),
                            radius=[0, 3, 3, 0], is_animation_active=False),
            rx.recharts.bar(data_key="refunds", name=t("Refunds"), fill=rx.color("orange", 9),
                            radius=[0, 3, 3, 0], is_animation_active=False),
            data=income, layout="vertical", width="100%", height=height),
        role="img", id="chart-income", width="100%",
        aria_label=t("Income and refunds per event; the table below lists each amount"))
    return rx.box(
        rx.heading(t("Income per event"), size="4", as_="h2"),
        rx.text(t("Amounts in {currency}; the latest events", currency=tiles["currency"]),
                size="2", color_scheme="gray", margin_bottom="8px"),
        rx.cond(income.length() > 0, chart,
                rx.text(t("No income yet: the events listed below are free or unpaid so far."),
                        color_scheme="gray", size="2", id="no-income")),
        class_name="surface", width="100%", min_width="0")


def _event_table(events: Var) -> rx.Component:
    columns = [("Event", "name"), ("Tickets sold", "tickets"), ("Seats left", "seats"),
               ("Income", "income"), ("Refunds", "refunds"), ("Net", "net")]

    def cell(event: Var, label: str, key: str) -> rx.Component:
        body = rx.link(event["name"], href=event["href"]) if key == "name" else event[key]
        return rx.table.cell(body, custom_attrs={"data-label": t(label)},
                             class_name="cell-primary" if key == "name" else "tabular")

    return rx.box(
        rx.heading(t("Figures per event"), size="4", as_="h2", margin_bottom="8px"),
        rx.box(rx.table.root(
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(t(label))
                                           for label, _ in columns])),
            rx.table.body(rx.foreach(events, lambda e: rx.table.row(
                *[cell(e, label, key) for label, key in columns]))),
            variant="surface", width="100%", class_name="data-table"),
            class_name="table-scroll", width="100%"),
        class_name="surface", width="100%", id="figures-per-event")


def figures(tiles: Var, events: Var, days: Var, income: Var) -> rx.Component:
    """The whole figures section; a clear empty state before the first published event."""
    return rx.cond(
        tiles.contains("events"),
        rx.cond(
            tiles["events"] != "0",
            rx.vstack(
                rx.heading(t("Sales and money"), size="5", as_="h2"),
                _tiles(tiles),
                rx.grid(_per_day(days, tiles), _income(income, tiles),
                        columns=rx.breakpoints(initial="1", md="2"), spacing="4",
                        width="100%"),
                _event_table(events), spacing="3", width="100%", id="figures"),
            rx.hstack(  # compact: the upcoming events' empty state already offers "New event"
                rx.icon("chart-column", size=24, color=rx.color("gray", 9), aria_hidden="true",
                        flex_shrink="0"),
                rx.vstack(rx.heading(t("No sales yet"), size="4", as_="h2"),
                          rx.text(t("Once an event is published, its tickets sold, income and "
                                    "registrations per day show here."),
                                  color_scheme="gray", size="2"), spacing="1"),
                align="center", spacing="3", class_name="surface", width="100%",
                id="figures-empty")),
    )
