"""Files chosen for file questions, shared by the registration form and the page where people
change their answers: each file is checked when chosen (type by content, size) and held in the
page's server-side state until the person confirms; choosing again replaces it.

A page's state mixes in `FileAnswersMixin` and says which questions of its form ask for a file
(`_file_questions`, read afresh from the server: the client's question id proves nothing)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import reflex as rx
from reflex.vars.base import Var

from portal.domain.errors import DomainError, Invalid
from portal.services.files import check_upload
from portal.services.registration_form import Upload
from portal.settings import get_settings
from portal.ui.components.feedback import toast_error
from portal.ui.i18n import t
from portal.ui.session import parse_id


class FileAnswersMixin(rx.State, mixin=True):
    file_names: dict[str, str] = {}  # question id -> the checked name of the chosen file
    _files: dict[int, Upload] = {}

    async def _file_questions(self) -> set[int]:
        """The ids of this form's file questions (empty when the person may not fill it)."""
        raise NotImplementedError

    def _drop_all_files(self) -> None:
        self._files, self.file_names = {}, {}

    @rx.event
    async def attach_file(self, files: list[rx.UploadFile], question_id: str = ""):
        qid = parse_id(question_id)
        seen = await self._load_visitor()
        if not seen.signed_in:
            return toast_error(self._("Sign in to register."))
        try:
            asked = await self._file_questions()
        except DomainError as error:
            return toast_error(self._error(error))
        if qid not in asked:
            return toast_error(self._("This question does not ask for a file."))
        if not isinstance(files, list) or not files:
            return toast_error(self._("Choose a file first."))
        limit = get_settings().upload_max_mb * 1024 * 1024
        content = await files[0].read(limit + 1)
        name = files[0].filename or "document"
        field = f"answer_{qid}"
        try:
            checked = await asyncio.to_thread(check_upload, name, content, field=field)
        except Invalid as error:
            self.errors = {**self.errors, field: self._error(error)}
            return None
        self._files = {**self._files, qid: Upload(filename=name, content=content)}
        self.file_names = {**self.file_names, str(qid): checked.filename}
        self.errors = {k: v for k, v in self.errors.items() if k != field}
        return None

    @rx.event
    def drop_file(self, question_id: str = "") -> None:
        qid = parse_id(question_id)
        self._files = {k: v for k, v in self._files.items() if k != qid}
        self.file_names = {k: v for k, v in self.file_names.items() if k != str(qid)}


def file_answer_for(state: type[FileAnswersMixin]) -> Callable[[Var], rx.Component]:
    """The file input of one question on `state`'s form: a drop zone, then the chosen file
    with a way to remove it. (The drop zone is a memo of its own: its upload hook needs the
    question's id in scope, which a loop body does not give it.)"""

    def drop_zone(question_id: rx.Var[str]) -> rx.Component:
        upload_id = "answer-file-" + question_id
        return rx.upload(
            rx.hstack(rx.icon("upload", size=16),
                      rx.text(t("Choose a PDF, JPEG or PNG (at most {mb} MB)",
                                mb=str(get_settings().upload_max_mb)), size="2"),
                      align="center", spacing="2"),
            id=upload_id, max_files=1, multiple=False,
            on_drop=state.attach_file(rx.upload_files(upload_id=upload_id), question_id),
            border="1px dashed var(--gray-7)", padding="10px 14px", border_radius="8px",
            cursor="pointer", class_name="file-drop",
        )

    drop_zone.__name__ = drop_zone.__qualname__ = f"file_drop_{state.__name__.lower()}"
    memo = rx.memo(drop_zone)

    def file_answer(question: Var) -> rx.Component:
        chosen = state.file_names.get(question.id, "").to(str)
        return rx.vstack(
            memo(question_id=question.id),
            rx.cond(chosen != "", rx.hstack(
                rx.icon("paperclip", size=14), rx.text(chosen, size="2", weight="medium"),
                rx.button(t("Remove"), size="1", variant="ghost", color_scheme="gray",
                          type="button", on_click=state.drop_file(question.id)),
                align="center", spacing="2", class_name="chosen-file")),
            spacing="2", width="100%",
        )

    return file_answer
