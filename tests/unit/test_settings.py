"""Settings: defaults for development, one clear line for each bad value, safe production."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from portal.settings import DEFAULT_SECRET, Settings, describe_error

SAFE_PRODUCTION = {
    "PORTAL_ENVIRONMENT": "production",
    "PORTAL_SECRET_KEY": "s" * 40,
    "PORTAL_PAYMENT_GATEWAY": "stripe",
    "PORTAL_MAILER": "sendgrid",
    "PORTAL_SENDGRID_API_KEY": "SG.test-key",
    "PORTAL_STRIPE_SECRET_KEY": "sk_test_key",
    "PORTAL_STRIPE_WEBHOOK_SECRET": "whsec_test",
    "PORTAL_COMPLAINT_INBOUND_SECRET": "i" * 32,
    "PORTAL_FILE_ENCRYPTION_KEY": "a2V5LWZvci1maWxlcy1hdC1yZXN0LTMyLWJ5dGVzISE=",
}


def _settings(monkeypatch, **env: str) -> Settings:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return Settings(_env_file=None)


def _problem(monkeypatch, **env: str) -> str:
    with pytest.raises(ValidationError) as error:
        _settings(monkeypatch, **env)
    return describe_error(error.value)


def test_development_defaults(monkeypatch):
    settings = _settings(monkeypatch)
    assert settings.secret_key.get_secret_value() == DEFAULT_SECRET
    assert settings.origins == ["http://localhost:3000"]
    assert settings.currency == "CNY" and settings.time_zone == "Asia/Shanghai"
    assert not settings.oidc_enabled


def test_origins_come_from_a_comma_separated_list(monkeypatch):
    settings = _settings(monkeypatch, PORTAL_ALLOWED_ORIGINS="https://a.example, http://b:3000")
    assert settings.origins == ["https://a.example", "http://b:3000"]


@pytest.mark.parametrize(
    ("env", "line"),
    [
        ({"PORTAL_DATABASE_URL": "mysql://x"}, "PORTAL_DATABASE_URL: "),
        ({"PORTAL_BASE_URL": "localhost"}, "PORTAL_BASE_URL: "),
        ({"PORTAL_ALLOWED_ORIGINS": "https://a.example/path"}, "PORTAL_ALLOWED_ORIGINS: "),
        ({"PORTAL_CURRENCY": "XYZ"}, "PORTAL_CURRENCY: 'XYZ' is not an ISO 4217 currency code"),
        ({"PORTAL_TIME_ZONE": "Mars/Olympus"}, "PORTAL_TIME_ZONE: "),
        ({"PORTAL_PORT": "99999"}, "PORTAL_PORT: "),
        ({"PORTAL_ENVIRONMENT": "staging"}, "PORTAL_ENVIRONMENT: "),
        ({"PORTAL_MAILER": "pigeon"}, "PORTAL_MAILER: "),
        ({"PORTAL_DEFAULT_LOCALE": "fr"}, "PORTAL_DEFAULT_LOCALE: "),
    ],
)
def test_each_bad_value_names_its_variable(monkeypatch, env, line):
    assert _problem(monkeypatch, **env).startswith(line)


def test_production_is_accepted_when_safe(monkeypatch):
    assert _settings(monkeypatch, **SAFE_PRODUCTION).environment == "production"


@pytest.mark.parametrize(
    ("override", "variable"),
    [
        ({"PORTAL_SECRET_KEY": DEFAULT_SECRET}, "PORTAL_SECRET_KEY"),
        ({"PORTAL_SECRET_KEY": "short"}, "PORTAL_SECRET_KEY"),
        ({"PORTAL_PAYMENT_GATEWAY": "demo"}, "PORTAL_PAYMENT_GATEWAY"),
        ({"PORTAL_MAILER": "log"}, "PORTAL_MAILER"),
        ({"PORTAL_SENDGRID_API_KEY": ""}, "PORTAL_SENDGRID_API_KEY"),
        ({"PORTAL_MAILER": "smtp"}, "PORTAL_SMTP_HOST"),
        ({"PORTAL_MAIL_FROM": "nobody"}, "PORTAL_MAIL_FROM"),
        ({"PORTAL_STRIPE_SECRET_KEY": ""}, "PORTAL_STRIPE_SECRET_KEY"),
        ({"PORTAL_STRIPE_WEBHOOK_SECRET": ""}, "PORTAL_STRIPE_WEBHOOK_SECRET"),
        ({"PORTAL_FILE_ENCRYPTION_KEY": ""}, "PORTAL_FILE_ENCRYPTION_KEY"),
        ({"PORTAL_FILE_ENCRYPTION_OLD_KEYS": "short"}, "PORTAL_FILE_ENCRYPTION_OLD_KEYS"),
    ],
)
def test_production_refuses_development_stand_ins(monkeypatch, override, variable):
    line = _problem(monkeypatch, **{**SAFE_PRODUCTION, **override})
    assert line.startswith(f"{variable}: ")
    assert "\n" not in line


def test_webhook_secret_is_stripe_s_or_a_demo_one_derived_from_the_secret_key(monkeypatch):
    stripe = _settings(monkeypatch, **SAFE_PRODUCTION)
    assert stripe.webhook_secret == "whsec_test"
    monkeypatch.delenv("PORTAL_ENVIRONMENT")
    monkeypatch.setenv("PORTAL_PAYMENT_GATEWAY", "demo")
    demo = Settings(_env_file=None)
    assert demo.webhook_secret.startswith("whsec_demo_")
    monkeypatch.setenv("PORTAL_SECRET_KEY", "t" * 40)
    assert Settings(_env_file=None).webhook_secret != demo.webhook_secret


def test_production_needs_the_inbound_complaint_secret(monkeypatch):
    unsafe = {k: v for k, v in SAFE_PRODUCTION.items() if k != "PORTAL_COMPLAINT_INBOUND_SECRET"}
    assert _problem(monkeypatch, **unsafe).startswith("PORTAL_COMPLAINT_INBOUND_SECRET:")
    assert _problem(monkeypatch, **{**unsafe, "PORTAL_COMPLAINT_INBOUND_SECRET": "short"}
                    ).startswith("PORTAL_COMPLAINT_INBOUND_SECRET:")
