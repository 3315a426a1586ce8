"""The Authlib adapter against a real (local) OIDC provider: code flow, PKCE, id_token checks;
and the account rules for identities that come back."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from portal.domain.errors import Invalid
from portal.integrations.oidc_authlib import AuthlibOidcProvider
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, LocalOidcProvider, free_port

REDIRECT = "http://127.0.0.1:9/auth/oidc/callback"


@pytest.fixture(scope="module")
def idp():
    provider = LocalOidcProvider(port=free_port()).start()
    yield provider
    provider.stop()


@pytest.fixture
def adapter(idp):
    idp.tamper = ""
    return AuthlibOidcProvider(issuer=idp.issuer, client_id=CLIENT_ID,
                               client_secret=CLIENT_SECRET)


def run_flow(adapter, *, nonce="n-123", verifier="v" * 64) -> dict:
    url = adapter.authorization_url(redirect_uri=REDIRECT, state="s-1", code_verifier=verifier,
                                    nonce=nonce)
    query = parse_qs(urlsplit(url).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] == [nonce]
    answer = requests.get(url, allow_redirects=False, timeout=10)
    code = parse_qs(urlsplit(answer.headers["location"]).query)["code"][0]
    return adapter.exchange(code=code, redirect_uri=REDIRECT, code_verifier=verifier,
                            nonce=nonce)


def test_code_flow_with_pkce_returns_validated_claims(adapter, idp):
    claims = run_flow(adapter)
    assert claims["sub"] == "idp-user-1" and claims["email_verified"] is True
    assert idp.token_requests[-1]["code_verifier"] == "v" * 64


@pytest.mark.parametrize("tamper", ["nonce", "audience", "signature"])
def test_bad_id_tokens_are_refused(adapter, idp, tamper):
    idp.tamper = tamper
    with pytest.raises(Invalid):
        run_flow(adapter)


def test_wrong_code_verifier_is_refused_by_the_provider(adapter):
    url = adapter.authorization_url(redirect_uri=REDIRECT, state="s", code_verifier="a" * 64,
                                    nonce="n")
    answer = requests.get(url, allow_redirects=False, timeout=10)
    code = parse_qs(urlsplit(answer.headers["location"]).query)["code"][0]
    with pytest.raises(Invalid) as refused:
        adapter.exchange(code=code, redirect_uri=REDIRECT, code_verifier="b" * 64, nonce="n")
    assert "invalid_grant" in str(refused.value.__cause__)
