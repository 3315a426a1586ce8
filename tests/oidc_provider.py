"""A small OpenID Connect provider for tests: discovery, authorize (auto-consent as a chosen
person), token (code flow with PKCE S256 and client_secret_basic), JWKS; RS256 id_tokens made
with joserfc. It runs on 127.0.0.1 in a thread."""

from __future__ import annotations

import base64
import hashlib
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import uvicorn
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

CLIENT_ID = "event-portal"
CLIENT_SECRET = "test-client-secret"


@dataclass
class Grant:
    redirect_uri: str
    challenge: str
    nonce: str
    claims: dict[str, Any]


@dataclass
class LocalOidcProvider:
    port: int
    person: dict[str, Any] = field(default_factory=lambda: {
        "sub": "idp-user-1", "email": "sso.user@example.org", "email_verified": True,
        "name": "Sso User"})
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, parameters={
        "kid": "test-key", "use": "sig", "alg": "RS256"}))
    grants: dict[str, Grant] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    tamper: str = ""  # "nonce" | "audience" | "signature": send a bad id_token
    server: uvicorn.Server | None = None

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def id_token(self, grant: Grant) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 300,
                  "nonce": grant.nonce, **grant.claims}
        key = self.key
        if self.tamper == "nonce":
            claims["nonce"] = "someone-elses-nonce"
        elif self.tamper == "audience":
            claims["aud"] = "another-client"
        elif self.tamper == "signature":
            key = RSAKey.generate_key(2048, parameters={"kid": "test-key"})
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, key)

    async def discovery(self, _request: Request) -> JSONResponse:
        return JSONResponse({
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        })

    async def authorize(self, request: Request):  # noqa: ANN201
        q = request.query_params
        if q.get("client_id") != CLIENT_ID or q.get("code_challenge_method") != "S256" \
                or not q.get("code_challenge") or not q.get("nonce"):
            return JSONResponse({"error": "invalid_request"}, status_code=400)
        code = secrets.token_urlsafe(16)
        self.grants[code] = Grant(q["redirect_uri"], q["code_challenge"], q["nonce"],
                                  dict(self.person))
        query = urlencode({"code": code, "state": q["state"]})
        return RedirectResponse(f"{q['redirect_uri']}?{query}", status_code=302)

    async def token(self, request: Request) -> JSONResponse:
        form = dict(await request.form())
        self.token_requests.append(form)
        auth = request.headers.get("authorization", "")
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if auth != expected:
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        grant = self.grants.pop(form.get("code", ""), None)
        if grant is None or form.get("redirect_uri") != grant.redirect_uri:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant.challenge:
            return JSONResponse({"error": "invalid_grant", "detail": "pkce"}, status_code=400)
        return JSONResponse({"access_token": secrets.token_urlsafe(16), "token_type": "Bearer",
                             "expires_in": 300, "id_token": self.id_token(grant)})

    async def jwks(self, _request: Request) -> JSONResponse:
        return JSONResponse(KeySet([self.key]).as_dict(private=False))

    def app(self) -> Starlette:
        return Starlette(routes=[
            Route("/.well-known/openid-configuration", self.discovery),
            Route("/authorize", self.authorize),
            Route("/token", self.token, methods=["POST"]),
            Route("/jwks", self.jwks),
        ])

    def start(self) -> LocalOidcProvider:
        self.server = uvicorn.Server(uvicorn.Config(self.app(), host="127.0.0.1",
                                                    port=self.port, log_level="warning"))
        threading.Thread(target=self.server.run, daemon=True).start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
