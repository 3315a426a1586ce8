"""HTTP routes reach services the way handlers do: through the use-case runner, in a worker
thread, so a route never blocks the event loop that serves every websocket."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from portal.services.runner import run_use_case

T = TypeVar("T")
SESSION_COOKIE = "portal_session"


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


async def read(request: Request, service: Callable[..., T], **kwargs: Any) -> T:
    """A read-only use case as the person behind the request's session cookie."""
    outcome = await run_in_threadpool(
        lambda: run_use_case(service, session_token=request.cookies.get(SESSION_COOKIE, ""),
                             client_ip=client_ip(request), write=False, **kwargs))
    return outcome.unwrap()


async def write(request: Request, service: Callable[..., T], **kwargs: Any) -> T:
    """A use case that changes data, as the person behind the request's session cookie."""
    outcome = await run_in_threadpool(
        lambda: run_use_case(service, session_token=request.cookies.get(SESSION_COOKIE, ""),
                             client_ip=client_ip(request), write=True, **kwargs))
    return outcome.unwrap()
