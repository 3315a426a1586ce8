"""Specs for the platform settings screen: only administrators change a setting or put it
back to its default."""

from __future__ import annotations

from sqlalchemy import delete

from portal.db import session_scope
from portal.domain.models import PlatformSetting
from tests.security import targets as t
from tests.security.cases import Spec, Target

UI = "portal.ui."
SETTINGS = UI + "staff.settings.PlatformSettingsState."
NOT_ADMIN = ("anonymous", "suspended", "attendee", "member", "other_member", "other_area",
             "reviews")
KEY = "registration_review_working_days"


def _stored(value: str | None) -> None:
    with session_scope() as session:
        session.execute(delete(PlatformSetting).where(PlatformSetting.key == KEY))
        if value is not None:
            session.add(PlatformSetting(key=KEY, value=value))


def _change(world) -> Target:
    _stored(None)
    return Target(args=({KEY: "17"},),
                  done=lambda: getattr(t.row(PlatformSetting, KEY), "value", None) == "17")


def _reset(world) -> Target:
    _stored("9")
    return Target(args=(KEY,), done=lambda: t.row(PlatformSetting, KEY) is None)


SETTINGS_SPECS = [
    Spec(SETTINGS + "save", _change, "admin", NOT_ADMIN),
    Spec(SETTINGS + "reset_setting", _reset, "admin", NOT_ADMIN),
    Spec(SETTINGS + "load", lambda world: Target(), "admin", NOT_ADMIN,
         shown=lambda state, _: bool(state.values), write=False),
]
