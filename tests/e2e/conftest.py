"""Browser tests: the real app built for production (AppHarnessProd) in Debian's Chromium.

The harness serves the built frontend and the backend on two local ports. The frontend port is
chosen here, before the settings load, so the backend's origin allow-list names it exactly.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, TMP_DIR
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, LocalOidcProvider
from tests.sendgrid_standin import SendGridStandIn


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


FRONTEND_PORT = _free_port()
FRONTEND_ORIGIN = f"http://127.0.0.1:{FRONTEND_PORT}"
E2E_DB = TMP_DIR / "e2e.db"
os.environ["PORTAL_DATABASE_URL"] = f"sqlite:///{E2E_DB}"
os.environ["PORTAL_BASE_URL"] = FRONTEND_ORIGIN
os.environ["PORTAL_ALLOWED_ORIGINS"] = FRONTEND_ORIGIN
# The test OIDC provider, so the "sign in with" button is on and works.
OIDC_PORT = _free_port()
os.environ["PORTAL_OIDC_ISSUER"] = f"http://127.0.0.1:{OIDC_PORT}"
os.environ["PORTAL_OIDC_CLIENT_ID"] = CLIENT_ID
os.environ["PORTAL_OIDC_CLIENT_SECRET"] = CLIENT_SECRET
os.environ["PORTAL_OIDC_PROVIDER_NAME"] = "Test ID"
# Email leaves through the real SendGrid adapter, to a local stand-in.
SENDGRID = SendGridStandIn()
os.environ["PORTAL_MAILER"] = "sendgrid"
os.environ["PORTAL_SENDGRID_API_KEY"] = "SG.e2e-test"
os.environ["PORTAL_SENDGRID_HOST"] = SENDGRID.url
# The complaint address's Inbound Parse hook: the tests post to it with this token.
INBOUND_SECRET = "e2e-inbound-" + "t" * 24
os.environ["PORTAL_COMPLAINT_INBOUND_SECRET"] = INBOUND_SECRET
SCREENSHOTS = PROJECT_ROOT / "test-results" / "screenshots"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def identity_provider():
    provider = LocalOidcProvider(port=OIDC_PORT).start()
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def sendgrid():
    SENDGRID.start()
    yield SENDGRID
    SENDGRID.stop()


@pytest.fixture(scope="session")
def portal_app(identity_provider, sendgrid):
    from reflex.testing import AppHarnessProd

    from portal.db import session_scope
    from portal.migrations import upgrade
    from portal.services.demo import seed_demo
    from portal.wiring import file_store

    class PortalHarness(AppHarnessProd):
        def _run_frontend(self):
            import uvicorn
            from reflex.testing import chdir
            from reflex.utils.exec import _frontend_prod_app

            from portal.web.event_pages import EventPages

            with chdir(self.app_path):
                frontend_app = _frontend_prod_app()
            # In production (--single-port) the pages are served behind portal/web's guards;
            # here the event pages get their link-preview tags the same way.
            self.frontend_server = uvicorn.Server(
                uvicorn.Config(app=EventPages(frontend_app), host="127.0.0.1",
                               port=FRONTEND_PORT)
            )
            self.frontend_server.run()

    upgrade(os.environ["PORTAL_DATABASE_URL"])
    with session_scope() as session:
        seed_demo(session, store=file_store())
    with PortalHarness.create(root=PROJECT_ROOT, app_name="portal") as harness:
        yield harness
    # Every cent the journeys moved is in the ledger, and it balances.
    from portal.services.ledger_check import check_ledger

    with session_scope() as session:
        problems = check_ledger(session)
    assert problems == [], "portal check-ledger after the e2e suite:\n" + "\n".join(problems)


@pytest.fixture
def app_url(portal_app) -> str:
    return portal_app.frontend_url.rstrip("/")


@pytest.fixture
def shot(page, request):
    """Save a screenshot of the page under test-results/screenshots/<test>-<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str, target=None) -> Path:  # noqa: ANN001
        path = SCREENSHOTS / f"{request.node.name}-{name}.png".replace("/", "_")
        (target or page).screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def backend_url(portal_app) -> str:
    from reflex.config import get_config

    return get_config().api_url.rstrip("/")
