"""The platform's emergency plans (rules §4.1.2): the plan in force for fire, earthquake,
network attack and other incidents, each opening to read, print or (administrators) revise."""

from __future__ import annotations

import reflex as rx

from portal.domain import labels
from portal.domain.errors import DomainError
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import emergency_plans
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.feedback import unless_refused
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import SessionState

ROUTE = routes.STAFF_EMERGENCY_PLANS
TITLE = N_("Emergency plans")
ICONS = {"fire": "flame", "earthquake": "activity", "network_attack": "shield-alert",
         "other": "triangle-alert"}


class EmergencyPlansState(SessionState):
    plans: list[dict[str, str]] = []
    error: str = ""

    @rx.event
    async def load(self) -> None:
        try:
            plans = await self._read(emergency_plans.list_plans)
        except DomainError as error:
            self.plans, self.error = [], self._error(error)
            return
        zone, locale = get_settings().time_zone, self._locale()
        self.plans = [{"kind": p.kind.value, "title": p.title, "version": str(p.version),
                       "saved": format_datetime(p.saved_at, zone, locale) if p.saved_at
                       else "", "by": p.saved_by} for p in plans]
        self.error = ""


def kind_label(kind) -> rx.Component:  # noqa: ANN001
    return rx.match(kind, *[(k, t(label)) for k, label in
                            labels.choices(labels.EMERGENCY_PLAN_KIND)], kind)


def _icon(kind) -> rx.Component:  # noqa: ANN001
    return rx.match(kind, *[(k, rx.icon(icon, size=22)) for k, icon in ICONS.items()],
                    rx.icon("life-buoy", size=22))


def _card(plan) -> rx.Component:  # noqa: ANN001
    return rx.link(
        rx.vstack(
            rx.hstack(_icon(plan["kind"]), rx.heading(kind_label(plan["kind"]), size="4",
                                                      as_="h2"), align="center"),
            rx.cond(plan["version"] != "0",
                    rx.vstack(rx.text(plan["title"], weight="medium"),
                              rx.text(t("Version {n}, saved {when} by {who}",
                                        n=plan["version"], when=plan["saved"],
                                        who=plan["by"]), size="1", color_scheme="gray"),
                              spacing="1"),
                    rx.badge(t("Not written yet"), color_scheme="amber", variant="soft")),
            spacing="2", align="start"),
        href=f"{routes.STAFF_EMERGENCY_PLAN}?kind=" + plan["kind"],
        class_name="surface event-card", id="plan-" + plan["kind"], underline="none")


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(EmergencyPlansState.error, rx.vstack(
            rx.text(t("What staff do when a fire, an earthquake, a network attack or another "
                      "incident happens. Open a plan to read or print it; administrators "
                      "revise them, and every earlier version is kept."),
                    size="2", color_scheme="gray"),
            rx.grid(rx.foreach(EmergencyPlansState.plans, _card),
                    columns=rx.breakpoints(initial="1", md="2"), spacing="3", width="100%"),
            spacing="3", width="100%")),
    )


ON_LOAD = EmergencyPlansState.load
