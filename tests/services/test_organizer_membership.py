"""A member of several organizers chooses which one to act for; nobody acts for an organizer
they do not belong to, whatever id they send."""

from __future__ import annotations

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.models import Organizer, OrganizerMember
from portal.services import organizer_membership as membership
from tests.services.helpers import actor_for, sign_in


def second_organizer(olga_id: int) -> int:
    with session_scope() as session:
        organizer = Organizer(legal_name="Another Ltd", kind="company",
                              registration_number="X2", contact_name="O", contact_phone="1",
                              address="B road", description="Second.", submitted_at=utcnow(),
                              review_due_at=utcnow())
        session.add(organizer)
        session.flush()
        session.add(OrganizerMember(organizer_id=organizer.id, user_id=olga_id, role="member"))
        return organizer.id


def test_a_member_of_two_acts_for_the_one_chosen(team):
    first = team["organizer_id"]
    second = second_organizer(team["olga"].user_id)
    olga = actor_for(sign_in("olga@example.org"))  # membership is read at sign-in time
    with session_scope() as session:
        assert membership.acting_for(session, olga, organizer_id=second) == second
        assert membership.acting_for(session, olga, organizer_id=first) == first
        assert membership.acting_for(session, olga) == first  # no choice yet: the first
        view, choices = membership.organizer_home(session, olga, organizer_id=second)
    assert view is not None and view.id == second
    assert [c.legal_name for c in choices] == ["Another Ltd", "Bright Events Ltd"]


def test_an_id_of_someone_elses_organizer_is_ignored(team):
    other = second_organizer(team["rita"].user_id)
    with session_scope() as session:
        assert membership.acting_for(session, team["olga"], organizer_id=other) \
            == team["organizer_id"]
        assert membership.acting_for(session, team["eve"], organizer_id=other) is None
        view, choices = membership.organizer_home(session, team["eve"], organizer_id=other)
    assert view is None and choices == []
