"""Payment screen figures: what one person waiting on the return page costs per poll (the
read-only progress query every 3 s), reading the pay sheet, and rendering a receipt PDF in
English and Chinese.

    python bench/payment_pages.py [--repeat 300]

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

from portal.db import TxMode, session_scope  # noqa: E402
from portal.migrations import upgrade  # noqa: E402
from portal.services import payment_start, payment_views  # noqa: E402
from portal.services.demo import seed_demo  # noqa: E402
from portal.services.receipt_files import receipt_pdf  # noqa: E402
from portal.services.receipt_text import receipt_text  # noqa: E402
from portal.settings import get_settings  # noqa: E402
from portal.wiring import file_store  # noqa: E402


def timed(run, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        run()
    return (time.perf_counter() - started) / repeat


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    upgrade(get_settings().database_url)
    with session_scope() as session:
        seed_demo(session, store=file_store())
    from tests.security.payments_attendee_specs import _holder, held, paid

    holder = _holder()
    waiting, (receipted, _reference) = held(), paid()

    def poll() -> None:
        with session_scope(mode=TxMode.READ) as session:
            payment_views.payment_progress(session, holder, registration_id=waiting)

    def sheet() -> None:
        with session_scope(mode=TxMode.READ) as session:
            payment_start.pay_sheet(session, holder, registration_id=waiting)

    with session_scope(mode=TxMode.READ) as session:
        found = payment_views.receipt(session, holder, registration_id=receipted)
    receipt_pdf(receipt_text(found, "zh-Hans"))  # registers the CJK font once
    url = get_settings().database_url.split(":", 1)[0]
    print(f"database: {url}, {args.repeat} runs each")
    print(f"return page poll (payment_progress): {timed(poll, args.repeat) * 1000:.2f} ms")
    print(f"pay sheet (pay_sheet):               {timed(sheet, args.repeat) * 1000:.2f} ms")
    for locale in ("en", "zh-Hans"):
        words = receipt_text(found, locale)
        cost = timed(lambda words=words: receipt_pdf(words), max(args.repeat // 10, 5))
        print(f"receipt PDF render ({locale}):{' ' * (10 - len(locale))}{cost * 1000:.2f} ms")


if __name__ == "__main__":
    main()
