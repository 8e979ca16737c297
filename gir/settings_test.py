"""Test settings: only what tests need to differ. Everything else is ``gir.settings``."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("GIR_HTTPS", "false")
os.environ.setdefault("GIR_VAR_DIR", tempfile.mkdtemp(prefix="gir-test-"))

from gir.settings import *  # noqa: F403
from gir.settings import STORAGES, VAR_DIR

# Argon2 is deliberately slow; tests log in thousands of times. Production keeps Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
AXES_ENABLED = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory, so a Celery worker started by a test can see the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
# Each test process its own cache: xdist workers inherit one GIR_VAR_DIR, and a test's
# cache.clear() or version bump must not reach another worker's test (nor a Redis broker).
CACHES = {
    "default": {
        "BACKEND": "gir.cache.FileCache",
        "LOCATION": str(VAR_DIR / f"cache-{os.getpid()}"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "staticfiles").mkdir(exist_ok=True)
# Readiness is judged at once: no "starting" grace for a test process that just began.
GIR_HEALTH_STARTING_SECONDS = 0

# The test client's ``force_login`` stands for a complete login, second factor included: a
# test-only backend (first in the list, so force_login picks it) that can never authenticate a
# password. Logins through the login form still go through the real backends and the second
# factor (tests/gir/test_twofactor.py proves it is enforced).
AUTHENTICATION_BACKENDS = ["tests.backends.ForceLoginBackend", *AUTHENTICATION_BACKENDS]  # noqa: F405
GIR_TWO_FACTOR_EXEMPT_BACKENDS = [*GIR_TWO_FACTOR_EXEMPT_BACKENDS, "tests.backends.ForceLoginBackend"]  # noqa: F405
