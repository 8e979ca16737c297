"""axe-core on every page, part 2 of 2 (the pages and the check: tests/browser/every_page.py)."""

import pytest

from tests.browser.every_page import check_pages


@pytest.mark.django_db(transaction=True)
def test_every_page_passes_axe_part_2(live_server, page):
    check_pages(live_server, page, part=1)
