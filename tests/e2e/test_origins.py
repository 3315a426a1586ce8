"""The backend accepts websocket connections only from the allowed origins (PORTAL_ALLOWED_ORIGINS)
and serves its plain HTTP routes beside the Reflex event endpoint."""

from __future__ import annotations

import base64
import http.client
import json
import os
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import FRONTEND_ORIGIN

pytestmark = pytest.mark.e2e


def open_socket(backend_url: str, origin: str) -> int:
    """The status of a websocket handshake to the event endpoint (101 means accepted)."""
    parts = urlsplit(backend_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", "/_event/?EIO=4&transport=websocket", headers={
        "Origin": origin,
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
    })
    status = connection.getresponse().status
    connection.close()
    return status


def test_websocket_from_an_allowed_origin_is_accepted(backend_url):
    assert open_socket(backend_url, FRONTEND_ORIGIN) == 101


@pytest.mark.parametrize("origin", ["http://evil.example", "null", FRONTEND_ORIGIN + ".evil"])
def test_websocket_from_another_origin_is_rejected(backend_url, origin):
    assert open_socket(backend_url, origin) != 101


def test_health_route_reports_the_database(backend_url):
    with urllib.request.urlopen(f"{backend_url}/health", timeout=10) as response:
        assert json.load(response) == {"status": "ok", "database": "ok"}
