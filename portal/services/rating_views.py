"""Reading ratings: an organizer's score (public), the visible comments on its certificate page
(public), its ratings for its own members, and every rating for complaints staff.

Who gave a rating is shown to staff only; organizers and the public read the stars, the words
and the event. A hidden comment's words reach staff only; the organizer sees that it was hidden.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import func
from sqlmodel import Session, col, select

from portal.domain.enums import Role
from portal.domain.errors import Forbidden, Invalid, NotFound
from portal.domain.ids import parse_id
from portal.domain.models import Event, EventRating, Organizer, User
from portal.domain.policies import Actor, can_act_in_area, is_member_of
from portal.domain.rating_score import STARS, bayesian_score
from portal.services.paging import Page, PageRequest, paginate


class OrganizerScore(BaseModel):
    """What the public pages and the assessment screen show of an organizer's ratings."""

    organizer_id: int
    score: float | None  # the Bayesian average (domain/rating_score.py); None: no ratings yet
    count: int
    mean: float | None  # the plain average, for staff assessing the organizer
    distribution: dict[int, int]  # stars -> how many ratings gave that many (1..5, all keys)

    @property
    def shown(self) -> str:
        """The score as pages print it: one decimal."""
        return f"{self.score:.1f}" if self.score is not None else ""


def organizer_score(session: Session, organizer_id: int) -> OrganizerScore:
    """An organizer's score, count and distribution; public (no actor): every event page shows
    it. Hidden comments still count: only their words are withheld."""
    rows = session.exec(select(EventRating.stars, func.count())
                        .where(col(EventRating.organizer_id) == organizer_id)
                        .group_by(col(EventRating.stars))).all()
    distribution = {stars: 0 for stars in STARS}
    for stars, count in rows:
        distribution[int(stars)] = int(count)
    count = sum(distribution.values())
    total = sum(stars * n for stars, n in distribution.items())
    return OrganizerScore(organizer_id=organizer_id, score=bayesian_score(total, count),
                          count=count, mean=total / count if count else None,
                          distribution=distribution)


class RatingView(BaseModel):
    id: int
    event_id: int
    event_name: str
    organizer_id: int
    organizer_name: str
    stars: int
    comment: str  # "" when hidden and the reader is not staff
    hidden: bool
    hidden_reason: str  # staff only
    person: str  # staff only
    created_at: datetime


def _page(request: PageRequest, items: list, total: int) -> Page:
    return Page(items=items, total=total, page=request.page, page_size=request.page_size)


def _stars_filter(value: str):  # noqa: ANN202
    if value not in {str(s) for s in STARS}:
        raise Invalid("Unknown number of stars.")
    return col(EventRating.stars) == int(value)


def _hidden_filter(value: str):  # noqa: ANN202
    if value not in ("hidden", "visible"):
        raise Invalid("Unknown choice.")
    return col(EventRating.hidden).is_(value == "hidden")


def _id_filter(column):  # noqa: ANN001, ANN202
    def condition(value: str):  # noqa: ANN202
        found = parse_id(value)
        if not found:
            raise Invalid("Unknown choice.")
        return col(column) == found
    return condition


SORTABLE = {"created_at": EventRating.created_at, "stars": EventRating.stars,
            "event": Event.name}


def _search(session: Session, statement, request: PageRequest, *, staff: bool,  # noqa: ANN001
            filters: dict) -> tuple[list[RatingView], int]:
    rows, total = paginate(session, statement, request, sortable=SORTABLE,
                           default_sort="created_at", searchable=(Event.name, EventRating.comment),
                           filters=filters, tiebreaker=EventRating.id)
    return [RatingView(
        id=r.id or 0, event_id=e.id or 0, event_name=e.name, organizer_id=o.id or 0,
        organizer_name=o.legal_name, stars=r.stars,
        comment=r.comment if staff or not r.hidden else "", hidden=r.hidden,
        hidden_reason=r.hidden_reason if staff else "", person=u.name if staff else "",
        created_at=r.created_at) for r, e, o, u in rows], total


def _rows():  # noqa: ANN202
    return (select(EventRating, Event, Organizer, User)
            .join(Event, col(Event.id) == EventRating.event_id)
            .join(Organizer, col(Organizer.id) == EventRating.organizer_id)
            .join(User, col(User.id) == EventRating.user_id))


FILTERS = {"stars": _stars_filter, "hidden": _hidden_filter,
           "event": _id_filter(EventRating.event_id)}


def organizer_ratings(session: Session, actor: Actor, *, organizer_id: int,
                      request: PageRequest) -> Page[RatingView]:
    """The ratings of one organizer's events, for its own members (complaints staff too)."""
    staff = can_act_in_area(actor, Role.STAFF_COMPLAINTS)
    if not (is_member_of(actor, organizer_id) or staff):
        raise NotFound("No such organizer.")
    statement = _rows().where(col(EventRating.organizer_id) == organizer_id)
    items, total = _search(session, statement, request, staff=staff, filters=FILTERS)
    return _page(request, items, total)


def _require_complaints(actor: Actor) -> None:
    if not can_act_in_area(actor, Role.STAFF_COMPLAINTS):
        raise Forbidden("Only complaints staff can read every rating.")


def search_ratings(session: Session, actor: Actor, *, request: PageRequest
                   ) -> Page[RatingView]:
    """Every rating, for complaints staff: by organizer, event, stars, hidden or not."""
    _require_complaints(actor)
    filters = {**FILTERS, "organizer": _id_filter(EventRating.organizer_id)}
    items, total = _search(session, _rows(), request, staff=True, filters=filters)
    return _page(request, items, total)


class PublicComment(BaseModel):
    stars: int
    comment: str
    event_name: str
    created_at: datetime


COMMENTS_PER_PAGE = 10


def public_comments(session: Session, *, organizer_id: int, page: int = 1
                    ) -> Page[PublicComment]:
    """The organizer's visible comments, latest first (the certificate page): anonymous."""
    if session.get(Organizer, organizer_id) is None:
        raise NotFound("No such organizer.")
    request = PageRequest(page=max(1, min(int(page), 100_000)), page_size=COMMENTS_PER_PAGE,
                          sort="created_at", descending=True)
    statement = (select(EventRating, Event).join(Event, col(Event.id) == EventRating.event_id)
                 .where(col(EventRating.organizer_id) == organizer_id,
                        col(EventRating.hidden).is_(False), col(EventRating.comment) != ""))
    rows, total = paginate(session, statement, request, sortable={
        "created_at": EventRating.created_at}, default_sort="created_at",
        tiebreaker=EventRating.id)
    return _page(request, [PublicComment(stars=r.stars, comment=r.comment, event_name=e.name,
                                         created_at=r.created_at) for r, e in rows], total)


class RatingChoices(BaseModel):
    """What the staff filters offer: organizers and events that have ratings."""

    organizers: list[tuple[int, str]]
    events: list[tuple[int, str]]


def rating_choices(session: Session, actor: Actor) -> RatingChoices:
    _require_complaints(actor)
    rows = session.exec(select(Organizer.id, Organizer.legal_name)
                        .where(col(Organizer.id).in_(select(EventRating.organizer_id)))
                        .order_by(col(Organizer.legal_name))).all()
    events = session.exec(select(Event.id, Event.name)
                          .where(col(Event.id).in_(select(EventRating.event_id)))
                          .order_by(col(Event.name), col(Event.id))).all()
    return RatingChoices(organizers=[(i or 0, name) for i, name in rows],
                         events=[(i or 0, name) for i, name in events])
