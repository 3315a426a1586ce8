"""Everything the platform holds about the signed-in person, for them to download (their right
to a copy of their personal data). Only rows that are theirs: their account, sign-in sessions
(without the token hashes), registrations with their answers, payments, refunds, tickets,
complaints they filed (with what staff told them), ratings, inbox, the emails sent to them, the
audit entries about them or made by them, and their organizer memberships.

Other people never appear: staff and organizer members who acted on the person's records are
named by their part ("staff", "organizer"), not by name; audit entries the person made about
other people's objects keep what was done and when, without the before/after values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session, col

from portal.domain.errors import Forbidden, NotFound
from portal.domain.models import (
    AuditEntry,
    Complaint,
    ComplaintEntry,
    ComplaintFile,
    Event,
    EventRating,
    ExternalIdentity,
    Notification,
    Organizer,
    OrganizerMember,
    OutboxEmail,
    Payment,
    Refund,
    Registration,
    RegistrationAnswer,
    RegistrationItem,
    RegistrationQuestion,
    User,
    UserSession,
)
from portal.domain.policies import Actor
from portal.services import audit, rate_limits
from portal.services.emails import without_tokens
from portal.services.platform_texts import before_rules
from portal.services.users import roles_of

FORMAT_VERSION = 1
# Objects whose audit entries are about the person: before/after are theirs to read.
OWN_OBJECTS = ("user", "registration", "payment", "refund", "complaint")


@dataclass(frozen=True)
class AnswerFile:
    """A file the person uploaded as an answer: copied into the download."""

    name: str  # its path inside the archive
    storage_key: str


@dataclass(frozen=True)
class PersonalData:
    data: dict[str, Any]  # JSON-ready
    files: list[AnswerFile]
    locale: str


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _pick(row: Any, *names: str) -> dict[str, Any]:
    return {name: _plain(getattr(row, name)) for name in names}


def _all(session: Session, statement) -> list:  # noqa: ANN001
    return list(session.scalars(statement).all())


def _role_of(actor_id: int | None, user_id: int) -> str:
    if actor_id is None:
        return "system"
    return "you" if actor_id == user_id else "platform staff or organizer"


def _account(session: Session, user: User, user_id: int) -> dict[str, Any]:
    account = _pick(user, "id", "name", "email", "phone", "date_of_birth", "status", "locale",
                    "created_at", "email_verified_at", "accepted_rules_at",
                    "password_changed_at")
    account["has_password"] = bool(user.password_hash)
    account["roles"] = [role.value for role in roles_of(session, [user_id])[user_id]]
    account["external_sign_ins"] = [
        _pick(row, "issuer", "created_at")
        for row in _all(session, select(ExternalIdentity)
                        .where(col(ExternalIdentity.user_id) == user_id))]
    return account


def _sessions(session: Session, user_id: int) -> list[dict[str, Any]]:
    rows = _all(session, select(UserSession).where(col(UserSession.user_id) == user_id)
                .order_by(col(UserSession.id)))
    return [_pick(row, "created_at", "last_seen_at", "expires_at", "revoked_at", "ip",
                  "user_agent") for row in rows]


def _registrations(session: Session, user_id: int
                   ) -> tuple[list[dict[str, Any]], list[AnswerFile]]:
    rows = session.execute(
        select(Registration, Event).join(Event, col(Event.id) == col(Registration.event_id))
        .where(col(Registration.user_id) == user_id).order_by(col(Registration.id))).all()
    found, files = [], []
    for registration, event in rows:
        entry = _pick(registration, "id", "status", "ticket_code", "channel", "total_minor",
                      "currency", "created_at", "confirmed_at", "ended_at", "end_reason",
                      "checked_in_at", "safety_ack_at", "qualification")
        entry["event"] = _pick(event, "id", "name", "starts_at", "ends_at", "time_zone",
                               "venue_address", "city")
        entry["entered_by"] = _role_of(registration.entered_by_id, user_id) \
            if registration.entered_by_id else "you"
        entry["items"] = [_pick(item, "label", "amount_minor") for item in _all(
            session, select(RegistrationItem)
            .where(col(RegistrationItem.registration_id) == registration.id))]
        entry["answers"] = []
        for answer, question in session.execute(
                select(RegistrationAnswer, RegistrationQuestion)
                .join(RegistrationQuestion,
                      col(RegistrationQuestion.id) == col(RegistrationAnswer.question_id))
                .where(col(RegistrationAnswer.registration_id) == registration.id)
                .order_by(col(RegistrationQuestion.position))).all():
            item = {"question": question.label, "answer": answer.value}
            if answer.file_key:
                item["file"] = f"files/answer-{answer.id}-{answer.value}"[:180]
                files.append(AnswerFile(item["file"], answer.file_key))
            entry["answers"].append(item)
        found.append(entry)
    return found, files


def _money(session: Session, registration_ids: list[int]
           ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    payments = _all(session, select(Payment).where(
        col(Payment.registration_id).in_(registration_ids)).order_by(col(Payment.id)))
    refunds = _all(session, select(Refund).where(
        col(Refund.registration_id).in_(registration_ids)).order_by(col(Refund.id)))
    return (
        [_pick(row, "registration_id", "reference", "method", "provider", "status",
               "amount_minor", "currency", "created_at", "settled_at", "received_on")
         for row in payments],
        [_pick(row, "registration_id", "cause", "status", "amount_minor", "currency",
               "reason", "decision_note", "created_at", "completed_at") for row in refunds])


def _complaints(session: Session, user_id: int) -> list[dict[str, Any]]:
    found = []
    for complaint in _all(session, select(Complaint).where(
            col(Complaint.complainant_id) == user_id).order_by(col(Complaint.id))):
        entry = _pick(complaint, "reference", "channel", "subject", "category", "title",
                      "what_happened", "outcome_wanted", "complainant_name",
                      "complainant_email", "complainant_phone", "status", "received_at",
                      "closed_at", "outcome")
        entry["messages"] = [
            {**_pick(row, "kind", "body", "created_at"),
             "from": _role_of(row.author_id, user_id)}
            for row in _all(session, select(ComplaintEntry).where(
                col(ComplaintEntry.complaint_id) == complaint.id,
                or_(col(ComplaintEntry.visible_to_complainant),
                    col(ComplaintEntry.author_id) == user_id))
                .order_by(col(ComplaintEntry.id)))]
        entry["files_you_sent"] = [row.filename for row in _all(session, select(ComplaintFile)
                                   .where(col(ComplaintFile.complaint_id) == complaint.id,
                                          col(ComplaintFile.uploaded_by_id) == user_id))]
        found.append(entry)
    return found


STAFF_KEYS = frozenset({"assignee_id", "assignee_name"})  # which member of staff took it on


def _about_them(values: dict[str, Any] | None) -> dict[str, Any] | None:
    """An audit entry's values without who on the staff acted or was assigned (the export
    names staff by role, never by name)."""
    if not values:
        return values
    return {key: value for key, value in values.items() if key not in STAFF_KEYS}


def _audit(session: Session, user_id: int, own: dict[str, set[int]]) -> list[dict[str, Any]]:
    about = [((col(AuditEntry.object_type) == kind) & col(AuditEntry.object_id).in_(ids))
             for kind, ids in own.items() if ids]
    rows = _all(session, select(AuditEntry).where(
        or_(col(AuditEntry.actor_id) == user_id, *about)).order_by(col(AuditEntry.id)))
    found = []
    for row in rows:
        entry = {**_pick(row, "at", "action", "object_type", "object_id"),
                 "by": _role_of(row.actor_id, user_id)}
        if row.object_id in own.get(row.object_type, set()):
            entry.update(before=_about_them(row.before), after=_about_them(row.after),
                         ip=row.ip if row.actor_id == user_id else "")
        found.append(entry)
    return found


def collect(session: Session, user: User) -> PersonalData:
    """The person's data, as a JSON-ready dictionary and the files to copy."""
    user_id = user.id
    assert user_id is not None  # a stored account
    registrations, files = _registrations(session, user_id)
    registration_ids = [entry["id"] for entry in registrations]
    payments, refunds = _money(session, registration_ids)
    complaints = _complaints(session, user_id)
    own = {"user": {user_id}, "registration": set(registration_ids),
           "payment": set(_all(session, select(col(Payment.id)).where(
               col(Payment.registration_id).in_(registration_ids)))),
           "refund": set(_all(session, select(col(Refund.id)).where(
               col(Refund.registration_id).in_(registration_ids)))),
           "complaint": set(_all(session, select(col(Complaint.id)).where(
               col(Complaint.complainant_id) == user_id)))}
    data = {
        "format": FORMAT_VERSION,
        "account": _account(session, user, user_id),
        "sessions": _sessions(session, user_id),
        "registrations": registrations,
        "tickets": [{"ticket_code": entry["ticket_code"], "event": entry["event"]["name"],
                     "status": entry["status"]} for entry in registrations
                    if entry["status"] == "confirmed"],
        "payments": payments,
        "refunds": refunds,
        "complaints": complaints,
        "ratings": [_pick(row, "event_id", "stars", "comment", "hidden", "created_at")
                    for row in _all(session, select(EventRating).where(
                        col(EventRating.user_id) == user_id).order_by(col(EventRating.id)))],
        "inbox": [_pick(row, "title", "body", "link", "created_at", "read_at")
                  for row in _all(session, select(Notification).where(
                      col(Notification.user_id) == user_id).order_by(col(Notification.id)))],
        "emails": [{**_pick(row, "to_email", "subject", "template", "status", "created_at",
                            "sent_at"),
                    # a link's secret stays out of a file that may be kept for years
                    "body_text": without_tokens(row.body_text)}
                   for row in _all(session, select(OutboxEmail).where(
                       col(OutboxEmail.to_user_id) == user_id).order_by(col(OutboxEmail.id)))],
        "audit": _audit(session, user_id, own),
        "organizer_memberships": [
            {"organizer": organizer.legal_name, "role": member.role,
             "since": _plain(member.created_at)}
            for member, organizer in session.execute(
                select(OrganizerMember, Organizer)
                .join(Organizer, col(Organizer.id) == col(OrganizerMember.organizer_id))
                .where(col(OrganizerMember.user_id) == user_id)).all()],
    }
    return PersonalData(data=data, files=files, locale=user.locale)


@before_rules  # someone who will not accept new rules can still take their data away
def export_personal_data(session: Session, actor: Actor, *, ip: str = "") -> PersonalData:
    """The signed-in person's own data; a few downloads an hour (each is a full read)."""
    if not actor.is_authenticated or actor.user_id is None:
        raise Forbidden("Sign in to download your data.")
    user = session.get(User, actor.user_id)
    if user is None:
        raise NotFound("No such user.")
    rate_limits.spend(session, "data_export", account=actor.user_id, ip=ip)
    audit.record(session, actor_id=actor.user_id, action="user.data_exported",
                 object_type="user", object_id=actor.user_id, ip=ip)
    return collect(session, user)
