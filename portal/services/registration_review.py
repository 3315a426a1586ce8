"""The organizer's decision on a registration that needs approval (rules §2.4.2): its members,
and staff of the reviews area, approve or reject with a reason, checking eligibility again."""

from __future__ import annotations

from sqlmodel import Session

from portal.db import contended
from portal.domain.clock import utcnow
from portal.domain.enums import RegistrationChannel, RegistrationStatus, ReviewDecision, Role
from portal.domain.errors import Conflict, NotFound
from portal.domain.models import Event, Registration, User
from portal.domain.policies import Actor, can_act_in_area, is_member_of
from portal.i18n import N_
from portal.services import audit
from portal.services.event_access import decision_note, review_decision
from portal.services.registration_flow import move, settled_after_review
from portal.services.registration_notices import announce
from portal.services.registration_rules import check_event_open, check_person


def runs_event(actor: Actor, event: Event) -> bool:
    """Organizer members of the event's organizer, and reviewing staff, manage its people."""
    return is_member_of(actor, event.organizer_id) or can_act_in_area(actor, Role.STAFF_REVIEWS)


def managed_registration(session: Session, actor: Actor,
                         registration_id: int) -> tuple[Registration, Event]:
    registration = session.get(Registration, registration_id)
    event = session.get(Event, registration.event_id) if registration else None
    if registration is None or event is None or not runs_event(actor, event):
        raise NotFound("No such registration.")
    return registration, event


@contended
def decide_registration(session: Session, actor: Actor, *, registration_id: int,
                        decision: ReviewDecision | str, note: str = "",
                        ip: str = "") -> Registration:
    registration, event = managed_registration(session, actor, registration_id)
    decision = review_decision(decision)
    note = decision_note(decision, note,
                         reason_needed=N_("Give the reason; the person will read it."))
    if registration.status != RegistrationStatus.PENDING_REVIEW.value:
        raise Conflict("This registration is not waiting for a decision.")
    person = session.get(User, registration.user_id)
    assert person is not None
    now = utcnow()
    if decision is ReviewDecision.APPROVE:
        check_event_open(session, event, now=now, window=False)
        if not registration.eligibility_override:
            check_person(person, event, channel=RegistrationChannel(registration.channel),
                         qualification=registration.qualification or "-")
        target = settled_after_review(registration.total_minor)
    else:
        target = RegistrationStatus.REJECTED
    move(session, registration, target, now=now, decided_by_id=actor.user_id,
         decision_note=note, **({"end_reason": note} if target is RegistrationStatus.REJECTED
                                else {}))
    audit.record(session, actor_id=actor.user_id, action=f"registration.{decision.value}",
                 object_type="registration", object_id=registration.id,
                 before={"status": RegistrationStatus.PENDING_REVIEW.value},
                 after={"status": target.value}, note=note, ip=ip)
    announce(session, registration, event, person)
    return registration
