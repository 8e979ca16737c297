"""Settings of a benchmark run: production's, plus the peer pages (benchmark/peers.py).

The peers are plain Django views beside each main page; they exist only in this URLconf.
"""

from gir.settings import *  # noqa: F403
from gir.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "benchmark.urls"
TEMPLATES = [{**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "benchmark" / "templates"]}]
