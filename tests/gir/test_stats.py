"""The one suppression function (gir.stats.suppress), attacked the way a reader would.

The attacker below is written independently of ``gir.stats``: it takes only what a report shows
(visible cells, row/column/grand totals, "< 5" for 1 to 4 and "×" for a larger hidden cell) and
tries to recompute every hidden cell, exactly (linear algebra with numpy) and by searching every
whole-number table that is consistent with what is shown. It fails the test if it succeeds.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gir.stats import PRIMARY, SECONDARY, Sum, suppress


def grid_sums(rows: int, cols: int) -> list[Sum]:
    """Row totals ("r", i), column totals ("c", j) and the grand total "g" of a rows x cols grid."""
    sums = [Sum(tuple((i, j) for j in range(cols)), ("r", i)) for i in range(rows)]
    sums += [Sum(tuple((i, j) for i in range(rows)), ("c", j)) for j in range(cols)]
    sums.append(Sum(tuple(("r", i) for i in range(rows)), "g"))
    return sums


def grid_values(grid: list[list[int]]) -> dict:
    values = {(i, j): v for i, row in enumerate(grid) for j, v in enumerate(row)}
    values.update({("r", i): sum(row) for i, row in enumerate(grid)})
    values.update({("c", j): sum(row[j] for row in grid) for j in range(len(grid[0]))})
    values["g"] = sum(map(sum, grid))
    return values


def linear_recoverable(values, sums, hidden) -> set:
    """Hidden cells whose value follows from the shown cells and totals by linear algebra."""
    unknowns = sorted(hidden, key=repr)
    if not unknowns:
        return set()
    matrix = []
    for s in sums:
        row = [0.0] * len(unknowns)
        for k, key in enumerate(unknowns):
            if key in s.members:
                row[k] += 1
            if key == s.total:
                row[k] -= 1
        matrix.append(row)
    a = np.array(matrix)
    rank = np.linalg.matrix_rank(a)
    found = set()
    for k, key in enumerate(unknowns):
        unit = np.zeros(len(unknowns))
        unit[k] = 1
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            found.add(key)
    return found


def _upper(key, values, sums, hidden, cap):
    """A hidden member is at most any shown total of a sum it is in."""
    shown_totals = [values[s.total] for s in sums if key in s.members and s.total not in hidden]
    return min([cap, *shown_totals])


def _tighten(values, sums, hidden, bounds) -> dict | None:
    """Narrow every hidden cell's range through the sums until nothing changes; None if empty."""
    bounds = dict(bounds)
    get = lambda c: bounds[c] if c in hidden else (values[c], values[c])  # noqa: E731
    changed = True
    while changed:
        changed = False
        for s in sums:
            terms = [(m, 1) for m in s.members] + [(s.total, -1)]
            for cell, sign in terms:
                if cell not in hidden:
                    continue
                rest = [(c, k) for c, k in terms if c != cell]
                low = sum(get(c)[0] if k > 0 else -get(c)[1] for c, k in rest)
                high = sum(get(c)[1] if k > 0 else -get(c)[0] for c, k in rest)
                # sign * cell + rest = 0  =>  cell = -rest / sign
                lo, hi = (-high, -low) if sign > 0 else (low, high)
                new = (max(bounds[cell][0], lo), min(bounds[cell][1], hi))
                if new[0] > new[1]:
                    return None
                if new != bounds[cell]:
                    bounds[cell], changed = new, True
    return bounds


def _reader_bounds(values, sums, hidden) -> dict:
    """What a reader knows of each hidden cell: "< 5" is 1 to 4, "×" at least 5."""
    # A hidden grand total is unknown to the reader: search well beyond it.
    cap = values["g"] if "g" not in hidden else 2 * values["g"] + 10
    return {
        key: (1, 4) if kind == PRIMARY else (5, _upper(key, values, sums, hidden, cap))
        for key, kind in hidden.items()
    }


def a_table(values, sums, hidden, bounds) -> dict | None:
    """One whole-number table within ``bounds`` consistent with what is shown, or None."""
    bounds = _tighten(values, sums, hidden, bounds)
    if bounds is None:
        return None
    free = [k for k in hidden if bounds[k][0] < bounds[k][1]]
    if not free:
        return {k: lo for k, (lo, _hi) in bounds.items()}
    key = min(free, key=lambda k: (bounds[k][1] - bounds[k][0], repr(k)))
    lo, hi = bounds[key]
    for v in range(lo, hi + 1):
        found = a_table(values, sums, hidden, {**bounds, key: (v, v)})
        if found is not None:
            return found
    return None


def recomputable_by_search(values, sums, hidden) -> set:
    """Hidden cells for which no table consistent with what is shown has another value."""
    bounds = _reader_bounds(values, sums, hidden)
    found = set()
    for key in hidden:
        lo, hi = bounds[key]
        true = values[key]
        alternatives = [(lo, true - 1), (true + 1, hi)]
        if not any(
            a <= b and a_table(values, sums, hidden, {**bounds, key: (a, b)}) for a, b in alternatives
        ):
            found.add(key)
    return found


def test_a_hidden_cell_next_to_a_row_total_takes_a_neighbour_with_it():
    values = {"a": 3, "b": 9, "c": 25, "t": 37}
    hidden = suppress(values, [Sum(("a", "b", "c"), "t")])
    assert hidden == {"a": PRIMARY, "b": SECONDARY}


def test_two_small_cells_that_add_up_to_their_minimum_are_not_left_alone():
    # 1 + 1 = 2 gives both away when "< 5" means 1 to 4.
    values = {"a": 1, "b": 1, "c": 20, "t": 22}
    hidden = suppress(values, [Sum(("a", "b", "c"), "t")])
    assert set(hidden) == {"a", "b", "c"}


def test_zero_stays_visible_and_large_tables_are_untouched():
    values = grid_values([[0, 9], [12, 30]])
    assert suppress(values, grid_sums(2, 2)) == {}


def test_column_totals_under_five_are_not_given_away_by_the_grand_total():
    # Hidden column totals c0 and c1 ("< 5") add up to 20 - 12 = 8: a reader would know both are 4.
    values, sums = grid_values([[1, 3, 7], [3, 1, 5]]), grid_sums(2, 3)
    hidden = suppress(values, sums)
    assert not recomputable_by_search(values, sums, hidden)


small_counts = st.sampled_from([0, 1, 2, 3, 4, 5, 6, 7, 9, 12])
grids = st.integers(1, 3).flatmap(
    lambda r: st.lists(st.lists(small_counts, min_size=3, max_size=3), min_size=r, max_size=r)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids)
def test_no_hidden_cell_can_be_recomputed_from_what_is_shown(grid):
    values, sums = grid_values(grid), grid_sums(len(grid), 3)
    hidden = suppress(values, sums)
    assert all(0 < values[key] < 5 for key, kind in hidden.items() if kind == PRIMARY)
    assert not linear_recoverable(values, sums, hidden)
    assert not recomputable_by_search(values, sums, hidden)
