"""Every status, kind and decision has a name in both languages, wherever it is shown."""

from __future__ import annotations

import inspect
from enum import StrEnum

import pytest

from portal.domain import enums, labels
from portal.i18n import SUPPORTED_LOCALES, gettext

NAMED = sorted((cls for _, cls in inspect.getmembers(enums, inspect.isclass)
                if issubclass(cls, StrEnum) and cls is not StrEnum
                and (cls.__name__.endswith(("Status", "Kind", "Decision"))
                     or cls in (enums.AuditAction, enums.EmailTemplate))),
               key=lambda cls: cls.__name__)


def test_the_check_sees_the_enums_it_should():
    names = {cls.__name__ for cls in NAMED}
    assert {"EventStatus", "ChangeRequestStatus", "ChangeRequestKind", "ReviewDecision",
            "FeeKind", "QuestionKind", "OrganizerStatus", "AuditAction", "AuditObjectKind",
            "EmailTemplate"} <= names


@pytest.mark.parametrize("enum", NAMED, ids=lambda cls: cls.__name__)
def test_every_member_has_a_label_in_every_language(enum):
    assert enum in labels.LABELS, f"add a label map for {enum.__name__} to portal.domain.labels"
    names = labels.LABELS[enum]
    assert set(names) == set(enum), "label maps are keyed by every member and nothing else"
    for member in enum:
        shown = {tag: gettext(names[member], tag) for tag in SUPPORTED_LOCALES}
        assert all(shown.values()), member
        assert shown["zh-Hans"] != shown["en"], f"{member!r} has no Chinese label"


def test_label_of_and_choices():
    assert labels.label_of(enums.ChangeRequestKind.CANCEL) == "Cancellation"
    assert labels.choices(labels.CHANGE_REQUEST_STATUS)[0] == ("pending", "Waiting")
