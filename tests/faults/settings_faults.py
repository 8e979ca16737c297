"""Settings for the worker/beat subprocesses of the fault tests: the test settings plus
a file mailbox per test, a short scan interval and short e-mail leases, so each scenario
runs in seconds instead of minutes. Read from the environment the test passes on."""

import os

from gir.settings_test import *  # noqa: F403

EMAIL_BACKEND = "tests.faults.mailbox.SlowFileBackend"
EMAIL_FILE_PATH = os.environ.get("GIR_FAULT_MAIL_DIR", "/nonexistent")
GIR_FAULT_MAIL_DELAY = float(os.environ.get("GIR_FAULT_MAIL_DELAY", "0"))
GIR_EMAIL_CLAIM_LEASE_SECONDS = 8
GIR_EMAIL_SWEEP_GRACE_SECONDS = 1
CELERY_BEAT_SCHEDULE = {
    "deadline-scan": {"task": "gir.tasks.deadline_scan", "schedule": 2.0},
}
