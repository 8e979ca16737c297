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
def _start_gunicorn(port: int, log) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gir.settings_test",
        "GIR_BIND": f"127.0.0.1:{port}",
        "GIR_WEB_WORKERS": "1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "gir.wsgi",
        "-c",
        "gunicorn.conf.py",
        "--access-logfile",
        str(log),
    ]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _get_once_answered(url: str, server: subprocess.Popen) -> None:
    """Ask until the server answers; a generous wait, since a busy machine boots it slowly."""
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url, timeout=10).read()  # noqa: S310 (our own http://127.0.0.1)
            return
        except urllib.error.HTTPError:
            return  # any answer is logged; this server has no test database behind it
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise
            time.sleep(0.3)


def test_the_access_log_leaves_out_the_query_string(tmp_path):
    port = _free_port()
    log = tmp_path / "access.log"
    server = _start_gunicorn(port, log)
    try:
        _get_once_answered(
            f"http://127.0.0.1:{port}/account/inloggen/?q=Kramer&date_of_birth=1979-04-12", server
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (log.exists() and "/account/inloggen/" in log.read_text()):
            time.sleep(0.2)
        text = log.read_text()
        assert re.search(r'"GET /account/inloggen/ HTTP/1\.1" \d{3}', text), text
        assert "Kramer" not in text and "1979" not in text
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def test_each_web_worker_loads_the_pdf_renderer_when_it_starts():
    """The first letter of a worker is not the one that pays weasyprint's import."""
    script = (
        "import runpy, sys, gc, django; django.setup();"
        "hooks = runpy.run_path('gunicorn.conf.py');"
        "assert 'weasyprint' not in sys.modules;"
        "hooks['post_worker_init'](None);"
        "print('weasyprint' in sys.modules, gc.get_freeze_count() > 0)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gir.settings_test"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]
