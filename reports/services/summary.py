"""A short written summary in plain Dutch (B1), made from the protected tables only.

It never reads raw figures, so a number hidden as "< 5" in a table stays hidden here.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.services.tables import HIDDEN, SMALL, Amount, Change, Share, cell_text


def _count_words(cell) -> str:
    if cell is HIDDEN:
        return _("een niet getoond aantal")
    return _("minder dan 5") if cell is SMALL else cell_text(cell)


def _number(cell) -> int:
    """For choosing singular or plural: a hidden count reads as plural ("minder dan 5")."""
    return cell if isinstance(cell, int) and not isinstance(cell, bool) else 5


def _top(table, col: int = 1):
    if table is None:
        return None
    rows = [r for r in table.rows if isinstance(r[col], int) and not isinstance(r[col], bool) and r[col] > 0]
    return max(rows, key=lambda r: r[col]) if rows else None


def _value(report, key: str, label: str):
    table = report.table(key)
    if table is None:
        return None
    return next((row[1] for row in table.rows if row[0] == label), None)


def _totals(report) -> list[str]:
    key = report.table("key_figures")
    total = key.rows[0][1]
    period = report.params.label()
    lines = [
        _("In %(period)s zijn %(n)s incidenten gemeld (%(scope)s).")
        % {"period": period, "n": _count_words(total), "scope": report.scope_label.lower()}
    ]
    change = key.rows[2][1] if len(key.rows) > 2 else None
    if isinstance(change, Change):
        diff = change.current - change.previous
        if diff > 0:
            lines.append(_("Dat zijn er %(d)s meer dan een jaar eerder.") % {"d": diff})
        elif diff < 0:
            lines.append(_("Dat zijn er %(d)s minder dan een jaar eerder.") % {"d": -diff})
        else:
            lines.append(_("Dat zijn er evenveel als een jaar eerder."))
    return lines


def _where_when(report) -> list[str]:
    lines = []
    form = _top(report.table("per_form"))
    if form:
        lines.append(
            _("De meest gemelde vorm van agressie is: %(form)s (%(n)s keer).")
            % {"form": form[0].lower(), "n": cell_text(form[1])}
        )
    place = _top(report.table("per_location_type"))
    if place:
        lines.append(_("De meeste incidenten gebeurden hier: %(place)s.") % {"place": place[0].lower()})
    heat = report.table("heat_map")
    best = None
    for row in heat.rows:
        for hour, cell in enumerate(row[1:]):
            if isinstance(cell, int) and cell > 0 and (best is None or cell > best[0]):
                best = (cell, row[0], hour)
    if best:
        lines.append(
            _("Het drukste moment was op %(day)s tussen %(h)s en %(h2)s uur.")
            % {"day": best[1], "h": best[2], "h2": best[2] + 1}
        )
    return lines


def _consequences(report) -> list[str]:
    lines = []
    injury = _value(report, "consequences", _("Lichamelijk letsel"))
    if injury in (SMALL, HIDDEN) or (isinstance(injury, int) and injury > 0):
        lines.append(
            ngettext(
                "Bij %(n)s incident raakte iemand gewond.",
                "Bij %(n)s incidenten raakte iemand gewond.",
                _number(injury),
            )
            % {"n": _count_words(injury)}
        )
    damage = _value(report, "consequences", _("Bedrag schade gemeente"))
    if isinstance(damage, Amount) and damage.value:
        lines.append(_("De schade aan spullen van de gemeente was samen %(a)s.") % {"a": damage})
    repeat = _value(report, "aggressors", _("Daders met meer dan één incident (herhaling)"))
    if repeat in (SMALL, HIDDEN) or (isinstance(repeat, int) and repeat > 0):
        lines.append(
            ngettext(
                "%(n)s dader was vaker dan één keer agressief.",
                "%(n)s daders waren vaker dan één keer agressief.",
                _number(repeat),
            )
            % {"n": _count_words(repeat)}
        )
    return lines


def _measures(report) -> list[str]:
    lines = []
    measures = report.table("measures")
    if measures and measures.total:
        total, top = measures.total[1], _top(measures)
        if top and isinstance(total, int):
            lines.append(
                _("Er zijn %(n)s maatregelen tegen daders genomen, het vaakst: %(top)s.")
                % {"n": cell_text(total), "top": top[0].lower()}
            )
    imposed = _value(report, "bans", _("Toegangsverboden opgelegd in deze periode"))
    if imposed in (SMALL, HIDDEN) or (isinstance(imposed, int) and imposed > 0):
        lines.append(
            ngettext(
                "Er is %(n)s toegangsverbod opgelegd.",
                "Er zijn %(n)s toegangsverboden opgelegd.",
                _number(imposed),
            )
            % {"n": _count_words(imposed)}
        )
    return lines


def _deadlines(report) -> list[str]:
    table = report.table("deadlines")
    if not table or not table.rows:
        return []
    lines = []
    reaction = table.rows[0][-1]
    if isinstance(reaction, Share) and reaction.whole:
        lines.append(
            _("%(pct)s%% van de reacties naar de dader ging op tijd weg (binnen 48 uur).")
            % {"pct": round(reaction.percent)}
        )
    first_talk = table.rows[1][-1] if len(table.rows) > 1 else None
    if isinstance(first_talk, Share) and first_talk.whole:
        lines.append(
            _("%(pct)s%% van de eerste nazorggesprekken was op tijd.") % {"pct": round(first_talk.percent)}
        )
    return lines


def summarise(report) -> list[str]:
    """Plain sentences, one idea each."""
    key = report.table("key_figures")
    if key.rows[0][1] == 0:
        return [_("In %(period)s zijn geen incidenten gemeld.") % {"period": report.params.label()}]
    return (
        _totals(report) + _where_when(report) + _consequences(report) + _measures(report) + _deadlines(report)
    )
