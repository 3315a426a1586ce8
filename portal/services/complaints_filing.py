"""The three ways a complaint arrives (rules §6.1.1): the online form (the person themselves),
a phone call staff type in, an email sent to the complaint address (through the inbound email
route). Each gets a reference, the first step's due date, an audit entry and, where there is an
address, an acknowledgement email with the reference."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.enums import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintEntryKind,
    ComplaintStatus,
    ComplaintSubject,
    EmailTemplate,
    EventStatus,
    OrganizerStatus,
)
from portal.domain.errors import Forbidden, Invalid, NotFound
from portal.domain.models import Complaint, ComplaintEntry, Event, Organizer, Registration, User
from portal.domain.policies import Actor
from portal.i18n import normalize_locale
from portal.services.complaint_files import MAX_FILES, check_evidence, store_evidence
from portal.services.complaint_limits import complaint_limits, step_due
from portal.services.complaint_notices import tell_complainant
from portal.services.complaint_timeline import add_entry, clean_text, record, require_staff
from portal.services.complaint_views import (
    ComplaintContacts,
    ComplaintFiled,
    ComplaintSubjects,
    EvidenceUpload,
    SubjectOption,
)
from portal.services.files import CheckedFile, FileStore
from portal.services.platform_settings import effective
from portal.services.registrations import own_registration
from portal.settings import get_settings

PUBLIC_EVENT = frozenset({EventStatus.PUBLISHED.value, EventStatus.CANCELLED.value})
KNOWN_ORGANIZER = frozenset({OrganizerStatus.APPROVED.value, OrganizerStatus.REVOKED.value})
UNVERIFIED_SENDER = ("The sender's address could not be verified (no SPF or DKIM pass for its "
                     "domain), so this complaint is not linked to any account. Check who sent "
                     "it before sharing anything about an account.")


@dataclass(frozen=True)
class InboundEmail:
    """An email to the complaint address, as the inbound route parsed it."""

    sender_email: str
    sender_name: str
    subject: str
    text: str
    to: str = ""
    sender_verified: bool = False  # SPF or DKIM passed for the sender's own domain
    attachments: list[EvidenceUpload] = field(default_factory=list)
    message_id: str = ""  # the Message-ID header: the same message twice is one complaint


@dataclass(frozen=True)
class _Subject:
    subject: ComplaintSubject
    event_id: int | None = None
    registration_id: int | None = None
    organizer_id: int | None = None


def parse_enum(enum, value, *, field: str):  # noqa: ANN001, ANN201
    try:
        return enum(value)
    except ValueError:
        raise Invalid("Choose one of the options.", field=field) from None


def resolve_subject(session: Session, about: ComplaintSubject | str, *,
                    event_id: int | None, registration_id: int | None,
                    organizer_id: int | None, owner: Actor | None) -> _Subject:
    """What the complaint is about, with the organizer filled from the event; `owner` set:
    a registration must be theirs (anyone else's does not exist for them)."""
    subject = parse_enum(ComplaintSubject, about, field="about")
    if subject is ComplaintSubject.REGISTRATION:
        if not registration_id:
            raise Invalid("Choose the registration.", field="registration_id")
        found = own_registration(session, owner, int(registration_id)) if owner is not None \
            else session.get(Registration, int(registration_id))
        if found is None:
            raise NotFound("No such registration.")
        registration = found
        event = session.get(Event, registration.event_id)
        assert event is not None  # a registration's event is never deleted
        return _Subject(subject, event.id, registration.id, event.organizer_id)
    if subject is ComplaintSubject.EVENT:
        event = session.get(Event, int(event_id)) if event_id else None
        if event is None or (owner is not None and event.status not in PUBLIC_EVENT):
            raise NotFound("No such event.")
        return _Subject(subject, event.id, None, event.organizer_id)
    if subject is ComplaintSubject.ORGANIZER:
        organizer = session.get(Organizer, int(organizer_id)) if organizer_id else None
        if organizer is None or (owner is not None and organizer.status not in KNOWN_ORGANIZER):
            raise NotFound("No such organizer.")
        return _Subject(subject, None, None, organizer.id)
    return _Subject(subject)


def _create(session: Session, *, channel: ComplaintChannel, about: _Subject,
            category: ComplaintCategory, what_happened: str, outcome_wanted: str,
            title: str, person: User | None, name: str, email: str, phone: str,
            locale: str, entered_by: int | None, author_id: int | None,
            sender_verified: bool = True) -> tuple[Complaint, int]:
    now = utcnow()
    complaint = Complaint(
        reference=f"new-{secrets.token_hex(8)}", channel=channel.value,
        subject=about.subject.value, category=category.value, event_id=about.event_id,
        registration_id=about.registration_id, organizer_id=about.organizer_id,
        title=title, what_happened=what_happened, outcome_wanted=outcome_wanted,
        complainant_id=person.id if person else None,
        complainant_name=person.name if person else name,
        complainant_email=person.email if person else email,
        complainant_phone=(person.phone or phone) if person else phone,
        locale=normalize_locale(person.locale if person else locale),
        sender_verified=sender_verified, entered_by_id=entered_by,
        status=ComplaintStatus.RECEIVED.value, received_at=now,
        due_at=step_due(complaint_limits(session), ComplaintStatus.RECEIVED, now))
    session.add(complaint)
    session.flush()
    # The human reference is the row's number: unique without a second counter.
    complaint.reference = f"C-{now.year}-{complaint.id:06d}"
    session.flush()
    entry = add_entry(session, complaint, ComplaintEntryKind.STATUS_CHANGE, author_id=author_id,
                      status=ComplaintStatus.RECEIVED, to_complainant=True, now=now)
    record(session, complaint, actor_id=author_id, action="complaint.filed",
           after={"channel": channel.value, "status": ComplaintStatus.RECEIVED.value,
                  "reference": complaint.reference})
    return complaint, entry.id or 0


def _filed(complaint: Complaint) -> ComplaintFiled:
    return ComplaintFiled(id=complaint.id or 0, reference=complaint.reference,
                          status=ComplaintStatus(complaint.status), due_at=complaint.due_at)


def _texts(what_happened: str, outcome_wanted: str) -> tuple[str, str]:
    return (clean_text(what_happened, field="what_happened"),
            clean_text(outcome_wanted, field="outcome_wanted", required=False, limit=2000))


def file_complaint_online(session: Session, actor: Actor, *, about: ComplaintSubject | str,
                          category: ComplaintCategory | str, what_happened: str,
                          outcome_wanted: str = "", event_id: int | None = None,
                          registration_id: int | None = None,
                          organizer_id: int | None = None,
                          files: Sequence[EvidenceUpload] = (), store: FileStore
                          ) -> ComplaintFiled:
    """The online form: a signed-in person complains in their own name."""
    if not actor.is_authenticated:
        raise Forbidden("Sign in first.")
    person = session.get(User, actor.user_id)
    assert person is not None  # an authenticated actor's account exists
    subject = resolve_subject(session, about, event_id=event_id,
                              registration_id=registration_id, organizer_id=organizer_id,
                              owner=actor)
    chosen = parse_enum(ComplaintCategory, category, field="category")
    happened, wanted = _texts(what_happened, outcome_wanted)
    checked = check_evidence(files)
    complaint, entry_id = _create(
        session, channel=ComplaintChannel.ONLINE, about=subject, category=chosen,
        what_happened=happened, outcome_wanted=wanted, title="", person=person, name="",
        email="", phone="", locale=person.locale, entered_by=None, author_id=actor.user_id)
    _attach(session, complaint, entry_id, checked, store=store, uploaded_by_id=actor.user_id)
    tell_complainant(session, complaint, EmailTemplate.COMPLAINT_RECEIVED.value)
    return _filed(complaint)


def _attach(session: Session, complaint: Complaint, entry_id: int, checked, *,  # noqa: ANN001
            store: FileStore, uploaded_by_id: int | None) -> list[str]:
    entry = session.get(ComplaintEntry, entry_id)
    assert entry is not None
    return store_evidence(session, complaint, entry, checked, store=store,
                          uploaded_by_id=uploaded_by_id)


def account_by_email(session: Session, email: str) -> User | None:
    if not email:
        return None
    return session.exec(select(User).where(
        func.lower(col(User.email)) == email.strip().lower())).first()


def _account_by_phone(session: Session, phone: str) -> User | None:
    """Only a number exactly one account has names a person."""
    if not phone:
        return None
    found = list(session.exec(select(User).where(col(User.phone) == phone.strip()).limit(2)))
    return found[0] if len(found) == 1 else None


def record_phone_complaint(session: Session, actor: Actor, *, name: str, email: str = "",
                           phone: str = "", about: ComplaintSubject | str,
                           category: ComplaintCategory | str, what_happened: str,
                           outcome_wanted: str = "", event_id: int | None = None,
                           registration_id: int | None = None,
                           organizer_id: int | None = None,
                           files: Sequence[EvidenceUpload] = (), store: FileStore,
                           locale: str = "en") -> ComplaintFiled:
    """Staff type in a complaint received on the phone line, on the caller's behalf."""
    require_staff(actor)
    caller = clean_text(name, field="name", limit=120)
    address = clean_text(email, field="email", required=False, limit=254).lower()
    number = clean_text(phone, field="phone", required=False, limit=32)
    if address and ("@" not in address or " " in address):
        raise Invalid("Enter an email address such as name@example.org.", field="email")
    if not address and not number:
        raise Invalid("Give an email address or a phone number to reach them.", field="phone")
    subject = resolve_subject(session, about, event_id=event_id,
                              registration_id=registration_id, organizer_id=organizer_id,
                              owner=None)
    chosen = parse_enum(ComplaintCategory, category, field="category")
    happened, wanted = _texts(what_happened, outcome_wanted)
    checked = check_evidence(files)
    person = account_by_email(session, address) or _account_by_phone(session, number)
    complaint, entry_id = _create(
        session, channel=ComplaintChannel.PHONE, about=subject, category=chosen,
        what_happened=happened, outcome_wanted=wanted, title="", person=person, name=caller,
        email=address, phone=number, locale=locale, entered_by=actor.user_id,
        author_id=actor.user_id)
    _attach(session, complaint, entry_id, checked, store=store, uploaded_by_id=actor.user_id)
    tell_complainant(session, complaint, EmailTemplate.COMPLAINT_RECEIVED.value)
    return _filed(complaint)


def file_complaint_by_email(session: Session, message: InboundEmail, *, store: FileStore
                            ) -> ComplaintFiled:
    """An email to the complaint address. Linked to an account only when the sender's address
    was verified: a From header alone is easy to forge. The same message delivered again (a
    retried webhook) returns the complaint it already made, and nobody is emailed twice."""
    message_id = message.message_id.strip()[:300] or None
    if message_id is not None:
        known = session.exec(select(Complaint).where(
            col(Complaint.inbound_message_id) == message_id)).first()
        if known is not None:
            return _filed(known)
    sender = message.sender_email.strip().lower()[:254]
    person = account_by_email(session, sender) if message.sender_verified else None
    text = (message.text or "").strip()[:10_000] or "(no text)"
    complaint, entry_id = _create(
        session, channel=ComplaintChannel.EMAIL, about=_Subject(ComplaintSubject.PLATFORM),
        category=ComplaintCategory.OTHER, what_happened=text, outcome_wanted="",
        title=" ".join(message.subject.split())[:200], person=person,
        name=message.sender_name.strip()[:120], email=sender, phone="",
        locale=get_settings().default_locale, entered_by=None, author_id=None,
        sender_verified=message.sender_verified)
    complaint.inbound_message_id = message_id
    session.add(complaint)
    # A bad attachment cannot be fixed by the sender in a form: keep the rest, list it.
    kept: list[tuple[CheckedFile, bytes]] = []
    refused: list[str] = []
    for upload in message.attachments:
        name = upload.filename or "attachment"
        if len(kept) >= MAX_FILES:
            refused.append(f"{name}: only the first {MAX_FILES} files are kept")
            continue
        try:
            kept.extend(check_evidence([upload]))
        except Invalid as problem:
            refused.append(f"{name}: {problem.message}")
    _attach(session, complaint, entry_id, kept, store=store, uploaded_by_id=None)
    notes = ([] if message.sender_verified else [UNVERIFIED_SENDER]) + (
        ["Attachments not kept:\n" + "\n".join(refused)] if refused else [])
    if notes:
        add_entry(session, complaint, ComplaintEntryKind.INTERNAL_NOTE, author_id=None,
                  body="\n\n".join(notes), now=utcnow())
    tell_complainant(session, complaint, EmailTemplate.COMPLAINT_RECEIVED.value)
    return _filed(complaint)


def complaint_contacts(session: Session) -> ComplaintContacts:
    """The complaint address and phone line, for the public page; nothing private."""
    settings = effective(session)
    return ComplaintContacts(email=settings.complaint_email, phone=settings.complaint_phone)


def complaint_subjects(session: Session, actor: Actor) -> ComplaintSubjects:
    """The signed-in person's registrations and their events, for the online form."""
    if not actor.is_authenticated:
        raise Forbidden("Sign in first.")
    rows = session.exec(select(Registration.id, Event.id, Event.name)
                        .join(Event, col(Event.id) == Registration.event_id)
                        .where(col(Registration.user_id) == actor.user_id)
                        .order_by(col(Registration.id).desc()))
    registrations: list[SubjectOption] = []
    events: dict[int, SubjectOption] = {}
    for registration_id, event_id, event_name in rows:
        registrations.append(SubjectOption(id=registration_id or 0,
                                           label=f"{event_name} (#{registration_id})"))
        events.setdefault(event_id or 0, SubjectOption(id=event_id or 0, label=event_name))
    return ComplaintSubjects(registrations=registrations, events=list(events.values()))
