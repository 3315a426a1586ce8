"""What every form page's state shares: per-field errors and one form-level message."""

from __future__ import annotations

import reflex as rx

from portal.domain.errors import DomainError


class FormMixin(rx.State, mixin=True):
    errors: dict[str, str] = {}
    form_error: str = ""

    def _clear_errors(self) -> None:
        self.errors, self.form_error = {}, ""

    def _show_failure(self, error: DomainError) -> None:
        """A refusal beside its field when it names one, above the form otherwise."""
        message = error.localized(self._locale())
        self.errors = {error.field: message} if error.field else {}
        self.form_error = "" if error.field else message

    def _show_field_error(self, field: str, message: str) -> bool:
        self.errors, self.form_error = {field: message}, ""
        return True
