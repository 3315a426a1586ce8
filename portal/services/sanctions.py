"""The sanction ladder (rules §3.3.3): warn, suspend publishing (until a date or until lifted;
staff choose whether published events go on), revoke the qualification, and lift. Each needs
a reason, is audited on the organizer, emailed to its members and shown on its certificate.

Suspension and revocation act through the existing paths: the event services refuse a blocked
organizer (event_access.writable_organizer), and events that must stop are cancelled with
event_changes.cancel_event, so registrants are told and the cancellation-refund job pays
everyone back in full.

Lifting a revocation is allowed (a revocation found wrong on review): the qualification comes
back as it was, but events cancelled by the revocation stay cancelled — their registrants
were told and refunded. Lifting a warning takes it off the public page; the record stays."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update
from sqlmodel import Session, col, select

from portal import links
from portal.domain.clock import utcnow
from portal.domain.enums import (
    ORGANIZER_TRANSITIONS,
    ComplaintRemedyKind,
    EventStatus,
    OrganizerStatus,
    SanctionKind,
    can_transition,
)
from portal.domain.errors import Conflict, Invalid, NotFound
from portal.domain.models import Event, RectificationNotice, Sanction
from portal.domain.policies import Actor
from portal.i18n import N_
from portal.services import audit
from portal.services.complaint_remedy_links import check_complaint, link_remedy
from portal.services.event_access import organizer_members
from portal.services.event_changes import cancel_event
from portal.services.notifications import notify
from portal.services.organizer_standing import in_force, publishing_blocked, today
from portal.services.supervision_access import (
    acting_user,
    require_supervisor,
    required_text,
    supervised_organizer,
)

REASON_NEEDED = N_("Give the reason; the organizer reads it.")


def _reason(text: str, field: str = "reason") -> str:
    return required_text(text, field=field, limit=2000, missing=REASON_NEEDED)


def _check_links(session: Session, organizer_id: int, notice_id: int | None) -> None:
    if notice_id is None:
        return
    notice = session.get(RectificationNotice, notice_id)
    if notice is None or notice.organizer_id != organizer_id:
        raise Invalid("Choose one of this organizer's notices.", field="notice_id")


def _impose(session: Session, actor: Actor, organizer_id: int, kind: SanctionKind,
            reason: str, *, notice_id: int | None, complaint_id: int | None, ip: str,
            before: dict | None = None, after: dict | None = None, until: date | None = None,
            keep_published: bool = True, previous_status: str = "") -> Sanction:
    _check_links(session, organizer_id, notice_id)
    check_complaint(session, organizer_id, complaint_id)
    organizer = supervised_organizer(session, organizer_id)
    sanction = Sanction(organizer_id=organizer_id, kind=kind.value, reason=reason,
                        notice_id=notice_id, complaint_id=complaint_id,
                        created_by_id=acting_user(actor), until=until,
                        keep_published=keep_published, previous_status=previous_status)
    session.add(sanction)
    session.flush()
    link_remedy(session, complaint_id, ComplaintRemedyKind.SANCTION, sanction.id or 0)
    audit.record(session, actor_id=actor.user_id, action=f"sanction.{kind.value}",
                 object_type="organizer", object_id=organizer_id, before=before,
                 after={"sanction_id": sanction.id, "sanction": kind.value,
                        "until": sanction.until.isoformat() if sanction.until else None,
                        **(after or {})}, note=reason, ip=ip)
    notify(session, recipients=organizer_members(session, organizer_id),
           template="sanction_imposed",
           context={"organizer": organizer.legal_name, "kind": kind.value, "reason": reason,
                    "until": sanction.until.isoformat() if sanction.until else "",
                    "keep_published": sanction.keep_published},
           about=("organizer", organizer.id), link=links.ORGANIZER_NOTICES)
    return sanction


def _cancel_events(session: Session, organizer_id: int, reason: str, *,
                   not_started_only: bool) -> int:
    """Cancel the organizer's published events that have not ended (or not started)."""
    now = utcnow()
    moment = col(Event.starts_at) if not_started_only else col(Event.ends_at)
    events = session.exec(select(Event).where(
        col(Event.organizer_id) == organizer_id,
        col(Event.status) == EventStatus.PUBLISHED.value, moment > now)).all()
    for event in events:
        cancel_event(session, event, reason=reason)
    return len(events)


def warn_organizer(session: Session, actor: Actor, *, organizer_id: int, reason: str,
                   notice_id: int | None = None, complaint_id: int | None = None,
                   ip: str = "") -> int:
    require_supervisor(actor)
    sanction = _impose(session, actor, organizer_id, SanctionKind.WARNING, _reason(reason),
                       notice_id=notice_id, complaint_id=complaint_id, ip=ip)
    assert sanction.id is not None
    return sanction.id


def suspend_publishing(session: Session, actor: Actor, *, organizer_id: int, reason: str,
                       until: date | None, keep_published: bool,
                       notice_id: int | None = None, complaint_id: int | None = None,
                       ip: str = "") -> int:
    """No new events or changes until `until` (its last day) or until lifted (None)."""
    require_supervisor(actor)
    organizer = supervised_organizer(session, organizer_id)
    reason = _reason(reason)
    if until is not None and until < today():
        raise Invalid("The end date cannot be in the past.", field="until")
    if organizer.status != OrganizerStatus.APPROVED.value:
        raise Conflict("Only a qualified organizer can be suspended.")
    if publishing_blocked(session, organizer):
        raise Conflict("Publishing is already suspended; lift that suspension first.")
    organizer.publishing_suspended = True
    cancelled = 0 if keep_published else _cancel_events(session, organizer_id, reason,
                                                        not_started_only=False)
    sanction = _impose(session, actor, organizer_id, SanctionKind.SUSPEND_PUBLISHING, reason,
                       notice_id=notice_id, complaint_id=complaint_id, ip=ip,
                       after={"keep_published": keep_published,
                              "events_cancelled": cancelled},
                       until=until, keep_published=keep_published)
    assert sanction.id is not None
    return sanction.id


def revoke_qualification(session: Session, actor: Actor, *, organizer_id: int, reason: str,
                         notice_id: int | None = None, complaint_id: int | None = None,
                         ip: str = "") -> int:
    """The certificate reads revoked, nothing can be published, and every event not yet
    started is cancelled (everyone refunded in full)."""
    require_supervisor(actor)
    organizer = supervised_organizer(session, organizer_id)
    reason = _reason(reason)
    current = OrganizerStatus(organizer.status)
    if not can_transition(ORGANIZER_TRANSITIONS, current, OrganizerStatus.REVOKED):
        raise Conflict("This organizer is {status}; its qualification cannot be revoked now.",
                       status=current.value)
    organizer.status = OrganizerStatus.REVOKED.value
    cancelled = _cancel_events(session, organizer_id, reason, not_started_only=True)
    sanction = _impose(session, actor, organizer_id, SanctionKind.REVOKE_QUALIFICATION, reason,
                       notice_id=notice_id, complaint_id=complaint_id, ip=ip,
                       before={"status": current.value},
                       after={"status": OrganizerStatus.REVOKED.value,
                              "events_cancelled": cancelled},
                       previous_status=current.value, keep_published=False)
    assert sanction.id is not None
    return sanction.id


def lift_sanction(session: Session, actor: Actor, *, sanction_id: int, reason: str,
                  ip: str = "") -> None:
    require_supervisor(actor)
    reason = required_text(reason, field="lift_reason", limit=1000, missing=REASON_NEEDED)
    sanction = session.get(Sanction, sanction_id)
    if sanction is None:
        raise NotFound("No such sanction.")
    if not in_force(sanction, today()):
        raise Conflict("This sanction is no longer in force.")
    claimed = session.execute(
        update(Sanction).where(col(Sanction.id) == sanction.id,
                               col(Sanction.lifted_at).is_(None))
        .values(lifted_at=utcnow(), lifted_by_id=acting_user(actor), lift_reason=reason)
        .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict("This sanction is no longer in force.")
    session.refresh(sanction)
    organizer = supervised_organizer(session, sanction.organizer_id)
    kind = SanctionKind(sanction.kind)
    before, after = {}, {}
    if kind is SanctionKind.SUSPEND_PUBLISHING:
        organizer.publishing_suspended = False
    elif kind is SanctionKind.REVOKE_QUALIFICATION \
            and organizer.status == OrganizerStatus.REVOKED.value:
        restored = sanction.previous_status or OrganizerStatus.APPROVED.value
        before, after = {"status": organizer.status}, {"status": restored}
        organizer.status = restored
    audit.record(session, actor_id=actor.user_id, action="sanction.lifted",
                 object_type="organizer", object_id=sanction.organizer_id,
                 before=before or None,
                 after={"sanction_id": sanction.id, "sanction": kind.value, **after},
                 note=reason, ip=ip)
    notify(session, recipients=organizer_members(session, sanction.organizer_id),
           template="sanction_lifted",
           context={"organizer": organizer.legal_name, "kind": kind.value, "reason": reason},
           about=("organizer", organizer.id), link=links.ORGANIZER_NOTICES)
