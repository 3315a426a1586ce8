"""The portal's configuration: one pydantic-settings object read from PORTAL_* variables.

A wrong or missing setting ends the process with one line naming the variable and exit code 2
(see `load_settings_or_exit`), never a traceback.
"""

from __future__ import annotations

import re
import sys
import zoneinfo
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Annotated
from urllib.parse import urlsplit

from babel.numbers import list_currencies
from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
PHONE = re.compile(r"\+?[0-9 ()\-]{5,40}")
MAX_CLOSED_DAYS = 60
DEFAULT_SECRET = "dev-only-insecure-secret-change-me"
ENV_PREFIX = "PORTAL_"


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class PaymentGateway(StrEnum):
    DEMO = "demo"
    STRIPE = "stripe"


class Mailer(StrEnum):
    LOG = "log"
    SENDGRID = "sendgrid"
    SMTP = "smtp"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", extra="ignore", frozen=True
    )

    environment: Environment = Environment.DEVELOPMENT
    database_url: str = "sqlite:///data/portal.db"
    secret_key: SecretStr = SecretStr(DEFAULT_SECRET)
    base_url: str = "http://localhost:3000"
    port: int = Field(default=3000, ge=1, le=65535)
    allowed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    platform_name: str = Field(default="Event Portal", min_length=1, max_length=80)
    currency: str = "CNY"
    time_zone: str = "Asia/Shanghai"
    default_locale: str = "en"
    payment_gateway: PaymentGateway = PaymentGateway.DEMO
    # Stripe: the secret API key and the webhook endpoint's signing secret. `stripe_api_base`
    # points the SDK elsewhere (tests reach the Stripe stand-in through it).
    stripe_secret_key: SecretStr | None = None
    stripe_webhook_secret: SecretStr | None = None
    stripe_api_base: str = "https://api.stripe.com"
    stripe_timeout_seconds: float = Field(default=20, gt=0, le=120)
    # Offline payments (rules §5.2.2): where a transfer goes, and how long a seat waits for it.
    bank_account_name: str = Field(default="Event Portal Ltd.", max_length=120)
    bank_name: str = Field(default="Bank of Shanghai, Pudong branch", max_length=120)
    bank_account_number: str = Field(default="6222 0210 0101 2345 678", max_length=60)
    bank_transfer_hold_days: int = Field(default=3, ge=1, le=30)
    cash_hold_days: int = Field(default=2, ge=1, le=30)
    cash_office: str = Field(default="Event Portal office, 88 Century Avenue, Shanghai "
                                     "(Mon-Fri 9:00-17:00), or at the event's entrance",
                             max_length=300)
    mailer: Mailer = Mailer.LOG
    mail_from: str = "no-reply@events.example.org"
    mail_from_name: str = Field(default="", max_length=80)
    sendgrid_api_key: SecretStr | None = None
    sendgrid_host: str = "https://api.sendgrid.com"
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str = ""
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True
    mail_timeout_seconds: float = Field(default=15, gt=0, le=120)
    upload_dir: str = "data/uploads"
    # Private files are encrypted at rest (rules §4.2.1) with the current key; older keys still
    # read files until `portal rotate-keys` re-encrypts them. Keys are Fernet keys (32 bytes,
    # url-safe base64). Development derives one from the secret key; production must set it.
    file_encryption_key: SecretStr | None = None
    file_encryption_old_keys: Annotated[list[SecretStr], NoDecode] = Field(default_factory=list)
    # Backups (rules §2.1, §4.2.2): where scheduled archives go, how often, how many are kept.
    backup_dir: str = "data/backups"
    backup_interval_hours: int = Field(default=24, ge=1, le=24 * 7)
    backup_keep: int = Field(default=7, ge=1, le=365)
    upload_max_mb: int = Field(default=10, ge=1, le=100)
    holiday_country: str = "CN"
    # Extra days the platform is closed (besides weekends and public holidays), as ISO dates
    # separated by commas: "2026-12-24, 2026-12-31". Working-day deadlines skip them.
    extra_closed_days: str = Field(default="", max_length=1000)
    # How people reach the platform (the site's footer)
    contact_email: str = Field(default="hello@events.example.org", max_length=254)
    contact_phone: str = Field(default="+86 21 5555 0199", max_length=40)
    contact_address: str = Field(default="88 Century Avenue, Pudong, Shanghai", max_length=300)
    review_working_days: int = Field(default=5, ge=1, le=60)
    # Registrations: how long a seat waits for payment, a waiting-list offer for its claim, and
    # an approval-required registration for the organizer's decision (working days).
    seat_hold_minutes: int = Field(default=30, ge=5, le=7 * 24 * 60)
    waitlist_offer_hours: int = Field(default=24, ge=1, le=14 * 24)
    registration_review_working_days: int = Field(default=2, ge=1, le=30)
    # Settlement (rules §5.3.1): an ended event's statement is due within this many working days.
    settlement_working_days: int = Field(default=10, ge=1, le=60)
    # Complaints (rules §6): where they reach us, and each step's limit in working days. Read
    # the limits through services.complaint_limits.complaint_limits() only: an administrator
    # changes them on the platform settings screen.
    complaint_email: str = Field(default="complaints@events.example.org", max_length=254)
    complaint_phone: str = Field(default="+86 21 5555 0100", max_length=40)
    complaint_inbound_secret: SecretStr | None = None  # the token in the Inbound Parse URL
    complaint_accept_working_days: int = Field(default=2, ge=1, le=30)
    complaint_investigate_working_days: int = Field(default=3, ge=1, le=30)
    complaint_handle_working_days: int = Field(default=10, ge=1, le=60)
    complaint_feedback_working_days: int = Field(default=2, ge=1, le=30)
    complaint_organizer_response_working_days: int = Field(default=5, ge=1, le=30)
    complaint_reopen_days: int = Field(default=14, ge=1, le=90)  # calendar days
    # Personal data: a sent email's body is emptied after this many days (its subject,
    # recipient and dates stay, as the record that it was sent).
    email_retention_days: int = Field(default=180, ge=7, le=3650)
    session_idle_hours: int = Field(default=72, ge=1, le=24 * 90)
    session_absolute_days: int = Field(default=30, ge=1, le=365)
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_provider_name: str = Field(default="single sign-on", max_length=60)

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        scheme = value.split(":", 1)[0]
        if not value or "://" not in value or not (
            scheme.startswith("sqlite") or scheme.startswith("postgresql")
        ):
            raise ValueError("must be a sqlite:/// or postgresql+psycopg:// URL")
        return value

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("must be an absolute http(s) URL such as https://events.example.org")
        return value.rstrip("/")

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator("allowed_origins")
    @classmethod
    def _origins(cls, value: list[str]) -> list[str]:
        for origin in value:
            parts = urlsplit(origin)
            if parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
                raise ValueError(f"{origin!r} is not an origin like https://events.example.org")
        return value

    @field_validator("file_encryption_key", "file_encryption_old_keys", mode="before")
    @classmethod
    def _split_keys(cls, value: object, info: ValidationInfo) -> object:
        if isinstance(value, str) and info.field_name == "file_encryption_key":
            return value.strip() or None
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator("file_encryption_key", "file_encryption_old_keys")
    @classmethod
    def _fernet_keys(cls, value: SecretStr | list[SecretStr] | None
                     ) -> SecretStr | list[SecretStr] | None:
        import base64
        import binascii

        for key in value if isinstance(value, list) else [value] if value else []:
            try:
                raw = base64.urlsafe_b64decode(key.get_secret_value().encode())
            except (binascii.Error, ValueError):
                raw = b""
            if len(raw) != 32:
                raise ValueError("must be a key made by `portal new-key` (32 bytes, url-safe "
                                 "base64)")
        return value

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        code = value.strip().upper()
        if code not in list_currencies():
            raise ValueError(f"{value!r} is not an ISO 4217 currency code")
        return code

    @field_validator("time_zone")
    @classmethod
    def _time_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone such as Asia/Shanghai") from None
        return value

    @field_validator("holiday_country")
    @classmethod
    def _holiday_country(cls, value: str) -> str:
        import holidays

        code = value.strip().upper()
        if code not in holidays.list_supported_countries():
            raise ValueError(f"{value!r} is not a country code the holidays calendar knows")
        return code

    @field_validator("extra_closed_days")
    @classmethod
    def _closed_days(cls, value: str) -> str:
        return ", ".join(day.isoformat() for day in parse_days(value))

    @field_validator("complaint_email", "contact_email")
    @classmethod
    def _email(cls, value: str) -> str:
        value = value.strip()
        if not EMAIL.fullmatch(value):
            raise ValueError(f"{value!r} is not an email address such as help@example.org")
        return value

    @field_validator("complaint_phone", "contact_phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        value = " ".join(value.split())
        if not PHONE.fullmatch(value) or sum(c.isdigit() for c in value) < 5:
            raise ValueError(f"{value!r} is not a phone number such as +86 21 5555 0100")
        return value

    @property
    def closed_dates(self) -> frozenset[date]:
        return frozenset(parse_days(self.extra_closed_days))

    @field_validator("default_locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        from portal.i18n import SUPPORTED_LOCALES

        if value not in SUPPORTED_LOCALES:
            raise ValueError(f"must be one of {', '.join(SUPPORTED_LOCALES)}")
        return value

    @model_validator(mode="after")
    def _production_is_safe(self) -> Settings:
        if self.environment is not Environment.PRODUCTION:
            return self
        if self.secret_key.get_secret_value() == DEFAULT_SECRET or len(
            self.secret_key.get_secret_value()
        ) < 32:
            raise _SettingProblem("secret_key", "set a random secret of at least 32 characters")
        if self.payment_gateway is PaymentGateway.DEMO:
            raise _SettingProblem("payment_gateway", "the demo gateway is refused in production")
        if self.mailer is Mailer.LOG:
            raise _SettingProblem("mailer", "the log mailer is refused in production")
        if self.file_encryption_key is None:
            raise _SettingProblem("file_encryption_key", "set the key private files are "
                                  "encrypted with (make one with `portal new-key`)")
        inbound = self.complaint_inbound_secret
        if inbound is None or len(inbound.get_secret_value()) < 24:
            raise _SettingProblem("complaint_inbound_secret", "set a random token of at least "
                                  "24 characters for the inbound complaint email route")
        return self

    @model_validator(mode="after")
    def _stripe_is_configured(self) -> Settings:
        if self.payment_gateway is PaymentGateway.STRIPE:
            if not self.stripe_secret_key:
                raise _SettingProblem("stripe_secret_key", "the stripe gateway needs the "
                                      "secret API key (sk_...)")
            if not self.stripe_webhook_secret:
                raise _SettingProblem("stripe_webhook_secret", "the stripe gateway needs the "
                                      "webhook signing secret (whsec_...)")
        return self

    @property
    def webhook_secret(self) -> str:
        """What webhook signatures are checked with: Stripe's signing secret, or one derived
        from the portal's secret for the demo gateway."""
        if self.payment_gateway is PaymentGateway.STRIPE and self.stripe_webhook_secret:
            return self.stripe_webhook_secret.get_secret_value()
        import hashlib

        return "whsec_demo_" + hashlib.sha256(
            b"demo-webhook:" + self.secret_key.get_secret_value().encode()).hexdigest()[:32]

    @model_validator(mode="after")
    def _mailer_is_configured(self) -> Settings:
        if "@" not in self.mail_from:
            raise _SettingProblem("mail_from", "set the sender address, such as "
                                  "events@example.org")
        if self.mailer is Mailer.SENDGRID and not self.sendgrid_api_key:
            raise _SettingProblem("sendgrid_api_key", "the sendgrid mailer needs an API key")
        if self.mailer is Mailer.SMTP and not self.smtp_host:
            raise _SettingProblem("smtp_host", "the smtp mailer needs a server host")
        return self

    @property
    def file_keys(self) -> list[bytes]:
        """The file encryption keys, the current one first. Development without a configured
        key uses one derived from the secret key."""
        import base64
        import hashlib

        if self.file_encryption_key is not None:
            current = self.file_encryption_key.get_secret_value().encode()
        else:
            current = base64.urlsafe_b64encode(hashlib.sha256(
                b"file-encryption:" + self.secret_key.get_secret_value().encode()).digest())
        return [current] + [key.get_secret_value().encode()
                            for key in self.file_encryption_old_keys]

    @property
    def origins(self) -> list[str]:
        """Origins allowed to open the websocket and call the HTTP routes."""
        return self.allowed_origins or [self.base_url]

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)


def parse_days(value: str) -> list[date]:
    """ISO dates separated by commas (or spaces), sorted and without repeats; ValueError on
    anything else."""
    days: set[date] = set()
    for part in re.split(r"[,;\s]+", value.strip()):
        if not part:
            continue
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", part):
                raise ValueError(part)
            days.add(date.fromisoformat(part))
        except ValueError:
            raise ValueError(f"{part!r} is not a date written as YYYY-MM-DD") from None
    if len(days) > MAX_CLOSED_DAYS:
        raise ValueError(f"at most {MAX_CLOSED_DAYS} extra closed days")
    return sorted(days)


class _SettingProblem(ValueError):
    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def describe_error(error: ValidationError) -> str:
    """One line naming the variable to set and what is wrong with it."""
    first = error.errors()[0]
    field = first["loc"][0] if first.get("loc") else None
    ctx_error = (first.get("ctx") or {}).get("error")
    if isinstance(ctx_error, _SettingProblem):
        field = ctx_error.field
    message = str(ctx_error) if ctx_error else first["msg"]
    if field is None:
        return f"invalid settings: {message}"
    return f"{ENV_PREFIX}{str(field).upper()}: {message}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def load_settings_or_exit() -> Settings:
    """Settings for a process entry point: one clear line and exit code 2 when they are wrong."""
    try:
        return get_settings()
    except ValidationError as error:
        print(f"portal: {describe_error(error)}", file=sys.stderr)
        raise SystemExit(2) from None
