"""Downloads of the finance report and the reconciliation, as CSV or Excel: finance staff and
admins only (anyone else gets the same 404 as a missing page); each download is logged as a
run of the report. Filters come in the query string: `start`, `end` (YYYY-MM-DD, days in the
platform's zone), and for the report `organizer` and `event` ids."""

from __future__ import annotations

from urllib.parse import quote

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from portal.domain.errors import DomainError, Invalid
from portal.i18n import N_, gettext, normalize_locale
from portal.services import finance_exports
from portal.services.finance_reports import Period, ReportOutput, ReportQuery
from portal.web.registrations import FORMATS, LOCALE_COOKIE, PRIVATE
from portal.web.use_case import write
from portal.wiring import card_gateway

BAD_PERIOD = N_("Choose a period: start and end as YYYY-MM-DD, the end not before the start.")


def _bad_period(request: Request) -> Response:
    locale = normalize_locale(request.cookies.get(LOCALE_COOKIE, "en"))
    return Response(gettext(BAD_PERIOD, locale), status_code=400)


def _filters(request: Request) -> dict[str, str]:
    return {key: value for key in ("start", "end", "organizer_id", "event_id")
            if (value := request.query_params.get(key.removesuffix("_id"), "").strip())}


async def _download(request: Request, service, name: str, **kwargs) -> Response:  # noqa: ANN001
    kind = request.path_params.get("kind", "")
    if kind not in FORMATS:
        return Response("Not found", status_code=404)
    locale = normalize_locale(request.cookies.get(LOCALE_COOKIE, "en"))
    try:
        headers, rows = await write(request, service, output=ReportOutput(kind),
                                    locale=locale, **kwargs)
    except Invalid as error:
        return Response(error.localized(locale), status_code=400)
    except DomainError:
        return Response("Not found", status_code=404)
    media_type, render = FORMATS[kind]
    content = await run_in_threadpool(render, headers, rows)
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}.{kind}", **PRIVATE})


async def finance_report_file(request: Request) -> Response:
    try:
        query = ReportQuery.model_validate(_filters(request))
    except (ValidationError, Invalid):
        return _bad_period(request)
    return await _download(request, finance_exports.export_report,
                           f"finance-report-{query.start}-{query.end}", query=query)


async def reconciliation_file(request: Request) -> Response:
    filters = _filters(request)
    try:
        period = Period.model_validate({k: filters.get(k) for k in ("start", "end")})
    except (ValidationError, Invalid):
        return _bad_period(request)
    return await _download(request, finance_exports.export_reconciliation,
                           f"reconciliation-{period.start}-{period.end}", period=period,
                           gateway=card_gateway())
