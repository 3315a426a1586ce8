"""Private files (qualification documents, covers, later evidence): checked by content, kept
through a file store port under random keys, read back only through services that check access.
Files are written before the commit; replaced ones are deleted only after it succeeds."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import filetype
from sqlalchemy import event
from sqlmodel import Session

from portal.domain.errors import Invalid
from portal.i18n import N_
from portal.settings import get_settings

logger = logging.getLogger(__name__)

ALLOWED_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
# Complaint evidence (rules §6.1.1): photos and screenshots, documents, plain text.
EVIDENCE_TYPES = {**ALLOWED_TYPES, "image/webp": ".webp", "image/gif": ".gif",
                  "text/plain": ".txt"}
WRONG_TYPE = N_("Upload a PDF, JPEG or PNG file.")
SAFE_NAME = re.compile(r"[^\w.\- ()\u4e00-\u9fff]+")


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    size: int
    sha256: str


IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})


def _plain_text(content: bytes) -> str | None:
    """Text has no magic number: UTF-8 without NUL bytes counts as plain text."""
    if b"\x00" in content:
        return None
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain"


def check_upload(filename: str, content: bytes, *, field: str = "document",
                 images_only: bool = False, types: dict[str, str] = ALLOWED_TYPES,
                 wrong_type: str = WRONG_TYPE) -> CheckedFile:
    """The file's real type from its first bytes (never its name); size within the limit."""
    limit = get_settings().upload_max_mb * 1024 * 1024
    if not content:
        raise Invalid("The file is empty.", field=field)
    if len(content) > limit:
        raise Invalid("Files may be at most {mb} MB.", field=field,
                      mb=get_settings().upload_max_mb)
    kind = filetype.guess_mime(content[:8192])
    if kind is None and "text/plain" in types:
        kind = _plain_text(content)
    if images_only and kind not in IMAGE_TYPES:
        raise Invalid("Upload a JPEG or PNG image.", field=field)
    if kind not in types:
        raise Invalid(wrong_type, field=field)
    stem = SAFE_NAME.sub("_", Path(filename or "document").stem).strip("._ ")[:80] or "document"
    return CheckedFile(filename=stem + types[kind], content_type=kind,
                       size=len(content), sha256=hashlib.sha256(content).hexdigest())


class FileStore(Protocol):
    """The port file adapters implement (chosen in portal.wiring): private bytes under random
    keys."""

    def save(self, content: bytes) -> str: ...

    def read(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...


_PENDING = "portal.files.pending"


def _pending(session: Session) -> dict[str, list[tuple[FileStore, str]]]:
    pending = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = {"commit": [], "rollback": []}
        event.listen(session, "after_commit", _after_commit)
        event.listen(session, "after_rollback", _after_rollback)
    return pending


def _delete_all(files: list[tuple[FileStore, str]]) -> None:
    for store, key in files:
        try:
            store.delete(key)
        except OSError:
            logger.warning("could not delete stored file %s", key, exc_info=True)
    files.clear()


def _after_commit(session: Session) -> None:
    pending = session.info[_PENDING]
    pending["rollback"].clear()
    _delete_all(pending["commit"])


def _after_rollback(session: Session) -> None:
    pending = session.info[_PENDING]
    pending["commit"].clear()
    _delete_all(pending["rollback"])


def delete_after_commit(session: Session, store: FileStore, key: str) -> None:
    """Delete a replaced file only once the change that replaced it is committed: a failed
    commit must leave the row pointing at a file that still exists."""
    _pending(session)["commit"].append((store, key))


def delete_on_rollback(session: Session, store: FileStore, key: str) -> None:
    """Delete a file written for this transaction if the transaction does not commit."""
    _pending(session)["rollback"].append((store, key))
