"""The benchmark at a tiny scale: seeding, the page/peer measurements, the report and PDF rows,
and the results files. Structure and counts only; no timing is asserted (PostgreSQL only: the
seed loads history with PostgreSQL SQL, as the benchmark always runs there)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmark runs on PostgreSQL"),
]


def test_the_seed_builds_a_small_municipality_with_every_role(seeded):
    assert seeded.counts["incidents"] == 50
    assert seeded.counts["aggressors"] == 15
    assert seeded.counts["active_bans"] == 1
    assert seeded.counts["deadline_rows"] == 2000
    assert seeded.coordinator and seeded.managers and seeded.employees and seeded.reception
    assert seeded.reception.has_perm("sanctions.view_reception_list")


def test_every_main_page_and_its_peer_answer_and_are_counted(seeded, peer_urls):
    from benchmark import measure

    rows = measure.pages(seeded, repeat=1)
    assert {r["role"] for r in rows} == {"coordinator", "manager", "employee", "reception"}
    for row in rows:
        assert row["status"] == 200, row["label"]
        assert row["queries"] > 0 and row["cold_queries"] >= row["queries"] - 2
        if row.get("peer_url"):
            assert row["peer_status"] == 200, row["label"]
            assert row["ratio"] is not None
    peered = {r["label"] for r in rows if r.get("peer_url")}
    assert {"incident list, page 1", "dossier (heavy)", "person page (recidivist)", "ban register"} <= peered
    assert {"start page", "task inbox (mijn taken)"} <= peered


def test_the_aggressor_name_search_row_really_searches(seeded, peer_urls):
    """The search text travels as a session token (issue 12), so the row posts the search box
    as a person would; a ``?aggressor=`` parameter was ignored and measured the plain list."""
    from django.test import Client

    from benchmark.scenarios import main_pages, page_url
    from benchmark.twofactor import verified_login

    page = next(p for p in main_pages(seeded) if p.label == "incident list, aggressor name search")
    client = verified_login(Client(), page.user)
    url = page_url(client, page)
    searched = client.get(url)
    plain = client.get(page.url)
    assert "zoek=" in url and page.search not in url
    assert searched.context["searched"] == page.search
    assert 0 < searched.context["total"] < plain.context["total"]


def test_the_annual_report_is_measured_cold_and_warm_and_warm_is_a_cache_hit(seeded):
    from benchmark import scenarios

    rows = scenarios.annual_report(seeded)
    states = {(r["label"], r["state"]) for r in rows}
    assert all((label, "cold") in states and (label, "warm") in states for label, _s in states)
    computed = [r for r in rows if r["label"].endswith("computed")]
    cold = next(r for r in computed if r["state"] == "cold")
    warm = next(r for r in computed if r["state"] == "warm")
    assert cold["queries"] > 5 and warm["queries"] == 0
    assert cold["incidents"] > 0


def test_the_report_pdf_is_measured_cold_and_warm_per_chart_format(seeded):
    from benchmark import pdfs
    from reports.services import charts

    rows = pdfs.report_rows(seeded, repeat=1, formats=["svg-text", charts.PDF_CHART_FORMAT])
    assert [r["state"] for r in rows] == ["cold", "cold", "warm", "cold", "warm"]
    assert "first render in the process" in rows[0]["label"]
    assert sum("shipped format" in r["label"] for r in rows) == 2
    assert all(r["ms"] > 0 for r in rows)
    assert charts.PDF_CHART_FORMAT == "jpeg", "the format is restored after the comparison"


@pytest.mark.django_db(transaction=True)
def test_the_report_pdf_is_measured_in_fresh_processes_without_and_with_the_warm_up():
    """Child processes on the same (committed) database: the first PDF of a process."""
    from benchmark import pdfs, seed

    rows = pdfs.fresh_process_rows(seed.seed(scale=0.0005, deadline_rows=200))
    assert [r["state"] for r in rows] == ["cold", "cold"]
    assert "fresh process" in rows[0]["label"] and "warm-up" in rows[1]["label"]
    assert all(r["cpu_ms"] > 0 for r in rows)


def test_the_deadline_scan_is_explained_per_stage(seeded):
    from benchmark import scenarios

    scan = scenarios.deadline_scan(seeded)
    assert set(scan["plans"]) == {"reminder", "due", "escalation"}
    assert scan["rows"] == 2000


def test_results_keep_the_previous_run_beside_the_new_one(seeded, tmp_path):
    from benchmark import results

    options = SimpleNamespace(note="quiet machine", scale=0.0005)
    first = results.start(options, ["--scale", "0.0005"], seeded, 1.0)
    first["pages"] = [
        {
            "label": "start page",
            "role": "employee",
            "status": 200,
            "queries": 9,
            "cold_ms": 30.0,
            "ms": 12.0,
            "cpu_ms": 10.0,
            "peer_ms": 11.0,
            "peer_queries": 6,
            "ratio": 1.09,
        }
    ]
    results.write(tmp_path, first)
    second = {**first, "note": "second", "pages": [{**first["pages"][0], "ms": 8.0}]}
    text = results.write(tmp_path, second).read_text()
    assert json.loads((tmp_path / "results-previous.json").read_text())["pages"][0]["ms"] == 12.0
    assert "Previous run beside it" in text
    assert "| employee | start page | 200 | 9 | 30.0 | 8.0 | 10.0 | 11.0 | 6 | 1.09 | 12.0 |" in text


def test_the_page_meter_measures_pages_beside_their_peers(seeded, peer_urls):
    from benchmark import pagemeter

    rows = pagemeter.measure(seeded, ["start page", "aggressor name search"], repeat=1)
    assert {r["label"] for r in rows} >= {
        "employee: start page",
        "coordinator: incident list, aggressor name search",
    }
    for row in rows:
        assert row["status"] == 200 and row["queries"] > 0 and row["web_ms"] >= 0, row["label"]
    assert all(row["peer"]["status"] == 200 for row in rows if row["label"].endswith("start page"))
