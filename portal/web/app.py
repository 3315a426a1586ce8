"""What rx.App(api_transformer=[...]) applies to the backend: our Starlette routes (Reflex mounts
its own app inside), then the guards wrapped around all of it."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from portal import links
from portal.db import get_engine
from portal.settings import get_settings
from portal.web.auth import complete_sign_in, signed_out
from portal.web.event_pages import EventPages, event_calendar_file
from portal.web.files import (
    complaint_file,
    event_cover,
    notice_evidence,
    qualification_document,
)
from portal.web.finance_exports import finance_report_file, reconciliation_file
from portal.web.hooks import stripe_webhook
from portal.web.inbound_email import inbound_email
from portal.web.middleware import ASGIApp, protect
from portal.web.oidc import oidc_callback, oidc_start
from portal.web.personal_data import personal_data_zip
from portal.web.receipts import receipt_pdf_file
from portal.web.registrations import answer_file, registrations_csv, registrations_xlsx
from portal.web.statements import statement_pdf_file, statement_xlsx_file
from portal.web.tickets import ticket_calendar_file, ticket_pdf_file


def _database_answers() -> None:
    with get_engine().connect() as connection:
        connection.execute(text("SELECT 1"))


async def health(_request: Request) -> JSONResponse:
    try:
        await run_in_threadpool(_database_answers)
    except SQLAlchemyError:
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok"})


def build_web_app() -> Starlette:
    return Starlette(routes=[
        Route("/health", health, methods=["GET"]),
        Route(links.STRIPE_WEBHOOK, stripe_webhook, methods=["POST"]),
        Route(links.INBOUND_EMAIL_HOOK + "/{token}", inbound_email, methods=["POST"]),
        Route("/auth/session", complete_sign_in, methods=["GET"]),
        Route("/auth/signed-out", signed_out, methods=["GET"]),
        Route("/auth/oidc/start", oidc_start, methods=["GET"]),
        Route("/auth/oidc/callback", oidc_callback, methods=["GET"], name="oidc_callback"),
        Route("/files/qualification/{document_id}", qualification_document, methods=["GET"]),
        Route("/files/cover/{event_id}", event_cover, methods=["GET"]),
        Route("/files/complaint/{file_id}", complaint_file, methods=["GET"]),
        Route("/files/notice-evidence/{evidence_id}", notice_evidence, methods=["GET"]),
        Route("/calendar/event/{event_id}.ics", event_calendar_file, methods=["GET"]),
        Route("/tickets/{code}.pdf", ticket_pdf_file, methods=["GET"]),
        Route("/tickets/{code}.ics", ticket_calendar_file, methods=["GET"]),
        Route("/receipts/{reference}.pdf", receipt_pdf_file, methods=["GET"]),
        Route("/files/answer/{answer_id}", answer_file, methods=["GET"]),
        Route("/exports/registrations/{event_id}.csv", registrations_csv, methods=["GET"]),
        Route("/exports/registrations/{event_id}.xlsx", registrations_xlsx, methods=["GET"]),
        Route(links.PERSONAL_DATA_EXPORT, personal_data_zip, methods=["GET"]),
        Route("/statements/{statement_id}.pdf", statement_pdf_file, methods=["GET"]),
        Route("/statements/{statement_id}.xlsx", statement_xlsx_file, methods=["GET"]),
        Route("/exports/finance-report.{kind}", finance_report_file, methods=["GET"]),
        Route("/exports/reconciliation.{kind}", reconciliation_file, methods=["GET"]),
    ])


def protect_app(app: ASGIApp) -> ASGIApp:
    """Security headers and the request-body cap around every response of the backend; event
    pages served with their event's title and link-preview tags (portal/web/event_pages.py)."""
    settings = get_settings()
    return protect(EventPages(app), base_url=settings.base_url,
                   upload_max_mb=settings.upload_max_mb)
