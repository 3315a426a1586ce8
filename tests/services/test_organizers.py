"""Organizer qualification: apply, documents checked by content and kept private, staff review
(approve with a certificate, reject, ask for documents), resubmit, members."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.db import session_scope
from portal.domain.calendar import add_working_days
from portal.domain.enums import OrganizerStatus, Role
from portal.domain.errors import Conflict, Forbidden, Invalid, NotFound
from portal.domain.models import (
    Notification,
    Organizer,
    OrganizerMember,
    OutboxEmail,
    QualificationDocument,
)
from portal.integrations.files_local import LocalFileStore
from portal.services import organizer_queue, organizers
from portal.services.paging import PageRequest
from portal.services.users import create_user
from tests.services.helpers import (
    APPLICATION,
    LICENCE,
    PDF,
    STRONG,
    actor_for,
    apply_with_licence,
    last_link,
    sign_in,
    sign_up,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

@pytest.fixture
def store(tmp_path):
    return LocalFileStore(tmp_path / "uploads")


@pytest.fixture
def cast(engine):
    """An applicant (verified, complete profile), a reviewer, a stranger."""
    from portal.services import accounts

    sign_up(email="owner@example.org")
    with session_scope() as session:
        accounts.verify_email(session, token=last_link_for("owner@example.org"))
    sign_up(email="stranger@example.org")
    with session_scope() as session:
        create_user(session, name="Rita Reviewer", email="rita@example.org", password=STRONG,
                    roles=frozenset({Role.STAFF_REVIEWS}), verified=True)
        create_user(session, name="Finn Finance", email="finn@example.org", password=STRONG,
                    roles=frozenset({Role.STAFF_FINANCE}), verified=True)
    return Fresh({name: sign_in(f"{name}@example.org")
                  for name in ("owner", "stranger", "rita", "finn")})


class Fresh(dict):
    """Session cookies by name; each look-up resolves the person again, as every request does
    (so a new membership or ownership is seen on the next call)."""

    def __getitem__(self, name: str):
        return actor_for(super().__getitem__(name))


def last_link_for(email: str) -> str:
    from sqlmodel import Session

    import portal.db

    with Session(portal.db.get_engine()) as db:
        return last_link(db, email)


def call(service, actor, **kwargs):
    with session_scope() as session:
        return service(session, actor, **kwargs)


def apply(actor) -> int:
    with session_scope() as session:
        return apply_with_licence(session, actor)


def document(kind: str, content: bytes = PDF) -> organizers.DocumentUpload:
    return organizers.DocumentUpload(kind=kind, filename=f"{kind}.pdf", content=content)


def test_only_verified_people_with_a_complete_profile_apply(cast):
    with pytest.raises(Forbidden):
        apply(cast["stranger"])  # email not confirmed
    organizer_id = apply(cast["owner"])
    with pytest.raises(Conflict):
        apply(actor_for(sign_in("owner@example.org")))  # one application per owner
    view = call(organizers.view, cast["owner"], organizer_id=organizer_id)
    assert view.status is OrganizerStatus.SUBMITTED and view.is_owner
    assert view.review_due_at.date() >= add_working_days(view.submitted_at.date(), 5, "CN")


@pytest.mark.parametrize(("field", "value"), [
    ("legal_name", ""), ("legal_name", "x" * 201), ("kind", "empire"),
    ("contact_phone", "call me"), ("description", ""),
])
def test_bad_applications_are_refused_beside_the_field(cast, db, field, value):
    with pytest.raises(Invalid) as refused, session_scope() as session:
        apply_with_licence(session, cast["owner"], APPLICATION.model_copy(update={field: value}))
    assert refused.value.field == field


def submitted_mail(db) -> list[str]:
    db.rollback()
    return [row[0].to_email for row in db.exec(select(OutboxEmail).where(
        OutboxEmail.template == "organizer_submitted"))]


@pytest.mark.parametrize(("kind", "documents"), [
    ("company", []),
    ("company", [("organisation_code", PDF), ("other", PDF)]),
    ("non_profit", [("other", PDF)]),
    ("individual", []),
    ("company", [("business_licence", b"MZ\x90\x00 not a pdf")]),
    ("company", [("passport", PDF)]),
])
def test_an_application_without_its_required_documents_is_refused(cast, db, store, kind,
                                                                   documents):
    with pytest.raises(Invalid) as refused, session_scope() as session:
        organizers.apply(session, cast["owner"], APPLICATION.model_copy(update={"kind": kind}),
                         documents=[document(k, c) for k, c in documents], store=store)
    assert refused.value.field == "documents"
    db.rollback()
    assert db.exec(select(Organizer)).all() == []
    assert submitted_mail(db) == []  # nobody is told about an application that is not there


@pytest.mark.parametrize(("kind", "documents"), [
    ("company", ["business_licence", "other"]),
    ("non_profit", ["organisation_code"]),
    ("individual", ["other"]),
])
def test_an_application_carries_its_documents_and_then_reaches_staff(cast, db, store, kind,
                                                                      documents):
    with session_scope() as session:
        organizer_id = organizers.apply(
            session, cast["owner"], APPLICATION.model_copy(update={"kind": kind}),
            documents=[document(k) for k in documents], store=store)
    view = call(organizers.view, cast["rita"], organizer_id=organizer_id)
    assert sorted(d.kind.value for d in view.documents) == sorted(documents)
    assert all(store.read(d[0].storage_key) == PDF for d in db.exec(
        select(QualificationDocument).where(QualificationDocument.organizer_id == organizer_id)))
    assert submitted_mail(db) == ["rita@example.org"]


def test_an_application_without_documents_cannot_be_approved(cast, db, store):
    """Applications made before documents were required hold none: staff must ask for them."""
    from portal.domain.clock import utcnow

    owner_id = cast["owner"].user_id
    with session_scope() as session:
        legacy = Organizer(**APPLICATION.model_dump(), submitted_at=utcnow(),
                           review_due_at=utcnow())
        session.add(legacy)
        session.flush()
        session.add(OrganizerMember(organizer_id=legacy.id, user_id=owner_id, role="owner"))
        organizer_id = legacy.id
    owner = cast["owner"]  # resolved again: the new ownership is seen
    with pytest.raises(Conflict):
        call(organizers.decide, cast["rita"], organizer_id=organizer_id, decision="approve")
    call(organizers.decide, cast["rita"], organizer_id=organizer_id,
         decision="request_documents", note="Add your business licence.")
    with pytest.raises(Invalid) as refused:  # resubmitting still needs them
        call(organizers.resubmit, owner, organizer_id=organizer_id, data=APPLICATION)
    assert refused.value.field == "documents"
    call(organizers.add_document, owner, organizer_id=organizer_id,
         kind=LICENCE.kind, filename=LICENCE.filename, content=LICENCE.content, store=store)
    call(organizers.resubmit, owner, organizer_id=organizer_id, data=APPLICATION)
    view = call(organizers.decide, cast["rita"], organizer_id=organizer_id, decision="approve")
    assert view.status is OrganizerStatus.APPROVED


def test_documents_are_checked_by_content_and_private(cast, store, db):
    organizer_id = apply(cast["owner"])
    doc_id = call(organizers.add_document, cast["owner"], organizer_id=organizer_id,
                  kind="business_licence", filename="../../etc/licence.pdf", content=PDF,
                  store=store)
    document = db.get(QualificationDocument, doc_id)
    assert document.filename == "licence.pdf" and document.content_type == "application/pdf"
    assert store.read(document.storage_key) == PDF
    for content, name in [(b"MZ\x90\x00 not a pdf", "virus.pdf"), (b"", "empty.png"),
                          (b"%PDF" + b"x" * (10 * 1024 * 1024), "huge.pdf")]:
        with pytest.raises(Invalid):
            call(organizers.add_document, cast["owner"], organizer_id=organizer_id,
                 kind="other", filename=name, content=content, store=store)
    png_id = call(organizers.add_document, cast["owner"], organizer_id=organizer_id,
                  kind="other", filename="photo.pdf", content=PNG, store=store)
    db.rollback()
    assert db.get(QualificationDocument, png_id).filename == "photo.png"  # named by content
    with pytest.raises(Forbidden):
        call(organizers.add_document, cast["stranger"], organizer_id=organizer_id,
             kind="other", filename="x.pdf", content=PDF, store=store)


def test_who_may_see_an_application(cast, store):
    organizer_id = apply(cast["owner"])
    for actor in (cast["owner"], cast["rita"]):
        assert call(organizers.view, actor, organizer_id=organizer_id).legal_name
    for actor in (cast["stranger"], cast["finn"]):
        with pytest.raises(NotFound):
            call(organizers.view, actor, organizer_id=organizer_id)
    with pytest.raises(Forbidden):
        call(organizer_queue.list_applications, cast["finn"], request=PageRequest())


def test_the_queue_counts_documents_and_flags_late_reviews(cast, db):
    from datetime import timedelta

    from portal.domain.clock import utcnow

    on_time = apply(cast["owner"])
    with session_scope() as session:
        late = Organizer(**{**APPLICATION.model_dump(), "legal_name": "Late Ltd"},
                         submitted_at=utcnow() - timedelta(days=30),
                         review_due_at=utcnow() - timedelta(days=1))
        session.add(late)
        session.flush()
        late_id = late.id
    page = call(organizer_queue.list_applications, cast["rita"], request=PageRequest())
    rows = {row.id: row for row in page.items}
    assert page.total == 2 and set(rows) == {on_time, late_id}
    assert (rows[on_time].documents, rows[on_time].overdue) == (1, False)
    assert (rows[late_id].documents, rows[late_id].overdue) == (0, True)
    assert page.items[0].id == late_id  # the most urgent review first
    overdue = call(organizer_queue.list_applications, cast["rita"],
                   request=PageRequest(filters={"overdue": "yes"}))
    assert [row.id for row in overdue.items] == [late_id]


def test_review_cycle_notifies_and_issues_a_certificate(cast, db):
    organizer_id = apply(cast["owner"])
    staff_mail = db.exec(select(OutboxEmail).where(
        OutboxEmail.template == "organizer_submitted")).all()
    assert {row[0].to_email for row in staff_mail} == {"rita@example.org"}
    with pytest.raises(Forbidden):
        call(organizers.decide, cast["owner"], organizer_id=organizer_id, decision="approve")
    with pytest.raises(Invalid):
        call(organizers.decide, cast["rita"], organizer_id=organizer_id, decision="reject")
    call(organizers.decide, cast["rita"], organizer_id=organizer_id,
         decision="request_documents", note="Add the organisation code certificate.")
    with pytest.raises(Conflict):
        call(organizers.decide, cast["rita"], organizer_id=organizer_id, decision="approve")
    call(organizers.resubmit, cast["owner"], organizer_id=organizer_id, data=APPLICATION)
    view = call(organizers.decide, cast["rita"], organizer_id=organizer_id, decision="approve")
    assert view.status is OrganizerStatus.APPROVED
    assert view.certificate_number.startswith("EP-") and view.certificate_number.endswith("01")
    db.rollback()
    notes = [n[0].template for n in db.exec(select(Notification).where(
        Notification.user_id == cast["owner"].user_id))]
    assert "organizer_request_documents" in notes and "organizer_approve" in notes
    page = call(organizer_queue.list_applications, cast["rita"],
                request=PageRequest(filters={"status": "approved"}))
    assert page.total == 1


def test_owner_invites_a_member_who_accepts(cast, db):
    organizer_id = apply(cast["owner"])
    with pytest.raises(Conflict):  # not approved yet
        call(organizers.invite_member, cast["owner"], organizer_id=organizer_id,
             email="stranger@example.org")
    call(organizers.decide, cast["rita"], organizer_id=organizer_id, decision="approve")
    with pytest.raises(Forbidden):
        call(organizers.invite_member, cast["stranger"], organizer_id=organizer_id,
             email="stranger@example.org")
    call(organizers.invite_member, cast["owner"], organizer_id=organizer_id,
         email="Stranger@Example.org")
    token = last_link(db, "stranger@example.org")
    with pytest.raises(Forbidden):  # someone else cannot use it
        call(organizers.accept_invite, cast["rita"], token=token)
    assert call(organizers.accept_invite, cast["stranger"], token=token) == organizer_id
    assert organizer_id in actor_for(sign_in("stranger@example.org")).organizer_ids
    with pytest.raises(Invalid):
        call(organizers.accept_invite, cast["stranger"], token=token)
    view = call(organizers.view, cast["stranger"], organizer_id=organizer_id)
    assert [m.role.value for m in view.members] == ["owner", "member"]
