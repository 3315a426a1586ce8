"""The `portal` command: migrate, seed-demo, create-admin, check, check-ledger, worker,
backup, restore, new-key, rotate-keys, port-free.

Every failure a person can cause (bad settings, unreachable database, taken port, bad input)
ends with one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import socket
import sys
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

EXIT_USAGE = 2


class CommandError(Exception):
    """A problem to report in one line."""


def _fail(message: str) -> None:
    print(f"portal: {message}", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def _database_problem(error: SQLAlchemyError) -> str:
    from portal.db import redact_url
    from portal.settings import get_settings

    reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
    return f"cannot use the database {redact_url(get_settings().database_url)}: {reason}"


def cmd_check(_args: argparse.Namespace) -> None:
    from portal.db import get_engine

    with get_engine().connect() as connection:
        connection.execute(text("SELECT 1"))
    print("settings and database are fine")


def cmd_migrate(_args: argparse.Namespace) -> None:
    from portal.db import get_engine
    from portal.migrations import upgrade
    from portal.settings import get_settings

    with get_engine().connect() as connection:  # fail fast, with one line, when unreachable
        connection.execute(text("SELECT 1"))
    upgrade(get_settings().database_url)
    print("database is up to date")


def cmd_seed_demo(_args: argparse.Namespace) -> None:
    from portal.db import session_scope
    from portal.services.demo import (
        DEMO_ACCOUNTS,
        DEMO_PASSWORD,
        demo_accounts_present,
        seed_demo,
    )
    from portal.wiring import file_store

    with session_scope() as session:
        loaded = seed_demo(session, store=file_store())
        present = demo_accounts_present(session)
    if loaded:
        print("demo data loaded")
    else:
        print("demo data: the database already has users; nothing loaded")
    if present:
        print(f"demo accounts (password {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            print(f"  {account.email:<28} {account.role_label}")


def _read_new_password(prompt: Callable[[str], str]) -> str:
    from portal.services.passwords import check_password_rules

    password = prompt("Password: ")
    check_password_rules(password)
    if prompt("Repeat password: ") != password:
        raise CommandError("the two passwords differ; nothing was created")
    return password


def cmd_create_admin(args: argparse.Namespace) -> None:
    from portal.db import session_scope
    from portal.domain.enums import Role
    from portal.services.users import create_user, normalize_email

    email = normalize_email(args.email)
    if not sys.stdin.isatty() and args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
        from portal.services.passwords import check_password_rules

        check_password_rules(password)
    else:
        password = _read_new_password(getpass.getpass)
    with session_scope() as session:
        user = create_user(
            session,
            name=args.name or email.split("@")[0],
            email=email,
            password=password,
            roles=frozenset({Role.ADMIN}),
            verified=True,
            # the operator accepts the rules in force for the administrator they create, so
            # every later version is asked for at sign-in, as for everyone else
            accepted_rules=True,
        )
    print(f"administrator {user.email} created (id {user.id})")


def cmd_worker(args: argparse.Namespace) -> None:
    """Lapsed holds and offers, and the mail dispatcher, in their own process (the app also
    runs them inside)."""
    import asyncio
    import logging

    from portal.worker import (
        backups_forever,
        backups_once,
        complaints_once,
        dispatch_forever,
        dispatch_once,
        fees_once,
        rating_invitations_once,
        refunds_once,
        retention_once,
        settlements_once,
        sweep_once,
    )

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if args.once:
        print(f"released {sweep_once()} lapsed holds and offers")
        print(f"closed {complaints_once()} complaints whose result went unanswered")
        entered, paid = refunds_once()
        print(f"entered {entered} refunds of cancelled events, paid back {paid} card refunds")
        print(f"invited {rating_invitations_once()} attendees to rate events that ended")
        print(f"emptied the text of {retention_once()} emails past their retention period")
        print(f"recorded {fees_once()} processing fees")
        print(f"made or updated {settlements_once()} settlement statements")
        print(f"sent {dispatch_once()} emails")
        print(backups_once() or "no backup due")
        return
    print("mail dispatcher and scheduled backups running; Ctrl+C stops them")

    async def forever() -> None:
        await asyncio.gather(dispatch_forever(), backups_forever())

    asyncio.run(forever())


def cmd_check_ledger(_args: argparse.Namespace) -> None:
    """Every invariant of the ledger; exit 1 and one line per problem when any is off."""
    from portal.db import TxMode, session_scope
    from portal.services.ledger_check import check_ledger

    with session_scope(mode=TxMode.READ) as session:
        problems = check_ledger(session)
    for problem in problems:
        print(problem)
    if problems:
        print(f"the ledger has {len(problems)} problems", file=sys.stderr)
        raise SystemExit(1)
    print("the ledger balances")


def cmd_backup(args: argparse.Namespace) -> None:
    """One archive of the database and the private files, verified, recorded like the
    scheduled ones."""
    from pathlib import Path

    from portal.db import session_scope
    from portal.services.backups import start_command_run, take_backup
    from portal.wiring import backup_archiver

    with session_scope() as session:
        run_id = start_command_run(session)
    row = take_backup(session_scope, backup_archiver(), run_id,
                      Path(args.to) if args.to else None)
    if row.error:
        raise CommandError(f"the backup failed: {row.error}")
    folder = Path(args.to) if args.to else backup_archiver().folder
    print(f"backup written and verified: {folder / row.filename} ({row.size} bytes)")


def cmd_restore(args: argparse.Namespace) -> None:
    """Fill an empty database and file store from an archive, after checking all of it."""
    from pathlib import Path

    from portal.db import get_engine
    from portal.integrations.backup_archive import restore_archive
    from portal.settings import get_settings

    manifest = restore_archive(get_engine(), Path(get_settings().upload_dir), Path(args.archive))
    rows = sum(manifest["row_counts"].values())
    print(f"restored the backup of {manifest['created_at']}: {rows} rows in "
          f"{len(manifest['row_counts'])} tables, {len(manifest['files'])} files")


def cmd_new_key(_args: argparse.Namespace) -> None:
    from portal.integrations.files_encrypted import new_key

    print(new_key())


def cmd_rotate_keys(_args: argparse.Namespace) -> None:
    """Every private file re-encrypted under the current key (older uploads encrypted)."""
    from portal.integrations.files_encrypted import UnreadableFile
    from portal.wiring import encrypted_file_store

    try:
        done = encrypted_file_store().rotate()
    except UnreadableFile as error:
        raise CommandError(f"{error}; add the key it was written with to "
                           f"PORTAL_FILE_ENCRYPTION_OLD_KEYS and run again") from None
    print(f"{done.files} files now under the current key ({done.encrypted} were not "
          f"encrypted before); old keys can be removed from PORTAL_FILE_ENCRYPTION_OLD_KEYS, "
          f"but keep them safe while backups taken before now are kept: their files need them")


def cmd_port_free(args: argparse.Namespace) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("0.0.0.0", args.port))
        except OSError:
            raise CommandError(
                f"port {args.port} is already in use: is the portal already running? "
                f"Stop it, or choose another port with PORTAL_PORT."
            ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portal", description="Event Portal administration")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="check settings and the database connection")
    commands.add_parser("migrate", help="apply database migrations")
    commands.add_parser("seed-demo", help="load demo accounts into an empty database")
    admin = commands.add_parser("create-admin", help="create an administrator account")
    admin.add_argument("--email", required=True)
    admin.add_argument("--name", default="")
    admin.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    worker = commands.add_parser("worker", help="release lapsed seat holds and send mail")
    worker.add_argument("--once", action="store_true", help="send what is due, then stop")
    commands.add_parser("check-ledger", help="verify the payment ledger; exit 1 if anything "
                        "is off")
    backup = commands.add_parser("backup", help="write a verified archive of the database and "
                                 "the private files")
    backup.add_argument("--to", default="", help="the folder (default PORTAL_BACKUP_DIR)")
    restore = commands.add_parser("restore", help="restore an archive into an empty database "
                                  "and an empty file store")
    restore.add_argument("archive")
    commands.add_parser("new-key", help="print a new file encryption key")
    commands.add_parser("rotate-keys", help="re-encrypt every private file under the current "
                        "key")
    port = commands.add_parser("port-free", help="fail when the port is taken")
    port.add_argument("--port", type=int, required=True)
    return parser


HANDLERS: dict[str, Callable[[argparse.Namespace], None]] = {
    "check": cmd_check,
    "migrate": cmd_migrate,
    "seed-demo": cmd_seed_demo,
    "create-admin": cmd_create_admin,
    "port-free": cmd_port_free,
    "worker": cmd_worker,
    "check-ledger": cmd_check_ledger,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "new-key": cmd_new_key,
    "rotate-keys": cmd_rotate_keys,
}


def main(argv: list[str] | None = None) -> None:
    from portal.domain.errors import DomainError
    from portal.settings import load_settings_or_exit

    args = build_parser().parse_args(argv)
    load_settings_or_exit()
    try:
        HANDLERS[args.command](args)
    except CommandError as error:
        _fail(str(error))
    except DomainError as error:
        _fail(error.message)
    except OperationalError as error:
        _fail(_database_problem(error))
    except SQLAlchemyError as error:
        _fail(_database_problem(error))
    except (KeyboardInterrupt, EOFError):
        _fail("cancelled; nothing was changed")


if __name__ == "__main__":
    main()
