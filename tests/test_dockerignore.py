"""The image's build context without Docker (issue 15): apply .dockerignore the way Docker
does to a fresh clone, plus the local files a developer has, and check what would be sent."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _pattern(raw: str) -> re.Pattern:
    """Docker's pattern syntax (Go filepath.Match plus ``**``), anchored at the context root."""
    parts = []
    i = 0
    while i < len(raw):
        if raw.startswith("**", i):
            parts.append(".*")
            i += 2
            if raw.startswith("/", i):
                parts[-1] = "(?:.*/)?"
                i += 1
            continue
        char = raw[i]
        parts.append("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char))
        i += 1
    return re.compile("".join(parts) + "$")


def load_rules(text: str) -> list[tuple[bool, re.Pattern]]:
    rules = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        line = line.lstrip("!").strip().strip("/")
        rules.append((negate, _pattern(line)))
    return rules


def excluded(path: str, rules) -> bool:
    """Docker: the last matching rule wins; a rule matching a parent folder matches its files."""
    candidates = [path] + ["/".join(path.split("/")[:n]) for n in range(1, path.count("/") + 1)]
    result = False
    for negate, pattern in rules:
        if any(pattern.match(candidate) for candidate in candidates):
            result = not negate
    return result


LOCAL_FILES = [
    ".env",
    "var/secret_key",
    "var/gir.sqlite3",
    "var/private/evidence/2026/11/foto.jpg",
    ".venv/bin/python",
    "node_modules/@utrecht/component-library-css/dist/index.css",
    "test-results/trace.zip",
    "gir/__pycache__/settings.cpython-311.pyc",
]


@pytest.fixture(scope="module")
def context(tmp_path_factory) -> list[str]:
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    clone = tmp_path_factory.mktemp("clone") / "gir"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    shutil.copy(ROOT / ".dockerignore", clone / ".dockerignore")  # also before it is committed
    for name in LOCAL_FILES:
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        (clone / name).write_text("local")
    rules = load_rules((clone / ".dockerignore").read_text())
    files = [p.relative_to(clone).as_posix() for p in clone.rglob("*") if p.is_file()]
    return sorted(f for f in files if not excluded(f, rules))


def test_secrets_data_environments_git_and_tests_stay_out_of_the_image(context):
    assert ".env" not in context
    for prefix in ("var/", ".venv/", ".git/", "node_modules/", "tests/", "test-results/"):
        assert [f for f in context if f.startswith(prefix)] == [], prefix
    assert not [f for f in context if f.endswith(".pyc") or f == "requirements-dev.lock"]


def test_the_application_itself_is_in_the_image(context):
    for needed in (
        "manage.py",
        "pyproject.toml",
        "requirements.lock",
        "gunicorn.conf.py",
        "gir/settings.py",
        "incidents/models/__init__.py",
        ".env.example",
        "package.json",
    ):
        assert needed in context


def test_the_matcher_follows_dockers_rules():
    rules = load_rules("var/\n**/*.pyc\n.env.*\n!.env.example\n")
    assert excluded("var/private/x.jpg", rules)
    assert excluded("a/b/c.pyc", rules) and excluded("c.pyc", rules)
    assert excluded(".env.local", rules) and not excluded(".env.example", rules)
    assert not excluded("variables.py", rules)


def test_the_image_installs_only_the_hashed_runtime_lock():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes -r requirements.lock" in dockerfile
    assert "requirements-dev.lock" not in dockerfile
    runtime = (ROOT / "requirements.lock").read_text().lower()
    for tool in ("pytest==", "playwright==", "hypothesis==", "faker==", "ruff==", "factory-boy=="):
        assert f"\n{tool}" not in runtime, tool
    for lock in ("requirements.lock", "requirements-dev.lock"):
        pins = re.findall(r"^[a-z0-9_.\[\]-]+==\S+", (ROOT / lock).read_text(), re.M | re.I)
        assert pins and (ROOT / lock).read_text().count("--hash=sha256:") >= len(pins), lock


def test_web_worker_and_beat_have_health_checks():
    import yaml

    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert "/health/ready/" in " ".join(services["web"]["healthcheck"]["test"])
    assert "inspect ping" in " ".join(services["worker"]["healthcheck"]["test"])
    assert services["beat"]["healthcheck"]["test"][-2:] == ["healthcheck", "beat"]


def test_a_failing_collectstatic_fails_the_build():
    """``A && B || true`` would hide a failing A: the image would build and answer every page
    with a 500 (no static-files manifest)."""
    lines = [line for line in (ROOT / "Dockerfile").read_text().splitlines() if not line.startswith("#")]
    runs = [line for line in lines if "collectstatic" in line]
    assert len(runs) == 1 and runs[0].startswith("RUN ") and not runs[0].endswith("\\")
    assert "||" not in runs[0] and "&&" not in runs[0]
