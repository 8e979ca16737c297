"""The benchmark's gunicorn starter (benchmark/load.py), without running the benchmark."""

import os
import time

import pytest

from benchmark import load


def test_a_gunicorn_that_cannot_boot_is_reported_at_once_with_its_output():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "no_such_settings_module"}
    start = time.monotonic()
    with pytest.raises(RuntimeError, match="no_such_settings_module"):
        load.start_gunicorn(load.free_port(), env, workers=1, threads=1)
    assert time.monotonic() - start < 30, "a dead gunicorn is noticed, not waited on for a minute"
