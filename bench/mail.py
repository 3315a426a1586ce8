"""Mail figures: emails per second through the dispatcher to the local SendGrid stand-in (the
real SendGrid SDK over HTTP), and the added cost of notify() inside a transaction.

    python bench/mail.py [--emails 500]

Prints figures; asserts nothing. Uses a throw-away SQLite database (or PORTAL_DATABASE_URL).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PORTAL_DATABASE_URL",
                      f"sqlite:///{tempfile.mkdtemp(prefix='portal-bench-')}/bench.db")

from portal.db import session_scope  # noqa: E402
from portal.domain.models import User  # noqa: E402
from portal.integrations.email_sendgrid import SendGridMailer  # noqa: E402
from portal.migrations import upgrade  # noqa: E402
from portal.services.emails import dispatch_due  # noqa: E402
from portal.services.notifications import notify  # noqa: E402
from portal.services.users import create_user  # noqa: E402
from portal.settings import get_settings  # noqa: E402
from tests.sendgrid_standin import SendGridStandIn  # noqa: E402


def timed(run, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        run()
    return (time.perf_counter() - started) / repeat


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--emails", type=int, default=500)
    args = parser.parse_args()
    upgrade(get_settings().database_url)
    with session_scope() as session:
        user = create_user(session, name="Bench", email=f"bench{time.time_ns()}@example.org",
                           password="a long bench passphrase", verified=True)
        user_id = user.id

    def change_only() -> None:
        with session_scope() as session:
            session.get(User, user_id).status_reason = "bench"

    def change_and_notify() -> None:
        with session_scope() as session:
            person = session.get(User, user_id)
            person.status_reason = "bench"
            notify(session, recipients=[person], template="account_reinstated", context={})

    repeat = max(50, args.emails // 2)
    change_only()
    change_and_notify()
    plain = timed(change_only, repeat)
    with_notify = timed(change_and_notify, repeat)
    print(f"transaction alone            {plain * 1000:8.2f} ms")
    print(f"transaction + notify()       {with_notify * 1000:8.2f} ms   "
          f"(+{(with_notify - plain) * 1000:.2f} ms, x{with_notify / plain:.2f})")

    for _ in range(args.emails - repeat - 1):
        change_and_notify()
    standin = SendGridStandIn().start()
    mailer = SendGridMailer(api_key="SG.bench", sender="bench@example.org", host=standin.url)
    started = time.perf_counter()
    sent = 0
    while True:
        batch = dispatch_due(session_scope, mailer, batch=100)
        if not batch:
            break
        sent += batch
    seconds = time.perf_counter() - started
    standin.stop()
    backend = get_settings().database_url.split(":")[0]
    print(f"dispatcher to SendGrid stand-in {sent} emails in {seconds:.2f} s = "
          f"{sent / seconds:.0f} emails/s (one dispatcher, {backend})")


if __name__ == "__main__":
    main()
