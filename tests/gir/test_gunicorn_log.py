"""The web server's access log never records query strings (they carry searched names)."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_the_access_log_leaves_out_the_query_string(tmp_path):
    port = _free_port()
    log = tmp_path / "access.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gir.settings_test",
        "GIR_BIND": f"127.0.0.1:{port}",
        "GIR_WEB_WORKERS": "1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "gir.wsgi",
            "-c",
            "gunicorn.conf.py",
            "--access-logfile",
            str(log),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/account/inloggen/?q=Kramer&date_of_birth=1979-04-12"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except urllib.error.HTTPError:
                break  # any answer is logged; this server has no test database behind it
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        for _ in range(20):
            if log.exists() and "/account/inloggen/" in log.read_text():
                break
            time.sleep(0.2)
        text = log.read_text()
        assert re.search(r'"GET /account/inloggen/ HTTP/1\.1" \d{3}', text), text
        assert "Kramer" not in text and "1979" not in text
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
