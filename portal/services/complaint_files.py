"""Evidence for complaints: checked by content and size before anything is written, kept in the
private file store under random keys, read back only by those who may read the entry it came
with (staff; the complainant for their own entries and messages; the organizer for theirs)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from portal import links
from portal.domain.enums import ComplaintEntryKind, Role
from portal.domain.errors import Invalid, NotFound
from portal.domain.ids import parse_id
from portal.domain.models import Complaint, ComplaintEntry, ComplaintFile
from portal.domain.policies import Actor, can_act_in_area, is_member_of
from portal.i18n import N_
from portal.services.complaint_views import ComplaintFileView, EvidenceUpload
from portal.services.files import (
    EVIDENCE_TYPES,
    CheckedFile,
    FileStore,
    check_upload,
    delete_on_rollback,
)

MAX_FILES = 5  # per timeline entry
WRONG_TYPE = N_("Evidence can be a PDF, a JPEG, PNG, WebP or GIF image, or a plain text file.")
NO_SUCH_FILE = N_("No such file.")


def check_evidence(uploads: Sequence[EvidenceUpload], *, field: str = "files"
                   ) -> list[tuple[CheckedFile, bytes]]:
    """Every file checked (type by content, size) before anything is written."""
    if len(uploads) > MAX_FILES:
        raise Invalid("Attach at most {n} files.", field=field, n=MAX_FILES)
    return [(check_upload(upload.filename, upload.content, field=field, types=EVIDENCE_TYPES,
                          wrong_type=WRONG_TYPE), upload.content) for upload in uploads]


def store_evidence(session: Session, complaint: Complaint, entry: ComplaintEntry,
                   checked: list[tuple[CheckedFile, bytes]], *, store: FileStore,
                   uploaded_by_id: int | None) -> list[str]:
    """Write checked files and their rows; the names kept. The caller owns the commit."""
    names = []
    for found, content in checked:
        key = store.save(content)
        delete_on_rollback(session, store, key)  # no orphan file when the change fails
        session.add(ComplaintFile(
            complaint_id=complaint.id or 0, entry_id=entry.id or 0, filename=found.filename,
            content_type=found.content_type, size=found.size, sha256=found.sha256,
            storage_key=key, uploaded_by_id=uploaded_by_id))
        names.append(found.filename)
    session.flush()
    return names


def file_view(row: ComplaintFile) -> ComplaintFileView:
    return ComplaintFileView(id=row.id or 0, filename=row.filename,
                             content_type=row.content_type, size=row.size,
                             href=links.complaint_file(row.id or 0))


def files_by_entry(session: Session, complaint_id: int) -> dict[int, list[ComplaintFileView]]:
    found: dict[int, list[ComplaintFileView]] = {}
    for row in session.exec(select(ComplaintFile).where(
            col(ComplaintFile.complaint_id) == complaint_id).order_by(col(ComplaintFile.id))):
        found.setdefault(row.entry_id, []).append(file_view(row))
    return found


def may_read_entry(actor: Actor, complaint: Complaint, entry: ComplaintEntry) -> bool:
    """Staff read every entry; the complainant what was meant for them (and their own words);
    an organizer's members what was meant for them."""
    if can_act_in_area(actor, Role.STAFF_COMPLAINTS):
        return True
    if not actor.is_authenticated:
        return False
    if complaint.complainant_id == actor.user_id and (
            entry.visible_to_complainant
            or entry.kind == ComplaintEntryKind.COMPLAINANT_REPLY.value):
        return True
    return complaint.organizer_id is not None and entry.visible_to_organizer and \
        is_member_of(actor, complaint.organizer_id)


def open_complaint_file(session: Session, actor: Actor, *, file_id: int | str,
                        store: FileStore) -> tuple[ComplaintFileView, bytes]:
    """A file and its bytes, for the download route; NotFound for anyone who may not read it
    (they do not learn that it exists)."""
    ident = parse_id(file_id)
    row = session.get(ComplaintFile, ident) if ident else None
    entry = session.get(ComplaintEntry, row.entry_id) if row else None
    complaint = session.get(Complaint, row.complaint_id) if row else None
    if row is None or entry is None or complaint is None or \
            not may_read_entry(actor, complaint, entry):
        raise NotFound(NO_SUCH_FILE)
    try:
        content = store.read(row.storage_key)
    except (OSError, KeyError):
        raise NotFound(NO_SUCH_FILE) from None
    return file_view(row), content
