"""Small-count suppression: the one place that decides what a report may show.

Rules (QUALITY.md "Reports contain no employee names and no per-employee figures; small counts
are shown as "< 5""):

1. In a *sensitive* table (counts per department; every table of a report about one
   department or about a manager's own departments) a count of 1 to 4 is shown as "< 5".
   Zero stays zero: it tells nothing about a person.
2. Complementary suppression: if a column would hide exactly one cell while the other cells
   and the total stay visible, the hidden one could be recomputed as total minus the rest.
   Then the smallest other non-zero cell of that column is hidden too. With two hidden cells
   a reader only learns their sum, not either value. (We do not go further, e.g. across
   tables that share a total: the report's totals are shown anyway and each table is
   protected on its own; that is the "reasonable" line we chose.)
3. A share (percentage) or a change against last year built on a count of 1 to 4 is hidden in
   a sensitive table, because the count could be recomputed from it.
4. Sums that belong to people (absence days, damage in euros) are hidden in EVERY table when
   they add up fewer than 5 incidents: otherwise "3 days of absence, 1 incident" is one
   employee's figure.
"""

from __future__ import annotations

import dataclasses

from reports.services.tables import SMALL, Amount, Change, Share, Table

THRESHOLD = 5


def _is_small_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < THRESHOLD


def _protect_cell(cell, sensitive: bool):
    if isinstance(cell, Amount):
        return SMALL if 0 < cell.basis < THRESHOLD else cell
    if not sensitive:
        return cell
    if _is_small_count(cell):
        return SMALL
    if isinstance(cell, Share) and (_is_small_count(cell.part) or _is_small_count(cell.whole)):
        return SMALL
    if isinstance(cell, Change) and (_is_small_count(cell.current) or _is_small_count(cell.previous)):
        return SMALL
    return cell


def _complement_column(rows: list[list], original: list[list], col: int) -> None:
    hidden = [i for i, row in enumerate(rows) if row[col] is SMALL and _is_small_count(original[i][col])]
    if len(hidden) != 1:
        return
    candidates = [
        (original[i][col], i)
        for i, row in enumerate(rows)
        if i not in hidden and isinstance(row[col], int) and not isinstance(row[col], bool) and row[col] > 0
    ]
    if candidates:
        _value, i = min(candidates)
        rows[i][col] = SMALL


def protect(table: Table, sensitive: bool | None = None) -> Table:
    """Return a copy of ``table`` that is safe to show, print or export."""
    sensitive = table.sensitive if sensitive is None else sensitive
    rows = [[_protect_cell(cell, sensitive) for cell in row] for row in table.rows]
    total = [_protect_cell(cell, sensitive) for cell in table.total] if table.total else None
    if sensitive and len(rows) > 1:
        for col in range(1, len(table.columns)):
            _complement_column(rows, table.rows, col)
    return dataclasses.replace(table, rows=rows, total=total, sensitive=sensitive)
