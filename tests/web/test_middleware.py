"""The guards around the whole backend: security headers on every HTTP response, and request
bodies over the upload limit refused with 413 before the app reads them all."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from portal.web.app import build_web_app, protect_app
from portal.web.middleware import BODY_OVERHEAD_BYTES, protect

MB = 1024 * 1024
received: list[int] = []


async def page(_request: Request) -> HTMLResponse:
    return HTMLResponse("<!doctype html><title>Events</title>")


async def upload(request: Request) -> PlainTextResponse:
    body = await request.body()
    received.append(len(body))
    return PlainTextResponse(f"got {len(body)}")


async def own_policy(_request: Request) -> Response:
    return Response("pdf", headers={"content-security-policy": "sandbox"})


def inner() -> Starlette:
    return Starlette(routes=[Route("/", page), Route("/_upload", upload, methods=["POST"]),
                             Route("/files/doc", own_policy)])


def client(app=None, base_url: str = "http://localhost:3000", upload_max_mb: int = 10):  # noqa: ANN001
    received.clear()
    return TestClient(protect(app or inner(), base_url=base_url,
                              upload_max_mb=upload_max_mb))


def test_every_response_carries_the_security_headers():
    for path in ("/", "/no-such-page"):
        headers = client().get(path).headers
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert "default-src 'self'" in policy and "connect-src 'self' ws://localhost:3000" \
            in policy
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "strict-transport-security" not in headers  # plain http: no HSTS


@pytest.mark.parametrize("path", ["/check-in", "/check-in?id=7", "/check-in/",
                                  "/check-in.html", "/check-in/index.html"])
def test_the_check_in_page_may_use_the_camera(path):
    policy = client().get(path).headers["permissions-policy"]
    assert policy == "camera=(self), microphone=(), geolocation=()"


@pytest.mark.parametrize("path", ["/", "/organizer/events", "/check-in-else", "/check-inx",
                                  "/ticket?code=/check-in", "/index.html", "/_event"])
def test_every_other_response_keeps_the_camera_off(path):
    policy = client().get(path).headers["permissions-policy"]
    assert policy == "camera=(), microphone=(), geolocation=()"


def test_https_adds_hsts_and_secure_websockets():
    headers = client(base_url="https://events.example.org").get("/").headers
    assert headers["strict-transport-security"] == "max-age=31536000"
    assert "connect-src 'self' wss://events.example.org" in headers["content-security-policy"]


def test_a_route_that_sets_its_own_header_keeps_it_once():
    response = client().get("/files/doc")
    assert response.headers.get_list("content-security-policy") == ["sandbox"]
    assert response.headers["x-frame-options"] == "DENY"


def test_the_wiring_puts_our_routes_behind_the_guards():
    unprotected = TestClient(build_web_app()).get("/auth/signed-out", follow_redirects=False)
    assert "content-security-policy" not in unprotected.headers  # what the wrapper adds
    protected = TestClient(protect_app(build_web_app())).get("/auth/signed-out",
                                                             follow_redirects=False)
    assert protected.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in protected.headers["content-security-policy"]


def test_a_small_upload_passes_through():
    response = client().post("/_upload", content=b"x" * (2 * MB))
    assert response.status_code == 200 and received == [2 * MB]


def test_a_body_at_the_limit_plus_overhead_passes_and_one_byte_more_is_refused():
    limit = MB + BODY_OVERHEAD_BYTES
    assert client(upload_max_mb=1).post("/_upload", content=b"x" * limit).status_code == 200
    refused = client(upload_max_mb=1).post("/_upload", content=b"x" * (limit + 1))
    assert refused.status_code == 413 and received == []


def test_a_30_mb_upload_is_refused_by_its_length_with_headers():
    response = client().post("/_upload", content=b"x" * (30 * MB))
    assert response.status_code == 413 and received == []
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("length", ["-1", "abc", "1e9"])
def test_a_malformed_length_is_refused(length):
    response = client().post("/_upload", content=b"x", headers={"content-length": length})
    assert response.status_code == 413 and received == []


def chunks(total_mb: int):  # noqa: ANN201
    for _ in range(total_mb):
        yield b"x" * MB


def test_a_chunked_30_mb_upload_is_refused_while_streaming():
    response = client().post("/_upload", content=chunks(30))
    assert response.status_code == 413 and received == []


def test_a_small_chunked_upload_passes_through():
    response = client().post("/_upload", content=chunks(3))
    assert response.status_code == 200 and received == [3 * MB]


def test_the_reflex_app_applies_the_guards_last_so_they_wrap_everything():
    # Reflex 0.10 mounts its own app (pages, /_event, /_upload) in a Starlette transformer,
    # then calls each callable transformer with the result: the last one wraps it all.
    from portal.portal import app

    first, last = app.api_transformer
    assert isinstance(first, Starlette) and last is protect_app
