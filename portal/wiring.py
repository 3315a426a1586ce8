"""The one place that picks adapters from the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from portal.services.emails import Mailer
from portal.services.files import FileStore
from portal.services.oidc import OidcProvider
from portal.services.payment_gateway import CardGateway
from portal.settings import Mailer as MailerKind
from portal.settings import PaymentGateway as PaymentGatewayKind
from portal.settings import get_settings

if TYPE_CHECKING:
    from portal.integrations.backup_archive import Archiver as BackupArchiver
    from portal.integrations.files_encrypted import EncryptedFileStore


def mailer() -> Mailer:
    settings = get_settings()
    kind = settings.mailer
    if kind is MailerKind.SENDGRID:
        from portal.integrations.email_sendgrid import SendGridMailer

        return SendGridMailer(api_key=settings.sendgrid_api_key.get_secret_value(),
                              sender=settings.mail_from, sender_name=settings.mail_from_name,
                              host=settings.sendgrid_host, timeout=settings.mail_timeout_seconds)
    if kind is MailerKind.SMTP:
        from portal.integrations.email_smtp import SmtpMailer

        password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
        return SmtpMailer(host=settings.smtp_host, port=settings.smtp_port,
                          sender=settings.mail_from, sender_name=settings.mail_from_name,
                          username=settings.smtp_username, password=password,
                          starttls=settings.smtp_starttls, timeout=settings.mail_timeout_seconds)
    from portal.integrations.email_log import LogMailer

    return LogMailer()


def file_store() -> FileStore:
    return encrypted_file_store()


def encrypted_file_store() -> EncryptedFileStore:
    """Private files, encrypted at rest with the configured keys."""
    from portal.integrations.files_encrypted import EncryptedFileStore

    settings = get_settings()
    return EncryptedFileStore(settings.upload_dir, settings.file_keys)


_oidc = None


def oidc_provider() -> OidcProvider | None:
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


_stripe: tuple[tuple[object, ...], CardGateway] | None = None


def card_gateway() -> CardGateway:
    """The card gateway the settings name: Stripe, or the demo gateway (development only)."""
    global _stripe
    settings = get_settings()
    if settings.payment_gateway is PaymentGatewayKind.STRIPE:
        from portal.integrations.payments_stripe import StripeGateway

        assert settings.stripe_secret_key is not None  # the settings refuse stripe without
        config = (settings.stripe_secret_key.get_secret_value(), settings.webhook_secret,
                  settings.stripe_api_base, settings.stripe_timeout_seconds)
        # One client per configuration: it keeps its HTTP connections between calls.
        if _stripe is None or _stripe[0] != config:
            key, secret, base, timeout = config
            _stripe = (config, StripeGateway(secret_key=str(key), webhook_secret=str(secret),
                                             api_base=str(base), timeout_seconds=float(timeout)))
        return _stripe[1]
    from portal.integrations.payments_demo import DemoGateway

    return DemoGateway(webhook_secret=settings.webhook_secret, base_url=settings.base_url)


def backup_archiver() -> BackupArchiver:
    """Backups of this portal's database and private files, into the backup folder."""
    from portal.db import get_engine
    from portal.integrations.backup_archive import Archiver

    settings = get_settings()
    return Archiver(get_engine(), settings.upload_dir, settings.backup_dir)
