"""PORTAL_SECRET_KEY keys the stored digests of every token: sessions, links, tickets."""

from __future__ import annotations

import hashlib

import pytest

from portal.settings import get_settings
from tests.services.helpers import actor_for, sign_in, sign_up


@pytest.fixture
def other_secret(monkeypatch):
    """Switch the key for the rest of the test, and back afterwards."""

    def switch(value: str) -> None:
        monkeypatch.setenv("PORTAL_SECRET_KEY", value)
        get_settings.cache_clear()

    yield switch
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    get_settings.cache_clear()


def test_digests_depend_on_the_secret_key(other_secret):
    from portal.services.secrets import hash_token, new_token

    raw, digest = new_token()
    assert hash_token(raw) == digest and len(digest) == 64
    assert digest != hashlib.sha256(raw.encode()).hexdigest()  # not a bare hash
    other_secret("another secret of at least thirty-two characters")
    assert hash_token(raw) != digest


def test_a_new_secret_key_ends_every_session(db, other_secret):
    sign_up(email="kim@example.org")
    cookie = sign_in("kim@example.org")
    assert actor_for(cookie).is_authenticated
    other_secret("a rotated secret of at least thirty-two characters")
    assert not actor_for(cookie).is_authenticated
