"""Pages of long lists whose count stops at a cap (issue 13: counts that don't scan everything).

Django's ``Paginator`` counts every row to say "page 1 of 400"; on the coordinator's list of
100,000 incidents that ``COUNT(*)`` is most of the page's database time. ``CappedPaginator``
counts at most ``cap`` rows past the start (``SELECT COUNT(*) FROM (... LIMIT cap + 1)``), and
beyond the requested page when that lies further: below the cap the count is exact; above it
the page says "more than 1,000" and offers the next page while there is one. Templates read
``paginator.more_than`` (the cap, or None when the count is exact).

``first_rows`` is for the start-page panels: a few rows and how many there are in all, in one
query (a window count) instead of a ``SELECT ... LIMIT`` and a ``COUNT(*)``.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.utils.functional import cached_property

CAP = 1000
# Page numbers beyond this are not worth a bounded count (and must not overflow LIMIT).
_FURTHEST = 1_000_000


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap: int | None = None, counted=None):
        """``counted``: the same rows without the annotations only the page shows, so the count
        does no more than find the rows (Django already drops ``select_related`` there)."""
        super().__init__(object_list, per_page)
        self.cap = CAP if cap is None else cap
        self.counted = object_list if counted is None else counted
        self.reach = self.cap

    def _aim(self, number) -> None:
        """Count far enough to know whether the page asked for exists, and one page beyond."""
        if "count" in self.__dict__:
            return
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            return
        if 0 < wanted <= _FURTHEST:
            self.reach = max(self.cap, wanted * self.per_page)

    def get_page(self, number):
        self._aim(number)
        return super().get_page(number)

    def page(self, number):
        self._aim(number)
        return super().page(number)

    @cached_property
    def count(self) -> int:
        """Exact up to ``reach`` rows; ``reach + 1`` means "more"."""
        return self.counted.order_by()[: self.reach + 1].count()

    @property
    def more_than(self) -> int | None:
        """The cap when there are more rows than were counted, else None (the count is exact)."""
        return self.cap if self.count > self.reach else None


def first_rows(queryset, limit: int) -> tuple[list, int]:
    """The first ``limit`` rows of ``queryset`` and the number of all its rows, in one query.

    ``COUNT(*) OVER ()`` is computed over every matching row before the limit applies, so it
    reads what a separate count would read, once. For short lists (a panel's own cases, the
    bans in force), not for the long lists (``CappedPaginator``).
    """
    rows = list(queryset.annotate(gir_total=Window(Count("pk")))[:limit])
    return rows, (rows[0].gir_total if rows else 0)
