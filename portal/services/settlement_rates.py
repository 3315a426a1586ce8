"""Platform fee rates (rules §5.2.2): the platform's commission, as a history an administrator
adds to and finance staff read. A rate is never changed or deleted: a new one with a later
effective date supersedes it, so every statement can say which rate it used."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from portal.domain.enums import Role
from portal.domain.errors import Forbidden, Invalid
from portal.domain.models import Organizer, PlatformFeeRate, User
from portal.domain.money import Money
from portal.domain.policies import Actor, can_act_in_area, can_change_settings
from portal.domain.settlement import BASIS_POINTS, Rate
from portal.services import audit
from portal.services.finance_payments import today

MAX_NOTE = 500


class RateInput(BaseModel):
    """What an administrator types: whom it is for, percent, fixed amount, from when."""

    organizer_id: int | None = None  # None: the platform's default
    percent: str = Field(default="", max_length=20)  # "5" or "2.5"
    fixed: str = Field(default="", max_length=40)  # "1.00", in `currency`
    currency: str = Field(default="CNY", max_length=3)
    effective_from: str = Field(default="", max_length=20)  # YYYY-MM-DD
    note: str = Field(default="", max_length=MAX_NOTE)


class RateView(BaseModel):
    id: int
    organizer_id: int | None
    organizer_name: str  # "" for the platform's default
    percent_bp: int
    fixed_minor: int
    currency: str
    effective_from: date
    set_by: str
    note: str
    in_force: bool  # the one of its scope and currency in force today


def require_rate_reader(actor: Actor) -> None:
    if not (can_change_settings(actor) or can_act_in_area(actor, Role.STAFF_FINANCE)):
        raise Forbidden("Only administrators and finance staff can see the platform fee.")


def all_rates(session: Session) -> list[Rate]:
    """Every rate, for the arithmetic (one query)."""
    return [Rate(organizer_id=r.organizer_id, percent_bp=r.percent_bp, fixed_minor=r.fixed_minor,
                 currency=r.currency, effective_from=r.effective_from, id=r.id or 0)
            for r in session.exec(select(PlatformFeeRate))]


def list_rates(session: Session, actor: Actor) -> list[RateView]:
    """The whole history, newest effective date first."""
    require_rate_reader(actor)
    rows = session.exec(
        select(PlatformFeeRate, Organizer.legal_name, User.name)
        .join(Organizer, col(Organizer.id) == PlatformFeeRate.organizer_id, isouter=True)
        .join(User, col(User.id) == PlatformFeeRate.set_by_id, isouter=True)
        .order_by(col(PlatformFeeRate.effective_from).desc(), col(PlatformFeeRate.id).desc()))
    day = today()
    current: set[tuple[int | None, str]] = set()
    views = []
    for rate, organizer_name, setter in rows:
        scope = (rate.organizer_id, rate.currency)
        in_force = rate.effective_from <= day and scope not in current
        if in_force:
            current.add(scope)
        views.append(RateView(
            id=rate.id or 0, organizer_id=rate.organizer_id, organizer_name=organizer_name or "",
            percent_bp=rate.percent_bp, fixed_minor=rate.fixed_minor, currency=rate.currency,
            effective_from=rate.effective_from, set_by=setter or "", note=rate.note,
            in_force=in_force))
    return views


def _percent(text: str) -> int:
    try:
        value = Decimal(text.strip() or "0")
    except InvalidOperation:
        raise Invalid("Enter a percentage such as 5 or 2.5.", field="percent") from None
    if not value.is_finite() or value < 0 or value > 100:
        raise Invalid("Enter a percentage from 0 to 100.", field="percent")
    bp = value * 100
    if bp != bp.to_integral_value():
        raise Invalid("Use at most two decimal places.", field="percent")
    return int(bp)


def _fixed(text: str, currency: str) -> int:
    try:
        return Money.parse(text.strip() or "0", currency).minor
    except Invalid as error:
        raise Invalid(error.template, field="fixed", **error.params) from None


def _currency(text: str) -> str:
    code = text.strip().upper()
    try:
        Money(code, 0).format()
    except (Invalid, ValueError):
        raise Invalid("Enter a three-letter currency code such as CNY.", field="currency") \
            from None
    return code


def _effective(text: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid("Enter the date as YYYY-MM-DD.", field="effective_from") from None
    if day < first_day():
        raise Invalid("A new rate starts tomorrow at the earliest: what was paid until then "
                      "keeps the rate in force when it was paid.", field="effective_from")
    return day


def first_day() -> date:
    """The earliest day a new rate may start: tomorrow (money paid today, even a minute ago,
    keeps today's rate)."""
    return today() + timedelta(days=1)


def add_rate(session: Session, actor: Actor, *, rate: RateInput, ip: str = "") -> RateView:
    """Add a rate to the history (administrators only); every field is checked first."""
    if not can_change_settings(actor):
        raise Forbidden("Only administrators can set the platform fee.")
    organizer = None
    if rate.organizer_id is not None:
        organizer = session.get(Organizer, rate.organizer_id) if rate.organizer_id > 0 else None
        if organizer is None:
            raise Invalid("Choose an organizer from the list.", field="organizer_id")
    currency = _currency(rate.currency)
    percent_bp = _percent(rate.percent)
    fixed_minor = _fixed(rate.fixed, currency)
    effective_from = _effective(rate.effective_from)
    row = PlatformFeeRate(organizer_id=rate.organizer_id, percent_bp=percent_bp,
                          fixed_minor=fixed_minor, currency=currency,
                          effective_from=effective_from, set_by_id=actor.user_id,
                          note=rate.note.strip()[:MAX_NOTE])
    session.add(row)
    session.flush()
    audit.record(session, actor_id=actor.user_id, action="platform_fee.rate_added",
                 object_type="organizer" if organizer else "setting",
                 object_id=rate.organizer_id,
                 after={"percent": percent_text(percent_bp),
                        "amount_minor": fixed_minor, "currency": currency,
                        "effective_from": effective_from.isoformat()},
                 note=row.note, ip=ip)
    setter = session.get(User, actor.user_id) if actor.user_id else None
    return RateView(id=row.id or 0, organizer_id=row.organizer_id,
                    organizer_name=organizer.legal_name if organizer else "",
                    percent_bp=percent_bp, fixed_minor=fixed_minor, currency=currency,
                    effective_from=effective_from, set_by=setter.name if setter else "",
                    note=row.note, in_force=effective_from <= today())


def percent_text(percent_bp: int) -> str:
    """500 → "5", 250 → "2.5"."""
    text = f"{Decimal(percent_bp) * 100 / BASIS_POINTS:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def organizer_choices(session: Session, actor: Actor) -> list[tuple[int, str]]:
    """Qualified organizers an agreed rate may be set for: (id, name)."""
    if not can_change_settings(actor):
        raise Forbidden("Only administrators can set the platform fee.")
    from portal.domain.enums import OrganizerStatus

    return [(row_id or 0, name) for row_id, name in session.exec(
        select(Organizer.id, Organizer.legal_name)
        .where(col(Organizer.status) == OrganizerStatus.APPROVED.value)
        .order_by(col(Organizer.legal_name)))]
