"""The benchmark's tiny seed and the peer pages' URLs, shared by its tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def seeded():
    from benchmark import seed

    return seed.seed(scale=0.0005, deadline_rows=2000)


@pytest.fixture
def peer_urls(settings):
    settings.ROOT_URLCONF = "benchmark.urls"
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {**engine, "DIRS": [*engine["DIRS"], settings.BASE_DIR / "benchmark" / "templates"]}
    ]
