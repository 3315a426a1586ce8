"""Qualification documents (rules §3.1.2): which kinds an application needs, and storing one
file checked by content outside any public folder."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from portal.domain.enums import DocumentKind, OrganizerKind
from portal.domain.errors import Conflict, Invalid
from portal.domain.models import QualificationDocument
from portal.i18n import N_
from portal.services import audit
from portal.services.files import CheckedFile, FileStore, check_upload, delete_on_rollback

MAX_DOCUMENTS = 10
# An application holds at least one document of one of its kind's kinds, with what to say if not.
REQUIRED_DOCUMENTS: dict[OrganizerKind, tuple[frozenset[DocumentKind], str]] = {
    OrganizerKind.COMPANY: (frozenset({DocumentKind.BUSINESS_LICENCE}),
                            N_("Add the business licence.")),
    OrganizerKind.NON_PROFIT: (
        frozenset({DocumentKind.ORGANISATION_CODE, DocumentKind.BUSINESS_LICENCE}),
        N_("Add the organisation code certificate or the business licence.")),
    OrganizerKind.INDIVIDUAL: (frozenset(DocumentKind),
                               N_("Add at least one document that shows who you are.")),
}


@dataclass(frozen=True)
class DocumentUpload:
    """One file as the applicant sent it."""

    kind: str
    filename: str
    content: bytes


@dataclass(frozen=True)
class CheckedDocument:
    kind: DocumentKind
    file: CheckedFile
    content: bytes


def document_kind(value: str, *, field: str = "kind") -> DocumentKind:
    try:
        return DocumentKind(value)
    except ValueError:
        raise Invalid("Choose the kind of document.", field=field) from None


def require_kinds(organizer_kind: OrganizerKind, kinds: Iterable[DocumentKind]) -> None:
    """Refuse a submission without the documents its kind of organizer must show."""
    needed, message = REQUIRED_DOCUMENTS[organizer_kind]
    if not needed & set(kinds):
        raise Invalid(message, field="documents")


def check_documents(uploads: list[DocumentUpload]) -> list[CheckedDocument]:
    """Every file checked (kind, type by content, size) before anything is written."""
    if len(uploads) > MAX_DOCUMENTS:
        raise Invalid("An application holds at most {n} documents.", field="documents",
                      n=MAX_DOCUMENTS)
    return [CheckedDocument(kind=document_kind(upload.kind, field="documents"),
                     file=check_upload(upload.filename, upload.content, field="documents"),
                     content=upload.content) for upload in uploads]


def stored_kinds(session: Session, organizer_id: int) -> list[DocumentKind]:
    kinds = session.exec(select(col(QualificationDocument.kind)).where(
        col(QualificationDocument.organizer_id) == organizer_id))
    return [DocumentKind(kind) for kind in kinds]


def count_documents(session: Session, organizer_id: int) -> int:
    return session.exec(select(func.count()).select_from(QualificationDocument).where(
        col(QualificationDocument.organizer_id) == organizer_id)).one()


def store_documents(session: Session, *, actor_id: int, organizer_id: int,
                    checked: list[CheckedDocument], store: FileStore) -> list[int]:
    """Write checked files and their rows; the caller owns access and the commit."""
    if count_documents(session, organizer_id) + len(checked) > MAX_DOCUMENTS:
        raise Conflict("An application holds at most {n} documents.", n=MAX_DOCUMENTS)
    ids: list[int] = []
    for item in checked:
        key = store.save(item.content)
        delete_on_rollback(session, store, key)  # no orphan file when the change fails
        document = QualificationDocument(
            organizer_id=organizer_id, kind=item.kind.value, filename=item.file.filename,
            content_type=item.file.content_type, size=item.file.size,
            sha256=item.file.sha256, storage_key=key, uploaded_by_id=actor_id)
        session.add(document)
        session.flush()
        audit.record(session, actor_id=actor_id, action="organizer.document_added",
                     object_type="organizer", object_id=organizer_id,
                     after={"kind": item.kind.value, "filename": item.file.filename})
        assert document.id is not None  # flushed: the database gave it one
        ids.append(document.id)
    return ids
