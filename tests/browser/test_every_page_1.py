"""axe-core on every page, part 1 of 2 (the pages and the check: tests/browser/every_page.py)."""

import pytest

from tests.browser.every_page import PARTS, ROUTES, check_pages, part_routes


@pytest.mark.django_db(transaction=True)
def test_every_page_passes_axe_part_1(live_server, page):
    check_pages(live_server, page, part=0)


def test_the_parts_hold_every_page_once():
    held = [id(route) for part in range(PARTS) for route in part_routes(part)]
    assert sorted(held) == sorted(id(route) for route in ROUTES if route.get)
