"""Backups, for administrators (rules §2.1, §4.2.2): the schedule, the backups taken and whether
each archive passed its verification, and a button that takes one now (off the event loop)."""

from __future__ import annotations

import asyncio
import functools

import reflex as rx

from portal.db import session_scope
from portal.domain.errors import DomainError
from portal.domain.timefmt import format_datetime
from portal.i18n import N_
from portal.services import backups
from portal.services.paging import PageRequest
from portal.settings import get_settings
from portal.ui import routes
from portal.ui.components.badge import status_badge
from portal.ui.components.feedback import toast_error, toast_success, unless_refused
from portal.ui.components.table import Column, Filter, TableMixin, data_table
from portal.ui.i18n import t
from portal.ui.layout import portal_layout
from portal.ui.session import USE_CASE_POOL, SessionState
from portal.wiring import backup_archiver

ROUTE = routes.STAFF_BACKUPS
TITLE = N_("Backups")
STATUS = {"ok": (N_("Verified"), "positive"), "failed": (N_("Failed"), "negative"),
          "running": (N_("Running"), "waiting"), "interrupted": (N_("Did not finish"),
                                                                 "negative")}
TRIGGERS = {"scheduled": N_("Scheduled"), "manual": N_("Back up now"),
            "command": N_("portal backup")}
RESULTS = (("ok", N_("Verified")), ("failed", N_("Failed")),
           ("unfinished", N_("Running or did not finish")))


def human_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return ""


class BackupsState(TableMixin, SessionState):
    sort: str = "started_at"
    descending: bool = True
    schedule: str = ""
    last_ok: str = ""
    next_due: str = ""
    busy: bool = False

    async def _fetch(self, request: PageRequest) -> tuple[list[dict[str, str]], int]:
        zone, locale = get_settings().time_zone, self._locale()
        page = await self._read(backups.list_backups, request=request)
        self.schedule = self._("Every {hours} hours; the newest {keep} archives are kept in "
                               "{folder}.", hours=page.interval_hours, keep=page.keep,
                               folder=page.folder)
        self.last_ok = format_datetime(page.last_ok_at, zone, locale) if page.last_ok_at else ""
        self.next_due = format_datetime(page.next_due_at, zone, locale) \
            if page.next_due_at else ""
        return [{
            "id": str(row.id), "started_at": format_datetime(row.started_at, zone, locale),
            "trigger": self._(TRIGGERS.get(row.trigger, row.trigger)),
            "file": row.filename if row.kept else (
                self._("Removed (beyond the number kept)") if row.filename else ""),
            "size": human_size(row.size) if row.size else "", "status": row.status,
            "error": row.error} for row in page.rows], page.total

    @rx.event
    async def back_up_now(self):
        if self.busy:
            return
        self.busy = True
        yield
        try:
            run_id = await self._write(backups.request_backup)
            row = await asyncio.get_running_loop().run_in_executor(
                USE_CASE_POOL, functools.partial(backups.take_backup, session_scope,
                                                 backup_archiver(), run_id))
        except DomainError as error:
            yield self._fail(error)
            return
        finally:
            self.busy = False
        await self._reload()
        if row.error:
            yield toast_error(self._("The backup failed: {error}", error=row.error))
        else:
            yield toast_success(self._("Backup written and verified: {file}",
                                       file=row.filename))


def _file(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(rx.text(row["file"], size="2", class_name="mono", word_break="break-all"),
                     rx.text(row["size"], size="1", color_scheme="gray"), spacing="0")


def _status(row) -> rx.Component:  # noqa: ANN001
    return rx.vstack(status_badge(row["status"], STATUS),
                     rx.cond(row["error"] != "",
                             rx.text(row["error"], size="1", color_scheme="red")),
                     spacing="1", align="start")


COLUMNS = [
    Column("started_at", N_("Started"), sortable=True, render=lambda row: row["started_at"]),
    Column("status", N_("Verification"), render=_status),
    Column("size", N_("Archive"), sortable=True, render=_file),
    Column("trigger", N_("Taken by"), render=lambda row: row["trigger"]),
]
FILTERS = [Filter("result", N_("Result"), RESULTS)]


def _summary() -> rx.Component:
    S = BackupsState
    return rx.flex(
        rx.vstack(
            rx.text(S.schedule, size="2"),
            rx.cond(S.last_ok != "",
                    rx.text(t("Last verified backup: {time}", time=S.last_ok), size="2",
                            weight="medium"),
                    rx.text(t("No verified backup yet."), size="2", color_scheme="red",
                            weight="medium")),
            rx.cond(S.next_due != "",
                    rx.text(t("Next scheduled backup: {time}", time=S.next_due), size="1",
                            color_scheme="gray")),
            rx.text(t("The interval and the number kept are on the Platform settings screen. "
                      "To restore into an empty database, run"), " ",
                    rx.code("portal restore ARCHIVE", size="1"), size="1", color_scheme="gray"),
            spacing="1", align="start", flex="1",
        ),
        rx.button(rx.icon("hard-drive-download", size=16), t("Back up now"), size="3",
                  id="back-up-now", loading=S.busy, on_click=S.back_up_now),
        class_name="surface", width="100%", gap="16px", align="center", wrap="wrap",
    )


def page() -> rx.Component:
    return portal_layout(
        routes.STAFF_PORTAL, TITLE, ROUTE,
        unless_refused(BackupsState.error, rx.vstack(
            _summary(),
            data_table(BackupsState, COLUMNS, filters=FILTERS,
                       search_label=N_("Search file names and errors"),
                       empty_title=N_("No backups yet"), empty_icon="hard-drive"),
            spacing="4", width="100%",
        )),
    )


ON_LOAD = BackupsState.load_table
