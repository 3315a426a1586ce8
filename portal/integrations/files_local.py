"""The file store on the local disk: the private upload folder, outside any public one."""

from __future__ import annotations

import re
import secrets
from pathlib import Path


class LocalFileStore:
    """Files under `root`, named by random keys (two-character fan-out folders)."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

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
