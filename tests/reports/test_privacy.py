"""The one suppression function: what a report may show (reports.services.privacy.protect)."""

from decimal import Decimal

from reports.services.privacy import protect
from reports.services.tables import HIDDEN, SMALL, Amount, Change, Share, Table


def table(rows, sensitive=True, total=None):
    return Table("t", "T", ["label", "n"], [list(r) for r in rows], total=total, sensitive=sensitive)


def test_small_counts_are_hidden_and_zero_stays():
    out = protect(table([("a", 0), ("b", 1), ("c", 4), ("d", 5), ("e", 30)]))
    assert [r[1] for r in out.rows] == [0, SMALL, SMALL, 5, 30]


def test_one_hidden_cell_hides_the_next_smallest_so_the_total_does_not_give_it_away():
    out = protect(table([("a", 3), ("b", 9), ("c", 25)], total=["Totaal", 37]))
    assert [r[1] for r in out.rows] == [SMALL, HIDDEN, 25]
    assert out.total == ["Totaal", 37]


def test_a_row_total_column_counts_as_a_sum_too():
    t = Table("t", "T", ["label", "n", "a", "b"], [["x", 12, 3, 9], ["y", 20, 10, 10]], row_sum=(1, (2, 3)))
    out = protect(t, sensitive=True)
    assert out.rows[0][1:] == [12, SMALL, HIDDEN]


def test_two_hidden_cells_need_no_extra_hiding():
    out = protect(table([("a", 3), ("b", 2), ("c", 9), ("d", 25)]))
    assert [r[1] for r in out.rows] == [SMALL, SMALL, 9, 25]


def test_not_sensitive_tables_show_small_counts():
    out = protect(table([("a", 3), ("b", 9)], sensitive=False))
    assert [r[1] for r in out.rows] == [3, 9]


def test_amounts_over_fewer_than_five_incidents_are_hidden_everywhere():
    out = protect(
        table([("days", Amount(12, 2, "dagen")), ("euro", Amount(Decimal("500"), 7))], sensitive=False)
    )
    assert out.rows[0][1] is SMALL
    assert out.rows[1][1] == Amount(Decimal("500"), 7)


def test_shares_and_changes_built_on_small_counts_are_hidden_in_sensitive_tables():
    out = protect(
        table([("s", Share(2, 40)), ("w", Share(10, 3)), ("c", Change(30, 4)), ("ok", Share(10, 40))])
    )
    assert [r[1] for r in out.rows] == [SMALL, SMALL, SMALL, Share(10, 40)]


def test_protect_returns_a_copy():
    original = table([("a", 3), ("b", 9)])
    protect(original)
    assert original.rows == [["a", 3], ["b", 9]]
