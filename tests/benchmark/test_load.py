"""The benchmark's gunicorn starter (benchmark/load.py), without running the benchmark."""

import os

import pytest

from benchmark import load


def test_a_gunicorn_that_cannot_boot_is_reported_at_once_with_its_output():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "no_such_settings_module"}
    with pytest.raises(RuntimeError, match="no_such_settings_module") as failure:
        load.start_gunicorn(load.free_port(), env, workers=1, threads=1)
    # Noticed because the process exited, not because the 60 s wait for an answer ran out.
    assert "gunicorn exited with code" in str(failure.value)
