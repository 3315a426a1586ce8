"""OIDC provider adapter: Authlib's OAuth2 client for the code flow with PKCE (S256), and
joserfc (Authlib's JOSE library) to validate the RS256 id_token against the provider's keys."""

from __future__ import annotations

import time
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError as OAuthError
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from portal.domain.errors import Invalid

TIMEOUT_S = 10
LEEWAY_S = 60


class AuthlibOidcProvider:
    def __init__(self, *, issuer: str, client_id: str, client_secret: str):
        self.issuer = issuer.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self._metadata: dict[str, Any] | None = None

    def metadata(self) -> dict[str, Any]:
        if self._metadata is None:
            url = f"{self.issuer}/.well-known/openid-configuration"
            response = requests.get(url, timeout=TIMEOUT_S)
            response.raise_for_status()
            data = response.json()
            if data.get("issuer", "").rstrip("/") != self.issuer:
                raise Invalid("The sign-in provider's configuration names another issuer.")
            self._metadata = data
        return self._metadata

    def _client(self, redirect_uri: str) -> OAuth2Session:
        return OAuth2Session(self.client_id, self.client_secret, scope="openid email profile",
                             redirect_uri=redirect_uri, code_challenge_method="S256")

    def authorization_url(self, *, redirect_uri: str, state: str, code_verifier: str,
                          nonce: str) -> str:
        url, _ = self._client(redirect_uri).create_authorization_url(
            self.metadata()["authorization_endpoint"], state=state,
            code_verifier=code_verifier, nonce=nonce,
        )
        return url

    def exchange(self, *, code: str, redirect_uri: str, code_verifier: str, nonce: str
                 ) -> dict[str, Any]:
        client = self._client(redirect_uri)
        try:
            token = client.fetch_token(self.metadata()["token_endpoint"], code=code,
                                       code_verifier=code_verifier, timeout=TIMEOUT_S)
        except OAuthError as error:
            raise Invalid("The sign-in provider refused the sign-in.") from error
        id_token = token.get("id_token")
        if not id_token:
            raise Invalid("The sign-in provider sent no identity token.")
        return self.validate_id_token(id_token, nonce=nonce)

    def validate_id_token(self, id_token: str, *, nonce: str) -> dict[str, Any]:
        keys = requests.get(self.metadata()["jwks_uri"], timeout=TIMEOUT_S)
        keys.raise_for_status()
        try:
            decoded = jwt.decode(id_token, KeySet.import_key_set(keys.json()),
                                 algorithms=["RS256"])
            jwt.JWTClaimsRegistry(
                now=int(time.time()),
                leeway=LEEWAY_S,
                iss={"essential": True, "value": self.issuer},
                aud={"essential": True, "value": self.client_id},
                sub={"essential": True},
                exp={"essential": True},
                nonce={"essential": True, "value": nonce},
            ).validate(decoded.claims)
        except (JoseError, ValueError) as error:
            raise Invalid("The sign-in provider's identity token is not valid.") from error
        return dict(decoded.claims)
