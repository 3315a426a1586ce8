"""The check-in screen's state: one event's door (`?id=`), worked by its organizer's members and
reviewing staff; the services decide who may (check_in.py), this only shapes the screen.

A result is kept as its kind and a few plain values; the page picks the words in the reader's
language (so switching language re-words it at once)."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

import reflex as rx
from babel.dates import format_time

from portal.domain.clock import utcnow
from portal.domain.errors import DomainError
from portal.domain.tickets import normalise_code
from portal.domain.timefmt import format_datetime
from portal.i18n import babel_locale
from portal.services import check_in, registration_views
from portal.services.runner import public
from portal.ui.session import SessionState, parse_id

# The scanner reports a code held in view every 1.5 s: the same code again within this many
# seconds of the last report is the same ticket still in front of the camera, not a new scan.
SAME_SCAN_SECONDS = 5.0
# Undo is offered a little less than the service's minute, so the button is gone before a tap
# on it could be refused (the page's timer fires every 4 s).
UNDO_SHOWN_SECONDS = 52.0
CODE_MAX = 300  # a ticket link with its address; anything longer is not one of ours
VIBRATIONS = {"checked_in": "120", "already": "[90,80,90]"}  # anything else: the long buzz
WRONG_BUZZ = "[300,100,300]"
# On a short phone the result may sit just under the fold: bring it into view, moving no more
# than needed so the camera stays on screen.
SHOW_RESULT = ("document.getElementById('door-result')"
               "?.scrollIntoView({block: 'nearest', behavior: 'smooth'})")


class CheckInState(SessionState):
    loaded: bool = False
    error: str = ""  # why this door cannot be shown (no such event, not yours)
    event_name: str = ""
    checked_in: int = 0
    expected: int = 0
    # kind (checked_in, already, wrong_event, not_confirmed, not_found, undone), name, time,
    # by, status, event
    result: dict[str, str] = {}
    result_number: int = 0  # a new result re-mounts the panel: announced and animated anew
    can_undo: bool = False
    mode: str = "code"  # code | name
    query: str = ""
    people: list[dict[str, str]] = []
    camera_on: bool = True
    camera_problem: str = ""  # the scanner's error kind; "" while the camera works
    _activity: int = -1
    _time_zone: str = "UTC"
    _undo_id: int = 0
    _undo_until: float = 0.0
    _last_code: str = ""
    _last_code_at: float = 0.0

    # ---- helpers ----

    def _clock(self, moment: datetime) -> str:
        """A time as the venue's clock shows it; with the date when it was not today there."""
        zone = ZoneInfo(self._time_zone)
        if moment.astimezone(zone).date() != utcnow().astimezone(zone).date():
            return format_datetime(moment, self._time_zone, self._locale())
        return format_time(moment, format="short", tzinfo=zone,
                           locale=babel_locale(self._locale()))

    def _show_counts(self, counts: check_in.CheckInCounts) -> None:
        self.event_name, self._time_zone = counts.event_name, counts.time_zone
        self.checked_in, self.expected = counts.checked_in, counts.expected
        self._activity = counts.activity

    async def _reload(self) -> None:
        self._show_counts(await self._read(check_in.check_in_counts,
                                           event_id=self._query_id()))
        if self.query:
            await self._find(self.query)

    async def _find(self, query: str) -> None:
        found = await self._read(check_in.find_people, event_id=self._query_id(), query=query)
        self.people = [{"id": str(p.registration_id), "name": p.name, "code_end": p.code_end,
                        "in_at": self._clock(p.checked_in_at) if p.checked_in_at else ""}
                       for p in found]

    def _show(self, outcome: check_in.CheckInOutcome) -> None:
        kind = outcome.result.value
        self.result = {"kind": kind, "name": outcome.name, "by": outcome.checked_in_by,
                       "time": self._clock(outcome.checked_in_at)
                       if outcome.checked_in_at else "",
                       "status": outcome.status.value if outcome.status else "",
                       "event": outcome.other_event}
        self.result_number += 1
        self.can_undo = outcome.result is check_in.CheckInResult.CHECKED_IN
        self._undo_id = (outcome.registration_id or 0) if self.can_undo else 0
        self._undo_until = time.time() + UNDO_SHOWN_SECONDS

    async def _check(self, **target: object) -> list[rx.event.EventSpec]:
        try:
            outcome = await self._write(check_in.check_in, event_id=self._query_id(),
                                        ip=self._client_ip(), **target)
            self._show(outcome)
            await self._reload()
        except DomainError as error:
            self.result, self.can_undo, self._undo_id = {}, False, 0
            return [spec for spec in [self._fail(error)] if spec is not None]
        buzz = VIBRATIONS.get(outcome.result.value, WRONG_BUZZ)
        return [rx.call_script(f"navigator.vibrate && navigator.vibrate({buzz}); {SHOW_RESULT}")]

    # ---- handlers ----

    @rx.event
    async def load(self) -> None:
        self.reset()
        try:
            await self._reload()
        except DomainError as error:
            self.error = self._error(error)
            return
        self.loaded = True

    @rx.event
    async def tick(self, _clock: str = "") -> None:
        """Every few seconds: hide an expired undo; re-read the figures when another door (or
        anyone) changed this event's registrations."""
        if self.can_undo and time.time() > self._undo_until:
            self.can_undo, self._undo_id = False, 0
        if not self.loaded:
            return
        try:
            activity = await self._read(public(registration_views.seat_activity),
                                        event_id=self._query_id())
            if activity != self._activity:
                await self._reload()
        except DomainError:
            return  # the next tick tries again; the door keeps working meanwhile

    @rx.event
    async def scanned(self, text: str):
        code = normalise_code(str(text or "")[:CODE_MAX])
        now = time.time()
        if code == self._last_code and now - self._last_code_at < SAME_SCAN_SECONDS:
            self._last_code_at = now  # still the same ticket in front of the camera
            return None
        self._last_code, self._last_code_at = code, now
        return await self._check(code=str(text or "")[:CODE_MAX])

    @rx.event
    async def submit_code(self, form: dict):
        code = str((form or {}).get("code") or "")[:CODE_MAX] if isinstance(form, dict) else ""
        if not normalise_code(code):
            return rx.set_focus("door-code")
        return await self._check(code=code) + [rx.set_focus("door-code")]

    @rx.event
    async def search(self, query: str):
        self.query = " ".join(str(query or "").split())[:check_in.QUERY_MAX]
        if not self.query:
            self.people = []
            return
        try:
            await self._find(self.query)
        except DomainError as error:
            self.people = []
            return self._fail(error)
        return None

    @rx.event
    async def check_in_person(self, registration_id: str):
        chosen = parse_id(registration_id)
        if not chosen:
            return None
        return await self._check(registration_id=chosen)

    @rx.event
    async def undo(self):
        if not self._undo_id:
            return None
        name = self.result.get("name", "")
        try:
            await self._write(check_in.undo_check_in, registration_id=self._undo_id,
                              ip=self._client_ip())
        except DomainError as error:
            self.can_undo, self._undo_id = False, 0
            return self._fail(error)
        self.can_undo, self._undo_id = False, 0
        self.result = {"kind": "undone", "name": name}
        self.result_number += 1
        await self._reload()
        return rx.call_script(SHOW_RESULT)

    @rx.event
    def camera_failed(self, kind: str, _message: str = "") -> None:
        self.camera_problem = str(kind or "unknown")[:40]

    @rx.event
    def toggle_camera(self) -> None:
        self.camera_on = not self.camera_on

    @rx.event
    def set_mode(self, mode: str | list[str]) -> None:
        if isinstance(mode, str) and mode in ("code", "name"):
            self.mode = mode
