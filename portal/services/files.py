"""Private files (qualification documents, later evidence): checked by content, kept outside
any public folder under random keys, read back only through services that check access."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import filetype

from portal.domain.errors import Invalid
from portal.settings import get_settings

ALLOWED_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
SAFE_NAME = re.compile(r"[^\w.\- ()\u4e00-\u9fff]+")


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    size: int
    sha256: str


IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})


def check_upload(filename: str, content: bytes, *, field: str = "document",
                 images_only: bool = False) -> CheckedFile:
    """The file's real type from its first bytes (never its name); size within the limit."""
    limit = get_settings().upload_max_mb * 1024 * 1024
    if not content:
        raise Invalid("The file is empty.", field=field)
    if len(content) > limit:
        raise Invalid("Files may be at most {mb} MB.", field=field,
                      mb=get_settings().upload_max_mb)
    kind = filetype.guess_mime(content[:8192])
    if images_only and kind not in IMAGE_TYPES:
        raise Invalid("Upload a JPEG or PNG image.", field=field)
    if kind not in ALLOWED_TYPES:
        raise Invalid("Upload a PDF, JPEG or PNG file.", field=field)
    stem = SAFE_NAME.sub("_", Path(filename or "document").stem).strip("._ ")[:80] or "document"
    return CheckedFile(filename=stem + ALLOWED_TYPES[kind], content_type=kind,
                       size=len(content), sha256=hashlib.sha256(content).hexdigest())


class FileStore:
    """Files under the private upload folder, named by random keys."""

    def __init__(self, root: str | Path | None = None):
        self.root = Path(root or get_settings().upload_dir)

    def save(self, content: bytes) -> str:
        key = secrets.token_hex(20)
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".part")
        temporary.write_bytes(content)
        temporary.replace(path)
        return key

    def read(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def _path(self, key: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{40}", key):
            raise ValueError("bad storage key")
        return self.root / key[:2] / key
