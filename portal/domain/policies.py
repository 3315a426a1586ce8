"""Who may do what. Services call these; the UI may use them only for comfort."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal import links
from portal.domain.enums import STAFF_ROLES, Role, UserStatus


@dataclass(frozen=True)
class Actor:
    """The person behind a request, resolved from the session on every call."""

    user_id: int | None = None
    roles: frozenset[Role] = field(default_factory=frozenset)
    status: UserStatus = UserStatus.ACTIVE
    verified: bool = False
    organizer_ids: frozenset[int] = field(default_factory=frozenset)
    owned_organizer_ids: frozenset[int] = field(default_factory=frozenset)  # as their owner
    session_id: int | None = None
    profile_complete: bool = True
    touch_due: bool = False  # the session's last_seen should be written (read-only calls)

    accepted_rules: bool = False
    # rules are published and this person has not accepted the current version: the runner
    # refuses their use cases until they do (portal.services.platform_texts)
    rules_pending: bool = False

    @classmethod
    def anonymous(cls) -> Actor:
        return cls()

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None and self.status is UserStatus.ACTIVE

    @property
    def is_admin(self) -> bool:
        return self.is_authenticated and Role.ADMIN in self.roles

    @property
    def staff_areas(self) -> frozenset[Role]:
        return self.roles & STAFF_ROLES if self.is_authenticated else frozenset()

    @property
    def is_staff(self) -> bool:
        return self.is_admin or bool(self.staff_areas)


def can_use_staff_portal(actor: Actor) -> bool:
    return actor.is_staff


def can_manage_users(actor: Actor) -> bool:
    return actor.is_admin


def can_change_settings(actor: Actor) -> bool:
    return actor.is_admin


def can_act_in_area(actor: Actor, area: Role) -> bool:
    return actor.is_admin or area in actor.staff_areas


def is_member_of(actor: Actor, organizer_id: int) -> bool:
    return actor.is_authenticated and organizer_id in actor.organizer_ids


def member_organizers(actor: Actor) -> frozenset[int]:
    """The organizers whose own records this person reads as a member (none when signed out):
    a scope for listings, so a non-member simply finds nothing."""
    return actor.organizer_ids if actor.is_authenticated else frozenset()


def is_organizer_member(actor: Actor) -> bool:
    """A member of at least one organizer (whatever its qualification status)."""
    return actor.is_authenticated and bool(actor.organizer_ids)


def home_page(actor: Actor) -> str:
    """Where a person's work is: the page they land on after signing in when they were not
    sent from somewhere. A choice of page, not a guard: every page checks its own rules."""
    if can_use_staff_portal(actor):
        return links.STAFF
    if is_organizer_member(actor):
        return links.ORGANIZER
    return links.ATTENDEE


def is_owner_of(actor: Actor, organizer_id: int) -> bool:
    """Only the owner adds documents, resubmits the application and invites members."""
    return actor.is_authenticated and organizer_id in actor.owned_organizer_ids


def can_register(actor: Actor) -> bool:
    """Registering for events (or applying as an organizer) needs a verified, active account
    with a complete profile (rules §2.2.1) whose holder accepted the platform rules (§2.2.3)."""
    return (actor.is_authenticated and actor.verified and actor.profile_complete
            and actor.accepted_rules)
