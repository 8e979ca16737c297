"""The dashboards publish no small count a reader could recompute (issue 12, finding 6; ADR 0007).

A department manager's figures go through ``gir.stats.suppress``; the page is read as an
attacker would: every number it shows, every incident row it lists. For each hidden figure we
count the values that fit what is shown; exactly one would mean it was given away.
"""

import re
from itertools import product

import pytest
from django.urls import reverse

from gir.stats import THRESHOLD, first_leak
from tests.incidents.factories import file_incident

pytestmark = pytest.mark.django_db
FIGURES = ("this_year", "last_year", "open", "overdue", "bans")  # as the page prints them


@pytest.fixture
def small(world):
    """Two incidents in department A this year (both open): a small department."""
    return [file_incident(world.employee, world.dept_a, hours_ago=h) for h in (2, 3)]


def _shown(html: str) -> dict[str, str]:
    """The figures as printed: the <dd> of each of the five <dt>s, in order."""
    block = html.split('gir-report-figures">', 1)[1].split("</dl>", 1)[0]
    values = [re.sub(r"<[^>]+>", " ", dd).split()[0] for dd in re.findall(r"<dd>(.*?)</dd>", block, re.S)]
    this_year, last_year = values[0], re.search(r"periode: ([^)]+)\)", block).group(1)
    return dict(zip(FIGURES, [this_year, last_year, *values[1:]], strict=True))


def _candidates(shown: str) -> list[int]:
    if shown == "&lt;":  # "< 5", html-escaped and split on the space
        return list(range(1, THRESHOLD))
    if shown == "×":
        return list(range(THRESHOLD, 50))
    return [int(shown)]


@pytest.mark.parametrize("url", ["reports:dashboard", "start"])
def test_a_managers_small_counts_cannot_be_recomputed(world, small, login, url):
    response = login(world.manager).get(reverse(url))
    html = response.content.decode()
    shown = _shown(html)
    assert shown["this_year"] == "&lt;" and shown["open"] == "&lt;", shown
    assert not re.search(r">\s*2\s*<", html.split('gir-report-figures">', 1)[1].split("</dl>", 1)[0])
    # No incident row on the reports page gives the count back (the recent list would: two rows
    # of this year, both open). The start page's inbox panel is the manager's work list, not a figure.
    page = (
        html if url == "reports:dashboard" else html.split('id="panel-reports"', 1)[1].split("</section>")[0]
    )
    for incident in small:
        assert incident.reference not in page
    # Every hidden figure has more than one value that fits everything shown.
    options = {key: _candidates(value) for key, value in shown.items()}
    for key, values in options.items():
        if len(values) > 1:
            fitting = {combo[FIGURES.index(key)] for combo in product(*options.values())}
            assert len(fitting) > 1, key
    figures = response.context["figures"] if url == "reports:dashboard" else None
    if figures is not None:  # the same function, with the sums the page publishes (none)
        assert first_leak({k: figures[k] for k in FIGURES}, (), figures["hidden"]) is None


def test_the_organisation_wide_totals_stay_plain(world, small, login):
    response = login(world.coordinator).get(reverse("reports:dashboard"))
    assert _shown(response.content.decode())["this_year"] == "2"
    assert response.context["figures"]["hidden"] == {}
    assert small[0].reference in response.content.decode()  # the recent list stays for the coordinator
