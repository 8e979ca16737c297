"""Small-count suppression: the one place that decides what a report may show.

Rules (QUALITY.md "Reports contain no employee names and no per-employee figures; small counts
are shown as "< 5""):

1. In a *sensitive* table (counts per department; every table of a report about one
   department or about a manager's own departments) a count of 1 to 4 is shown as "< 5".
   Zero stays zero: it tells nothing about a person.
2. Secondary suppression by ``gir.stats.suppress`` (the one function for every published
   figure): larger cells are hidden as "×" until no hidden cell can be worked out from what the
   table shows (its total row and a row-total column), not by subtraction nor by reasoning
   on "< 5" meaning 1 to 4. A share or change in a row with a hidden count is hidden too.
3. A share (percentage) or a change against last year built on a count of 1 to 4 is hidden in
   a sensitive table, because the count could be recomputed from it.
4. Sums that belong to people (absence days, damage in euros) are hidden in EVERY table when
   they add up fewer than 5 incidents: otherwise "3 days of absence, 1 incident" is one
   employee's figure.
"""

from __future__ import annotations

import dataclasses

from gir.stats import PRIMARY, THRESHOLD, Sum, suppress
from reports.services.tables import HIDDEN, SMALL, Amount, Change, Share, Table


def _is_small_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < THRESHOLD


def _protect_cell(cell, sensitive: bool):
    if isinstance(cell, Amount):
        return SMALL if 0 < cell.basis < THRESHOLD else cell
    if not sensitive:
        return cell
    if isinstance(cell, Share) and (_is_small_count(cell.part) or _is_small_count(cell.whole)):
        return SMALL
    if isinstance(cell, Change) and (_is_small_count(cell.current) or _is_small_count(cell.previous)):
        return SMALL
    return cell


def _is_count(cell) -> bool:
    return isinstance(cell, int) and not isinstance(cell, bool)


def _sums(table: Table, values: dict) -> list[Sum]:
    """The sums a reader sees: column totals in the total row, and a row-total column."""
    lines = table.all_rows()
    sums = []
    if table.total:
        total_row = len(lines) - 1
        for col in range(1, len(table.columns)):
            members = tuple((r, col) for r in range(total_row))
            if (total_row, col) in values and all(m in values for m in members):
                sums.append(Sum(members, (total_row, col)))
    if table.row_sum:
        total_col, cols = table.row_sum
        for r in range(len(lines)):
            members = tuple((r, c) for c in cols)
            if (r, total_col) in values and all(m in values for m in members):
                sums.append(Sum(members, (r, total_col)))
    return sums


def _suppressed(table: Table) -> dict:
    """``{(row, col): SMALL or HIDDEN}`` from the one suppression function (``gir.stats``)."""
    values = {
        (r, c): cell
        for r, line in enumerate(table.all_rows())
        for c, cell in enumerate(line)
        if c and _is_count(cell)
    }
    hidden = suppress(values, _sums(table, values), THRESHOLD)
    return {key: SMALL if kind == PRIMARY else HIDDEN for key, kind in hidden.items()}


def protect(table: Table, sensitive: bool | None = None) -> Table:
    """Return a copy of ``table`` that is safe to show, print or export."""
    sensitive = table.sensitive if sensitive is None else sensitive
    hidden = _suppressed(table) if sensitive else {}
    lines = []
    for r, line in enumerate(table.all_rows()):
        row_hides = any((r, c) in hidden for c in range(len(line)))
        out = []
        for c, cell in enumerate(line):
            if (r, c) in hidden:
                out.append(hidden[(r, c)])
            elif row_hides and isinstance(cell, Share | Change):
                out.append(HIDDEN)  # a share next to a hidden count could give it back
            else:
                out.append(_protect_cell(cell, sensitive))
        lines.append(out)
    rows, total = (lines[:-1], lines[-1]) if table.total else (lines, None)
    return dataclasses.replace(table, rows=rows, total=total, sensitive=sensitive)
