"""Demo registrations, made through the registration services: a free event with people
confirmed and a few checked in, a small event that is full with a waiting list, and one that
needs the organizer's approval with a registration waiting for it."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from portal.domain.models import Event, User
from portal.domain.policies import Actor
from portal.services import check_in
from portal.services.demo_events import DemoEvent, publish_demo_event
from portal.services.files import FileStore
from portal.services.registration_form import RegistrationForm
from portal.services.registration_review import decide_registration
from portal.services.registrations import register
from portal.services.users import create_user

GUESTS = ("Mei Chen", "Jun Wang", "Lina Zhou", "Omar Haddad", "Sofia Rossi", "Wei Zhang",
          "Priya Nair", "Tom Becker", "Yuki Sato", "Hana Kim")
TEA = DemoEvent("Tea Tasting Workshop", "Six teas from Yunnan, with a tea master.",
                "training", 12, 0, "Hangzhou", [], capacity=4)
KAYAK = DemoEvent("Night Kayak Tour", "Paddle under the city lights with certified guides.",
                  "other", 18, 0, "Shanghai", [], capacity=12,
                  extra={"requires_approval": True, "min_age": 18,
                         "required_qualification": "Able to swim 200 m"})
CHESS = "Open Chess Rapid"


def _guests(session: Session) -> list[Actor]:
    people = []
    for number, name in enumerate(GUESTS):
        user = create_user(session, name=name,
                           email=name.lower().replace(" ", ".") + "@guest.example",
                           password=None, phone=f"+86 139 0000 00{number:02d}",
                           date_of_birth=date(1985 + number, 3, 1 + number), verified=True,
                           accepted_rules=True)
        people.append(_actor(user))
    return people


def _actor(user: User) -> Actor:
    return Actor(user_id=user.id, verified=True, accepted_rules=True)


def _sign_up(session: Session, who: Actor, event_id: int, store: FileStore, **form) -> int:
    registration = register(session, who, event_id=event_id,
                            form=RegistrationForm(safety_ack=True, **form), store=store)
    return registration.id or 0


def seed_demo_registrations(session: Session, *, member: Actor, reviewer: Actor,
                            organizer_id: int, attendee: User, store: FileStore) -> None:
    guests = _guests(session)
    alex = _actor(attendee)
    chess = session.exec(select(Event).where(col(Event.name) == CHESS)).one()
    questions = _questions(session, chess.id or 0)
    answers = {q.id: "yes" for q in questions if q.kind == "yes_no"}
    rating = {q.id: "1650" for q in questions if q.kind == "short_text"}
    ticket_ids = [_sign_up(session, who, chess.id or 0, store,
                           answers={**answers, **(rating if who is alex else {})})
                  for who in [alex, *guests[:7]]]
    for registration_id in ticket_ids[1:4]:
        check_in.check_in(session, member, event_id=chess.id or 0,
                          registration_id=registration_id)
    tea = publish_demo_event(session, member, reviewer, organizer_id, TEA)
    for who in guests[:4]:
        _sign_up(session, who, tea, store)
    for who in (guests[7], alex, guests[8]):
        _sign_up(session, who, tea, store, join_waitlist=True)
    kayak = publish_demo_event(session, member, reviewer, organizer_id, KAYAK)
    _sign_up(session, alex, kayak, store, qualification="Lifeguard course, 2024")
    approved = _sign_up(session, guests[9], kayak, store, qualification="Swim club member")
    decide_registration(session, member, registration_id=approved, decision="approve")


def _questions(session: Session, event_id: int):  # noqa: ANN202
    from portal.services.event_questions import active_questions

    return active_questions(session, event_id)
