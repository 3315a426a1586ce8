"""Mail to the complaint address (`POST /hooks/inbound-email/{token}`): SendGrid Inbound Parse
posts each message as multipart/form-data. The token in the path is the shared secret (the
URL configured in SendGrid): without the right one nothing is read and nothing changes.

Answers are SendGrid's cue: 2xx done (also for a message we drop on purpose: retrying cannot
fix it), 5xx try again later (the database was busy)."""

from __future__ import annotations

import hmac
import logging

from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import JSONResponse

from portal.db import TxMode, session_scope
from portal.services.complaint_views import EvidenceUpload
from portal.services.complaints_filing import InboundEmail, file_complaint_by_email
from portal.services.inbound_email import parse_inbound
from portal.services.platform_settings import effective
from portal.settings import get_settings
from portal.wiring import file_store

logger = logging.getLogger("portal.inbound_email")
MAX_PARTS = 60  # fields and attachments: a real message has a few dozen at most


def _token_matches(token: str) -> bool | None:
    """None when no secret is set (the route is off), else whether `token` is the secret."""
    secret = get_settings().complaint_inbound_secret
    if secret is None or not secret.get_secret_value():
        return None
    return hmac.compare_digest(token.encode(), secret.get_secret_value().encode())


def _own_addresses() -> tuple[str, ...]:
    """The complaint address as the settings screen has it now (no restart needed)."""
    with session_scope(mode=TxMode.READ) as session:
        return (effective(session).complaint_email,)


def _file(message: InboundEmail) -> str:
    with session_scope() as session:
        return file_complaint_by_email(session, message, store=file_store()).reference


async def inbound_email(request: Request) -> JSONResponse:
    allowed = _token_matches(str(request.path_params.get("token", "")))
    if allowed is None:
        return JSONResponse({"status": "not found"}, status_code=404)
    if not allowed:
        logger.warning("inbound email refused: wrong token")
        return JSONResponse({"status": "forbidden"}, status_code=403)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return JSONResponse({"status": "expected multipart/form-data"}, status_code=415)
    fields: dict[str, str] = {}
    attachments: list[EvidenceUpload] = []
    try:
        async with request.form(max_files=MAX_PARTS, max_fields=MAX_PARTS) as form:
            for name, value in form.multi_items():
                if isinstance(value, UploadFile):
                    attachments.append(EvidenceUpload(filename=value.filename or name,
                                                      content=await value.read()))
                else:
                    fields[name] = value
    except (HTTPException, MultiPartException) as error:  # a malformed body
        logger.warning("inbound email refused: unreadable body (%s)", error)
        return JSONResponse({"status": "unreadable"}, status_code=400)
    try:
        message = parse_inbound(fields, attachments, await run_in_threadpool(_own_addresses))
        if message is None:
            return JSONResponse({"status": "ignored"})
        reference = await run_in_threadpool(_file, message)
    except (OperationalError, IntegrityError) as error:
        # busy, or the same message filed at this very moment by a concurrent delivery: the
        # retry finds it and answers with its reference
        logger.warning("inbound email: try again later (%s)", error.__class__.__name__)
        return JSONResponse({"status": "try again"}, status_code=503)
    return JSONResponse({"status": "ok", "reference": reference})
