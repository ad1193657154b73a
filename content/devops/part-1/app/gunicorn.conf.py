"""gunicorn settings for the container; the app writes its own JSON access log."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = 2
# Load the app once, in the master: a missing token then stops gunicorn itself with the
# app's message, instead of workers failing to boot over and over.
preload_app = True
# gunicorn's own access log would repeat the app's JSON lines in another format.
accesslog = None
errorlog = "-"
loglevel = "info"
# The ALB keeps connections open for 60 s; a longer keep-alive avoids 502s on reuse.
keepalive = 65
# Logs reach CloudWatch at once instead of in buffered chunks.
capture_output = False
