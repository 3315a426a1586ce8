"""The demo database and the people who call handlers on it.

Callers (session cookies; "" is anonymous):
  anonymous, attendee        nobody / the demo attendee (user 4)
  member                     the demo organizer (user 3), owner of Harbour Events Co.
  other_member               the owner of ANOTHER approved organizer
  reviews                    the demo staff member (reviews area, among others)
  other_area                 staff of the finance and complaints areas only
  reviews_only               staff of the reviews area only (no finance)
  finance_only               staff of the finance area only (no complaints; supervises no
                             organizer)
  admin                      an active administrator
  suspended                  the first demo admin, suspended: the cookie must be worthless
  unverified                 an account whose email is not confirmed
  applicant, invitee         people who own nothing yet (right callers of apply / join)
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date

import pytest

import portal.db
from portal.db import make_engine, session_scope
from portal.domain.enums import Role
from portal.domain.models import OrganizerMember
from portal.domain.policies import Actor
from portal.migrations import upgrade
from portal.services import organizers
from portal.services.admin_users import suspend_user
from portal.services.demo import DEMO_PASSWORD, seed_demo
from portal.services.demo_events import reviewer_for
from portal.services.users import create_user
from portal.wiring import file_store
from tests.security import targets
from tests.security.harness import cookie_for
from tests.services.helpers import LICENCE


@dataclass(frozen=True)
class World:
    """Ids of the fixed objects the targets hang off."""

    organizer_a: int  # Harbour Events Co., owned by `member`
    organizer_b: int  # owned by `other_member`
    member_id: int
    other_member_id: int
    reviewer_id: int
    invitee_email: str


PEOPLE = {  # email: (roles, verified)
    "other-owner@demo.example": (frozenset(), True),
    "finance@demo.example": (frozenset({Role.STAFF_FINANCE, Role.STAFF_COMPLAINTS}), True),
    "admin2@demo.example": (frozenset({Role.ADMIN}), True),
    "unverified@demo.example": (frozenset(), False),
    "applicant@demo.example": (frozenset(), True),
    "invitee@demo.example": (frozenset(), True),
    "plain-member@demo.example": (frozenset(), True),  # a member of organizer A, not its owner
    "reviewer@demo.example": (frozenset({Role.STAFF_REVIEWS}), True),
    "finance-only@demo.example": (frozenset({Role.STAFF_FINANCE}), True),  # not a supervisor
}


@pytest.fixture(scope="package")
def demo_engine():
    path = os.path.join(tempfile.mkdtemp(prefix="portal-security-"), "security.db")
    upgrade(f"sqlite:///{path}")
    engine = make_engine(f"sqlite:///{path}")
    original = portal.db.get_engine
    portal.db.get_engine = lambda: engine
    with session_scope() as session:
        seed_demo(session, store=file_store())
    yield engine
    portal.db.get_engine = original
    engine.dispose()


@pytest.fixture(scope="package")
def world(demo_engine) -> World:
    ids = {}
    with session_scope() as session:
        for number, (email, (roles, verified)) in enumerate(PEOPLE.items()):
            ids[email] = create_user(session, name=email.split("@")[0].title(), email=email,
                                     password=DEMO_PASSWORD, phone=f"+86 139 0000 00{number:02d}",
                                     date_of_birth=date(1991, 2, 1 + number), roles=roles,
                                     verified=verified, accepted_rules=True).id
    owner = Actor(user_id=ids["other-owner@demo.example"], verified=True, accepted_rules=True)
    with session_scope() as session:
        organizer_b = organizers.apply(session, owner, organizers.Application(
            legal_name="Rival Events Ltd", kind="company", registration_number="91310000RV01",
            contact_name="Rita Rival", contact_phone="+86 21 5555 0199",
            address="9 Rival Road, Shanghai", description="The other organizer."),
            documents=[LICENCE], store=file_store())
        organizers.decide(session, reviewer_for(2), organizer_id=organizer_b, decision="approve")
    with session_scope() as session:
        session.add(OrganizerMember(organizer_id=1, user_id=ids["plain-member@demo.example"],
                                    role="member"))
    # the review queues are not empty: an event and a cancellation wait for review
    targets.submitted_event("Review me too")
    targets.pending_cancel("Review me")
    return World(organizer_a=1, organizer_b=organizer_b, member_id=3,
                 other_member_id=ids["other-owner@demo.example"], reviewer_id=2,
                 invitee_email="invitee@demo.example")


@pytest.fixture(scope="package")
def callers(world) -> dict[str, str]:
    found = {"anonymous": "", "suspended": cookie_for("admin@demo.example"),
             "attendee": cookie_for("attendee@demo.example"),
             "member": cookie_for("organizer@demo.example"),
             "other_member": cookie_for("other-owner@demo.example"),
             "reviews": cookie_for("staff@demo.example"),
             "other_area": cookie_for("finance@demo.example"),
             "admin": cookie_for("admin2@demo.example"),
             "unverified": cookie_for("unverified@demo.example"),
             "applicant": cookie_for("applicant@demo.example"),
             "invitee": cookie_for("invitee@demo.example"),
             "plain_member": cookie_for("plain-member@demo.example"),
             "reviews_only": cookie_for("reviewer@demo.example"),
             "finance_only": cookie_for("finance-only@demo.example")}
    from portal.services.sessions import resolve_actor

    with session_scope() as session:
        admin = resolve_actor(session, found["admin"])
    with session_scope() as session:
        suspend_user(session, admin, user_id=1, reason="security test")
    return found


# The old name some tests use: the callers once the first admin is suspended.
@pytest.fixture(scope="package")
def suspended(callers):
    return callers

