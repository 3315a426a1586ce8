"""What every page shows about the person visiting: name, menus they may use, unread count."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel import Session

from portal.domain.enums import Role
from portal.domain.models import User
from portal.domain.policies import (
    Actor,
    can_act_in_area,
    can_manage_users,
    can_use_staff_portal,
    is_organizer_member,
)
from portal.services.notifications import unread_count
from portal.services.platform_settings import effective
from portal.services.platform_texts import before_rules
from portal.services.supervision_access import can_supervise


@dataclass(frozen=True)
class Visitor:
    signed_in: bool = False
    name: str = ""
    is_staff: bool = False
    is_admin: bool = False
    is_reviewer: bool = False  # reviews organizers, events and their changes
    is_finance: bool = False  # confirms offline payments, pays refunds back
    is_complaints: bool = False  # handles complaints (rules §6), hides abusive rating comments
    is_organizer: bool = False  # a member of at least one organizer
    is_supervisor: bool = False  # rectification notices and sanctions (reviews or complaints)
    needs_verification: bool = False
    unread: int = 0
    rules_pending: bool = False  # must accept the current platform rules before anything else
    # how to reach the platform (the footer), as the settings say now
    contact_email: str = ""
    contact_phone: str = ""
    contact_address: str = ""


@before_rules
def visitor(session: Session, actor: Actor) -> Visitor:
    settings = effective(session)
    if not actor.is_authenticated:
        seen = Visitor()
    elif actor.rules_pending:  # the menus only: nothing else until the rules are accepted
        user = session.get(User, actor.user_id)
        seen = Visitor(signed_in=True, name=user.name if user else "", rules_pending=True)
    else:
        seen = _signed_in(session, actor)
    return replace(seen, contact_email=settings.contact_email,
                   contact_phone=settings.contact_phone, contact_address=settings.contact_address)


def _signed_in(session: Session, actor: Actor) -> Visitor:
    user = session.get(User, actor.user_id)
    return Visitor(signed_in=True, name=user.name if user else "",
                   is_staff=can_use_staff_portal(actor), is_admin=can_manage_users(actor),
                   is_reviewer=can_act_in_area(actor, Role.STAFF_REVIEWS),
                   is_finance=can_act_in_area(actor, Role.STAFF_FINANCE),
                   is_complaints=can_act_in_area(actor, Role.STAFF_COMPLAINTS),
                   is_organizer=is_organizer_member(actor),
                   is_supervisor=can_supervise(actor),
                   needs_verification=not actor.verified,
                   unread=unread_count(session, actor))
