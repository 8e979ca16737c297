"""Demo data of the reports app: one imported comparison file and a finished, signed annual report
PDF for the coordinator."""

from __future__ import annotations

import json
from pathlib import Path

from django.utils import timezone

from incidents.models import Incident
from reports.models import ReportRun, RunStatus
from reports.services.params import ReportParams
from reports.services.report import report_title
from reports.services.runs import report_run_render

FOREWORD = """Voor u ligt het jaarverslag over agressie en geweld tegen onze medewerkers.

Iedere melding telt. Achter elk cijfer zit een collega die is uitgescholden, bedreigd of aangevallen. \
Wij danken iedereen die een melding heeft gedaan. Zo weten we wat er gebeurt en kunnen we er iets aan doen.

Dit jaar kijken we ook naar het effect van onze maatregelen. Komt een dader minder vaak terug na een \
waarschuwing, een gesprek of een toegangsverbod? De aantallen zijn klein. Lees ze als een signaal, niet \
als bewijs."""

COMMENTARY = {
    "summary": "De meeste meldingen komen van de balies. Daar hebben we dit jaar extra training gegeven.",
    "trend": "Het aantal meldingen is de afgelopen vijf jaar gestegen. Dat komt ook doordat melden "
    "makkelijker is geworden.",
    "trend_departments": "Publiekszaken had dit jaar de meeste incidenten. "
    "Daar is het meeste contact met inwoners, aan de balie.",
    "effect": "Na een toegangsverbod komen daders minder vaak terug dan na alleen een brief. "
    "Volgend jaar kijken we of dat zo blijft.",
}


def demo_step(context: dict) -> None:
    """Render the report of the demo incidents' year synchronously, so the newcomer sees a
    finished run with the coordinator's foreword, commentary and signature."""
    coordinator = context["users"]["coordinator"]
    latest = Incident.objects.order_by("-occurred_at").values_list("occurred_at", flat=True).first()
    year = timezone.localtime(latest).year if latest else timezone.localdate().year
    params = ReportParams.for_year(year)
    if ReportRun.objects.filter(requested_by=coordinator, status=RunStatus.DONE).exists():
        return
    run = ReportRun.objects.create(
        requested_by=coordinator,
        params=params.to_json(),
        title=report_title(params),
        foreword=FOREWORD,
        commentary=COMMENTARY,
        signer_name=coordinator.get_full_name(),
        signer_role="coördinator agressie en geweld",
        signed_on=timezone.localdate(),
    )
    report_run_render(run.pk)


DEMO_COMPARISON = Path(__file__).parent / "demo_data" / "regio-midden.json"


def demo_comparison(context: dict) -> None:
    """Import the fictitious "Regio Midden" key figures for the year the annual report opens on,
    through the same checks as an upload, so the section "Vergelijking met anderen" is filled."""
    from reports.forms import default_year
    from reports.models import ComparisonSet
    from reports.services.comparison import comparison_set_import
    from reports.services.comparison_file import read_kerncijfers

    year = default_year()
    data = json.loads(DEMO_COMPARISON.read_text(encoding="utf-8"))
    data["year"] = year
    content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    if ComparisonSet.objects.filter(source_name=data["organisation"], year=year).exists():
        return
    figures, file_format = read_kerncijfers(content, DEMO_COMPARISON.name)
    comparison_set_import(
        actor=context["users"]["coordinator"],
        label=f"Regio Midden {year}",
        figures=figures,
        file_format=file_format,
        content=content,
    )
