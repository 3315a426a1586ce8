"""Fresh objects in exactly the state the right caller can act on, so a refusal proves a guard
and not a state that refuses everyone. Made through the services with in-process actors (the
way the demo data is), or as plain rows where no service makes them."""

from __future__ import annotations

import io
import itertools
import struct
import zlib
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from portal.db import session_scope
from portal.domain.clock import utcnow
from portal.domain.enums import OrganizerStatus, Role
from portal.domain.models import (
    Event,
    EventAutosave,
    EventChangeRequest,
    Notification,
    Organizer,
    OrganizerInvite,
    OrganizerMember,
    OutboxEmail,
    User,
)
from portal.domain.policies import Actor
from portal.services import (
    event_changes,
    event_covers,
    event_drafts,
    event_form,
    event_review,
    registrations,
)
from portal.services.demo_events import reviewer_for
from portal.services.organizer_documents import check_documents, store_documents
from portal.services.registration_form import RegistrationForm
from portal.services.secrets import new_token
from portal.wiring import file_store
from tests.services.helpers import LICENCE

_serial = itertools.count(1)


def member_of(organizer_id: int, user_id: int = 3) -> Actor:
    """The demo organizer, who owns organizer A and every application made here."""
    return Actor(user_id=user_id, verified=True, organizer_ids=frozenset({organizer_id}),
                 owned_organizer_ids=frozenset({organizer_id}))


def reviewer() -> Actor:
    return reviewer_for(2)


def png() -> bytes:
    """A real 1x1 PNG (checked by content, never by name)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def upload(content: bytes, name: str) -> tuple:
    from reflex import UploadFile

    return ([UploadFile(file=io.BytesIO(content), path=Path(name))],)


def draft(name: str) -> event_form.EventDraft:
    day = (utcnow() + timedelta(days=40)).strftime("%Y-%m-%dT")
    return event_form.EventDraft(
        name=name, starts_at=day + "09:00", ends_at=day + "17:00",
        registration_opens_at=(utcnow() + timedelta(days=1)).strftime("%Y-%m-%dT09:00"),
        registration_closes_at=day + "08:00", capacity="10", venue_address="Hall 1",
        safety_risks="r", safety_measures="m", emergency_contact="c", emergency_plan="p")


def draft_event(name: str = "") -> int:
    with session_scope() as session:
        return event_drafts.save_draft(session, member_of(1), organizer_id=1, event_id=None,
                                 draft=draft(name or f"Target {next(_serial)}"), fees=[])


def submitted_event(name: str = "") -> int:
    event_id = draft_event(name)
    with session_scope() as session:
        event_drafts.submit_event(session, member_of(1), event_id=event_id)
    return event_id


def published_event(name: str = "") -> int:
    event_id = submitted_event(name)
    with session_scope() as session:
        event_review.decide_event(session, reviewer(), event_id=event_id, decision="approve")
    return event_id


def open_event(*, capacity: int = 10, questions: list | None = None,
               fees: list | None = None) -> int:
    """A free published event taking registrations now."""
    opened = event_form.EventDraft(**{
        **draft(f"Open {next(_serial)}").model_dump(), "capacity": str(capacity),
        "registration_opens_at": (utcnow() - timedelta(days=1)).strftime("%Y-%m-%dT09:00")})
    with session_scope() as session:
        event_id = event_drafts.save_draft(session, member_of(1), organizer_id=1, event_id=None,
                                           draft=opened, fees=fees or [], questions=questions)
    with session_scope() as session:
        event_drafts.submit_event(session, member_of(1), event_id=event_id)
    with session_scope() as session:
        event_review.decide_event(session, reviewer(), event_id=event_id, decision="approve")
    return event_id


def full_event() -> int:
    """An open event whose one seat someone (a fresh person) took."""
    event_id = open_event(capacity=1)
    take_seat_of(event_id)
    return event_id


def take_seat_of(event_id: int) -> None:
    """A fresh person registers for the event."""
    from portal.services.registration_form import RegistrationForm
    from portal.services.registrations import register
    from portal.services.users import create_user

    with session_scope() as session:
        user = create_user(session, name="Seat Taker", email=f"taker{next(_serial)}@example.org",
                           password=None, verified=True, phone="+86 139 0000 0999",
                           date_of_birth=date(1990, 1, 1), accepted_rules=True)
        register(session, Actor(user_id=user.id, verified=True, accepted_rules=True),
                 event_id=event_id, form=RegistrationForm(safety_ack=True), store=file_store())


def ticket_code(email: str = "attendee@demo.example") -> str:
    """The ticket of a person's confirmed registration for a fresh event of organizer A."""
    from portal.services.registration_form import RegistrationForm
    from portal.services.registrations import register

    event_id = open_event()
    with session_scope() as session:
        user = session.exec(select(User).where(User.email == email)).one()[0]
        return register(session, Actor(user_id=user.id, verified=True, accepted_rules=True),
                        event_id=event_id, form=RegistrationForm(safety_ack=True),
                        store=file_store()).ticket_code


def fee_ids(event_id: int) -> list[int]:
    from portal.domain.models import FeeItem

    with session_scope() as session:
        return [row[0].id for row in session.exec(select(FeeItem).where(
            FeeItem.event_id == event_id))]


def question_ids(event_id: int) -> list[int]:
    from portal.services.event_questions import active_questions

    with session_scope() as session:
        return [q.id for q in active_questions(session, event_id)]


def registration_of(event_id: int, email: str):
    from portal.domain.models import Registration

    with session_scope() as session:
        found = session.exec(select(Registration).join(User, User.id == Registration.user_id)
                             .where(Registration.event_id == event_id, User.email == email)
                             ).first()
        return found[0] if found else None


def pending_cancel(name: str = "") -> int:
    event_id = published_event(name)
    with session_scope() as session:
        return event_changes.request_cancel(session, member_of(1), event_id=event_id,
                                            reason="The hall is closed.")


def draft_with_cover() -> int:
    event_id = draft_event()
    with session_scope() as session:
        event_covers.set_cover(session, member_of(1), event_id=event_id, filename="c.png",
                         content=png(), store=file_store())
    return event_id


def open_application(owner_id: int = 3, status: OrganizerStatus = OrganizerStatus.SUBMITTED
                     ) -> int:
    """An organizer application (no service makes a second one for the same owner)."""
    now = utcnow()
    with session_scope() as session:
        organizer = Organizer(legal_name=f"Applicant {next(_serial)} Ltd", kind="company",
                              registration_number="X1", contact_name="A", contact_phone="1",
                              address="A road", description="Target.", status=status.value,
                              submitted_at=now, review_due_at=now + timedelta(days=5))
        session.add(organizer)
        session.flush()
        session.add(OrganizerMember(organizer_id=organizer.id, user_id=owner_id, role="owner"))
        # with its licence: complete, so a reviewer can approve it and its owner resubmit it
        store_documents(session, actor_id=owner_id, organizer_id=organizer.id,
                        checked=check_documents([LICENCE]), store=file_store())
        return organizer.id


def fresh_user() -> int:
    with session_scope() as session:
        user = User(name=f"Target {next(_serial)}", email=f"target{next(_serial)}@example.org",
                    locale="en")
        session.add(user)
        session.flush()
        return user.id


def failed_email() -> int:
    with session_scope() as session:
        row = OutboxEmail(to_email="someone@example.org", template="reset_password",
                          subject="Reset", body_text="Hello", body_html="<p>Hello</p>",
                          status="failed", attempts=5, last_error="provider down")
        session.add(row)
        session.flush()
        return row.id


def notification_for(user_id: int = 3) -> int:
    with session_scope() as session:
        row = Notification(user_id=user_id, template="event_approve", title="Approved",
                           body="Your event was approved.", link="/organizer")
        session.add(row)
        session.flush()
        return row.id


def autosave_for(event_id: int, user_id: int = 3) -> None:
    with session_scope() as session:
        session.add(EventAutosave(user_id=user_id, event_key=event_id, data={"name": "Kept"}))


def invite(organizer_id: int, email: str) -> tuple[str, int]:
    raw, digest = new_token()
    with session_scope() as session:
        row = OrganizerInvite(organizer_id=organizer_id, email=email, token_hash=digest,
                              expires_at=utcnow() + timedelta(days=3), invited_by_id=3)
        session.add(row)
        session.flush()
        return raw, row.id


def document_of() -> int:
    """A qualification document of an application the demo organizer owns."""
    from portal.services import organizers

    application = open_application(status=OrganizerStatus.NEEDS_DOCUMENTS)
    with session_scope() as session:
        return organizers.add_document(session, member_of(application), organizer_id=application,
                                       kind="other", filename="d.pdf",
                                       content=b"%PDF-1.4\n%%EOF\n", store=file_store())


ATTENDEE_EMAIL = "attendee@demo.example"


def sign_up(email: str, event_id: int, *, waitlist: bool = False) -> int:
    """A person's online registration for the event: its id."""
    with session_scope() as session:
        user = session.exec(select(User).where(User.email == email)).one()[0]
        return registrations.register(
            session, Actor(user_id=user.id, verified=True, accepted_rules=True),
            event_id=event_id, form=RegistrationForm(safety_ack=True, join_waitlist=waitlist),
            store=file_store()).id


def confirmed_registration() -> int:
    """The demo attendee's confirmed (free) registration for a fresh event."""
    return sign_up(ATTENDEE_EMAIL, open_event())


def offered_registration() -> int:
    """The demo attendee, first on the waiting list, offered the seat someone gave back."""
    from portal.domain.models import Registration

    event_id = full_event()
    mine = sign_up(ATTENDEE_EMAIL, event_id, waitlist=True)
    with session_scope() as session:
        taker = session.exec(select(Registration).where(
            Registration.event_id == event_id, Registration.id != mine)).one()[0]
        registrations.cancel_registration(session, Actor(user_id=taker.user_id, verified=True),
                                          registration_id=taker.id)
    return mine


# ---- reading back what the right caller changed ----

def row(model: type, row_id: int):
    with session_scope() as session:
        return session.get(model, row_id)


def event_status(event_id: int) -> str:
    return row(Event, event_id).status


def exists(statement) -> bool:
    with session_scope() as session:
        return session.exec(statement).first() is not None


def change_requested(event_id: int) -> bool:
    return exists(select(EventChangeRequest).where(EventChangeRequest.event_id == event_id))


def has_role(user_id: int, role: Role) -> bool:
    from portal.domain.models import UserRole

    return exists(select(UserRole).where(UserRole.user_id == user_id,
                                         UserRole.role == role.value))


def registration_awaiting_approval() -> tuple[int, int, int]:
    """(event, registration, file answer): an open event of organizer A that asks for approval,
    and someone who registered with a file."""
    from sqlalchemy import update

    from portal.domain.models import RegistrationAnswer, RegistrationQuestion
    from portal.services import registrations
    from portal.services.registration_form import RegistrationForm, Upload
    from portal.services.users import create_user

    event_id = open_event(questions=[event_form.QuestionInput(kind="file", label="ID scan")])
    with session_scope() as session:
        session.execute(update(Event).where(Event.id == event_id).values(requires_approval=True))
        person = create_user(session, name=f"Registrant {next(_serial)}",
                             email=f"registrant{next(_serial)}@example.org", password=None,
                             phone="+86 138 0000 5555", date_of_birth=date(1992, 3, 4),
                             verified=True, accepted_rules=True)
        question = session.exec(select(RegistrationQuestion.id).where(
            RegistrationQuestion.event_id == event_id)).one()[0]
    registrant = Actor(user_id=person.id, verified=True, accepted_rules=True)
    with session_scope() as session:
        registration = registrations.register(
            session, registrant, event_id=event_id, form=RegistrationForm(safety_ack=True),
            uploads={question: Upload("id.pdf", b"%PDF-1.4\n%%EOF\n")}, store=file_store())
        answer = session.exec(select(RegistrationAnswer.id).where(
            RegistrationAnswer.registration_id == registration.id)).one()[0]
        return event_id, registration.id, answer


def answered_registration() -> tuple[int, int, int]:
    """The demo attendee's registration for an event asking a text and a file question:
    the registration's id and the two questions' ids."""
    from portal.services.event_form import QuestionInput

    event_id = open_event(questions=[QuestionInput(kind="short_text", label="Badge name"),
                                     QuestionInput(kind="file", label="Certificate")])
    text_question, file_question = question_ids(event_id)
    return sign_up(ATTENDEE_EMAIL, event_id), text_question, file_question


def answer_value(registration_id: int, question_id: int) -> str:
    from portal.domain.models import RegistrationAnswer

    with session_scope() as session:
        found = session.exec(select(RegistrationAnswer.value).where(
            RegistrationAnswer.registration_id == registration_id,
            RegistrationAnswer.question_id == question_id)).first()
    return found[0] if found else ""
