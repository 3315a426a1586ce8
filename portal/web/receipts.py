"""A payment's receipt as a PDF: for the person who paid and finance staff; everyone else,
signed in or not, gets the same "not found" as for a reference that does not exist."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from portal.domain.errors import DomainError
from portal.services import payment_views
from portal.services.receipt_files import receipt_pdf
from portal.services.receipt_text import receipt_text
from portal.web.tickets import PRIVATE, reader_locale
from portal.web.use_case import read


async def receipt_pdf_file(request: Request) -> Response:
    reference = str(request.path_params.get("reference", ""))[:20]
    try:
        found = await read(request, payment_views.receipt, reference=reference)
    except DomainError:
        return Response("Not found", status_code=404, headers={"Cache-Control": PRIVATE})
    locale = await reader_locale(request)

    def render() -> bytes:  # reportlab is CPU work: kept off the event loop
        return receipt_pdf(receipt_text(found, locale))

    return Response(await run_in_threadpool(render), media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="receipt-{found.reference}.pdf"',
        "Cache-Control": PRIVATE, "X-Content-Type-Options": "nosniff"})
