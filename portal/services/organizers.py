"""Organizer qualification (rules §3.1): apply with documents, staff review (approve with a
certificate number, reject, or ask for more documents), resubmit; members and invitations."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlmodel import Session

from portal import links
from portal.domain.clock import utcnow
from portal.domain.enums import (
    ORGANIZER_TRANSITIONS,
    DocumentKind,
    MemberRole,
    OrganizerKind,
    OrganizerStatus,
    Role,
    can_transition,
)
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import (
    Organizer,
    OrganizerInvite,
    OrganizerMember,
    QualificationDocument,
    User,
)
from portal.domain.policies import Actor, can_act_in_area, can_register, is_owner_of
from portal.services import audit, platform_settings, rate_limits
from portal.services.emails import add_to_outbox, render
from portal.services.files import FileStore
from portal.services.notifications import notify
from portal.services.organizer_application import Application, clean_application
from portal.services.organizer_documents import (
    DocumentUpload,
    check_documents,
    count_documents,
    document_kind,
    require_kinds,
    store_documents,
    stored_kinds,
)
from portal.services.secrets import hash_token, new_token
from portal.services.users import normalize_email
from portal.settings import get_settings

INVITE_LIFETIME = timedelta(days=7)
class DocumentInfo(BaseModel):
    id: int
    kind: DocumentKind
    filename: str
    size: int
    uploaded_at: datetime


class MemberInfo(BaseModel):
    user_id: int
    name: str
    email: str
    role: MemberRole


class OrganizerView(BaseModel):
    id: int
    legal_name: str
    kind: OrganizerKind
    registration_number: str
    contact_name: str
    contact_phone: str
    address: str
    description: str
    status: OrganizerStatus
    submitted_at: datetime
    review_due_at: datetime
    overdue: bool
    decision_note: str
    certificate_number: str
    decided_at: datetime | None
    publishing_suspended: bool
    documents: list[DocumentInfo]
    members: list[MemberInfo]
    is_owner: bool


def _review_due(session: Session, moment: datetime) -> datetime:
    return platform_settings.deadline(session, moment, "review_working_days")


def staff_in_area(session: Session, area: Role) -> list[User]:
    """Active staff of an area, administrators included: who is told about new work."""
    from portal.domain.models import UserRole

    rows = session.exec(
        select(User).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role.in_([area.value, Role.ADMIN.value]), User.status == "active")
        .distinct()
    ).all()
    return [row[0] for row in rows]


def _tell_reviewers(session: Session, organizer: Organizer) -> None:
    notify(session, recipients=staff_in_area(session, Role.STAFF_REVIEWS),
           template="organizer_submitted", context={"organizer": organizer.legal_name},
           about=("organizer", organizer.id),
           link=links.with_id(links.STAFF_ORGANIZER, organizer.id))


def apply(session: Session, actor: Actor, data: Application, *,
          documents: list[DocumentUpload], store: FileStore) -> int:
    """A verified person applies for an organizer with its documents, in one step; they become
    its owner. Staff are told once the documents are stored."""
    if not can_register(actor):
        raise Forbidden("Confirm your email and complete your profile before you apply.")
    values = clean_application(data)
    checked = check_documents(documents)
    require_kinds(OrganizerKind(values["kind"]), (item.kind for item in checked))
    pending = session.exec(
        select(func.count()).select_from(Organizer)
        .join(OrganizerMember, OrganizerMember.organizer_id == Organizer.id)
        .where(OrganizerMember.user_id == actor.user_id,
               OrganizerMember.role == MemberRole.OWNER.value,
               Organizer.status != OrganizerStatus.REVOKED.value)
    ).one()[0]
    if pending:
        raise Conflict("You already own an organizer application.")
    now = utcnow()
    organizer = Organizer(**values, submitted_at=now, review_due_at=_review_due(session, now))
    session.add(organizer)
    session.flush()
    session.add(OrganizerMember(organizer_id=organizer.id, user_id=actor.user_id,
                                role=MemberRole.OWNER.value))
    audit.record(session, actor_id=actor.user_id, action="organizer.applied",
                 object_type="organizer", object_id=organizer.id,
                 after={"legal_name": organizer.legal_name})
    store_documents(session, actor_id=actor.user_id, organizer_id=organizer.id,
                    checked=checked, store=store)
    _tell_reviewers(session, organizer)
    return organizer.id


def _membership(session: Session, actor: Actor, organizer_id: int) -> OrganizerMember | None:
    if not actor.is_authenticated:
        return None
    row = session.exec(select(OrganizerMember).where(
        OrganizerMember.organizer_id == organizer_id,
        OrganizerMember.user_id == actor.user_id)).first()
    return row[0] if row else None


def _organizer(session: Session, organizer_id: int) -> Organizer:
    organizer = session.get(Organizer, organizer_id)
    if organizer is None:
        raise NotFound("No such organizer.")
    return organizer


def _visible(session: Session, actor: Actor, organizer_id: int) -> Organizer:
    """Members and reviewing staff see an organizer's application and documents."""
    organizer = _organizer(session, organizer_id)
    if can_act_in_area(actor, Role.STAFF_REVIEWS) or _membership(session, actor, organizer_id):
        return organizer
    raise NotFound("No such organizer.")


def _owned(session: Session, actor: Actor, organizer_id: int) -> Organizer:
    organizer = _organizer(session, organizer_id)
    if not is_owner_of(actor, organizer_id):
        raise Forbidden("Only the organizer's owner can do this.")
    return organizer


def view(session: Session, actor: Actor, *, organizer_id: int) -> OrganizerView:
    organizer = _visible(session, actor, organizer_id)
    documents = session.exec(select(QualificationDocument).where(
        QualificationDocument.organizer_id == organizer.id).order_by(QualificationDocument.id))
    members = session.exec(
        select(OrganizerMember, User).join(User, User.id == OrganizerMember.user_id)
        .where(OrganizerMember.organizer_id == organizer.id).order_by(OrganizerMember.id))
    member = _membership(session, actor, organizer.id)
    return OrganizerView(
        **{k: getattr(organizer, k) for k in ("id", "legal_name", "registration_number",
                                              "contact_name", "contact_phone", "address",
                                              "description", "submitted_at", "review_due_at",
                                              "decision_note", "decided_at",
                                              "publishing_suspended")},
        kind=OrganizerKind(organizer.kind), status=OrganizerStatus(organizer.status),
        overdue=organizer.status == OrganizerStatus.SUBMITTED.value
        and organizer.review_due_at < utcnow(),
        certificate_number=organizer.certificate_number or "",
        documents=[DocumentInfo(id=d.id, kind=DocumentKind(d.kind), filename=d.filename,
                                size=d.size, uploaded_at=d.created_at) for (d,) in documents],
        members=[MemberInfo(user_id=u.id, name=u.name, email=u.email, role=MemberRole(m.role))
                 for m, u in members],
        is_owner=member is not None and member.role == MemberRole.OWNER.value,
    )


def my_organizers(session: Session, actor: Actor) -> list[int]:
    if not actor.is_authenticated:
        return []
    rows = session.exec(select(OrganizerMember.organizer_id)
                        .where(OrganizerMember.user_id == actor.user_id)
                        .order_by(OrganizerMember.organizer_id))
    return [row[0] for row in rows]


def add_document(session: Session, actor: Actor, *, organizer_id: int, kind: str,
                 filename: str, content: bytes, store: FileStore) -> int:
    organizer = _owned(session, actor, organizer_id)
    if organizer.status in (OrganizerStatus.APPROVED.value, OrganizerStatus.REVOKED.value):
        raise Conflict("Documents can be added only while the application is open.")
    document_kind(kind)
    checked = check_documents([DocumentUpload(kind=kind, filename=filename, content=content)])
    return store_documents(session, actor_id=actor.user_id, organizer_id=organizer_id,
                           checked=checked, store=store)[0]


def open_document(session: Session, actor: Actor, *, document_id: int, store: FileStore
                  ) -> tuple[QualificationDocument, bytes]:
    document = session.get(QualificationDocument, document_id)
    if document is None:
        raise NotFound("No such document.")
    _visible(session, actor, document.organizer_id)
    return document, store.read(document.storage_key)


def resubmit(session: Session, actor: Actor, *, organizer_id: int, data: Application) -> None:
    organizer = _owned(session, actor, organizer_id)
    current = OrganizerStatus(organizer.status)
    if not can_transition(ORGANIZER_TRANSITIONS, current, OrganizerStatus.SUBMITTED):
        raise Conflict("This application cannot be resubmitted now.")
    values = clean_application(data)
    require_kinds(OrganizerKind(values["kind"]), stored_kinds(session, organizer.id))
    for name, value in values.items():
        setattr(organizer, name, value)
    now = utcnow()
    organizer.status, organizer.submitted_at = OrganizerStatus.SUBMITTED.value, now
    organizer.review_due_at = _review_due(session, now)
    audit.record(session, actor_id=actor.user_id, action="organizer.resubmitted",
                 object_type="organizer", object_id=organizer.id,
                 before={"status": current.value}, after={"status": "submitted"})
    _tell_reviewers(session, organizer)


def _owners(session: Session, organizer_id: int) -> list[User]:
    rows = session.exec(select(User).join(OrganizerMember, OrganizerMember.user_id == User.id)
                        .where(OrganizerMember.organizer_id == organizer_id,
                               OrganizerMember.role == MemberRole.OWNER.value))
    return [row[0] for row in rows]


def certificate_number(organizer: Organizer) -> str:
    """Unique by construction (the organizer's own id), so concurrent approvals never clash."""
    return f"EP-{utcnow().year}-{organizer.id:06d}"


def decide(session: Session, actor: Actor, *, organizer_id: int, decision: str, note: str = "",
           ip: str = "") -> OrganizerView:
    """approve | reject | request_documents; a refusal or a request needs a reason."""
    if not can_act_in_area(actor, Role.STAFF_REVIEWS):
        raise Forbidden("Only reviewing staff can decide on organizer applications.")
    targets = {"approve": OrganizerStatus.APPROVED, "reject": OrganizerStatus.REJECTED,
               "request_documents": OrganizerStatus.NEEDS_DOCUMENTS}
    if decision not in targets:
        raise Invalid("Unknown decision.")
    note = (note or "").strip()
    if decision != "approve" and not note:
        raise Invalid("Give a reason; the applicant will read it.", field="note")
    if len(note) > 1000:
        raise Invalid("Use at most {n} characters.", field="note", n=1000)
    organizer = _organizer(session, organizer_id)
    current, target = OrganizerStatus(organizer.status), targets[decision]
    if not can_transition(ORGANIZER_TRANSITIONS, current, target):
        raise Conflict("This application is {status}; it cannot be decided now.",
                       status=current.value)
    if target is OrganizerStatus.APPROVED and not count_documents(session, organizer.id):
        raise Conflict("An application without documents cannot be approved; ask for them.")
    organizer.status, organizer.decision_note, organizer.decided_at = target.value, note, utcnow()
    if target is OrganizerStatus.APPROVED:
        organizer.certificate_number = certificate_number(organizer)
    audit.record(session, actor_id=actor.user_id, action=f"organizer.{decision}",
                 object_type="organizer", object_id=organizer.id,
                 before={"status": current.value},
                 after={"status": target.value,
                        "certificate_number": organizer.certificate_number}, note=note, ip=ip)
    notify(session, recipients=_owners(session, organizer.id), template=f"organizer_{decision}",
           context={"organizer": organizer.legal_name, "note": note,
                    "certificate_number": organizer.certificate_number or ""},
           about=("organizer", organizer.id), link=links.ORGANIZER)
    session.flush()
    return view(session, actor, organizer_id=organizer.id)


def invite_member(session: Session, actor: Actor, *, organizer_id: int, email: str, ip: str = ""
                  ) -> None:
    organizer = _owned(session, actor, organizer_id)
    if organizer.status != OrganizerStatus.APPROVED.value:
        raise Conflict("Members can be invited once the organizer is approved.")
    address = normalize_email(email)
    rate_limits.spend(session, "invitation", account=actor.user_id, ip=ip)
    raw, digest = new_token()
    session.add(OrganizerInvite(organizer_id=organizer.id, email=address, token_hash=digest,
                                expires_at=utcnow() + INVITE_LIFETIME,
                                invited_by_id=actor.user_id))
    inviter = session.get(User, actor.user_id)
    link = f"{get_settings().base_url}/organizer/join?token={raw}"
    rendered = render("organizer_invite", inviter.locale,
                      {"name": address, "organizer": organizer.legal_name,
                       "inviter": inviter.name, "link": link})
    add_to_outbox(session, to_email=address, rendered=rendered, template="organizer_invite",
                  locale=inviter.locale, to_user_id=None, about=("organizer", organizer.id))
    audit.record(session, actor_id=actor.user_id, action="organizer.member_invited",
                 object_type="organizer", object_id=organizer.id, after={"email": address})


def accept_invite(session: Session, actor: Actor, *, token: str) -> int:
    if not actor.is_authenticated:
        raise Forbidden("Sign in first.")
    row = session.exec(select(OrganizerInvite).where(
        OrganizerInvite.token_hash == hash_token(token or ""))).first()
    invite = row[0] if row else None
    if invite is None or invite.accepted_at is not None or invite.expires_at <= utcnow():
        raise Invalid("This invitation has expired or was already used.")
    user = session.get(User, actor.user_id)
    if user.email != invite.email:
        raise Forbidden("This invitation was sent to another email address.")
    if _membership(session, actor, invite.organizer_id) is None:
        session.add(OrganizerMember(organizer_id=invite.organizer_id, user_id=user.id,
                                    role=MemberRole.MEMBER.value))
    invite.accepted_at = utcnow()
    audit.record(session, actor_id=user.id, action="organizer.member_joined",
                 object_type="organizer", object_id=invite.organizer_id)
    return invite.organizer_id


class Certificate(BaseModel):
    legal_name: str
    kind: OrganizerKind
    registration_number: str
    certificate_number: str
    issued_at: datetime
    valid: bool


def certificate(session: Session, *, organizer_id: int) -> Certificate:
    """The public certificate page: anyone may check an organizer's qualification."""
    organizer = session.get(Organizer, organizer_id)
    if organizer is None or not organizer.certificate_number:
        raise NotFound("No such certificate.")
    return Certificate(legal_name=organizer.legal_name, kind=OrganizerKind(organizer.kind),
                       registration_number=organizer.registration_number,
                       certificate_number=organizer.certificate_number,
                       issued_at=organizer.decided_at or organizer.updated_at,
                       valid=organizer.status == OrganizerStatus.APPROVED.value)
