"""gunicorn settings shared by ./dev run (Procfile.dev) and the Docker image.

The access log records the path without the query string: searches and filters carry names
and birth dates in their GET parameters, and technical logs hold no personal data (QUALITY.md).
"""

import os

bind = os.environ.get("GIR_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GIR_WEB_WORKERS", "2"))
threads = int(os.environ.get("GIR_WEB_THREADS", "4"))
accesslog = "-"
# %(U)s is the path without the query; %(r)s and %(q)s would include it.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'
# %(h)s is the client behind the trusted proxies (GIR_TRUSTED_PROXIES), as in throttling and audit.
logger_class = "gir.security.gunicorn_log.ClientAddressLogger"


def post_worker_init(worker):
    """Each worker loads the PDF renderer when it starts (~1 s of CPU importing weasyprint and
    the fonts), not in the first letter a manager waits for: letters are made in the request."""
    from gir.pdf import warm_up_worker

    warm_up_worker()
