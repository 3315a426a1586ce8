"""Money as integer minor units plus a currency code. Never a float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, get_currency_precision

from portal.domain.errors import Invalid

MAX_DIGITS = 12  # a trillion in major units: beyond any price, refund or payout here


@dataclass(frozen=True, order=True)
class Money:
    currency: str
    minor: int

    def __post_init__(self) -> None:
        if not isinstance(self.minor, int) or isinstance(self.minor, bool):
            raise Invalid("An amount must be a whole number of minor units.")
        if len(self.currency) != 3 or not self.currency.isupper():
            raise Invalid("A currency is a three-letter ISO 4217 code.")

    @property
    def exponent(self) -> int:
        return get_currency_precision(self.currency)

    def to_decimal(self) -> Decimal:
        return Decimal(self.minor).scaleb(-self.exponent)

    @classmethod
    def parse(cls, text: str, currency: str) -> Money:
        """An amount a person typed ("12.50") in the currency's major units."""
        try:
            value = Decimal(str(text).strip())
        except ArithmeticError:
            raise Invalid("Enter an amount such as 12.50.") from None
        if not value.is_finite() or value < 0:
            raise Invalid("Enter an amount of zero or more.")
        if value.adjusted() >= MAX_DIGITS:  # "1e999999" would be a million-digit number
            raise Invalid("Enter an amount of at most {n} digits before the decimal point.",
                          n=MAX_DIGITS)
        exponent = get_currency_precision(currency)
        minor = value.scaleb(exponent)
        if minor != minor.to_integral_value():
            raise Invalid("Use at most {places} decimal places.", places=exponent)
        return cls(currency=currency, minor=int(minor))

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise Invalid("Cannot add amounts in different currencies.")
        return Money(self.currency, self.minor + other.minor)

    def format(self, locale: str = "en") -> str:
        from portal.i18n import babel_locale

        return format_currency(self.to_decimal(), self.currency, locale=babel_locale(locale))


def convert_minor(minor: int, source: str, target: str, rate: Decimal) -> int:
    """An amount in `source` minor units as `target` minor units, where one unit of `target`
    is worth `rate` units of `source` (Stripe's exchange_rate read backwards), half up."""
    major = Decimal(minor).scaleb(-get_currency_precision(source)) / rate
    return int(major.scaleb(get_currency_precision(target)).quantize(Decimal(1), ROUND_HALF_UP))

