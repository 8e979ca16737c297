"""``./dev run`` says where GIR runs: the address gunicorn is configured to bind (issue 15),
not always port 8000. The function is taken from the script itself and run by bash."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _address(bind: str | None, procfile: str | None = None, tmp_path: Path | None = None) -> str:
    function = re.search(r"^web_address\(\) \{.*?^\}", (ROOT / "dev").read_text(), re.S | re.M).group(0)
    workdir = ROOT
    if procfile is not None:
        workdir = tmp_path
        (workdir / "Procfile.dev").write_text(procfile)
        shutil.copy(ROOT / "gunicorn.conf.py", workdir / "gunicorn.conf.py")
    env = {k: v for k, v in os.environ.items() if k != "GIR_BIND"}
    if bind is not None:
        env["GIR_BIND"] = bind
    script = f'PY="{sys.executable}"\n{function}\nweb_address'
    done = subprocess.run(
        ["bash", "-c", script], cwd=workdir, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("bind", "shown"),
    [
        (None, "http://127.0.0.1:8000"),
        ("127.0.0.1:8123", "http://127.0.0.1:8123"),
        ("0.0.0.0:9000", "http://127.0.0.1:9000"),
        ("[::]:8080", "http://[::1]:8080"),
        ("gir.local:8443", "http://gir.local:8443"),
    ],
)
def test_the_start_message_shows_the_configured_address(bind, shown):
    assert _address(bind) == shown


def test_a_bind_in_the_procfile_wins(tmp_path):
    procfile = "web: .venv/bin/gunicorn gir.wsgi -c gunicorn.conf.py --bind 127.0.0.1:7001\n"
    assert _address("127.0.0.1:8123", procfile, tmp_path) == "http://127.0.0.1:7001"


def test_dev_manage_runs_manage_py_with_the_settings_of_dev_run(tmp_path):
    """The README's demo code (``./dev manage demo_code``) works in a fresh clone: manage.py
    needs the secret key that only ``./dev`` puts in the environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "DATABASE_URL")}
    env["GIR_VAR_DIR"] = str(tmp_path)
    done = subprocess.run(
        ["./dev", "manage", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout
