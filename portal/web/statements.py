"""A settlement statement as PDF or XLSX: finance staff, and the members of the organizer it
belongs to; anyone else gets the same "not found" as for a statement that does not exist."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from portal.domain.errors import DomainError
from portal.domain.ids import parse_id
from portal.services import settlement_views
from portal.services.settlement_files import statement_pdf, statement_xlsx
from portal.web.tickets import PRIVATE, reader_locale
from portal.web.use_case import read

KINDS = {"pdf": (statement_pdf, "application/pdf"),
         "xlsx": (statement_xlsx,
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}


async def _statement_file(request: Request, kind: str) -> Response:
    statement_id = parse_id(request.path_params.get("statement_id"))
    if statement_id is None:
        return Response("Not found", status_code=404, headers={"Cache-Control": PRIVATE})
    try:
        detail = await read(request, settlement_views.statement_detail,
                            statement_id=statement_id)
    except DomainError:
        return Response("Not found", status_code=404, headers={"Cache-Control": PRIVATE})
    locale = await reader_locale(request)
    make, media_type = KINDS[kind]
    content = await run_in_threadpool(make, detail, locale)  # CPU work: off the event loop
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="statement-{statement_id}.{kind}"',
        "Cache-Control": PRIVATE, "X-Content-Type-Options": "nosniff"})


async def statement_pdf_file(request: Request) -> Response:
    return await _statement_file(request, "pdf")


async def statement_xlsx_file(request: Request) -> Response:
    return await _statement_file(request, "xlsx")
