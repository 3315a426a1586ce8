"""Platform settings an administrator changes on a screen: the environment's values are the
defaults, a stored override wins until it is reset. Services that apply a tunable rule read it
through `effective(session)`, so a change takes effect at the next request, with no restart."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, select

from portal.domain.calendar import deadline_after
from portal.domain.clock import utcnow
from portal.domain.errors import Forbidden, Invalid
from portal.domain.models import PlatformSetting
from portal.domain.policies import Actor, can_change_settings
from portal.domain.tunables import BY_KEY, TUNABLES
from portal.services import audit
from portal.settings import Settings, get_settings

log = logging.getLogger(__name__)
MAX_TEXT = 1000


@dataclass(frozen=True)
class SettingView:
    key: str
    label: str  # msgid
    group: str  # msgid
    hint: str  # msgid
    value: str
    default: str
    changed: bool
    kind: str  # "int" or "text"
    minimum: int | None
    maximum: int | None


def _validate(key: str, raw: Any) -> Any:
    """The value as Settings would accept it from the environment (same types, ranges and
    validators), or Invalid beside the field."""
    given: dict[str, Any] = {key: raw if isinstance(raw, int) else str(raw).strip()[:MAX_TEXT]}
    if given[key] == "" and Settings.model_fields[key].annotation is str \
            and not BY_KEY[key].may_be_empty:
        raise Invalid("Enter a value.", field=key)
    metadata = Settings.model_fields[key].metadata
    try:
        return getattr(Settings(**given), key)
    except ValidationError:
        low, high = _bounds(metadata)
        if low is not None and high is not None:
            raise Invalid("Enter a whole number from {low} to {high}.", field=key,
                          low=low, high=high) from None
        longest = next((m.max_length for m in metadata
                        if getattr(m, "max_length", None) is not None), MAX_TEXT)
        raise Invalid(BY_KEY[key].invalid or "This value is not valid here.", field=key,
                      n=longest) from None


def _bounds(metadata: list[Any]) -> tuple[int | None, int | None]:
    low = next((m.ge for m in metadata if getattr(m, "ge", None) is not None), None)
    high = next((m.le for m in metadata if getattr(m, "le", None) is not None), None)
    return low, high


def _stored(session: Session) -> dict[str, Any]:
    """Overrides that are still valid (a stored value the code no longer accepts is skipped,
    loudly, rather than breaking every deadline)."""
    values: dict[str, Any] = {}
    for row in session.exec(select(PlatformSetting)).all():
        if row.key not in BY_KEY:
            continue
        try:
            values[row.key] = _validate(row.key, json.loads(row.value))
        except (Invalid, ValueError):
            log.warning("ignoring the stored setting %s: no longer valid", row.key)
    return values


def effective(session: Session) -> Settings:
    """The settings in force now: the environment's, with the administrator's changes."""
    base = get_settings()
    overrides = _stored(session)
    return base.model_copy(update=overrides) if overrides else base


def _require_admin(actor: Actor) -> None:
    if not can_change_settings(actor):
        raise Forbidden("Only administrators can change platform settings.")


def _views(session: Session) -> list[SettingView]:
    base, stored = get_settings(), _stored(session)
    views = []
    for tunable in TUNABLES:
        field = Settings.model_fields[tunable.key]
        low, high = _bounds(field.metadata)
        default = getattr(base, tunable.key)
        views.append(SettingView(
            key=tunable.key, label=tunable.label, group=tunable.group, hint=tunable.hint,
            value=str(stored.get(tunable.key, default)), default=str(default),
            changed=tunable.key in stored, kind="int" if field.annotation is int else "text",
            minimum=low, maximum=high))
    return views


def list_settings(session: Session, actor: Actor) -> list[SettingView]:
    _require_admin(actor)
    return _views(session)


def change_settings(session: Session, actor: Actor, *,
                    changes: Mapping[str, str]) -> list[SettingView]:
    """Validate every value first (nothing is stored when one is wrong), then store those that
    differ; a value equal to the environment's default removes the override."""
    _require_admin(actor)
    unknown = [key for key in changes if key not in BY_KEY]
    if unknown:
        raise Invalid("There is no setting called {key}.", key=unknown[0][:60])
    validated = {key: _validate(key, raw) for key, raw in changes.items()}
    base, current = get_settings(), effective(session)
    for key, value in validated.items():
        old = getattr(current, key)
        if value == old:
            continue
        row = session.get(PlatformSetting, key)
        if value == getattr(base, key):
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(PlatformSetting(key=key, value=json.dumps(value), updated_by=actor.user_id))
        else:
            row.value, row.updated_by, row.updated_at = json.dumps(value), actor.user_id, utcnow()
            session.add(row)
        audit.record(session, actor_id=actor.user_id, action="settings.changed",
                     object_type="setting", object_id=None, before={"value": old},
                     after={"setting": key, "value": value})
    session.flush()
    return _views(session)


def deadline(session: Session, moment: datetime, days_setting: str) -> datetime:
    """End of the working day that many working days (the named setting, as in force now)
    after `moment`, on the holiday calendar in force now."""
    settings = effective(session)
    return deadline_after(moment, int(getattr(settings, days_setting)), settings.holiday_country,
                          settings.time_zone, settings.closed_dates)
