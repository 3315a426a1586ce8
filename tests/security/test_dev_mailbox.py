"""The Dev mailbox handler: anyone reads it in development; in production it refuses everyone,
administrators included, and shows nothing."""

from __future__ import annotations

import pytest

from portal.services import dev_mailbox
from portal.settings import Environment, Mailer, Settings
from tests.security import targets as t
from tests.security.harness import call, cls_of, state_for

LOAD = "portal.ui.dev.mailbox.DevMailboxState.load"


def production() -> Settings:
    return Settings(environment=Environment.PRODUCTION, secret_key="x" * 40,
                    payment_gateway="stripe", stripe_secret_key="sk_test_x",
                    stripe_webhook_secret="whsec_x", mailer=Mailer.SENDGRID,
                    sendgrid_api_key="SG.test", complaint_inbound_secret="i" * 24,
                    file_encryption_key="a2V5LWZvci1maWxlcy1hdC1yZXN0LTMyLWJ5dGVzISE=")


@pytest.mark.parametrize("caller", ["anonymous", "attendee", "admin"])
def test_in_development_anyone_reads_the_mailbox(demo_engine, callers, caller):
    email_id = t.failed_email()
    state = state_for(cls_of(LOAD), callers[caller], query=f"id={email_id}")
    call(LOAD, state)
    assert state.error == ""
    assert any(m["id"] == str(email_id) for m in state.messages)
    assert state.message["id"] == str(email_id)


@pytest.mark.parametrize("caller", ["anonymous", "attendee", "admin"])
def test_in_production_everyone_is_refused(demo_engine, callers, caller, monkeypatch):
    email_id = t.failed_email()
    monkeypatch.setattr(dev_mailbox, "get_settings", production)
    state = state_for(cls_of(LOAD), callers[caller], query=f"id={email_id}")
    call(LOAD, state)
    assert state.error
    assert state.messages == [] and state.message == {} and state.preview == ""
