"""Comparison with others: importing other organisations' key figures and the report's side-by-side tables.

``comparison_set_import`` / ``comparison_set_delete`` are the coordinator's two writes (audit-logged).
``comparison_for`` builds the report section "Vergelijking met anderen" for an organisation-wide
calendar-year report: per section of the gir-kerncijfers format one table with GIR's own figures
(from the same protected cells as the export, so "< 5" stays "< 5") beside each imported set of
that year: counts and, because organisations differ in size, incidents per 100 employees.
A figure the other party hid stays hidden ("×"); a figure missing from their file is "–".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from gir import audit_texts as texts
from gir.audit import audit_log
from gir.errors import RuleViolation
from gir.models import AuditEntry, Organisation
from gir.stats import THRESHOLD
from incidents.constants import AggressionForm, LocationType
from reports.models import ComparisonSet
from reports.services.comparison_file import AMOUNT_FIGURES, PERCENT_SECTIONS, known_codes
from reports.services.headcount import headcounts_for_year
from reports.services.kerncijfers import own_cells
from reports.services.tables import HIDDEN, SMALL, Amount, Rate, Share, Table
from sanctions.constants import MeasureType

PREFIX = "compare_"
CHARTED = {"totaal", "vorm"}  # rates per 100 employees side by side: the main comparison
NOT_RATED = AMOUNT_FIGURES | {"verzuimdagen"}


def comparison_set_import(
    *, actor, label: str, figures: dict, file_format: str, content: bytes, request=None
) -> ComparisonSet:
    """Store a validated kerncijfers file (``comparison_file.read_kerncijfers``) under the
    coordinator's label; the same file twice is refused."""
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        earlier = ComparisonSet.objects.filter(file_sha256=digest).first()
        if earlier is not None:
            raise _already_imported(earlier.label)
        try:
            with transaction.atomic():  # two uploads of one file at once: the unique hash decides
                row = ComparisonSet.objects.create(
                    label=label,
                    source_name=figures["organisation"],
                    year=int(figures["year"]),
                    employees=figures.get("employees"),
                    figures=figures,
                    file_format=file_format,
                    file_sha256=digest,
                    uploaded_by=actor,
                )
        except IntegrityError:
            raise _already_imported(None) from None
        audit_log(
            request=request,
            actor=actor,
            action=AuditEntry.Action.CREATE,
            obj=row,
            description=texts.COMPARISON_IMPORTED(year=row.year, fmt=file_format, sha=digest[:12]),
        )
    return row


def _already_imported(label: str | None) -> RuleViolation:
    if label is None:
        return RuleViolation(_("Dit bestand is al ingelezen."), field="file")
    return RuleViolation(_("Dit bestand is al ingelezen, als “%(label)s”.") % {"label": label}, field="file")


def comparison_set_delete(*, request, comparison_set: ComparisonSet) -> None:
    """Delete an imported set; the audit log keeps that it existed, which year and which file."""
    with transaction.atomic():
        audit_log(
            request=request,
            action=AuditEntry.Action.DELETE,
            obj=comparison_set,
            description=texts.COMPARISON_DELETED(
                year=comparison_set.year, sha=comparison_set.file_sha256[:12]
            ),
        )
        comparison_set.delete()


# --- the report section -------------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    """One column group of the comparison: GIR itself or an imported set."""

    label: str
    source: str
    employees: int | None
    cells: dict[str, dict[str, object]]  # section → figure code → cell
    own: bool = False


@dataclass
class Comparison:
    year: int
    parties: list[Party] = field(default_factory=list)

    @property
    def others(self) -> list[Party]:
        return [p for p in self.parties if not p.own]


@dataclass(frozen=True)
class Percent(Share):
    """A percentage as such (from an imported file): ``part`` percent of 100."""

    def __str__(self) -> str:
        return number_format(round(self.part, 1), 1) + "%"


def _labels() -> dict[str, dict[str, str]]:
    return {
        "totaal": {"incidenten": _("Incidenten")},
        "vorm": {c.value: str(c.label) for c in AggressionForm},
        "soort_plek": {c.value: str(c.label) for c in LocationType},
        "gevolgen": {
            "letsel": _("Lichamelijk letsel"),
            "arts": _("Bezoek aan huisarts of ziekenhuis"),
            "ziekenhuis": _("Opname in ziekenhuis of blijvend letsel"),
            "verzuim": _("Verzuim"),
            "verzuimdagen": _("Dagen verzuim (samen)"),
            "schade_eigen": _("Schade aan eigen spullen"),
            "schade_eigen_bedrag": _("Bedrag schade eigen spullen (euro)"),
            "schade_gemeente": _("Schade aan spullen van de gemeente"),
            "schade_gemeente_bedrag": _("Bedrag schade gemeente (euro)"),
            "politie_ter_plaatse": _("Politie ter plaatse geroepen"),
        },
        "maatregelen": {c.value: str(c.label) for c in MeasureType},
        "termijnen": {
            "reactie_48_uur_pct_op_tijd": _("Reactie naar de dader binnen 48 uur"),
            "nazorg_1_pct_op_tijd": _("Eerste nazorggesprek"),
            "nazorg_2_pct_op_tijd": _("Tweede nazorggesprek"),
            "nazorg_3_pct_op_tijd": _("Derde nazorggesprek"),
        },
    }


def _titles() -> dict[str, str]:
    return {
        "totaal": _("Vergelijking: alle incidenten"),
        "vorm": _("Vergelijking: vorm van agressie"),
        "soort_plek": _("Vergelijking: soort plek"),
        "gevolgen": _("Vergelijking: gevolgen"),
        "maatregelen": _("Vergelijking: maatregelen"),
        "termijnen": _("Vergelijking: termijnen op tijd"),
    }


def _imported_cell(code: str, figure: dict | None):
    if figure is None:
        return "–"  # not in their file
    if figure["hidden"]:
        return HIDDEN
    value = figure["value"]
    if value is None:
        return "–"
    if code in AMOUNT_FIGURES:  # shown like the report's own amounts
        return Amount(Decimal(str(value)), THRESHOLD, "euro")
    if code == "verzuimdagen":
        return Amount(value, THRESHOLD, "dagen")
    return value


def _own_party(report) -> Party:
    year = report.params.date_from.year
    cells = {section: dict(pairs) for section, pairs in own_cells(report).items()}
    name = Organisation.get().name
    return Party(name, name, headcounts_for_year(year).get(None), cells, own=True)


def _imported_party(row: ComparisonSet) -> Party:
    cells = {
        section: {code: _imported_cell(code, row.section(section).get(code)) for code in codes}
        for section, codes in known_codes().items()
    }
    return Party(row.label, row.source_name, row.employees, cells)


def comparison_for(report) -> Comparison:
    """GIR's own key figures of the report's year beside every set imported for that year."""
    year = report.params.date_from.year
    parties = [_own_party(report)]
    parties += [
        _imported_party(row) for row in ComparisonSet.objects.filter(year=year).order_by("label", "pk")
    ]
    return Comparison(year, parties)


def _rate(cell, employees: int | None):
    if cell is SMALL or cell is HIDDEN:
        return cell  # a rate would give the hidden count back
    if not employees or not isinstance(cell, int | float) or isinstance(cell, bool):
        return "–"
    return Rate(cell, employees)


def _percent(cell):
    if isinstance(cell, Share):
        return "–" if cell.percent is None else Percent(round(cell.percent, 1), 100)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return Percent(cell, 100)
    return cell


def _count_table(section: str, comparison: Comparison) -> Table:
    columns = [_("Cijfer")]
    for party in comparison.parties:
        columns += [
            _("%(party)s: aantal") % {"party": party.label},
            _("%(party)s: per 100 medewerkers") % {"party": party.label},
        ]
    rows = []
    for code, label in _labels()[section].items():
        row = [label]
        for party in comparison.parties:
            cell = party.cells[section].get(code, "–")
            row += [cell, "–" if code in NOT_RATED else _rate(cell, party.employees)]
        rows.append(row)
    chart = "rate_bars" if section in CHARTED else None
    return Table(PREFIX + section, _titles()[section], columns, rows, chart=chart)


def _percent_table(comparison: Comparison) -> Table:
    columns = [_("Termijn")] + [
        _("%(party)s: aandeel op tijd") % {"party": party.label} for party in comparison.parties
    ]
    rows = [
        [label] + [_percent(party.cells["termijnen"].get(code, "–")) for party in comparison.parties]
        for code, label in _labels()["termijnen"].items()
    ]
    return Table(PREFIX + "termijnen", _titles()["termijnen"], columns, rows)


def comparison_tables(comparison: Comparison) -> list[Table]:
    """One table per section, only when there is someone to compare with."""
    if not comparison.others:
        return []
    return [
        _percent_table(comparison) if section in PERCENT_SECTIONS else _count_table(section, comparison)
        for section in known_codes()
    ]
