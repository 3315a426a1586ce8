"""The signed-in person's own data as one zip (JSON + a readable summary + their uploads).
Signed out: the same 404 as for any private file; past the hourly allowance: 429 with the
wait, in the reader's language."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from portal.domain.clock import utcnow
from portal.domain.errors import Conflict, DomainError
from portal.services import personal_data
from portal.services.personal_data_files import export_zip
from portal.web.tickets import PRIVATE, reader_locale
from portal.web.use_case import client_ip, write
from portal.wiring import file_store


async def personal_data_zip(request: Request) -> Response:
    try:
        found = await write(request, personal_data.export_personal_data, ip=client_ip(request))
    except Conflict as error:
        return PlainTextResponse(error.localized(await reader_locale(request)), status_code=429,
                                 headers={"Cache-Control": PRIVATE})
    except DomainError:
        return Response("Not found", status_code=404, headers={"Cache-Control": PRIVATE})
    content = await run_in_threadpool(export_zip, found, file_store())  # file reads, zlib
    filename = f"personal-data-{utcnow():%Y-%m-%d}.zip"
    return Response(content, media_type="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": PRIVATE, "X-Content-Type-Options": "nosniff"})
