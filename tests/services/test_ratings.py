"""Ratings: who may rate an event (attended, after it ended, once, their own registration), staff
hiding and showing comments, the organizer's Bayesian score, the lists, and the invitations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import EventStatus, Role
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import AuditEntry, EventRating, OutboxEmail, RatingInvitation
from portal.domain.rating_score import bayesian_score
from portal.services import check_in, rating_invitations, rating_views, ratings, registrations
from portal.services.paging import PageRequest
from portal.services.users import create_user
from tests.services.helpers import STRONG, actor_for, sign_in
from tests.services.registration_helpers import person, publish, set_event, sign_up_for


def _end(event_id: int, *, days_ago: float = 1) -> None:
    """Move the event into the past: it ended `days_ago` days ago."""
    ends = utcnow() - timedelta(days=days_ago)
    set_event(event_id, starts_at=ends - timedelta(hours=8), ends_at=ends)


def _rate(actor, registration_id: int, stars=5, comment: str = "") -> EventRating:
    with session_scope() as session:
        return ratings.rate_event(session, actor, registration_id=registration_id, stars=stars,
                                  comment=comment)


def _score(organizer_id: int) -> rating_views.OrganizerScore:
    with session_scope() as session:
        return rating_views.organizer_score(session, organizer_id)


def _staff(name: str, *roles: Role):
    with session_scope() as session:
        create_user(session, name=name, email=f"{name.lower()}@example.org", password=STRONG,
                    roles=frozenset(roles), verified=True, phone="+86 138 0000 0009",
                    date_of_birth=date(1988, 1, 1), accepted_rules=True)
    return actor_for(sign_in(f"{name.lower()}@example.org"))


def _ended_with(team, *names: str, check_in_first: bool = False):
    """An event with a confirmed registration per name; the first checked in if asked; ended."""
    event_id = publish(team, capacity=max(10, len(names)))
    people = [(who := person(name), sign_up_for(who, event_id)) for name in names]
    if check_in_first:
        with session_scope() as session:
            check_in.check_in(session, team["olga"], event_id=event_id,
                              registration_id=people[0][1].id)
    _end(event_id)
    return event_id, people


def test_an_attendee_rates_an_ended_event_once_and_it_is_audited(team, db):
    event_id, [(ann, reg)] = _ended_with(team, "Ann")
    rating = _rate(ann, reg.id, stars="4", comment="  Well run.  ")
    assert (rating.stars, rating.comment, rating.organizer_id) == (4, "Well run.",
                                                                   team["organizer_id"])
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "rating.given")).one()
    assert entry.object_id == reg.id and entry.after["stars"] == "4"
    with pytest.raises(Conflict, match="already rated"):
        _rate(ann, reg.id, stars=1)
    assert len(db.exec(select(EventRating)).all()) == 1
    with session_scope() as session:
        mine = ratings.my_rating(session, ann, registration_id=reg.id)
    assert (mine.can_rate, mine.stars, mine.comment) == (False, 4, "Well run.")


def test_a_concurrent_second_submit_is_a_conflict_not_a_crash(team, db, monkeypatch):
    """Both submits read "not rated yet"; the unique constraint keeps one."""
    _event_id, [(ann, reg)] = _ended_with(team, "Ann")
    _rate(ann, reg.id, stars=5)
    monkeypatch.setattr(ratings, "_rating_of", lambda session, registration_id: None)
    with pytest.raises(Conflict, match="already rated"):
        _rate(ann, reg.id, stars=1)
    assert [r.stars for r in db.exec(select(EventRating)).all()] == [5]


def test_before_the_event_ends_nobody_rates(team, db):
    event_id = publish(team)
    ann = person("Ann")
    reg = sign_up_for(ann, event_id)
    with pytest.raises(Conflict, match="once it has ended"):
        _rate(ann, reg.id)
    ends = utcnow() + timedelta(minutes=5)  # under way: still not ended
    set_event(event_id, starts_at=ends - timedelta(hours=2), ends_at=ends)
    with pytest.raises(Conflict, match="once it has ended"):
        _rate(ann, reg.id)
    assert db.exec(select(EventRating)).first() is None


def test_someone_elses_registration_is_not_found(team, db):
    _event_id, [(_ann, reg)] = _ended_with(team, "Ann")
    bob = person("Bob")
    with pytest.raises(NotFound):
        _rate(bob, reg.id)
    with pytest.raises(NotFound):
        _rate(team["olga"], reg.id)  # the organizer cannot rate for an attendee either
    with session_scope() as session:
        assert ratings.my_ratings(session, bob, registration_ids=[reg.id]) == {}
    assert db.exec(select(EventRating)).first() is None


def test_when_the_door_was_used_only_those_checked_in_rate(team, db):
    _event_id, [(ann, came), (bob, absent)] = _ended_with(team, "Ann", "Bob",
                                                          check_in_first=True)
    with pytest.raises(Conflict, match="attended"):
        _rate(bob, absent.id)
    assert _rate(ann, came.id, stars=3).stars == 3
    with session_scope() as session:
        states = ratings.my_ratings(session, bob, registration_ids=[absent.id])
    assert states[absent.id].can_rate is False


def test_without_check_in_every_confirmed_registration_may_rate(team):
    _event_id, [(ann, reg), (bob, other)] = _ended_with(team, "Ann", "Bob")
    with session_scope() as session:
        states = ratings.my_ratings(session, ann, registration_ids=[reg.id, other.id])
    assert list(states) == [reg.id] and states[reg.id].can_rate is True
    assert _rate(bob, other.id, stars=2).stars == 2


def test_a_cancelled_registration_or_event_cannot_be_rated(team):
    event_id = publish(team)
    ann, bob = person("Ann"), person("Bob")
    cancelled, kept = sign_up_for(ann, event_id), sign_up_for(bob, event_id)
    with session_scope() as session:
        registrations.cancel_registration(session, ann, registration_id=cancelled.id)
    _end(event_id)
    with pytest.raises(Conflict, match="attended"):
        _rate(ann, cancelled.id)
    set_event(event_id, status=EventStatus.CANCELLED.value)
    with pytest.raises(Conflict, match="cancelled"):
        _rate(bob, kept.id)


@pytest.mark.parametrize("stars", ["0", "6", "", "five", None, "-1"])
def test_stars_outside_one_to_five_are_refused_beside_the_field(team, stars):
    _event_id, [(ann, reg)] = _ended_with(team, "Ann")
    with pytest.raises(Invalid) as refused:
        _rate(ann, reg.id, stars=stars)
    assert refused.value.field == "stars"


def test_a_comment_over_the_limit_is_refused(team, db):
    _event_id, [(ann, reg)] = _ended_with(team, "Ann")
    with pytest.raises(Invalid) as refused:
        _rate(ann, reg.id, comment="x" * 1001)
    assert refused.value.field == "comment"
    assert _rate(ann, reg.id, comment="x" * 1000).comment == "x" * 1000


def test_the_database_refuses_stars_out_of_range(team, db):
    """The check constraint holds even if a service forgot to."""
    _event_id, [(ann, reg)] = _ended_with(team, "Ann")
    rating = _rate(ann, reg.id, stars=5)
    from sqlalchemy import update
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), session_scope() as session:
        session.execute(update(EventRating).where(EventRating.id == rating.id).values(stars=9))


def test_the_score_is_a_bayesian_average(team):
    organizer_id = team["organizer_id"]
    empty = _score(organizer_id)
    assert (empty.score, empty.count, empty.shown) == (None, 0, "")
    _event_id, people = _ended_with(team, "Ann", "Bob", "Cai")
    _rate(people[0][0], people[0][1].id, stars=5)
    one = _score(organizer_id)
    # (5 * 3.0 + 5) / (5 + 1) = 3.333...: one 5-star rating is not a 5.0
    assert one.score == pytest.approx(20 / 6) and one.shown == "3.3" and one.mean == 5
    _rate(people[1][0], people[1][1].id, stars=4)
    _rate(people[2][0], people[2][1].id, stars=1)
    three = _score(organizer_id)
    assert three.score == pytest.approx((15 + 10) / 8) and three.shown == "3.1"
    assert three.count == 3 and three.distribution == {1: 1, 2: 0, 3: 0, 4: 1, 5: 1}
    assert bayesian_score(10 * 5, 10) == pytest.approx(65 / 15)


def test_complaints_staff_hide_and_show_a_comment_with_a_reason(team, db):
    _event_id, [(ann, reg)] = _ended_with(team, "Ann")
    rating = _rate(ann, reg.id, stars=1, comment="Abusive words")
    carl = _staff("Carl", Role.STAFF_COMPLAINTS)
    with pytest.raises(Invalid) as refused, session_scope() as session:
        ratings.hide_comment(session, carl, rating_id=rating.id, reason="  ")
    assert refused.value.field == "reason"
    with session_scope() as session:
        ratings.hide_comment(session, carl, rating_id=rating.id, reason="Insults the staff")
    hidden = db.get(EventRating, rating.id)
    assert hidden.hidden and hidden.hidden_reason == "Insults the staff"
    assert hidden.hidden_by_id == carl.user_id and hidden.hidden_at is not None
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "rating.hidden")).one()
    assert entry.note == "Insults the staff" and entry.object_id == reg.id
    with pytest.raises(Conflict), session_scope() as session:
        ratings.hide_comment(session, carl, rating_id=rating.id, reason="again")
    assert _score(team["organizer_id"]).count == 1  # the stars still count
    with session_scope() as session:
        ratings.unhide_comment(session, carl, rating_id=rating.id, reason="Mistake")
    db.rollback()
    assert db.get(EventRating, rating.id).hidden is False
    with pytest.raises(Conflict), session_scope() as session:
        ratings.unhide_comment(session, carl, rating_id=rating.id)


def test_only_complaints_staff_or_admins_hide(team, db):
    _event_id, [(ann, reg)] = _ended_with(team, "Ann")
    rating = _rate(ann, reg.id, stars=1, comment="Rude")
    finance = _staff("Fay", Role.STAFF_FINANCE)
    for outsider in (ann, team["olga"], team["rita"], finance):
        with pytest.raises(Forbidden), session_scope() as session:
            ratings.hide_comment(session, outsider, rating_id=rating.id, reason="No")
    assert db.get(EventRating, rating.id).hidden is False
    db.rollback()  # the test session's read must not hold the database while others write
    admin = _staff("Ada", Role.ADMIN)
    with session_scope() as session:
        ratings.hide_comment(session, admin, rating_id=rating.id, reason="Rude")
    with pytest.raises(NotFound), session_scope() as session:
        ratings.hide_comment(session, admin, rating_id=999_999, reason="Rude")


def test_the_organizer_reads_its_own_ratings_without_names_or_hidden_words(team):
    _event_id, [(ann, reg), (bob, other)] = _ended_with(team, "Ann", "Bob")
    hidden = _rate(ann, reg.id, stars=1, comment="Abusive words")
    _rate(bob, other.id, stars=5, comment="Lovely")
    carl = _staff("Carl", Role.STAFF_COMPLAINTS)
    with session_scope() as session:
        ratings.hide_comment(session, carl, rating_id=hidden.id, reason="Abuse")
    request = PageRequest(sort="stars")
    with session_scope() as session:
        page = rating_views.organizer_ratings(session, team["olga"],
                                              organizer_id=team["organizer_id"],
                                              request=request)
    assert [(r.stars, r.comment, r.hidden, r.person) for r in page.items] == [
        (1, "", True, ""), (5, "Lovely", False, "")]
    for outsider in (team["eve"], ann):
        with pytest.raises(NotFound), session_scope() as session:
            rating_views.organizer_ratings(session, outsider,
                                           organizer_id=team["organizer_id"], request=request)
    with session_scope() as session:
        public = rating_views.public_comments(session, organizer_id=team["organizer_id"])
    assert [c.comment for c in public.items] == ["Lovely"]


def test_staff_search_every_rating_with_filters(team):
    _event_id, [(ann, reg), (bob, other)] = _ended_with(team, "Ann", "Bob")
    _rate(ann, reg.id, stars=2, comment="Cold room")
    _rate(bob, other.id, stars=5)
    carl = _staff("Carl", Role.STAFF_COMPLAINTS)

    def search(**filters):
        with session_scope() as session:
            return rating_views.search_ratings(session, carl,
                                               request=PageRequest(filters=filters))

    assert search().total == 2
    found = search(stars="2").items
    assert [(r.person, r.comment) for r in found] == [("Ann", "Cold room")]
    assert search(hidden="hidden").total == 0
    assert search(organizer=str(team["organizer_id"])).total == 2
    assert search(organizer="999").total == 0
    with pytest.raises(Invalid):
        search(stars="7")
    with pytest.raises(Forbidden), session_scope() as session:
        rating_views.search_ratings(session, team["rita"], request=PageRequest())
    with session_scope() as session:
        choices = rating_views.rating_choices(session, carl)
    assert [name for _id, name in choices.organizers] == ["Bright Events Ltd"]


def test_public_comments_are_latest_first_and_paged(team):
    event_id, people = _ended_with(team, *[f"P{n}" for n in range(12)])
    for n, (who, reg) in enumerate(people):
        _rate(who, reg.id, stars=4, comment=f"Note {n}")
    with session_scope() as session:
        first = rating_views.public_comments(session, organizer_id=team["organizer_id"])
        second = rating_views.public_comments(session, organizer_id=team["organizer_id"],
                                              page=2)
    assert first.total == 12 and first.items[0].comment == "Note 11"
    assert [c.comment for c in second.items] == ["Note 1", "Note 0"]


def test_attendees_are_invited_to_rate_once_after_the_event_ends(team, db):
    event_id, [(ann, came), (bob, _absent)] = _ended_with(team, "Ann", "Bob",
                                                          check_in_first=True)
    old_id, _old = _ended_with(team, "Cai")
    _end(old_id, days_ago=30)  # too long ago: not invited
    now = utcnow()
    with session_scope() as session:
        assert rating_invitations.invite_due(session, now=now) == 1
    with session_scope() as session:
        assert rating_invitations.invite_due(session, now=now) == 0
    mails = db.exec(select(OutboxEmail).where(OutboxEmail.template == "rating_invitation")).all()
    assert [m.to_email for m in mails] == ["ann@example.org"]
    assert "Harbour Walk" in mails[0].subject
    invitation = db.exec(select(RatingInvitation)).one()
    assert (invitation.event_id, invitation.invited) == (event_id, 1)


def test_two_submits_at_the_same_moment_keep_one_rating(team, db):
    """Two tabs send at once, through the use-case runner as the screens do: one rating is
    kept, the other submit is told it was already rated (never a crash)."""
    import threading

    from portal.services.runner import run_use_case

    _event_id, [(_ann, reg)] = _ended_with(team, "Ann")
    cookie = sign_in("ann@example.org")
    start = threading.Barrier(2)
    outcomes = []

    def submit(stars: int) -> None:
        start.wait()
        outcomes.append(run_use_case(ratings.rate_event, session_token=cookie, write=True,
                                     registration_id=reg.id, stars=stars))

    threads = [threading.Thread(target=submit, args=(stars,)) for stars in (2, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    errors = [o.error for o in outcomes if o.error is not None]
    assert len(outcomes) == 2 and len(errors) == 1 and isinstance(errors[0], Conflict)
    assert len(db.exec(select(EventRating)).all()) == 1
