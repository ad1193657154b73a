"""The challenge's Flask API: every call but the health check needs `Authorization: Token <token>`.

The token is the environment variable APP_SECRET_TOKEN, read once at start. On AWS it comes
from Secrets Manager through the ECS task definition; locally, export it before starting.
"""

import hmac
import json
import logging
import os
import sys
import time

from flask import Flask, Response, g, jsonify, request

TOKEN_ENV = "APP_SECRET_TOKEN"
SCHEME = "Token"
# Paths a load balancer or orchestrator probes without credentials.
PUBLIC_PATHS = frozenset({"/healthz"})


def read_token() -> str:
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        # Refusing to start beats serving an API whose password is empty.
        sys.stderr.write(
            f"{TOKEN_ENV} is not set or is empty: set it to the API token before starting, "
            f"e.g. `export {TOKEN_ENV}=$(openssl rand -hex 32)`.\n"
        )
        sys.exit(1)
    return token


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


def create_app(token: str) -> Flask:
    app = Flask(__name__)
    expected = token.encode()
    log = access_logger()

    @app.before_request
    def authenticate() -> Response | None:
        g.started = time.perf_counter()
        if request.path in PUBLIC_PATHS:
            return None
        given = presented_token(request.headers.get("Authorization", ""))
        # compare_digest takes the same time wherever the strings differ.
        if given is not None and hmac.compare_digest(given.encode(), expected):
            return None
        response = jsonify(error="A valid `Authorization: Token <token>` header is required.")
        response.status_code = 401
        response.headers["WWW-Authenticate"] = f'{SCHEME} realm="api"'
        return response

    @app.after_request
    def log_access(response: Response) -> Response:
        # One JSON line per request, for CloudWatch Logs Insights. The Authorization header
        # is never logged, so the token cannot leak through the logs.
        log.info(
            json.dumps(
                {
                    "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - g.get("started", 0)) * 1000, 2),
                    "remote_addr": request.headers.get("X-Forwarded-For", request.remote_addr),
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


app = create_app(read_token())
