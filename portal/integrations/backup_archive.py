"""One backup archive (tar.gz): the database copy, the private files exactly as stored, a
manifest (format, portal version, time, Alembic revision, rows per table, file list) and the
SHA-256 of every member. A restore reads the whole archive and checks every checksum before it
touches anything, and only ever fills an empty database and an empty file store."""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import json
import os
import secrets
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from sqlalchemy.engine import Engine

from portal.domain.clock import utcnow
from portal.domain.errors import Conflict, Invalid
from portal.integrations import db_dump

FORMAT = "event-portal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
FILES = "files"
CHUNK = 1024 * 1024
CONTROL_LIMIT = 16 * 1024 * 1024  # the manifest and the checksums: far below this for any store


def _portal_version() -> str:
    try:
        return metadata.version("event-portal")
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class Archive:
    path: Path
    size: int
    manifest: dict


def archive_name(moment: datetime) -> str:
    return f"portal-backup-{moment:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}.tar.gz"


def stored_files(root: Path) -> list[Path]:
    """Every finished file of the store (half-written `.part` files left out), sorted."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".part")


def _add(tar: tarfile.TarFile, name: str, content: bytes, sums: dict[str, str]) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(content), 0o600, int(utcnow().timestamp())
    tar.addfile(info, io.BytesIO(content))
    sums[name] = hashlib.sha256(content).hexdigest()


def _add_file(tar: tarfile.TarFile, name: str, path: Path, sums: dict[str, str]) -> None:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    info = tar.gettarinfo(str(path), arcname=name)
    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
    with path.open("rb") as handle:
        tar.addfile(info, handle)
    sums[name] = digest.hexdigest()


def create_archive(engine: Engine, upload_dir: Path, to_dir: Path) -> Archive:
    """Write one archive into `to_dir` (created if missing); nothing is left half-written."""
    to_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    moment = utcnow()
    final = to_dir / archive_name(moment)
    partial = final.with_name(final.name + ".part")
    # the database copy is not encrypted: only the portal's own account may read the archive
    partial.touch(mode=0o600)
    partial.chmod(0o600)
    with tempfile.TemporaryDirectory(dir=to_dir, prefix=".dump-") as work:
        dump = db_dump.dump_database(engine, Path(work))
        sums: dict[str, str] = {}
        listed = []
        try:
            with tarfile.open(partial, "w:gz") as tar:
                _add_file(tar, dump.filename, Path(work) / dump.filename, sums)
                for path in stored_files(upload_dir):
                    relative = path.relative_to(upload_dir).as_posix()
                    name = f"{FILES}/{relative}"
                    _add(tar, name, path.read_bytes(), sums)
                    listed.append({"path": relative, "size": path.stat().st_size,
                                   "sha256": sums[name]})
                manifest = {
                    "format": FORMAT, "format_version": FORMAT_VERSION,
                    "portal_version": _portal_version(), "created_at": moment.isoformat(),
                    "database": {"dialect": dump.dialect, "file": dump.filename,
                                 "alembic_revision": dump.revision},
                    "row_counts": dump.row_counts, "files": listed}
                _add(tar, MANIFEST, json.dumps(manifest, indent=2).encode(), sums)
                lines = "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items()))
                _add(tar, CHECKSUMS, lines.encode(), {})
            partial.replace(final)
        finally:
            partial.unlink(missing_ok=True)
    return Archive(final, final.stat().st_size, manifest)


FOREIGN = "This is not an Event Portal backup archive."


def _refuse_foreign() -> Invalid:
    return Invalid(FOREIGN, field="archive")


def _safe_name(name: str) -> bool:
    """A plain relative path, written the one way ("files//x" and "files/./x" are not)."""
    path = PurePosixPath(name)
    return bool(path.parts) and not path.is_absolute() and ".." not in path.parts \
        and path.as_posix() == name and "." not in name.split("/")


def _read_members(archive: Path, staging: Path | None) -> tuple[dict[str, str], dict[str, bytes]]:
    """Every member's SHA-256 (and the small control members' bytes); members written under
    `staging` when given. Raises Invalid for a damaged or foreign archive."""
    digests: dict[str, str] = {}
    control: dict[str, bytes] = {}
    try:
        with tarfile.open(archive, "r:*") as tar:
            for member in tar:
                if not member.isfile() or not _safe_name(member.name) or \
                        member.name in digests:
                    raise _refuse_foreign()
                source = tar.extractfile(member)
                assert source is not None  # a regular file
                keep = member.name in (MANIFEST, CHECKSUMS)
                if keep and member.size > CONTROL_LIMIT:  # read into memory: kept small
                    raise _refuse_foreign()
                sink = io.BytesIO() if keep else open(os.devnull, "wb") if staging is None \
                    else _sink(staging, member.name)
                with sink:
                    digest = hashlib.sha256()
                    for block in iter(functools.partial(source.read, CHUNK), b""):
                        digest.update(block)
                        sink.write(block)
                    if isinstance(sink, io.BytesIO):
                        control[member.name] = sink.getvalue()
                digests[member.name] = digest.hexdigest()
    except FileNotFoundError:
        raise Invalid("There is no file {path}.", field="archive", path=str(archive)) from None
    except (tarfile.ReadError, tarfile.CompressionError) as error:
        if not digests and not _is_gzip(archive):
            raise _refuse_foreign() from None
        raise Invalid("The archive is damaged: {reason}", field="archive",
                      reason=str(error)) from None
    except (EOFError, zlib.error, OSError) as error:
        raise Invalid("The archive is damaged: {reason}", field="archive",
                      reason=str(error) or type(error).__name__) from None
    return digests, control


def _sink(staging: Path, name: str) -> BinaryIO:
    path = staging / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("wb")


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


def _gzip_intact(path: Path) -> bool:
    """The whole gzip stream decompresses and its CRC matches: a tar inside that makes no
    sense was foreign from the start, not damaged on the way."""
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(CHUNK):
                pass
    except (OSError, EOFError, zlib.error):
        return False
    return True


def _parse_sums(raw: bytes) -> dict[str, str]:
    sums = {}
    for line in raw.decode("utf-8", "replace").splitlines():
        digest, _, name = line.partition("  ")
        sums[name] = digest
    return sums


def verify_archive(archive: Path, staging: Path | None = None) -> dict:
    """The archive's manifest once every member matches its checksum (Invalid otherwise)."""
    try:
        return _verify(archive, staging)
    except Invalid as refused:
        if refused.template != FOREIGN or not _is_gzip(archive) or _gzip_intact(archive):
            raise
        raise Invalid("The archive is damaged: {reason}", field="archive",
                      reason="its compressed data is corrupt") from None


def _verify(archive: Path, staging: Path | None) -> dict:
    digests, control = _read_members(archive, staging)
    if MANIFEST not in control or CHECKSUMS not in control:
        raise _refuse_foreign()
    try:
        manifest = json.loads(control[MANIFEST])
    except ValueError:
        raise _refuse_foreign() from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse_foreign()
    if manifest.get("format_version") != FORMAT_VERSION:
        raise Invalid("This backup was written in format {version}, which this portal cannot "
                      "read.", field="archive", version=str(manifest.get("format_version")))
    expected = _parse_sums(control[CHECKSUMS])
    del digests[CHECKSUMS]
    if expected != digests:
        changed = sorted(set(expected) ^ set(digests) |
                         {n for n in expected if digests.get(n) != expected[n]})
        raise Invalid("The archive is damaged: the checksum of {name} does not match.",
                      field="archive", name=changed[0] if changed else "?")
    paths = [item.get("path") if isinstance(item, dict) else None
             for item in manifest.get("files", [])]
    if not all(isinstance(path, str) and _safe_name(path) for path in paths):
        raise _refuse_foreign()
    listed = {f"{FILES}/{path}" for path in paths}
    database = manifest.get("database", {}).get("file")
    if listed | {database, MANIFEST} != set(digests):
        raise Invalid("The archive is damaged: its file list does not match its contents.",
                      field="archive")
    return manifest


def check_archive(archive: Path) -> dict:
    """Checksums verified and the database copy readable: what a finished backup must pass."""
    with tempfile.TemporaryDirectory(dir=archive.parent, prefix=".verify-") as work:
        manifest = verify_archive(archive, Path(work))
        database = manifest["database"]
        try:
            db_dump.check_dump(Path(work) / database["file"], database["dialect"])
        except db_dump.DumpError as error:
            raise Invalid("The archive is damaged: {reason}", field="archive",
                          reason=str(error)) from None
    return manifest


def restore_archive(engine: Engine, upload_dir: Path, archive: Path) -> dict:
    """Verify the whole archive, then fill the empty database and empty file store from it.
    Refused (nothing changed) for a damaged or foreign archive or a target that holds data."""
    archive = archive.resolve()
    upload_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=upload_dir.parent, prefix=".restore-"))
    try:
        manifest = verify_archive(archive, staging)
        dialect = manifest["database"]["dialect"]
        if dialect != engine.dialect.name:
            raise Conflict("This backup holds a {source} database; the portal is set to use "
                           "{target}.", source=dialect, target=engine.dialect.name)
        if stored_files(upload_dir):
            raise Conflict("The file store {path} is not empty; restore into an empty one.",
                           path=str(upload_dir))
        if not db_dump.is_empty(engine):
            raise Conflict("The database is not empty; restore into a new, empty database.")
        placed = _place_files(manifest, staging, upload_dir)
        try:
            _restore_rows(engine, staging, manifest)
        except BaseException:
            _remove(placed)  # whatever went wrong, the store is empty again, as it was
            raise
        return manifest
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _restore_rows(engine: Engine, staging: Path, manifest: dict) -> None:
    database = manifest["database"]
    try:
        db_dump.restore_database(engine, staging / database["file"], database["dialect"])
    except db_dump.DumpError as error:
        raise Conflict("The database could not be restored: {reason}",
                       reason=str(error)) from None
    with engine.connect() as connection:
        counts = db_dump.row_counts(connection)
    if counts != manifest["row_counts"]:
        raise Conflict("The restored database does not hold the rows the backup lists; "
                       "recreate it empty before trying again.")


def _place_files(manifest: dict, staging: Path, upload_dir: Path) -> list[Path]:
    """Move the staged files into the store (copied when it is another disk); on a failure
    the ones already placed are removed and nothing else has changed."""
    placed: list[Path] = []
    try:
        for item in manifest["files"]:
            target = upload_dir / item["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            placed.append(target)  # before the move: a copy cut short is removed too
            shutil.move(staging / FILES / item["path"], target)
    except OSError as error:
        _remove(placed)
        raise Conflict("The files could not be put in {path}: {reason}. Nothing was restored.",
                       path=str(upload_dir), reason=error.strerror or str(error)) from None
    return placed


def _remove(paths: list[Path]) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            continue  # the rest still go


class Archiver:
    """The adapter behind services.backups.Archiver: this portal's database and file store."""

    def __init__(self, engine: Engine, upload_dir: str | Path, folder: str | Path):
        self.engine, self.upload_dir, self.folder = engine, Path(upload_dir), Path(folder)

    def create(self, to_dir: Path) -> tuple[Path, int]:
        archive = create_archive(self.engine, self.upload_dir, to_dir)
        return archive.path, archive.size

    def check(self, archive: Path) -> None:
        check_archive(archive)
