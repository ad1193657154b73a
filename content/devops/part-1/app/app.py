"""The challenge's Flask API: every call but the health check needs `Authorization: Token <token>`.

The token is the environment variable APP_SECRET_TOKEN, read once at start. On AWS it comes
from Secrets Manager through the ECS task definition; locally, export it before starting.
gunicorn builds the app with `app:create_app()`, so importing this module starts nothing.
"""

import hmac
import json
import logging
import os
import re
import sys
import time

from flask import Flask, Response, g, jsonify, request

TOKEN_ENV = "APP_SECRET_TOKEN"
PROXY_HOPS_ENV = "TRUSTED_PROXY_HOPS"
SCHEME = "Token"
# Paths a load balancer or orchestrator probes without credentials.
PUBLIC_PATHS = frozenset({"/healthz"})
# The one token rule, shared with `npm run set-token`: HTTP carries header values as bytes that
# clients send as ASCII (or latin-1), so a token outside printable ASCII could not be typed
# into a header the same way by every client; 16 characters keep it out of guessing range.
TOKEN_RULE = re.compile(r"[\x21-\x7e]{16,}")
TOKEN_RULE_TEXT = "at least 16 printable ASCII characters, without spaces"


class ConfigurationError(Exception):
    """A setting the app cannot start with; the message says how to fix it."""


def check_token(token: str) -> str:
    """The token, if it follows the rule; a ConfigurationError that says why otherwise."""
    if not token:
        raise ConfigurationError(
            f"{TOKEN_ENV} is not set or is empty: set it to the API token before starting, "
            f"e.g. `export {TOKEN_ENV}=$(openssl rand -hex 32)`."
        )
    if not TOKEN_RULE.fullmatch(token):
        raise ConfigurationError(
            f"{TOKEN_ENV} must be {TOKEN_RULE_TEXT} (this one has {len(token)} characters"
            f"{'' if token.isascii() else ', some outside ASCII'}); "
            "generate one with `openssl rand -hex 32`."
        )
    return token


def proxy_hops(value: str) -> int:
    """How many proxies in front of the app append to X-Forwarded-For (0: trust none)."""
    if not value.isdigit():
        raise ConfigurationError(f"{PROXY_HOPS_ENV} must be a whole number, not {value!r}.")
    return int(value)


def client_address(forwarded_for: str, remote_addr: str | None, hops: int) -> str | None:
    """The address the outermost trusted proxy saw, the right-most entry a client cannot forge.

    Each of the `hops` proxies appends the address it received the request from, so with two
    (CloudFront, then the load balancer) the client is the second entry from the right. Anything
    to its left came from the client and is ignored. Too few entries: the request did not come
    through the proxies, so the connection's own address is the truth.
    """
    if hops == 0:
        return remote_addr
    entries = [entry.strip() for entry in forwarded_for.split(",") if entry.strip()]
    return entries[-hops] if len(entries) >= hops else remote_addr


def access_logger() -> logging.Logger:
    logger = logging.getLogger("access")
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.handlers = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger


def presented_token(header: str) -> str | None:
    """The token of an `Authorization: Token <token>` header; None for any other scheme."""
    scheme, _, value = header.partition(" ")
    if scheme.lower() != SCHEME.lower() or not value.strip():
        return None
    return value.strip()


def create_app(token: str | None = None, trusted_proxy_hops: int | None = None) -> Flask:
    """The API; without arguments it reads its settings from the environment, or exits saying why."""
    try:
        expected = check_token(
            os.environ.get(TOKEN_ENV, "").strip() if token is None else token
        ).encode("ascii")
        hops = (
            proxy_hops(os.environ.get(PROXY_HOPS_ENV, "0").strip())
            if trusted_proxy_hops is None
            else trusted_proxy_hops
        )
    except ConfigurationError as error:
        if token is not None or trusted_proxy_hops is not None:
            raise
        # Refusing to start beats serving an API whose password is empty or unusable.
        sys.stderr.write(f"{error}\n")
        sys.exit(1)

    app = Flask(__name__)
    log = access_logger()

    @app.before_request
    def authenticate() -> Response | None:
        g.started = time.perf_counter()
        if request.path in PUBLIC_PATHS:
            return None
        given = presented_token(request.headers.get("Authorization", ""))
        # compare_digest takes the same time wherever the bytes differ. The header arrives as
        # latin-1 text; its UTF-8 bytes equal the token's only when the header was ASCII.
        if given is not None and hmac.compare_digest(given.encode("utf-8"), expected):
            return None
        response = jsonify(error="A valid `Authorization: Token <token>` header is required.")
        response.status_code = 401
        response.headers["WWW-Authenticate"] = f'{SCHEME} realm="api"'
        return response

    @app.after_request
    def log_access(response: Response) -> Response:
        # One JSON line per request, for CloudWatch Logs Insights. Neither the Authorization
        # header nor the raw X-Forwarded-For is logged: the token cannot leak through the logs,
        # and the client cannot write the address the log shows.
        log.info(
            json.dumps(
                {
                    "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - g.get("started", 0)) * 1000, 2),
                    "client_ip": client_address(
                        request.headers.get("X-Forwarded-For", ""), request.remote_addr, hops
                    ),
                    "user_agent": request.headers.get("User-Agent", ""),
                }
            )
        )
        return response

    @app.get("/")
    def index() -> Response:
        return jsonify(message="Hello! You are authenticated.")

    @app.get("/healthz")
    def healthz() -> Response:
        return jsonify(status="ok")

    return app
