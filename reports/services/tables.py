"""The building blocks of a report: tables of typed cells.

A cell is an ``int`` (a count), an ``Amount`` (euros or days, with the number of incidents
it is based on), a ``Share`` (part of whole), a ``Change`` (against an earlier period), a
``str`` (a label), ``SMALL`` or ``HIDDEN`` (hidden by ``reports.services.privacy.protect``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _


class _Small:
    """A count too small to show (1 to 4): printed as "< 5"."""

    def __str__(self) -> str:
        return "< 5"

    def __repr__(self) -> str:
        return "SMALL"

    def __reduce__(self) -> str:
        return "SMALL"  # one object also after the shared cache's pickling: ``cell is SMALL`` holds


SMALL = _Small()


class _Hidden:
    """A larger count hidden so that a small one cannot be worked out from the totals: "×"."""

    def __str__(self) -> str:
        return "×"

    def __repr__(self) -> str:
        return "HIDDEN"

    def __reduce__(self) -> str:
        return "HIDDEN"


HIDDEN = _Hidden()


@dataclass(frozen=True)
class Amount:
    value: Decimal | int
    basis: int  # how many incidents the amount adds up
    unit: str = "euro"  # "euro" or "dagen"

    def __str__(self) -> str:
        if self.unit == "euro":
            return "€ " + number_format(Decimal(self.value).quantize(Decimal("0.01")), 2, force_grouping=True)
        return number_format(self.value, 0, force_grouping=True)


@dataclass(frozen=True)
class Share:
    part: int
    whole: int

    @property
    def percent(self) -> float | None:
        return None if self.whole == 0 else 100.0 * self.part / self.whole

    def __str__(self) -> str:
        if self.whole == 0:
            return "–"
        return _("%(pct)s%% (%(part)s van %(whole)s)") % {
            "pct": number_format(round(self.percent)),
            "part": self.part,
            "whole": self.whole,
        }


@dataclass(frozen=True)
class Rate(Share):
    """Incidents (``part``) per 100 employees (``whole``)."""

    @property
    def percent(self) -> float | None:  # per 100, like a percentage
        return None if self.whole == 0 else 100.0 * self.part / self.whole

    def __str__(self) -> str:
        if self.whole == 0:
            return "–"
        return number_format(round(self.percent, 1), 1)


@dataclass(frozen=True)
class Change:
    current: int
    previous: int

    @property
    def percent(self) -> float | None:
        return None if self.previous == 0 else 100.0 * (self.current - self.previous) / self.previous

    def __str__(self) -> str:
        diff = self.current - self.previous
        sign = "+" if diff > 0 else ""
        if self.percent is None:
            return f"{sign}{diff}"
        return f"{sign}{diff} ({sign}{number_format(round(self.percent))}%)"


@dataclass
class Table:
    """One table of the report; every chart is drawn from exactly one table."""

    key: str
    title: str
    columns: list[str]
    rows: list[list]
    total: list | None = None
    note: str = ""
    sensitive: bool = False  # counts of departments: small counts are hidden
    chart: str | None = None  # kind of chart drawn from this table, or None
    # (total column, member columns): each row's total column is the sum of those columns.
    row_sum: tuple[int, tuple[int, ...]] | None = None
    extra: dict = field(default_factory=dict)

    def all_rows(self) -> list[list]:
        return self.rows + ([self.total] if self.total else [])


def rate_columns(table: Table) -> list[int]:
    """The columns holding incidents per 100 employees (the comparison's one per party)."""
    return [c for c in range(1, len(table.columns)) if any(isinstance(r[c], Rate) for r in table.rows)]


def cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, int) and not isinstance(cell, bool):
        return number_format(cell, 0, force_grouping=True)
    return str(cell)


def cell_number(cell):
    """The plain value for a spreadsheet: numbers stay numbers, hidden cells become text."""
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int | float):
        return cell
    if isinstance(cell, Amount):
        return float(cell.value)
    if isinstance(cell, Share):
        return None if cell.percent is None else round(cell.percent, 1)
    if isinstance(cell, Change):
        return cell.current - cell.previous
    return cell_text(cell)
