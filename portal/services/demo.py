"""Demo data for `make run`: a few accounts, one per role, loaded only into an empty database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from portal.domain.enums import Role
from portal.domain.models import User
from portal.domain.policies import Actor
from portal.services.files import FileStore
from portal.services.users import create_user

DEMO_PASSWORD = "demo-portal-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role_label: str
    roles: frozenset[Role]


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin@demo.example", "Ada Admin", "admin", frozenset({Role.ADMIN})),
    DemoAccount(
        "staff@demo.example",
        "Sam Staff",
        "staff (reviews, complaints, finance)",
        frozenset({Role.STAFF_REVIEWS, Role.STAFF_COMPLAINTS, Role.STAFF_FINANCE}),
    ),
    DemoAccount("organizer@demo.example", "Olga Organizer",
                "organizer (owns Harbour Events Co., with published events)", frozenset()),
    DemoAccount("attendee@demo.example", "Alex Attendee", "attendee", frozenset()),
)


def database_is_empty(session: Session) -> bool:
    return session.exec(select(func.count()).select_from(User)).one()[0] == 0


def seed_demo(session: Session, *, store: FileStore) -> bool:
    """Load the demo accounts when no user exists yet (their documents go to `store`).
    Returns whether anything was loaded."""
    if not database_is_empty(session):
        return False
    users = {}
    for number, account in enumerate(DEMO_ACCOUNTS):
        users[account.email] = create_user(
            session,
            name=account.name,
            email=account.email,
            password=DEMO_PASSWORD,
            phone=f"+86 138 0000 000{number}",
            date_of_birth=date(1990, 1, 1 + number),
            roles=account.roles,
            verified=True,
            accepted_rules=True,
        )
    from portal.services.demo_texts import seed_demo_texts

    seed_demo_texts(session, admin=users["admin@demo.example"], people=list(users.values()),
                    organizer=users["organizer@demo.example"])
    from portal.services.demo_events import reviewer_for, seed_demo_events
    from portal.services.demo_registrations import seed_demo_registrations

    owner = Actor(user_id=users["organizer@demo.example"].id, verified=True, accepted_rules=True)
    reviewer = reviewer_for(users["staff@demo.example"].id)
    member, organizer_id = seed_demo_events(session, owner=owner, store=store,
                                            reviewer=reviewer)
    seed_demo_registrations(session, member=member, reviewer=reviewer,
                            organizer_id=organizer_id, attendee=users["attendee@demo.example"],
                            store=store)
    from portal.services.demo_ratings import seed_demo_ratings

    seed_demo_ratings(session, member=member, reviewer=reviewer, organizer_id=organizer_id,
                      attendee=users["attendee@demo.example"],
                      staff_user_id=users["staff@demo.example"].id or 0, store=store)
    from portal.services.demo_payments import seed_demo_payments

    seed_demo_payments(session, finance_user_id=users["staff@demo.example"].id or 0,
                       store=store)
    from portal.services.demo_settlements import seed_demo_settlements

    seed_demo_settlements(session, member=member, reviewer=reviewer, organizer_id=organizer_id,
                          finance_user_id=users["staff@demo.example"].id or 0, store=store)
    from portal.services.demo_finance import seed_demo_finance

    seed_demo_finance(session, harbour_organizer_id=organizer_id)
    # The finance demo's events have ended: their statements are due, as the worker makes them.
    from portal.domain.clock import utcnow
    from portal.services.settlement_build import sweep_statements

    sweep_statements(session, now=utcnow(), limit=100)
    from portal.services.demo_complaints import seed_demo_complaints

    seed_demo_complaints(session, staff_id=users["staff@demo.example"].id or 0,
                         attendee_id=users["attendee@demo.example"].id or 0,
                         organizer_id=organizer_id, store=store)
    from portal.services.demo_supervision import seed_demo_supervision

    seed_demo_supervision(session, reviewer=reviewer, member=member,
                          organizer_id=organizer_id, store=store)
    from portal.services.demo_backups import seed_demo_backups

    seed_demo_backups(session)
    from portal.services.demo_dashboard import seed_demo_sales

    seed_demo_sales(session, organizer_id=organizer_id,
                    finance_user_id=users["staff@demo.example"].id or 0, store=store)
    from portal.services.demo_emergency import seed_demo_emergency

    admin = Actor(user_id=users["admin@demo.example"].id, roles=frozenset({Role.ADMIN}),
                  verified=True, accepted_rules=True)
    seed_demo_emergency(session, admin=admin, reviewer=reviewer, member=member)
    _newcomer(session)
    return True


NEWCOMER = "noah.park@guest.example"


def _newcomer(session: Session) -> None:
    """Someone who signed up and has not confirmed yet: the confirmation waits in the Dev
    mailbox, and an administrator can vouch for the address instead."""
    from portal.services import accounts

    accounts.sign_up(session, accounts.SignUp(
        name="Noah Park", email=NEWCOMER, phone="+86 139 0000 0042",
        date_of_birth="1998-07-12", password=DEMO_PASSWORD, accept_rules=True))


def demo_accounts_present(session: Session) -> bool:
    emails = [account.email for account in DEMO_ACCOUNTS]
    found = session.exec(select(func.count()).select_from(User).where(User.email.in_(emails)))
    return found.one()[0] == len(emails)
