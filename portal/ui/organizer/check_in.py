"""The door: check people in by scanning their ticket, typing its code or finding their name.

Phone first (a volunteer at the door holds it): the counter, the camera, the code field and the
result, one under the other; two columns on a desktop. The result fills the width in a colour
and an icon that read from a step away, and is announced to screen readers.

The camera needs this page's own Permissions-Policy (portal/web/middleware.py), which a
document gets only when it is loaded: links here are plain anchors, never in-app routing.
"""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.domain.labels import REGISTRATION_STATUS
from portal.i18n import N_
from portal.ui import routes
from portal.ui.components.feedback import loading_state, unless_refused
from portal.ui.components.live import live_ticker
from portal.ui.components.qr_scanner import qr_scanner
from portal.ui.i18n import t
from portal.ui.layout import public_layout
from portal.ui.organizer.check_in_state import UNDO_SHOWN_SECONDS, CheckInState
from portal.ui.session import SessionState

ROUTE = routes.CHECK_IN
TITLE = N_("Check-in")
S = CheckInState


def _counter() -> rx.Component:
    return rx.box(
        rx.flex(
            rx.text(rx.text(S.checked_in, as_="span", id="door-checked-in",
                            class_name="door-count"),
                    rx.text(" / ", S.expected, as_="span", size="5", color_scheme="gray",
                            id="door-expected"),
                    as_="div", class_name="tabular"),
            rx.text(t("checked in / expected"), size="2", color_scheme="gray"),
            align="baseline", justify="between", spacing="3", wrap="wrap",
        ),
        rx.progress(value=S.checked_in, max=rx.cond(S.expected > 0, S.expected, 1),
                    color_scheme="green", margin_top="6px", aria_hidden="true"),
        class_name="surface door-counter", id="door-counter", width="100%",
    )


def _camera() -> rx.Component:
    hints = rx.match(
        S.camera_problem,
        ("permission-denied",
         t("Allow the camera for this site in the browser's settings, then try again.")),
        ("insecure-context", t("The camera works only on a secure (https) address.")),
        t("No camera could be started on this device."),
    )
    return rx.cond(
        S.camera_problem == "",
        rx.box(
            rx.center(rx.icon("scan-qr-code", size=48, color=rx.color("gray", 8)),
                      class_name="door-camera-idle"),
            qr_scanner(on_scan=S.scanned, on_error=S.camera_failed,
                       paused=~S.camera_on.bool()),
            # over the picture, not under it: on a phone every line of height counts
            rx.icon_button(
                rx.cond(S.camera_on, rx.icon("camera-off", size=18),
                        rx.icon("camera", size=18)),
                on_click=S.toggle_camera, variant="solid", color_scheme="gray",
                high_contrast=True, size="3", class_name="door-camera-toggle",
                id="door-camera-toggle",
                aria_label=rx.cond(S.camera_on, t("Pause camera"), t("Resume camera")),
                title=rx.cond(S.camera_on, t("Pause camera"), t("Resume camera")),
            ),
            class_name="door-camera", role="region",
            aria_label=t("Camera: hold the ticket's QR code in the square"),
        ),
        rx.callout.root(
            rx.callout.icon(rx.icon("camera-off")),
            rx.callout.text(
                rx.text(t("Camera not available — type the code or search a name"),
                        weight="medium", as_="div"),
                rx.text(hints, size="2", as_="div"),
            ),
            rx.button(rx.icon("refresh-cw", size=16), t("Try the camera again"),
                      on_click=rx.call_script("window.location.reload()"), variant="soft",
                      size="2", width="fit-content"),
            color_scheme="amber", id="door-camera-problem", role="status",
        ),
    )


def _mode_switch() -> rx.Component:
    return rx.segmented_control.root(
        rx.segmented_control.item(t("Type the code"), value="code"),
        rx.segmented_control.item(t("Search a name"), value="name"),
        value=S.mode, on_change=S.set_mode, size="3", width="100%", id="door-mode",
    )


def _code_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.label(t("Ticket code"), html_for="door-code", class_name="field-label"),
            rx.flex(
                rx.input(id="door-code", name="code", placeholder="XXXX-XXXX-XXXX",
                         required=True, auto_complete="off", auto_capitalize="characters",
                         auto_correct="off", spell_check=False, enter_key_hint="go",
                         max_length=300, size="3", class_name="door-code-input",
                         flex="1", min_width="0"),
                rx.button(t("Check in"), type="submit", size="3", id="door-code-submit",
                          class_name="door-code-button"),
                spacing="2", width="100%",
            ),
            spacing="1", width="100%",
        ),
        on_submit=S.submit_code, reset_on_submit=True, width="100%",
    )


def _person(person: Var) -> rx.Component:
    return rx.el.li(
        rx.flex(
            rx.box(
                rx.text(person["name"], weight="medium", as_="div"),
                rx.text(t("Ticket …{end}", end=person["code_end"]), size="1",
                        color_scheme="gray", as_="div", class_name="tabular"),
                min_width="0", flex="1",
            ),
            rx.cond(
                person["in_at"] != "",
                rx.badge(rx.icon("check", size=14), t("In at {time}", time=person["in_at"]),
                         color_scheme="green", size="2"),
                rx.button(t("Check in"), on_click=S.check_in_person(person["id"]), size="3",
                          aria_label=t("Check in {name}", name=person["name"])),
            ),
            align="center", spacing="3",
        ),
        class_name="door-person",
    )


def _name_input() -> rx.Component:
    return rx.vstack(
        rx.el.label(t("Name"), html_for="door-name", class_name="field-label"),
        rx.input(id="door-name", type="search", value=S.query, on_change=S.search,
                 debounce_timeout=300, placeholder=t("Part of the name"), auto_complete="off",
                 max_length=100, size="3", width="100%"),
        spacing="1", width="100%",
    )


def _people() -> rx.Component:
    return rx.cond(
        S.query == "",
        rx.text(t("Confirmed registrations whose name contains what you type."), size="2",
                color_scheme="gray"),
        rx.cond(
            S.people.length() > 0,
            rx.el.ul(rx.foreach(S.people, _person), class_name="door-people", id="door-people",
                     aria_label=t("Matching registrations")),
            rx.text(t("No confirmed registration matches this name."), size="2",
                    color_scheme="gray", role="status"),
        ),
    )


def _panel(tone: str, icon: str, title: Var, detail: Var | None = None,
           extra: rx.Component | None = None) -> rx.Component:
    return rx.flex(
        rx.icon(icon, size=44, flex_shrink="0", aria_hidden="true"),
        rx.box(
            rx.text(title, as_="div", class_name="door-result-title"),
            rx.text(detail, as_="div", class_name="door-result-detail")
            if detail is not None else rx.fragment(),
            extra if extra is not None else rx.fragment(),
            min_width="0", flex="1",
        ),
        spacing="4", align="start", class_name=f"door-result door-{tone}", data_kind=tone,
    )


def _status_label() -> Var:
    return rx.match(S.result["status"],
                    *[(status.value, t(label)) for status, label in REGISTRATION_STATUS.items()],
                    t("Not confirmed"))


def _undo() -> rx.Component:
    return rx.cond(
        S.can_undo,
        rx.box(
            rx.button(rx.icon("undo-2", size=16), t("Undo"), on_click=S.undo, variant="surface",
                      color_scheme="gray", high_contrast=True, size="3", id="door-undo"),
            rx.box(class_name="door-undo-timer", aria_hidden="true",
                   animation_duration=f"{UNDO_SHOWN_SECONDS:.0f}s"),
            margin_top="12px", width="fit-content",
        ),
    )


def _result() -> rx.Component:
    r = S.result
    already_by = rx.cond(r["by"] != "", t("At {time} by {who}", time=r["time"], who=r["by"]),
                         t("At {time}", time=r["time"]))
    other = rx.cond(r["event"] != "", t("This ticket is for {event}.", event=r["event"]),
                    t("This ticket is for another event."))
    return rx.box(
        rx.cond(
            S.result.contains("kind"),
            rx.box(
                rx.match(
                    r["kind"],
                    ("checked_in", _panel("ok", "circle-check-big",
                                          t("Checked in — {name}", name=r["name"]),
                                          extra=_undo())),
                    ("already", _panel("warn", "triangle-alert",
                                       t("Already checked in — {name}", name=r["name"]),
                                       already_by)),
                    ("wrong_event", _panel("bad", "ban", t("Wrong event"), other)),
                    ("not_confirmed", _panel("bad", "circle-x",
                                             t("Not valid — {status}", status=_status_label()),
                                             r["name"])),
                    ("undone", _panel("plain", "undo-2",
                                      t("Check-in undone — {name}", name=r["name"]))),
                    _panel("bad", "search-x", t("Not found"),
                           t("No ticket has this code. Check it, or search the name.")),
                ),
                key=S.result_number,
            ),
        ),
        aria_live="assertive", aria_atomic="true", id="door-result", width="100%",
    )


def _back() -> rx.Component:
    # plain anchors: leaving needs no camera, but coming back must load the page afresh
    return rx.cond(
        SessionState.is_staff,
        rx.el.a(t("Event reviews"), href=routes.STAFF_EVENTS, class_name="door-back"),
        rx.el.a(t("My events"), href=routes.ORGANIZER_EVENTS, class_name="door-back"),
    )


def _door() -> rx.Component:
    return rx.cond(
        S.loaded,
        rx.box(
            rx.vstack(_counter(), _camera(), spacing="3", width="100%"),
            # the result right under the field, above a list of names: in view on a phone
            rx.vstack(_mode_switch(), rx.cond(S.mode == "code", _code_form(), _name_input()),
                      _result(), rx.cond(S.mode == "name", _people()), spacing="3",
                      width="100%"),
            class_name="door-grid",
        ),
        loading_state(),
    )


def page() -> rx.Component:
    return public_layout(
        rx.box(
            rx.flex(
                rx.box(
                    rx.heading(t(TITLE), size="6", as_="h1", id="page-title"),
                    rx.text(S.event_name, size="3", color_scheme="gray", id="door-event"),
                    min_width="0",
                ),
                rx.spacer(),
                _back(),
                align="start", spacing="3", margin_bottom="12px",
            ),
            unless_refused(S.error, _door()),
            live_ticker(S.tick),
            class_name="door",
        )
    )


ON_LOAD = S.load
