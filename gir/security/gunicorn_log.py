"""gunicorn's access log with the real client address (``%(h)s``), not the proxy's.

Uses the same resolution as throttling and audit (``gir.proxy.resolve_client_ip``); read from the
environment because gunicorn loads this before Django's settings.
"""

from gunicorn.glogging import Logger

from gir.env import env_list
from gir.proxy import resolve_client_ip


class ClientAddressLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        trusted = tuple(env_list("GIR_TRUSTED_PROXIES", ""))
        address = resolve_client_ip(environ.get("REMOTE_ADDR"), environ.get("HTTP_X_FORWARDED_FOR"), trusted)
        atoms["h"] = address or "-"
        return atoms
