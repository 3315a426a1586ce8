"""Audit entries as sentences in the reader's language: "Sam Staff approved and published the
event Spring Gala", with the object's name as a link and the details in words (statuses by their
labels, never a code or JSON). Pure: no database, no reflex."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from portal.domain import labels
from portal.domain.enums import (
    AuditAction,
    ComplaintClosure,
    ComplaintOutcome,
    ComplaintStatus,
    DocumentKind,
    EventStatus,
    OrganizerStatus,
    PaymentMethod,
    RegistrationChannel,
    RegistrationStatus,
    Role,
    UserStatus,
)
from portal.domain.errors import DomainError
from portal.domain.models import AuditEntryPublic, EmailStatus
from portal.domain.money import Money
from portal.domain.tunables import BY_KEY
from portal.i18n import N_, gettext

A = AuditAction
# One sentence per action. {actor} is who did it, {object} the thing it was done to (shown as a
# link); the other placeholders come from the entry's after/before values.
SENTENCES: dict[str, str] = {
    A.ACCESS_DENIED: N_("{actor} tried an action they may not use: {what}"),
    A.SIGN_IN_SUCCEEDED: N_("{actor} signed in"),
    A.SIGN_IN_FAILED: N_("A sign-in as {object} failed"),
    A.PASSWORD_CHANGE_FAILED: N_("{actor} typed a wrong current password to change it"),
    A.SESSION_STARTED: N_("{actor} started a session"),
    A.SESSION_SIGNED_OUT: N_("{actor} signed out"),
    A.SESSION_SIGNED_OUT_EVERYWHERE: N_("{actor} signed out on every device ({sessions} "
                                        "sessions)"),
    A.USER_SIGNED_UP: N_("{actor} signed up"),
    A.USER_SIGNED_UP_WITH_PROVIDER: N_("{actor} signed up through {issuer}"),
    A.USER_IDENTITY_LINKED: N_("{actor} linked their account to {issuer}"),
    A.USER_EMAIL_VERIFIED: N_("{actor} confirmed their email address"),
    A.USER_EMAIL_MARKED_VERIFIED: N_("{actor} marked the email address of {object} as "
                                     "verified"),
    A.USER_EMAIL_CHANGE_REQUESTED: N_("{actor} asked to change their email address to "
                                      "{email}"),
    A.USER_EMAIL_CHANGED: N_("{actor} changed their email address from {old_email} to "
                             "{email}"),
    A.USER_PROFILE_UPDATED: N_("{actor} updated their profile"),
    A.USER_PASSWORD_RESET_REQUESTED: N_("A password reset was asked for {object}"),
    A.USER_PASSWORD_CHANGED: N_("{actor} changed their password"),
    A.USER_ROLE_GRANTED: N_("{actor} granted {object} the role {role}"),
    A.USER_ROLE_REVOKED: N_("{actor} took the role {role} from {object}"),
    A.USER_SUSPENDED: N_("{actor} suspended the account of {object}"),
    A.USER_REINSTATED: N_("{actor} reinstated the account of {object}"),
    A.USER_CLOSED: N_("{actor} closed the account of {object}"),
    A.USER_DATA_EXPORTED: N_("{actor} downloaded their personal data"),
    A.ORGANIZER_APPLIED: N_("{actor} applied to organize events as {object}"),
    A.ORGANIZER_RESUBMITTED: N_("{actor} sent the application of {object} again"),
    A.ORGANIZER_DOCUMENT_ADDED: N_("{actor} added a document to {object}: {document}"),
    A.ORGANIZER_APPROVED: N_("{actor} approved the organizer {object}"),
    A.ORGANIZER_REJECTED: N_("{actor} turned down the organizer {object}"),
    A.ORGANIZER_DOCUMENTS_REQUESTED: N_("{actor} asked {object} for more documents"),
    A.ORGANIZER_MEMBER_INVITED: N_("{actor} invited {email} to join {object}"),
    A.ORGANIZER_MEMBER_JOINED: N_("{actor} joined the organizer {object}"),
    A.EVENT_SAVED: N_("{actor} saved the event {object}"),
    A.EVENT_COVER_SET: N_("{actor} set a new cover for the event {object}"),
    A.EVENT_SUBMITTED: N_("{actor} submitted the event {object} for review"),
    A.EVENT_DELETED: N_("{actor} deleted the draft event {object}"),
    A.EVENT_APPROVED: N_("{actor} approved and published the event {object}"),
    A.EVENT_REJECTED: N_("{actor} sent the event {object} back for changes"),
    A.EVENT_UPDATE_REQUESTED: N_("{actor} asked to change the published event {object}"),
    A.EVENT_CANCEL_REQUESTED: N_("{actor} asked to cancel the event {object}"),
    A.EVENT_UPDATE_APPROVED: N_("{actor} approved the change to the event {object}"),
    A.EVENT_UPDATE_REJECTED: N_("{actor} turned down the change to the event {object}"),
    A.EVENT_CANCEL_APPROVED: N_("{actor} approved cancelling the event {object}"),
    A.EVENT_CANCEL_REJECTED: N_("{actor} turned down cancelling the event {object}"),
    A.EMAIL_RESENT: N_("{actor} queued the email {object} to be sent again"),
    A.REGISTRATION_CREATED: N_("{actor} made the registration {object}"),
    A.REGISTRATION_APPROVED: N_("{actor} accepted the registration {object}"),
    A.REGISTRATION_REJECTED: N_("{actor} turned down the registration {object}"),
    A.REGISTRATION_CONFIRMED: N_("The registration {object} was confirmed"),
    A.REGISTRATION_ANSWERS_CHANGED: N_("{actor} changed the answers of the registration "
                                       "{object}"),
    A.REGISTRATION_CANCELLED: N_("{actor} cancelled the registration {object}"),
    A.REGISTRATION_EXPIRED: N_("The seat hold or offer of the registration {object} lapsed"),
    A.REGISTRATION_OFFERED: N_("A freed seat was offered to the registration {object}"),
    A.REGISTRATION_CLAIMED: N_("{actor} claimed the offered seat for the registration "
                               "{object}"),
    A.REGISTRATION_CHECKED_IN: N_("{actor} checked in the registration {object}"),
    A.REGISTRATION_CHECK_IN_UNDONE: N_("{actor} undid the check-in of the registration "
                                       "{object}"),
    A.PAYMENT_STARTED: N_("{actor} chose to pay for the registration {object} by {method}"),
    A.PAYMENT_SUCCEEDED: N_("A payment of {amount} for the registration {object} was "
                            "received"),
    A.PAYMENT_FEE_RECORDED: N_("The card provider's processing fee of {amount} on the "
                               "registration {object} was recorded"),
    A.PAYMENT_FAILED: N_("A card payment for the registration {object} failed"),
    A.PAYMENT_EXPIRED: N_("A payment for the registration {object} lapsed"),
    A.PAYMENT_NOT_RECEIVED: N_("{actor} marked the payment for the registration {object} as "
                               "not received"),
    A.REFUND_REQUESTED: N_("{actor} asked for a refund of {amount} for the registration "
                           "{object}"),
    A.REFUND_APPROVED: N_("A refund of {amount} for the registration {object} was approved"),
    A.REFUND_DECLINED: N_("{actor} declined the refund for the registration {object}"),
    A.REFUND_PROCESSING: N_("The refund for the registration {object} went to the payment "
                            "provider"),
    A.REFUND_SUCCEEDED: N_("A refund of {amount} for the registration {object} was paid "
                           "back"),
    A.REFUND_FAILED: N_("The refund for the registration {object} failed"),
    A.SETTLEMENT_GENERATED: N_("{actor} brought the settlement statement of the event {object} "
                               "up to date"),
    A.SETTLEMENT_APPROVED: N_("{actor} approved a settlement statement of the event {object}: "
                              "{amount} owed to the organizer"),
    A.SETTLEMENT_PAID: N_("{actor} recorded the payout of {amount} for the event {object}"),
    A.PLATFORM_FEE_RATE_ADDED: N_("{actor} set a platform fee of {percent} % plus {amount} from "
                                  "{effective_from} for {object}"),
    A.SETTINGS_CHANGED: N_("{actor} changed the setting “{setting}” from {old} to {new}"),
    A.BACKUP_REQUESTED: N_("{actor} took a backup"),
    A.RULES_PUBLISHED: N_("{actor} published version {version} of the platform rules"),
    A.RULES_ACCEPTED: N_("{actor} accepted version {version} of the platform rules"),
    A.SAFETY_GUIDE_PUBLISHED: N_("{actor} published version {version} of the safety guide"),
    A.SAFETY_GUIDE_ACCEPTED: N_("{actor} confirmed version {version} of the safety guide"),
    A.COMPLAINT_FILED: N_("{actor} recorded the complaint {object}"),
    A.COMPLAINT_ACCEPTED: N_("{actor} accepted the complaint {object}"),
    A.COMPLAINT_NOT_ACCEPTED: N_("{actor} did not accept {object} as a complaint"),
    A.COMPLAINT_ASSIGNED: N_("{actor} assigned the complaint {object} to {assignee}"),
    A.COMPLAINT_INVESTIGATING: N_("{actor} started investigating the complaint {object}"),
    A.COMPLAINT_NOTE_ADDED: N_("{actor} added an internal note to the complaint {object}"),
    A.COMPLAINT_MESSAGE_SENT: N_("{actor} wrote to the complainant of {object}"),
    A.COMPLAINT_REPLY_ADDED: N_("{actor} replied on the complaint {object}"),
    A.COMPLAINT_ORGANIZER_ASKED: N_("{actor} asked the organizer to respond to the complaint "
                                    "{object}"),
    A.COMPLAINT_ORGANIZER_RESPONDED: N_("{actor} responded for the organizer to the complaint "
                                        "{object}"),
    A.COMPLAINT_HANDLED: N_("{actor} decided the complaint {object}: {outcome}"),
    A.COMPLAINT_FEEDBACK_SENT: N_("{actor} sent the result of the complaint {object}"),
    A.COMPLAINT_REOPENED: N_("{actor} asked to reopen the complaint {object}"),
    A.COMPLAINT_CLOSED: N_("The complaint {object} was closed"),
    A.RATING_GIVEN: N_("{actor} rated the event of the registration {object}: {stars} of 5"),
    A.RATING_HIDDEN: N_("{actor} hid the rating comment of the registration {object}"),
    A.RATING_SHOWN: N_("{actor} showed the rating comment of the registration {object} again"),
    A.NOTICE_OPENED: N_("{actor} sent {object} a rectification notice"),
    A.NOTICE_RESPONDED: N_("{actor} answered a rectification notice for {object}"),
    A.NOTICE_ACCEPTED: N_("{actor} accepted the rectification by {object}"),
    A.NOTICE_ESCALATED: N_("{actor} escalated a rectification notice to {object}"),
    A.NOTICE_WITHDRAWN: N_("{actor} withdrew a rectification notice to {object}"),
    A.SANCTION_WARNING: N_("{actor} warned the organizer {object}"),
    A.SANCTION_SUSPENDED: N_("{actor} suspended event publishing by {object}"),
    A.SANCTION_REVOKED: N_("{actor} revoked the qualification of {object}"),
    A.SANCTION_LIFTED: N_("{actor} lifted a sanction on {object}"),
    A.EMERGENCY_PLAN_SAVED: N_("{actor} saved a new version of {object}"),
    A.INCIDENT_OPENED: N_("{actor} opened {object}"),
    A.INCIDENT_ACTION_ADDED: N_("{actor} recorded an action on {object}"),
    A.INCIDENT_CLOSED: N_("{actor} closed {object}"),
    A.BROADCAST_SENT: N_("{actor} sent an emergency broadcast for {object}"),
    A.BROADCAST_WITHDRAWN: N_("{actor} withdrew an emergency broadcast for {object}"),
}
del A
# An action this list does not know (older or newer code): still words, never the code.
UNKNOWN = N_("{actor} recorded “{what}” on {object}")
SYSTEM = N_("The platform")
SOMEONE = N_("Someone")
UNNAMED = N_("an unnamed item")
UNKNOWN_ACCOUNT = N_("an unknown account")
KIND_NAMES = {"user": N_("account"), "organizer": N_("organizer"), "event": N_("event"),
              "email": N_("email"), "registration": N_("registration"),
              "complaint": N_("complaint"), "handler": N_("a page action"),
              "emergency_plan": N_("emergency plan"), "incident": N_("incident"),
              "setting": N_("the whole platform")}
# Sign-in noise: hidden from the audit log and history panels unless asked for.
NOISE = frozenset({AuditAction.SIGN_IN_SUCCEEDED, AuditAction.SIGN_IN_FAILED,
                   AuditAction.SESSION_STARTED, AuditAction.SESSION_SIGNED_OUT})
STATUS_ENUMS: dict[str, type[StrEnum]] = {
    "user": UserStatus, "organizer": OrganizerStatus, "event": EventStatus,
    "registration": RegistrationStatus, "email": EmailStatus, "complaint": ComplaintStatus}
YES_NO = {"True": N_("yes"), "False": N_("no")}


class Sentence(BaseModel):
    """One entry in words: `before` + the linked object name + `after` reads as one sentence."""

    before: str
    link_text: str
    href: str
    after: str
    details: list[str]

    @property
    def text(self) -> str:
        return f"{self.before}{self.link_text}{self.after}"


def humanize(code: str) -> str:
    """A code as words: "user.role_frozen" → "user role frozen"."""
    return " ".join(code.replace(".", " ").replace("_", " ").replace("=", " ").split())


def _label(enum: type[StrEnum], value: Any, locale: str) -> str:
    try:
        return gettext(labels.label_of(enum(str(value))), locale)
    except ValueError:
        return humanize(str(value))


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "—"


def _values(entry: AuditEntryPublic, locale: str) -> dict[str, str]:
    after, before = entry.after or {}, entry.before or {}
    values = {"actor": entry.actor_name or (entry.actor if entry.actor != "system" else "")
              or gettext(SYSTEM, locale)}
    for key in ("email", "issuer", "sessions"):
        if after.get(key) is not None:
            values[key] = str(after[key])
    if before.get("email") is not None:
        values["old_email"] = str(before["email"])
    if after.get("role") is not None:
        values["role"] = _label(Role, after["role"], locale)
    if after.get("kind") is not None:
        values["document"] = _label(DocumentKind, after["kind"], locale)
    if entry.action == AuditAction.ACCESS_DENIED:
        values["what"] = humanize(entry.note)
    if isinstance(after.get("amount_minor"), int) and after.get("currency"):
        values["amount"] = _money(after["currency"], after["amount_minor"], locale)
    if after.get("method") is not None:
        values["method"] = _label(PaymentMethod, after["method"], locale)
    if entry.action == AuditAction.SETTINGS_CHANGED:
        tunable = BY_KEY.get(str(after.get("setting")))
        values["setting"] = gettext(tunable.label, locale) if tunable else humanize(
            str(after.get("setting")))
        values["old"], values["new"] = str(before.get("value")), str(after.get("value"))
    if after.get("assignee_name") is not None:
        values["assignee"] = str(after["assignee_name"])
    if after.get("outcome") is not None:
        values["outcome"] = _label(ComplaintOutcome, after["outcome"], locale)
    if after.get("version") is not None:
        values["version"] = str(after["version"])
    if after.get("percent") is not None:
        values["percent"] = str(after["percent"])
        values["effective_from"] = str(after.get("effective_from", ""))
    if after.get("stars") is not None:
        values["stars"] = str(after["stars"])
    return values


def _money(currency: str, minor: int, locale: str) -> str:
    try:
        return Money(str(currency), minor).format(locale)
    except (ValueError, DomainError):
        return str(minor)


def _details(entry: AuditEntryPublic, locale: str) -> list[str]:
    after, before = entry.after or {}, entry.before or {}
    _ = lambda message: gettext(message, locale)  # noqa: E731
    lines = []
    status_enum = STATUS_ENUMS.get(entry.object_type)
    if status_enum is not None and after.get("status") is not None:
        new = _label(status_enum, after["status"], locale)
        old = before.get("status")
        lines.append(_("Status: {old} → {new}").format(
            old=_label(status_enum, old, locale), new=new) if old is not None
            else _("Status: {new}").format(new=new))
    if after.get("channel") is not None:
        lines.append(_("How: {channel}").format(
            channel=_label(RegistrationChannel, after["channel"], locale)))
    if after.get("certificate_number"):
        lines.append(_("Certificate number: {number}").format(
            number=after["certificate_number"]))
    if after.get("filename"):
        lines.append(_("File: {name}").format(name=after["filename"]))
    if after.get("closure") is not None:
        lines.append(_("Closed as: {closure}").format(
            closure=_label(ComplaintClosure, after["closure"], locale)))
    if after.get("refund_due") in YES_NO:
        lines.append(_("Refund due: {answer}").format(answer=_(YES_NO[after["refund_due"]])))
    if before.get("last_error"):
        lines.append(_("Last error: {error}").format(error=before["last_error"]))
    note = entry.note
    if entry.action in (AuditAction.SIGN_IN_FAILED, AuditAction.PASSWORD_CHANGE_FAILED):
        if note.startswith("email=") and note.removeprefix("email="):
            lines.append(_("Address typed: {email}").format(email=note.removeprefix("email=")))
        note = ""
    elif entry.action == AuditAction.SIGN_IN_SUCCEEDED and note.startswith("provider="):
        lines.append(_("Through {issuer}").format(issuer=note.removeprefix("provider=")))
        note = ""
    elif entry.action == AuditAction.ACCESS_DENIED:
        note = ""
    if note:
        lines.append(_("Note: {note}").format(note=note))
    return lines


def describe(entry: AuditEntryPublic, locale: str, *, link: bool = True,
             link_people: bool = False) -> Sentence:
    """The entry as a sentence in `locale`; `link=False` on the object's own page, and people
    link only where `link_people` (administrators: only they may open them)."""
    template = SENTENCES.get(entry.action)
    values = _Blank(_values(entry, locale))
    if template is None:
        values["what"] = humanize(entry.action)
    message = gettext(template or UNKNOWN, locale)
    name = entry.object_name or str((entry.before or {}).get("name") or "")  # gone: its name then
    if not name:
        if entry.object_id is None:
            name = gettext(UNKNOWN_ACCOUNT if entry.object_type == "user" else
                           KIND_NAMES.get(entry.object_type, UNNAMED), locale)
        else:
            kind = gettext(KIND_NAMES.get(entry.object_type, UNNAMED), locale)
            name = f"{kind} #{entry.object_id}"
    # The object's name is the link; a sentence about the actor themselves links the actor.
    slot = "{object}" if "{object}" in message else "{actor}"
    if slot == "{actor}":
        name = values["actor"]
    head, _, tail = message.partition(slot)
    href = entry.object_href if link and entry.object_name else ""
    if entry.object_type == "user" and not link_people:
        href = ""
    if slot == "{actor}" and (entry.object_type != "user" or entry.actor_id != entry.object_id):
        href = ""  # the actor is not the object: no link to promise
    try:
        before, after = head.format_map(values), tail.format_map(values)
    except (ValueError, IndexError):  # a broken translation: words still, never a crash
        before, after = f"{values['actor']}: {humanize(entry.action)} ", ""
        name = name if slot == "{object}" else ""
    return Sentence(before=before, link_text=name, href=href, after=after,
                    details=_details(entry, locale))


def is_noise(action: str) -> bool:
    return action in NOISE
