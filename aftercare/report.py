"""The quarterly aftercare report for management: counts only, computed in the database.

Cases are counted by the quarter in which the incident happened; talks and referrals belong to
those cases. No names, no per-employee figures, and counts from 1 to 4 are shown as "< 5"
so that nobody can be recognised in a small number (QUALITY.md "Privacy"). Each row shows its
year total, so ``gir.stats.suppress`` (the one suppression function) also hides a larger
quarter as "×" where the total would otherwise give a small one away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractQuarter
from django.utils.translation import gettext_lazy as _

from aftercare.constants import SMALL_COUNT, ReferralKind, TalkStatus
from aftercare.models import AftercareCase, AftercareTalk, Referral
from gir.deadlines.arithmetic import LOCAL_TZ, start_of_local_day
from gir.stats import PRIMARY, Sum, suppress

QUARTERS = (1, 2, 3, 4)


def shown(count: int) -> str:
    """How a count appears in the report."""
    return "< 5" if 0 < count < SMALL_COUNT else str(count)


@dataclass
class ReportRow:
    label: str
    counts: dict[int, int] = field(default_factory=dict)

    def _hidden(self) -> dict:
        values = {q: self.counts.get(q, 0) for q in QUARTERS} | {"total": sum(self.counts.values())}
        return suppress(values, [Sum(QUARTERS, "total")], SMALL_COUNT)

    def _show(self, key, count: int, hidden: dict) -> str:
        if key not in hidden:
            return str(count)
        return "< 5" if hidden[key] == PRIMARY else "×"

    @property
    def cells(self) -> list[str]:
        hidden = self._hidden()
        return [self._show(q, self.counts.get(q, 0), hidden) for q in QUARTERS]

    @property
    def total(self) -> str:
        return self._show("total", sum(self.counts.values()), self._hidden())


def _by_quarter(queryset, date_field: str, group: str | None = None, **aggregates):
    values = [group] if group else []
    return (
        queryset.annotate(quarter=ExtractQuarter(date_field, tzinfo=LOCAL_TZ))
        .values("quarter", *values)
        .annotate(**aggregates)
        .order_by()
    )


def quarterly_report(year: int) -> list[ReportRow]:
    """Rows of the report for ``year``: three aggregate queries, whatever the number of cases."""
    start, end = start_of_local_day(date(year, 1, 1)), start_of_local_day(date(year + 1, 1, 1))
    cases = AftercareCase.objects.filter(incident__occurred_at__gte=start, incident__occurred_at__lt=end)
    rows = [ReportRow(str(_("Nazorgdossiers (slachtoffers en getuigen)")))]
    for item in _by_quarter(cases, "incident__occurred_at", n=Count("pk")):
        rows[0].counts[item["quarter"]] = item["n"]

    talks = AftercareTalk.objects.filter(case__in=cases.values("pk"))
    per_talk = _by_quarter(
        talks,
        "case__incident__occurred_at",
        "number",
        held=Count("pk", filter=Q(status=TalkStatus.HELD)),
        on_time=Count("pk", filter=Q(status=TalkStatus.HELD, held_at__lte=F("due_at"))),
        declined=Count("pk", filter=Q(times_declined__gt=0)),
        not_needed=Count("pk", filter=Q(status=TalkStatus.NOT_NEEDED)),
    )
    talk_rows = {}
    for number in (1, 2, 3):
        for key, label in [
            ("held", _("Gesprek %(n)s gehouden")),
            ("on_time", _("Gesprek %(n)s op tijd gehouden")),
            ("declined", _("Gesprek %(n)s afgeslagen")),
            ("not_needed", _("Gesprek %(n)s niet nodig")),
        ]:
            talk_rows[(number, key)] = ReportRow(str(label) % {"n": number})
    for item in per_talk:
        for key in ("held", "on_time", "declined", "not_needed"):
            talk_rows[(item["number"], key)].counts[item["quarter"]] = item[key]
    rows += talk_rows.values()

    referral_rows = {
        kind: ReportRow(str(_("Doorverwezen: %(kind)s") % {"kind": kind.label})) for kind in ReferralKind
    }
    for item in _by_quarter(
        Referral.objects.filter(case__in=cases.values("pk")),
        "case__incident__occurred_at",
        "kind",
        n=Count("pk"),
    ):
        referral_rows[ReferralKind(item["kind"])].counts[item["quarter"]] = item["n"]
    rows += referral_rows.values()
    return rows
