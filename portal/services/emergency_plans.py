"""The platform's emergency plans (rules §4.1.2): one per kind — fire, earthquake, network
attack, other incidents. Administrators write them; every save is a new version and the old
ones stay; all staff read them (and print them)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal.domain.emergency_enums import EmergencyPlanKind
from portal.domain.errors import Conflict, Forbidden, NotFound
from portal.domain.models import EmergencyPlan, User
from portal.domain.policies import Actor, can_change_settings, can_use_staff_portal
from portal.i18n import N_
from portal.services import audit
from portal.services.event_views import render_markdown
from portal.services.supervision_access import optional_text, required_text

TITLE_LIMIT = 200
BODY_LIMIT = 50_000


class PlanVersion(BaseModel):
    kind: EmergencyPlanKind
    version: int  # 0: no plan written yet
    title: str = ""
    body: str = ""
    body_html: str = ""
    note: str = ""
    saved_by: str = ""
    saved_at: datetime | None = None


class PlanDetail(BaseModel):
    current: PlanVersion
    history: list[PlanVersion]  # newest first, the current one included
    can_edit: bool


def _require_staff(actor: Actor) -> None:
    if not can_use_staff_portal(actor):
        raise Forbidden("Only platform staff can read the emergency plans.")


def plan_kind(value: EmergencyPlanKind | str) -> EmergencyPlanKind:
    try:
        return EmergencyPlanKind(value)
    except ValueError:
        raise NotFound("No such emergency plan.") from None


def _view(plan: EmergencyPlan, saved_by: str | None, *, html: bool) -> PlanVersion:
    return PlanVersion(kind=EmergencyPlanKind(plan.kind), version=plan.version,
                       title=plan.title, body=plan.body,
                       body_html=render_markdown(plan.body) if html else "", note=plan.note,
                       saved_by=saved_by or "", saved_at=plan.created_at)


def _versions(session: Session, kind: EmergencyPlanKind):  # noqa: ANN202
    return session.exec(select(EmergencyPlan, User.name)
                        .outerjoin(User, col(User.id) == EmergencyPlan.saved_by_id)
                        .where(EmergencyPlan.kind == kind.value)
                        .order_by(col(EmergencyPlan.version).desc())).all()


def list_plans(session: Session, actor: Actor) -> list[PlanVersion]:
    """The plan in force of every kind (version 0 where none was written)."""
    _require_staff(actor)
    plans = []
    for kind in EmergencyPlanKind:
        rows = _versions(session, kind)
        plans.append(_view(rows[0][0], rows[0][1], html=False) if rows
                     else PlanVersion(kind=kind, version=0))
    return plans


def get_plan(session: Session, actor: Actor, *, kind: str,
             version: int | None = None) -> PlanDetail:
    """One kind's plan (the one in force, or an older version) and its history."""
    _require_staff(actor)
    wanted = plan_kind(kind)
    rows = _versions(session, wanted)
    history = [_view(plan, name, html=False) for plan, name in rows]
    chosen = next(((p, n) for p, n in rows if version in (None, 0) or p.version == version),
                  None)
    if chosen is None and version:
        raise NotFound("No such version of this plan.")
    current = _view(*chosen, html=True) if chosen else PlanVersion(kind=wanted, version=0)
    return PlanDetail(current=current, history=history, can_edit=can_change_settings(actor))


def save_plan(session: Session, actor: Actor, *, kind: str, title: str, body: str,
              note: str = "", ip: str = "") -> int:
    """A new version of the plan; the number it got."""
    if not can_change_settings(actor):
        raise Forbidden("Only administrators can change the emergency plans.")
    wanted = plan_kind(kind)
    title = required_text(title, field="title", limit=TITLE_LIMIT,
                          missing=N_("Give the plan a title."))
    body = required_text(body, field="body", limit=BODY_LIMIT,
                         missing=N_("Write what people must do."))
    note = optional_text(note, field="note", limit=500)
    latest = session.exec(select(func.max(EmergencyPlan.version))
                          .where(EmergencyPlan.kind == wanted.value)).one() or 0
    if isinstance(latest, tuple):
        latest = latest[0] or 0
    plan = EmergencyPlan(kind=wanted.value, version=latest + 1, title=title, body=body,
                         note=note, saved_by_id=actor.user_id)
    session.add(plan)
    try:
        session.flush()
    except IntegrityError:  # two admins saved at once: the unique version refused one
        raise Conflict("Someone saved this plan at the same time; reload and try "
                       "again.") from None
    audit.record(session, actor_id=actor.user_id, action="emergency_plan.saved",
                 object_type="emergency_plan", object_id=plan.id,
                 before={"version": latest} if latest else None,
                 after={"kind": wanted.value, "version": plan.version, "title": title},
                 note=note, ip=ip)
    return plan.version
