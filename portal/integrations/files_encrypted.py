"""Private files encrypted at rest (rules §4.2.1): every file the store writes is a Fernet token
(AES-128-CBC + HMAC-SHA256) behind a short header, under the current key; older keys still
read. Files written before encryption (no header) are read as they are, and re-encrypted by
`rotate`, which also moves every file onto the current key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from portal.integrations.files_local import LocalFileStore

HEADER = b"PORTAL-ENC1\n"


class UnreadableFile(OSError):
    """An encrypted file none of the configured keys opens."""


@dataclass(frozen=True)
class Rotation:
    files: int  # files looked at
    encrypted: int  # plaintext files now encrypted
    rekeyed: int  # encrypted files moved onto the current key


def new_key() -> str:
    return Fernet.generate_key().decode()


class EncryptedFileStore:
    """The local store with every file's content encrypted; the same keys, the same paths."""

    def __init__(self, root: str | Path, keys: list[bytes]):
        if not keys:
            raise ValueError("at least one key")
        self.files = LocalFileStore(root)
        self.root = Path(root)
        self._current = Fernet(keys[0])
        self._all = MultiFernet([Fernet(key) for key in keys])

    def seal(self, content: bytes) -> bytes:
        return HEADER + self._current.encrypt(content)

    def open(self, stored: bytes) -> bytes:
        if not stored.startswith(HEADER):
            return stored  # written before files were encrypted
        try:
            return self._all.decrypt(stored[len(HEADER):])
        except InvalidToken:
            raise UnreadableFile("no configured key opens this file") from None

    def save(self, content: bytes) -> str:
        return self.files.save(self.seal(content))

    def read(self, key: str) -> bytes:
        return self.open(self.files.read(key))

    def delete(self, key: str) -> None:
        self.files.delete(key)

    def rotate(self) -> Rotation:
        """Every stored file encrypted under the current key (each file replaced atomically);
        a file no key opens stops the rotation with UnreadableFile naming it."""
        looked = encrypted = rekeyed = 0
        for path in sorted(self.root.rglob("*")):
            if not path.is_file() or path.suffix == ".part":
                continue
            looked += 1
            stored = path.read_bytes()
            if stored.startswith(HEADER):
                try:
                    token = self._all.rotate(stored[len(HEADER):])
                except InvalidToken:
                    raise UnreadableFile(f"no configured key opens {path}") from None
                rekeyed += 1
                replaced = HEADER + token
            else:
                encrypted += 1
                replaced = self.seal(stored)
            temporary = path.with_suffix(".part")
            temporary.write_bytes(replaced)
            temporary.replace(path)
        return Rotation(looked, encrypted, rekeyed)
