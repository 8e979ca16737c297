"""``python -m benchmark``: the benchmark's own command (see benchmark/README.md).

It sets Django up itself with ``benchmark.settings`` (the production settings plus the peer
pages' URLs and templates), so no production module knows the benchmark exists.
"""

import os
import sys


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmark.settings")
    import django

    django.setup()
    from benchmark.command import main as run

    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
