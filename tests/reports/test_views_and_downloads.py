"""Pages, downloads and PDF runs: scope, privacy, escaping, logging."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
import time_machine
from django.urls import reverse

from gir.exports import safe_cell
from gir.models import AuditEntry
from reports.models import ReportRun, RunStatus
from reports.services.runs import report_run_render
from tests.reports import dataset
from tests.reports.dataset import AMS

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=AMS)
YEAR_QUERY = "?year=2025"


@pytest.fixture
def data():
    with time_machine.travel(NOW, tick=False):
        yield dataset.build()


def identifiers(data) -> list[str]:
    """Every way an employee of the data set could be named."""
    out = []
    for person in data.people:
        out += [person.username, person.first_name, person.last_name, person.email, person.get_full_name()]
    return out


def assert_no_identifiers(text: str, data) -> None:
    for value in identifiers(data):
        assert value not in text, f"employee identifier {value!r} leaked"


def test_report_page_shows_tables_charts_and_no_employee_names(client, data):
    client.force_login(data.coordinator)
    response = client.get(reverse("reports:annual") + YEAR_QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jaarverslag agressie en geweld 2025" in html
    assert html.count('src="data:image/svg+xml;base64,') >= 6
    assert 'alt=""' not in html.split("<main", 1)[1]
    assert "&lt; 5" in html
    assert "<svg" not in html  # charts are images, never inline SVG with style attributes
    assert ' style="' not in html
    assert_no_identifiers(html, data)


def test_xlsx_download_is_an_escaped_logged_attachment_without_names(client, data):
    from openpyxl import load_workbook

    client.force_login(data.coordinator)
    before = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).count()
    response = client.get(reverse("reports:export-xlsx") + YEAR_QUERY)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, actor=data.coordinator).count()
        == before + 1
    )
    book = load_workbook(io.BytesIO(response.content))
    values = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "< 5" in values
    assert_no_identifiers(" ".join(values), data)
    for value in values:
        assert not value.startswith(("=", "+", "@")), value


def test_csv_download_of_one_table(client, data):
    client.force_login(data.coordinator)
    response = client.get(reverse("reports:export-csv", kwargs={"key": "per_department"}) + YEAR_QUERY)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "Kleine Afdeling;< 5" in text
    assert response["Content-Disposition"].endswith('.csv"')
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, description__contains="csv").exists()
    assert client.get(reverse("reports:export-csv", kwargs={"key": "nope"}) + YEAR_QUERY).status_code == 404


@pytest.mark.parametrize("value", ["=SUM(A1)", "+31 6", "-2", "@cmd", "\t=1"])
def test_formulas_are_escaped(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("Schelden") == "Schelden"
    assert safe_cell(5) == 5


def test_department_names_that_look_like_formulas_are_escaped_in_exports(client, data):
    data.departments["a"].name = '=HYPERLINK("http://x")'
    data.departments["a"].save()
    client.force_login(data.coordinator)
    text = client.get(reverse("reports:export-csv", kwargs={"key": "per_department"}) + YEAR_QUERY).content
    assert "'=HYPERLINK" in text.decode("utf-8-sig")


def test_manager_sees_only_their_departments_and_404_for_others(client, data):
    client.force_login(data.manager)
    html = client.get(reverse("reports:annual") + YEAR_QUERY).content.decode()
    assert "Werk en Inkomen" in html
    assert "Publiekszaken" not in html
    other = data.departments["a"].pk
    assert client.get(reverse("reports:annual") + f"?year=2025&department={other}").status_code == 404
    assert client.get(reverse("reports:export-xlsx") + f"?year=2025&department={other}").status_code == 404
    response = client.post(
        reverse("reports:run-create"),
        {"date_from": "2025-01-01", "date_to": "2025-12-31", "department": other},
    )
    assert response.status_code == 404
    assert not ReportRun.objects.exists()


def test_invalid_period_is_a_dutch_error_not_a_500(client, data):
    client.force_login(data.coordinator)
    response = client.get(reverse("reports:annual") + "?date_from=2025-05-01&date_to=2025-01-01")
    assert response.status_code == 400
    assert "De einddatum ligt voor de begindatum." in response.content.decode()
    assert 'value="2025-05-01"' in response.content.decode()


def test_pdf_run_is_enqueued_after_commit_with_only_its_id(
    client, data, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    from reports import tasks

    monkeypatch.setattr(tasks.render_report_run, "delay", lambda *args: sent.append(args))
    client.force_login(data.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:run-create"), {"date_from": "2025-01-01", "date_to": "2025-12-31"}
        )
    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:run-detail", kwargs={"pk": run.pk})
    assert sent == [(run.pk,)]
    assert run.status == RunStatus.QUEUED
    page = client.get(response["Location"]).content.decode()
    status_url = reverse("reports:run-status", kwargs={"pk": run.pk})
    assert f'data-run-status-url="{status_url}"' in page
    assert "reports/js/run-status.js" in page
    assert client.get(status_url).json() == {"status": "queued", "label": "In de wachtrij", "progress": 0}


def test_broker_down_keeps_the_run_queued_and_tells_the_user(
    client, data, django_capture_on_commit_callbacks, monkeypatch
):
    from reports import tasks

    def down(*args):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.render_report_run, "delay", down)
    client.force_login(data.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:run-create"), {"date_from": "2025-01-01", "date_to": "2025-12-31"}, follow=True
        )
    assert response.status_code == 200
    run = ReportRun.objects.get()
    assert run.status == RunStatus.QUEUED and run.enqueue_failed
    # (The test client runs the on-commit callback after the response; the run page tells.)
    page = client.get(reverse("reports:run-detail", kwargs={"pk": run.pk})).content.decode()
    assert "niet bereikbaar" in page
    retried = client.post(reverse("reports:run-retry", kwargs={"pk": run.pk}), follow=True)
    assert (
        "Uw aanvraag blijft bewaard. Probeer het over een paar minuten opnieuw. Lukt het dan nog niet?"
        in (retried.content.decode())
    ), "the retry that failed again says what to do next"
    monkeypatch.setattr(tasks.render_report_run, "delay", lambda *args: None)
    client.post(reverse("reports:run-retry", kwargs={"pk": run.pk}))
    run.refresh_from_db()
    assert not run.enqueue_failed


def test_rendered_pdf_has_the_figures_page_numbers_and_no_names(client, data, tmp_path):
    run = ReportRun.objects.create(
        requested_by=data.coordinator,
        params={"date_from": "2025-01-01", "date_to": "2025-12-31", "department": None},
        title="Jaarverslag 2025",
    )
    report_run_render(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert run.progress == 100
    # A second delivery of the same task finds the run claimed and does nothing.
    assert report_run_render(run.pk) is None
    client.force_login(data.coordinator)
    response = client.get(reverse("reports:run-download", kwargs={"pk": run.pk}))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Jaarverslag agressie en geweld 2025" in text
    assert f"In 2025 zijn {len(dataset.SPECS)} incidenten gemeld" in text
    assert "Pagina 1 van" in text
    assert "< 5" in text
    assert_no_identifiers(text, data)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DOWNLOAD, object_id=str(run.pk)).exists()


def test_pdf_renderer_refuses_network_and_file_urls():
    from gir.pdf import RefusedURL, url_fetcher

    fetcher = url_fetcher()
    for url in ["http://example.org/x.png", "file:///etc/passwd", "/static/../../etc/passwd", "//evil/x"]:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    assert fetcher.fetch("/static/reports/css/reports.css").read().startswith(b"/*")


def test_someone_elses_run_is_404(client, data):
    run = ReportRun.objects.create(requested_by=data.manager, params={}, title="x", status=RunStatus.DONE)
    other = dataset.UserFactory(username="andere_lg", roles=[dataset.roles.LEIDINGGEVENDE])
    client.force_login(other)
    assert client.get(reverse("reports:run-detail", kwargs={"pk": run.pk})).status_code == 404
    assert client.get(reverse("reports:run-download", kwargs={"pk": run.pk})).status_code == 404


def test_dashboard_figures(client, data):
    client.force_login(data.coordinator)
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("reports:dashboard"))
    figures = response.context["figures"]
    assert figures["this_year"] == 1  # 2026 so far: only the incident at 00:30 on 1 January
    last_year_until_now = dt.datetime(2025, 11, 20, 12, tzinfo=AMS)
    assert figures["last_year"] == sum(1 for s in dataset.SPECS if s["occurred_at"] <= last_year_until_now)
    assert figures["open"] == sum(1 for s in dataset.SPECS if s["status"] != "afgehandeld") + 1 + sum(
        dataset.PREVIOUS_YEARS.values()
    )
    assert figures["overdue"] == sum(1 for s in dataset.SPECS if s["reaction"] == "open")
    assert figures["bans"] == 1
    assert_no_identifiers(response.content.decode(), data)


def test_start_page_panel_for_the_coordinator_only(client, data):
    client.force_login(data.coordinator)
    assert "Naar rapportages" in client.get(reverse("start")).content.decode()
    client.force_login(data.people[0])
    assert "Naar rapportages" not in client.get(reverse("start")).content.decode()


def test_render_report_command_renders_synchronously(data):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("render_report", user=data.coordinator.username, year=2025, stdout=out)
    run = ReportRun.objects.get()
    assert run.status == RunStatus.DONE
    assert run.file.read().startswith(b"%PDF")
    assert f"run {run.pk}: done" in out.getvalue()


def test_render_report_command_picks_up_queued_runs(data):
    from django.core.management import call_command

    run = ReportRun.objects.create(
        requested_by=data.manager,
        params={"date_from": "2025-01-01", "date_to": "2025-12-31", "department": None},
        title="x",
    )
    call_command("render_report", pending=True, stdout=io.StringIO())
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


def test_charts_are_cached_by_what_they_show(data):
    from reports.services import charts
    from reports.services.params import ReportParams
    from reports.services.report import build_report

    report = build_report(data.coordinator, ReportParams.for_year(2025), now=NOW)
    table = report.table("per_form")
    first = charts.draw(table)
    assert charts.draw(table).svg is not None
    changed = report.table("per_location_type")
    assert charts._fingerprint(table) != charts._fingerprint(changed)
    assert first.svg == charts.draw(table).svg
    assert first.svg.startswith(b"<?xml")


def test_manager_dashboard_counts_only_their_departments(client, data):
    client.force_login(data.manager)
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("reports:dashboard"))
    figures = response.context["figures"]
    mine = [s for s in dataset.SPECS if s["department"] == "b"]
    assert figures["overdue"] == sum(1 for s in mine if s["reaction"] == "open")
    assert figures["open"] == sum(1 for s in mine if s["status"] != "afgehandeld") + sum(
        (k % 2 == 0) for year, count in dataset.PREVIOUS_YEARS.items() for k in range(count)
    )
    assert figures["bans"] == 0  # the ban in force belongs to an incident of Publiekszaken
    html = response.content.decode()
    # No recent-incidents list for a department-scoped user: it would give suppressed counts back
    # (ADR 0007); the page points to their incident list instead.
    assert "GIR-2025-0003" not in html and "GIR-2025-0000" not in html
    assert f'href="{reverse("incidents:list")}"' in html


def test_department_report_and_its_exports_carry_no_names(client, data):
    from openpyxl import load_workbook

    client.force_login(data.coordinator)
    query = f"?year=2025&department={data.departments['small'].pk}"
    html = client.get(reverse("reports:annual") + query).content.decode()
    assert "Kleine Afdeling" in html
    assert_no_identifiers(html, data)
    book = load_workbook(io.BytesIO(client.get(reverse("reports:export-xlsx") + query).content))
    values = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value)
    assert "< 5" in values
    assert_no_identifiers(values, data)


def test_an_empty_year_and_a_long_period_render(client, data):
    client.force_login(data.coordinator)
    empty = client.get(reverse("reports:annual") + "?year=2001")
    assert empty.status_code == 200
    assert "In 2001 zijn geen incidenten gemeld." in empty.content.decode()
    long = client.get(reverse("reports:annual") + "?date_from=2023-01-01&date_to=2025-12-31")
    assert long.status_code == 200
    html = long.content.decode()
    assert "Rapportage agressie en geweld 01-01-2023 t/m 31-12-2025" in html
    assert "Trend: dezelfde periode" not in html  # no overlapping comparison for periods over a year
    total = len(dataset.SPECS) + dataset.PREVIOUS_YEARS[2024] + dataset.PREVIOUS_YEARS[2023]
    assert long.context["report"].table("key_figures").rows[0][1] == total


def test_a_run_abandoned_by_a_killed_worker_is_taken_over_later(data):
    run = ReportRun.objects.create(
        requested_by=data.coordinator,
        params={"date_from": "2025-01-01", "date_to": "2025-12-31", "department": None},
        status=RunStatus.RUNNING,
        started_at=dt.datetime(2026, 11, 20, 11, 0, tzinfo=AMS),
    )
    with time_machine.travel(dt.datetime(2026, 11, 20, 11, 5, tzinfo=AMS), tick=False):
        assert report_run_render(run.pk) is None  # still being worked on: hands off
    with time_machine.travel(dt.datetime(2026, 11, 20, 11, 30, tzinfo=AMS), tick=False):
        assert report_run_render(run.pk).status == RunStatus.DONE


def test_demo_step_leaves_a_finished_report_for_the_coordinator(data):
    from reports.demo import demo_step

    demo_step({"users": {"coordinator": data.coordinator}})
    run = ReportRun.objects.get(requested_by=data.coordinator)
    assert run.status == RunStatus.DONE
    assert run.params["date_from"] == "2026-01-01"  # the year of the latest incident
    demo_step({"users": {"coordinator": data.coordinator}})
    assert ReportRun.objects.count() == 1  # safe to repeat
