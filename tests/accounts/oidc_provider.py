"""A small OpenID Connect provider for the single sign-on tests: real HTTP on 127.0.0.1 in a
thread of the test process, an RSA key of its own, ID tokens signed RS256. It speaks the
authorization code flow as our side uses it (with PKCE and a nonce), and nothing else: the
person who "signs in" at /authorize is whoever the test named in `person`.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.client import HTTPConnection
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "hamstrings-test"
CLIENT_SECRET = "test-secret"
KEY_ID = "test-key"


class OidcProvider:
    """Start with `start()`, stop with `stop()`. Between tests set `person` (the claims the
    next sign-in gives: sub, email, email_verified, given_name, family_name) and, to test a
    token meant for another client, `audience`."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.person: dict = {}
        self.audience = CLIENT_ID
        self.codes: dict[str, dict] = {}  # code -> what /authorize was asked, and for whom
        self.tokens: dict[str, dict] = {}  # access token -> the person's claims
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"

    def start(self) -> None:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def settings(self) -> dict:
        """The OIDC_* settings a deployment would set for this provider."""
        return {
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.issuer}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/jwks",
            "OIDC_PROVIDER_NAME": "Test provider",
        }

    def authorize(self, url: str) -> str:
        """The browser's visit to the provider's sign-in page, over real HTTP (no redirect
        followed, no proxy): the address it sends the browser back to (our callback, on the
        test client's host, with the code and state)."""
        assert url.startswith(f"{self.issuer}/authorize?"), url
        connection = HTTPConnection("127.0.0.1", self.server.server_port, timeout=10)
        try:
            connection.request("GET", url.removeprefix(self.issuer))
            response = connection.getresponse()
            assert response.status == 302, response.status
            return response.headers["Location"]
        finally:
            connection.close()

    def id_token(self, code: dict) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": code["person"]["sub"],
            "aud": self.audience,
            "iat": now,
            "exp": now + 300,
            "nonce": code["nonce"],
            "email": code["person"].get("email"),
        }
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": KEY_ID})

    def jwks(self) -> dict:
        public = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": KEY_ID, "alg": "RS256", "use": "sig"}]}

    def handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):
                pass  # quiet in the test output

            def do_GET(self):
                url = urlsplit(self.path)
                query = dict(parse_qsl(url.query))
                if url.path == "/authorize":
                    self.authorize(query)
                elif url.path == "/userinfo":
                    bearer = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    person = provider.tokens.get(bearer)
                    self.answer(200, person) if person else self.answer(401, {})
                elif url.path == "/jwks":
                    self.answer(200, provider.jwks())
                else:
                    self.answer(404, {})

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                if urlsplit(self.path).path == "/token":
                    self.token(form)
                else:
                    self.answer(404, {})

            def authorize(self, query):
                assert query["client_id"] == CLIENT_ID and query["response_type"] == "code"
                code = secrets.token_urlsafe(16)
                provider.codes[code] = {**query, "person": dict(provider.person)}
                back = urlencode({"code": code, "state": query["state"]})
                self.send_response(302)
                self.send_header("Location", f"{query['redirect_uri']}?{back}")
                self.end_headers()

            def token(self, form):
                code = provider.codes.pop(form.get("code", ""), None)  # single use
                if (
                    code is None
                    or form.get("client_id") != CLIENT_ID
                    or form.get("client_secret") != CLIENT_SECRET
                    or form.get("redirect_uri") != code["redirect_uri"]
                    or pkce_challenge(form.get("code_verifier", "")) != code["code_challenge"]
                ):
                    self.answer(400, {"error": "invalid_grant"})
                    return
                access_token = secrets.token_urlsafe(16)
                provider.tokens[access_token] = code["person"]
                self.answer(
                    200,
                    {
                        "access_token": access_token,
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": provider.id_token(code),
                    },
                )

            def answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


def pkce_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
