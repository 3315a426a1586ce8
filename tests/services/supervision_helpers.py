"""People and a settable calendar day for the supervision tests."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.db import session_scope
from portal.domain.enums import Role
from portal.domain.models import Organizer
from portal.services import organizer_standing, organizers
from portal.services.users import create_user
from tests.services.helpers import APPLICATION, STRONG, actor_for, apply_with_licence, sign_in


def staff(name: str, *roles: Role):
    with session_scope() as session:
        create_user(session, name=name.title(), email=f"{name}@example.org", password=STRONG,
                    roles=frozenset(roles), verified=True, phone="+86 138 0000 0009",
                    date_of_birth=date(1985, 1, 1), accepted_rules=True)
    return actor_for(sign_in(f"{name}@example.org"))


def second_organizer(team) -> tuple[object, int]:
    """Eve's own qualified organizer: (eve as its member, its id)."""
    with session_scope() as session:
        organizer_id = apply_with_licence(session, team["eve"], APPLICATION.model_copy(
            update={"legal_name": "Other Events Co", "registration_number": "91310000ZZ99"}))
    with session_scope() as session:
        organizers.decide(session, team["rita"], organizer_id=organizer_id, decision="approve")
    return actor_for(sign_in("eve@example.org")), organizer_id


def organizer(organizer_id: int) -> Organizer:
    with session_scope() as session:
        found = session.get(Organizer, organizer_id)
        assert found is not None
        session.expunge(found)
        return found


class Calendar:
    """The platform's 'today', settable: overdue flags and suspension end dates follow it."""

    def __init__(self) -> None:
        self.day = organizer_standing.today()

    def __call__(self) -> date:
        return self.day

    def advance(self, days: int) -> None:
        self.day += timedelta(days=days)


@pytest.fixture
def calendar(monkeypatch) -> Calendar:
    from portal.services import rectification_notices, sanctions, supervision_views

    fake = Calendar()
    for module in (organizer_standing, rectification_notices, sanctions, supervision_views):
        monkeypatch.setattr(module, "today", fake)
    return fake
