from tests.matrix import Route

# Coordinator: whole organisation. Managers (incl. mandated): their departments.
REPORT_READERS = {"coordinator": 200, "manager": 200, "other_manager": 200, "mandated": 200}


def _params(w):
    return {"date_from": "2025-01-01", "date_to": "2025-12-31"}


ROUTES = [
    # The beheerder keeps the employees per year (change_settings); a bare POST re-renders the form.
    Route("reports:headcounts", expect={"admin": 200}, post=True),
    # Key figures of the whole organisation: the coordinator only.
    Route(
        "reports:export-kerncijfers",
        kwargs=lambda w: {"fmt": "json"},
        expect={"coordinator": 200},
        query="year=2025",
    ),
    # Other organisations' key figures: the coordinator imports (a bare POST is a refused form) and deletes.
    Route(
        "reports:comparisons",
        expect={"coordinator": 200},
        post=True,
        post_expect={"coordinator": 400},
        post_default=403,
    ),
    Route(
        "reports:comparison-delete",
        kwargs=lambda w: {"pk": w.comparison_set.pk},
        expect={"coordinator": 200},
        post=True,
        post_expect={"coordinator": 302},
        post_default=403,
    ),
    Route("reports:dashboard", expect=REPORT_READERS),
    Route("reports:annual", expect=REPORT_READERS),
    Route("reports:export-xlsx", expect=REPORT_READERS, query="year=2025"),
    Route(
        "reports:export-csv", kwargs=lambda w: {"key": "per_month"}, expect=REPORT_READERS, query="year=2025"
    ),
    Route("reports:run-new", expect=REPORT_READERS, query="year=2025"),
    Route(
        "reports:run-create",
        get=False,
        post=True,
        post_data=_params,
        post_expect={"coordinator": 302, "manager": 302, "other_manager": 302, "mandated": 302},
        post_default=403,
    ),
    # The manager's own run: theirs and the coordinator's (whole scope); everyone else 404.
    Route(
        "reports:run-detail",
        kwargs=lambda w: {"pk": w.report_run.pk},
        expect={"manager": 200, "coordinator": 200, "other_manager": 404, "mandated": 404},
    ),
    Route(
        "reports:run-status",
        kwargs=lambda w: {"pk": w.report_run.pk},
        expect={"manager": 200, "coordinator": 200, "other_manager": 404, "mandated": 404},
    ),
    Route(
        "reports:run-download",
        kwargs=lambda w: {"pk": w.report_run.pk},
        expect={"manager": 200, "coordinator": 200, "other_manager": 404, "mandated": 404},
    ),
    Route(
        "reports:run-retry",
        kwargs=lambda w: {"pk": w.report_run.pk},
        get=False,
        post=True,
        post_expect={"manager": 302, "coordinator": 302, "other_manager": 404, "mandated": 404},
        post_default=403,
    ),
]


def build(world):
    from django.core.files.base import ContentFile

    from reports.models import ComparisonSet, ReportRun, RunStatus

    run = ReportRun(
        requested_by=world.manager,
        params={"date_from": "2025-01-01", "date_to": "2025-12-31", "department": None},
        title="Rapportage 2025",
        status=RunStatus.DONE,
        progress=100,
    )
    run.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    run.save()
    world.report_run = run
    world.comparison_set = ComparisonSet.objects.create(
        label="Regio Matrix 2025",
        source_name="Regio Matrix",
        year=2025,
        figures={"sections": []},
        file_format="json",
        file_sha256="f" * 64,
    )
