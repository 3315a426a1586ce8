"""The platform's versioned texts: the rules every signed-in person accepts (again, when they
change) and the safety guide an organizer member confirms before submitting an event (rules
§2.2.3, §4.3). Administrators publish a new version; a published one never changes.

The rules gate is server-side: `sessions.resolve_actor` marks an actor who has not accepted the
current rules, and the use-case runner refuses every call of theirs except the few marked
`before_rules` (reading and accepting the rules, the menus, signing out)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portal.domain.clock import utcnow
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import (
    DocumentAcceptance,
    Organizer,
    OrganizerMember,
    PlatformDocument,
    User,
)
from portal.domain.models.document import BODY_LIMIT, TextKind
from portal.domain.policies import (
    Actor,
    can_change_settings,
    can_use_staff_portal,
    is_organizer_member,
)
from portal.i18n import N_
from portal.services import audit

F = TypeVar("F", bound=Callable[..., object])
MIN_BODY = 20


class RulesNotAccepted(Conflict):
    """The person must accept the current platform rules before doing anything else."""


RULES_CHANGED = N_("The platform rules have changed: read and accept them to continue.")


def before_rules(service: F) -> F:
    """Mark a use case a person may run before accepting the current rules."""
    service.before_rules = True  # type: ignore[attr-defined]
    return service


def _kind(raw: str) -> TextKind:
    try:
        return TextKind(str(raw))
    except ValueError:
        raise NotFound("There is no such text.") from None


@dataclass(frozen=True)
class TextVersion:
    kind: str
    version: int
    body: str  # Markdown, for the editor
    html: str  # rendered safely
    published_at: datetime
    published_by: str


def current_version(session: Session, kind: TextKind) -> int:
    """The number of the version in force; 0 while none was published."""
    return session.exec(select(func.max(PlatformDocument.version))
                        .where(PlatformDocument.kind == kind.value)).one() or 0


def _accepted(session: Session, user_id: int, kind: TextKind, version: int) -> bool:
    return session.exec(select(DocumentAcceptance.id).where(
        DocumentAcceptance.user_id == user_id, DocumentAcceptance.kind == kind.value,
        DocumentAcceptance.version == version)).first() is not None


def rules_pending(session: Session, user_id: int) -> bool:
    """True when rules are published and this person has not accepted the current version."""
    # one round trip: this runs on every call of every signed-in person
    newest = select(func.max(PlatformDocument.version)).where(
        PlatformDocument.kind == TextKind.RULES.value).scalar_subquery()
    accepted = select(DocumentAcceptance.id).where(
        DocumentAcceptance.user_id == user_id, DocumentAcceptance.kind == TextKind.RULES.value,
        DocumentAcceptance.version == newest).exists()
    version, done = session.execute(select(newest, accepted)).one()
    return bool(version) and not done


def record_acceptance(session: Session, user_id: int, kind: TextKind, version: int) -> None:
    """Idempotent: a second acceptance of the same version (two tabs) changes nothing."""
    if version <= 0 or _accepted(session, user_id, kind, version):
        return
    try:
        with session.begin_nested():
            session.add(DocumentAcceptance(user_id=user_id, kind=kind.value, version=version,
                                           accepted_at=utcnow()))
    except IntegrityError:
        pass  # accepted meanwhile in another tab


def accept_current_rules(session: Session, user_id: int) -> None:
    """Sign-up and profile completion: the person accepted the rules in force now."""
    record_acceptance(session, user_id, TextKind.RULES,
                      current_version(session, TextKind.RULES))


def render_markdown(text: str) -> str:
    """Safely, as event descriptions are (imported here: event_views reaches accounts, which
    needs this module)."""
    from portal.services.event_views import render_markdown as render

    return render(text)


def _view(session: Session, row: PlatformDocument) -> TextVersion:
    publisher = session.get(User, row.published_by) if row.published_by else None
    return TextVersion(kind=row.kind, version=row.version, body=row.body,
                       html=render_markdown(row.body), published_at=row.published_at,
                       published_by=publisher.name if publisher else "")


@before_rules
def read_text(session: Session, _actor: Actor, *, kind: str) -> TextVersion | None:
    """The version in force, for everyone (the public rules page, the accept page)."""
    chosen = _kind(kind)
    row = session.exec(select(PlatformDocument).where(PlatformDocument.kind == chosen.value)
                       .order_by(col(PlatformDocument.version).desc())).first()
    return _view(session, row) if row else None


@dataclass(frozen=True)
class Standing:
    """Where the signed-in person stands with a text: the version in force and theirs."""

    current: int
    accepted: bool


@before_rules
def my_standing(session: Session, actor: Actor, *, kind: str) -> Standing:
    chosen = _kind(kind)
    if not actor.is_authenticated:
        raise Forbidden("Sign in to continue.")
    version = current_version(session, chosen)
    return Standing(current=version, accepted=version == 0
                    or _accepted(session, actor.user_id or 0, chosen, version))


@before_rules
def accept_text(session: Session, actor: Actor, *, kind: str, version: int) -> None:
    """The person read `version` and accepts it; refused when a newer one was published
    meanwhile (they must read that one)."""
    chosen = _kind(kind)
    if not actor.is_authenticated:
        raise Forbidden("Sign in to continue.")
    if chosen is TextKind.SAFETY_GUIDE and not is_organizer_member(actor):
        raise Forbidden("The safety guide is confirmed by organizer members.")
    current = current_version(session, chosen)
    if current == 0:
        raise NotFound("There is no such text.")
    if int(version) != current:
        raise Conflict("A newer version was published meanwhile; read it and accept again.")
    if _accepted(session, actor.user_id or 0, chosen, current):
        return
    record_acceptance(session, actor.user_id or 0, chosen, current)
    if chosen is TextKind.RULES:
        user = session.get(User, actor.user_id)
        if user is not None:
            user.accepted_rules_at = utcnow()
    audit.record(session, actor_id=actor.user_id, action=f"{chosen.value}.accepted",
                 object_type="user", object_id=actor.user_id, after={"version": current})


def _require_admin(actor: Actor) -> None:
    if not can_change_settings(actor):
        raise Forbidden("Only administrators can change platform settings.")


def _clean_body(body: str) -> str:
    text = str(body or "").replace("\r\n", "\n").strip()
    if len(text) < MIN_BODY:
        raise Invalid("Write the text: at least {n} characters.", field="body", n=MIN_BODY)
    if len(text) > BODY_LIMIT:
        raise Invalid("Keep the text under {n} characters.", field="body", n=BODY_LIMIT)
    return text


def preview_text(session: Session, actor: Actor, *, body: str) -> str:
    """The Markdown as it will show, rendered safely (nothing is stored)."""
    _require_admin(actor)
    return render_markdown(_clean_body(body))


def publish_text(session: Session, actor: Actor, *, kind: str, body: str) -> TextVersion:
    """A new version in force from now. Everyone else accepts (rules) or confirms (safety
    guide) it again; the administrator who wrote it has accepted it."""
    _require_admin(actor)
    chosen, text = _kind(kind), _clean_body(body)
    version = current_version(session, chosen) + 1
    row = PlatformDocument(kind=chosen.value, version=version, body=text,
                           published_by=actor.user_id, published_at=utcnow())
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        raise Conflict("Someone published a version meanwhile; reload and try again.") \
            from None
    record_acceptance(session, actor.user_id or 0, chosen, version)
    audit.record(session, actor_id=actor.user_id, action=f"{chosen.value}.published",
                 object_type="user", object_id=actor.user_id,
                 before={"version": version - 1}, after={"version": version})
    return _view(session, row)


def text_history(session: Session, actor: Actor, *, kind: str) -> list[TextVersion]:
    """Every published version, newest first (administrators)."""
    _require_admin(actor)
    chosen = _kind(kind)
    rows = session.exec(select(PlatformDocument).where(PlatformDocument.kind == chosen.value)
                        .order_by(col(PlatformDocument.version).desc()).limit(100)).all()
    return [_view(session, row) for row in rows]


def require_safety_guide(session: Session, actor: Actor) -> None:
    """An organizer member submits events only after confirming the safety guide in force."""
    version = current_version(session, TextKind.SAFETY_GUIDE)
    if version and not _accepted(session, actor.user_id or 0, TextKind.SAFETY_GUIDE, version):
        raise Conflict("Read and confirm the platform's safety guide (version {n}) before "
                       "submitting an event: Organizer portal → Safety guide.", n=version)


@dataclass(frozen=True)
class Confirmation:
    user_id: int
    name: str
    email: str
    organizers: str
    version: int  # the newest version they confirmed; 0: never
    confirmed_at: datetime | None
    current: bool


def safety_confirmations(session: Session, actor: Actor) -> list[Confirmation]:
    """Every organizer member and the newest safety guide version they confirmed (staff)."""
    if not can_use_staff_portal(actor):
        raise Forbidden("The staff portal is for platform staff only.")
    current = current_version(session, TextKind.SAFETY_GUIDE)
    members = session.exec(select(User, Organizer.legal_name)
                           .join(OrganizerMember, col(OrganizerMember.user_id) == User.id)
                           .join(Organizer, col(Organizer.id) == OrganizerMember.organizer_id)
                           .order_by(col(User.name))).all()
    latest: dict[int, tuple[int, datetime]] = {}
    for row in session.exec(select(DocumentAcceptance).where(
            DocumentAcceptance.kind == TextKind.SAFETY_GUIDE.value)).all():
        if row.user_id not in latest or row.version > latest[row.user_id][0]:
            latest[row.user_id] = (row.version, row.accepted_at)
    people: dict[int, tuple[User, list[str]]] = {}
    for user, organizer in members:
        people.setdefault(user.id or 0, (user, []))[1].append(organizer)
    result = []
    for user_id, (user, organizers) in people.items():
        version, when = latest.get(user_id, (0, None))
        result.append(Confirmation(user_id=user_id, name=user.name, email=user.email,
                                   organizers=", ".join(organizers), version=version,
                                   confirmed_at=when, current=bool(current)
                                   and version == current))
    return result
