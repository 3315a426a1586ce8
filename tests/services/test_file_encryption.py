"""Private files encrypted at rest (rules §4.2.1): the bytes on disk are not the document, the
authorised service reads it back, key rotation moves every file onto the new key (old uploads
written in the clear included), and after it the new key alone reads them."""

from __future__ import annotations

import os

import pytest
from sqlmodel import select

from portal.db import session_scope
from portal.domain.models import QualificationDocument
from portal.integrations.files_encrypted import HEADER, UnreadableFile, new_key
from portal.integrations.files_local import LocalFileStore
from portal.services import organizers
from portal.settings import get_settings
from portal.wiring import encrypted_file_store, file_store
from tests.services.helpers import PDF


@pytest.fixture
def keys(tmp_path):
    """Set the key variables (and a private upload folder) for one test."""
    names = ("PORTAL_UPLOAD_DIR", "PORTAL_FILE_ENCRYPTION_KEY", "PORTAL_FILE_ENCRYPTION_OLD_KEYS")
    saved = {name: os.environ.get(name) for name in names}
    os.environ["PORTAL_UPLOAD_DIR"] = str(tmp_path / "uploads")

    def use(current: str | None, *old: str) -> None:
        for name, value in ((names[1], current), (names[2], ",".join(old) or None)):
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        get_settings.cache_clear()

    use(None)
    yield use
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    get_settings.cache_clear()


def on_disk(key: str) -> bytes:
    return LocalFileStore(get_settings().upload_dir).read(key)


def read_document(actor, document_id: int) -> bytes:
    with session_scope() as session:
        return organizers.open_document(session, actor, document_id=document_id,
                                        store=file_store())[1]


def test_a_document_is_unreadable_on_disk_and_readable_through_the_service(keys, team, db):
    document = db.exec(select(QualificationDocument)).one()
    stored = on_disk(document.storage_key)
    assert stored.startswith(HEADER)
    assert PDF not in stored and b"%PDF" not in stored
    assert read_document(team["rita"], document.id) == PDF  # staff who review organizers
    assert read_document(team["olga"], document.id) == PDF  # the organizer's member


def test_rotation_moves_every_file_to_the_new_key(keys, team, db):
    document = db.exec(select(QualificationDocument)).one()
    first = get_settings().file_keys[0].decode()  # the development key
    legacy = LocalFileStore(get_settings().upload_dir).save(b"written before encryption")
    assert file_store().read(legacy) == b"written before encryption"  # still readable

    second = new_key()
    keys(second, first)
    assert read_document(team["rita"], document.id) == PDF  # old key still reads
    done = encrypted_file_store().rotate()
    assert (done.files, done.encrypted) == (2, 1)

    keys(second)  # the old key removed
    assert read_document(team["rita"], document.id) == PDF
    assert file_store().read(legacy) == b"written before encryption"
    assert b"written before encryption" not in on_disk(legacy)

    keys(first)  # only the retired key: nothing opens
    with pytest.raises(UnreadableFile):
        file_store().read(document.storage_key)


def test_production_needs_a_valid_key(monkeypatch):
    from pydantic import ValidationError

    from portal.settings import Settings, describe_error

    monkeypatch.setenv("PORTAL_FILE_ENCRYPTION_KEY", "not-a-key")
    with pytest.raises(ValidationError) as error:
        Settings(_env_file=None)
    assert describe_error(error.value).startswith("PORTAL_FILE_ENCRYPTION_KEY: ")


def test_an_uploaded_answer_is_encrypted_and_read_by_the_registrant(keys, team, db):
    from portal.domain.models import RegistrationAnswer, RegistrationQuestion
    from portal.services.event_form import QuestionInput
    from portal.services.registration_admin import open_answer_file
    from portal.services.registration_form import RegistrationForm, Upload
    from portal.services.registrations import register
    from tests.services.registration_helpers import person, publish

    event_id = publish(team, questions=[QuestionInput(kind="file", label="ID scan")])
    question = db.exec(select(RegistrationQuestion.id)).one()
    ann = person("Ann")
    with session_scope() as session:
        register(session, ann, event_id=event_id, form=RegistrationForm(safety_ack=True),
                 uploads={question: Upload("id.pdf", PDF)}, store=file_store())
    db.rollback()
    answer = db.exec(select(RegistrationAnswer)).one()
    assert PDF not in on_disk(answer.file_key)
    with session_scope() as session:
        assert open_answer_file(session, ann, answer_id=answer.id, store=file_store())[2] == PDF
