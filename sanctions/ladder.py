"""The escalation ladder: GIR's proposal for the next measure. Pure; no database, no clock.

The protocols (seeds 002 ch. 5, 003 ch. 3, 004 ch. 7.4 and 8) escalate on recidivism:

1. a first incident gets a warning (mondeling or schriftelijk: the same step);
2. after a warning: an ordegesprek;
3. after an ordegesprek (held or not attended): contact on conditions;
4. after contact on conditions: an access ban (toegangsverbod);
5. after a ban: a new ban, and aangifte.

Serious forms (physical violence against a person, threat with a weapon, hostage/robbery)
skip the ladder: a ban and aangifte at once. Coming in despite an active ban leads to
aangifte. Threats and stalking add a melding at the police; damage adds schadeverhaal.
The manager decides; this is only advice shown next to the aggressor's history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from incidents.constants import AggressionForm
from sanctions.constants import MeasureType as T

SERIOUS = {AggressionForm.PHYSICAL, AggressionForm.WEAPON, AggressionForm.HOSTAGE}
POLICE_NOTICE_FORMS = {AggressionForm.THREAT, AggressionForm.STALKING}

# The rung each measure type stands on; other types (police, damage) are not rungs.
RUNG = {
    T.VERBAL_WARNING: 1,
    T.WRITTEN_WARNING: 1,
    T.ORDEGESPREK: 2,
    T.CONTACT_CONDITIONS: 3,
    T.BAN: 4,
    T.STREET_BAN: 4,
}
NEXT = {
    0: [T.WRITTEN_WARNING],
    1: [T.ORDEGESPREK],
    2: [T.CONTACT_CONDITIONS],
    3: [T.BAN],
    4: [T.BAN, T.AANGIFTE],
}


@dataclass(frozen=True)
class Proposal:
    types: tuple[str, ...]
    reason: str

    @property
    def labels(self) -> list[str]:
        return [str(T(code).label) for code in self.types]


def _with_extras(types: list[str], forms: set[str], damage: bool) -> tuple[str, ...]:
    if forms & POLICE_NOTICE_FORMS and T.AANGIFTE not in types:
        types.append(T.POLICE_NOTICE)
    if damage:
        types.append(T.DAMAGE_CLAIM)
    return tuple(dict.fromkeys(types))


def propose(
    *,
    earlier: Iterable[str],
    forms: Iterable[str],
    active_ban: bool = False,
    breach: bool = False,
    damage: bool = False,
) -> Proposal:
    """Propose the next measures.

    ``earlier``: types of the aggressor's earlier measures that were not revoked;
    ``forms``: forms of aggression of the incident(s) decided on; ``active_ban``: a ban in
    force now; ``breach``: the incident is coming in despite that ban; ``damage``: there is
    damage to recover.
    """
    form_set = {str(f) for f in forms}
    if active_ban and breach:
        return Proposal(
            _with_extras([T.AANGIFTE], form_set, damage),
            str(_("De persoon kwam binnen terwijl een toegangsverbod geldt: doe aangifte.")),
        )
    if form_set & SERIOUS:
        return Proposal(
            _with_extras([T.BAN, T.AANGIFTE], form_set, damage),
            str(_("Ernstige vorm van agressie: direct een toegangsverbod en aangifte.")),
        )
    highest = max((RUNG.get(t, 0) for t in earlier), default=0)
    reasons = {
        0: _("Eerste incident van deze persoon: een waarschuwing."),
        1: _("Er is al eerder gewaarschuwd: nodig uit voor een ordegesprek."),
        2: _("Er was al een ordegesprek: contact alleen nog op voorwaarden."),
        3: _("Contact op voorwaarden hielp niet: een toegangsverbod."),
        4: _("Er was al een toegangsverbod: een nieuw verbod en aangifte."),
    }
    return Proposal(_with_extras(list(NEXT[highest]), form_set, damage), str(reasons[highest]))
