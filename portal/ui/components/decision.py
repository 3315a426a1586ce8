"""Staff decisions on one object (an application, an event, a change): the reason being typed,
the decision buttons, and the refusal or success that follows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.vars.base import Var

from portal.domain.errors import DomainError
from portal.ui.components.feedback import toast_error, toast_success
from portal.ui.i18n import t


class DecisionMixin(rx.State, mixin=True):
    note_draft: str = ""
    note_error: str = ""

    async def _refresh(self) -> None:
        raise NotImplementedError

    def _show_field_error(self, field: str, message: str) -> bool:
        if field != "note":
            return False
        self.note_error = message
        return True

    async def _decide(self, service: Callable[..., Any], decision: str, done: dict[str, str],
                      **target: int):
        """Run the decision service with the reason typed so far; show what happened."""
        decision = str(decision)[:40]
        if decision not in done:
            return toast_error(self._("Unknown decision."))
        try:
            await self._write(service, decision=decision, note=self.note_draft,
                              ip=self._client_ip(), **target)
            await self._refresh()
        except DomainError as error:
            return self._fail(error)
        self.note_error, self.note_draft = "", ""
        return toast_success(self._(done[decision]))

    @rx.event
    def keep_note(self, text: str) -> None:
        """The reason being typed, kept until a decision button is pressed."""
        self.note_draft = str(text)[:1200]


def decision_panel(state: type[DecisionMixin], label: Var, buttons: list[rx.Component],
                   key: Var, title: Var | None = None) -> rx.Component:
    """The reason box and the decision buttons. The reason is kept on blur, which the browser
    fires before the click on a button, so the decision always carries what was typed."""
    return rx.box(
        rx.heading(title if title is not None else t("Decision"), size="4", as_="h2",
                   margin_bottom="8px"),
        rx.el.label(label, html_for="field-note", class_name="field-label"),
        rx.text_area(id="field-note", max_length=1000, width="100%",
                     default_value=state.note_draft, on_blur=state.keep_note, key=key),
        rx.text(state.note_error, size="1", color_scheme="red", role="alert",
                class_name="field-error"),
        rx.hstack(*buttons, margin_top="8px", wrap="wrap"),
        class_name="surface", width="100%",
    )
