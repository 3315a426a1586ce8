"""HTTP routes reach services the way handlers do: through the use-case runner, in a worker
thread, so a route never blocks the event loop that serves every websocket."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request

from portal import links
from portal.services.platform_texts import RulesNotAccepted
from portal.services.runner import Outcome, run_use_case
from portal.settings import get_settings

T = TypeVar("T")
SESSION_COOKIE = "portal_session"


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


def _unwrap(outcome: Outcome[T]) -> T:
    """The value, or the service's refusal; someone who has not accepted the rules in force is
    sent to accept them (a download link from an old email lands there too), like the pages."""
    if isinstance(outcome.error, RulesNotAccepted):
        raise HTTPException(status_code=303, headers={
            "Location": f"{get_settings().base_url}{links.RULES_ACCEPT}",
            "Cache-Control": "private, no-store"})
    return outcome.unwrap()


async def read(request: Request, service: Callable[..., T], **kwargs: Any) -> T:
    """A read-only use case as the person behind the request's session cookie."""
    outcome = await run_in_threadpool(
        lambda: run_use_case(service, session_token=request.cookies.get(SESSION_COOKIE, ""),
                             client_ip=client_ip(request), write=False, **kwargs))
    return _unwrap(outcome)


async def write(request: Request, service: Callable[..., T], **kwargs: Any) -> T:
    """A use case that changes data, as the person behind the request's session cookie."""
    outcome = await run_in_threadpool(
        lambda: run_use_case(service, session_token=request.cookies.get(SESSION_COOKIE, ""),
                             client_ip=client_ip(request), write=True, **kwargs))
    return _unwrap(outcome)
