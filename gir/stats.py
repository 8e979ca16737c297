"""Small-count suppression that cannot be undone by arithmetic (ADR 0007).

Every published figure that counts people's incidents goes through ``suppress``: the annual
report, the dashboards, the aftercare report and all their exports. It knows nothing of
reports or aftercare: it gets the counts (cells with any hashable key) and the sums that are
published alongside them (row totals, column totals, grand totals, or a total published
elsewhere), and answers which cells must be hidden.

1. Primary suppression: a count from 1 to ``threshold - 1`` is hidden ("< 5"). Zero is shown.
2. Secondary suppression: as long as any hidden cell might be worked out from what is shown,
   one more cell is hidden (the smallest shown non-zero cell of a sum around it; a total only
   when no other cell is left). A reader knows the published sums, that "< 5" means 1 to 4,
   and that a cell hidden to protect another is at least ``threshold`` (smaller ones are
   already hidden). A hidden cell counts as safe only when another whole-number table fits all
   of that and differs in that cell (``first_leak``): this defeats both linear algebra
   ("total minus the rest") and bound reasoning ("two hidden cells, total 2: both are 1").
The loop ends because every round hides one more cell.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

THRESHOLD = 5
PRIMARY = "primary"  # shown as "< 5"
SECONDARY = "secondary"  # hidden to protect a small cell; shown as "×"


@dataclass(frozen=True)
class Sum:
    """``total`` is the sum of ``members``. ``total=None``: the sum is published elsewhere."""

    members: tuple[Hashable, ...]
    total: Hashable | None = None


def is_small(value, threshold: int = THRESHOLD) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < threshold


def suppress(
    values: Mapping[Hashable, int], sums: Sequence[Sum] = (), threshold: int = THRESHOLD
) -> dict[Hashable, str]:
    """``{cell: PRIMARY or SECONDARY}`` for every cell that must not be shown."""
    hidden = {key: PRIMARY for key, value in values.items() if is_small(value, threshold)}
    while hidden:
        leak = first_leak(values, sums, hidden, threshold)
        if leak is None:
            break
        extra = _next_to_hide(values, sums, hidden, leak)
        if extra is None:  # every cell of every sum around it is hidden or zero: nothing left to do
            break
        hidden[extra] = SECONDARY
    return hidden


def first_leak(values, sums, hidden: Mapping, threshold: int = THRESHOLD):
    """A hidden cell a reader might work out from what is shown, or None.

    A cell is safe when we can show the reader another whole-number table that fits everything
    shown and in which that cell differs: the true table plus or minus a move that keeps every
    published sum (a vector of the null space of the sums' equations over the hidden cells,
    or the sum or difference of two), with every hidden cell still within what the reader
    knows of it. Cells without such a move are treated as recomputable (erring on the safe side).
    """
    unknowns = list(hidden)
    basis = _null_space(_rref(_matrix(sums, unknowns), len(unknowns)), len(unknowns))
    bounds = [(1, threshold - 1) if hidden[k] == PRIMARY else (threshold, math.inf) for k in unknowns]
    truth = [values[k] for k in unknowns]
    movable: set[int] = set()
    for moves in (basis, _pairs(basis)):  # pairs only when single moves leave a cell fixed
        for move in moves:
            for sign in (1, -1):
                if all(lo <= x + sign * m <= hi for x, m, (lo, hi) in zip(truth, move, bounds, strict=True)):
                    movable.update(i for i, m in enumerate(move) if m)
        if len(movable) == len(unknowns):
            return None
    return next(k for i, k in enumerate(unknowns) if i not in movable)


def _matrix(sums, unknowns: list) -> list[list[Fraction]]:
    """One row per sum over the hidden cells: +1 for a member, -1 for the total."""
    column = {key: i for i, key in enumerate(unknowns)}
    rows = []
    for s in sums:
        row = [Fraction(0)] * len(unknowns)
        for key in s.members:
            if key in column:
                row[column[key]] += 1
        if s.total in column:
            row[column[s.total]] -= 1
        if any(row):
            rows.append(row)
    return rows


def _rref(matrix: list[list[Fraction]], width: int) -> list[tuple[int, list[Fraction]]]:
    """Reduced row echelon form as (pivot column, row) pairs."""
    pivots, r = [], 0
    for col in range(width):
        pivot = next((i for i in range(r, len(matrix)) if matrix[i][col] != 0), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        lead = matrix[r][col]
        matrix[r] = [v / lead for v in matrix[r]]
        for i in range(len(matrix)):
            if i != r and matrix[i][col] != 0:
                factor = matrix[i][col]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[r], strict=True)]
        pivots.append(col)
        r += 1
    return [(col, matrix[i]) for i, col in enumerate(pivots)]


def _null_space(pivots, width: int) -> list[list[int]]:
    """Whole-number null-space basis: one vector per free column."""
    pivot_cols = {col for col, _row in pivots}
    basis = []
    for free in (c for c in range(width) if c not in pivot_cols):
        vector = [Fraction(0)] * width
        vector[free] = Fraction(1)
        for col, row in pivots:
            vector[col] = -row[free]
        scale = math.lcm(*(v.denominator for v in vector))
        basis.append([int(v * scale) for v in vector])
    return basis


def _pairs(basis: list[list[int]]):
    """Sums and differences of two basis vectors, generated lazily."""
    for i, u in enumerate(basis):
        for v in basis[i + 1 :]:
            for sign in (1, -1):
                yield [a + sign * b for a, b in zip(u, v, strict=True)]


def _next_to_hide(values, sums, hidden: Mapping, leak):
    """The smallest shown non-zero cell of a sum around ``leak``: members first, totals last.

    When every cell of those sums is hidden or zero, look one sum further (through the hidden
    cells of those sums), and so on: the leak comes from there.
    """
    frontier, seen = {leak}, set()
    while frontier:
        seen |= frontier
        candidates, reached = [], set()
        for order, s in enumerate(sums):
            cells = [*s.members, *([s.total] if s.total is not None else [])]
            if not frontier.intersection(cells):
                continue
            for position, key in enumerate(cells):
                if key in hidden:
                    reached.add(key)
                elif values[key] > 0:
                    candidates.append((key == s.total, values[key], order, position, key))
        if candidates:
            return min(candidates, key=lambda c: c[:4])[4]
        frontier = reached - seen
    return None
