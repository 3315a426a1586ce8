"""The one place that picks adapters from the settings."""

from __future__ import annotations

from portal.services.emails import Mailer
from portal.settings import Mailer as MailerKind
from portal.settings import get_settings


def mailer() -> Mailer:
    kind = get_settings().mailer
    if kind is MailerKind.LOG:
        from portal.integrations.email_log import LogMailer

        return LogMailer()
    raise NotImplementedError(f"the {kind.value} mailer arrives with the notifications work")


_oidc = None


def oidc_provider():  # noqa: ANN201
    """The configured OIDC provider, or None when sign-in with a provider is off."""
    global _oidc
    settings = get_settings()
    if not settings.oidc_enabled:
        return None
    if _oidc is None:
        from portal.integrations.oidc_authlib import AuthlibOidcProvider

        secret = settings.oidc_client_secret.get_secret_value() if \
            settings.oidc_client_secret else ""
        _oidc = AuthlibOidcProvider(issuer=settings.oidc_issuer,
                                    client_id=settings.oidc_client_id, client_secret=secret)
    return _oidc
