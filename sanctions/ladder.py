"""The escalation ladder: GIR's proposal for the next measure. Pure; no database, no clock.

The source protocols escalate on the person's history across incidents (recidivism):
seed 004 ch. 7.4 "Leidraad bij agressie" (step 1 melding, step 2 measures: always a reaction,
a criminal act in principle always aangifte; step 3 ordegesprek with a warning letter or a
ban letter; step 4 aangifte, always for physical violence and threats), seed 004 §8.5 (a
written warning and, on recidivism, an access ban and no phone contact), and seed 002
("Instructie omgaan met agressie": warning, ordegesprek, ban for the serious cases). In steps:

1. a first incident gets a warning (mondeling or schriftelijk: the same step);
2. after a warning: an ordegesprek;
3. after an ordegesprek (held or not attended): contact on conditions;
4. after contact on conditions: an access ban (toegangsverbod);
5. after a ban: a new ban, and aangifte.

The rung comes from measures of *earlier* incidents only: what this incident already has is
never proposed again and does not push it a step up (no warning, ordegesprek and contact on
conditions for one event). Serious forms (physical violence against a person, threat with a
weapon, hostage/robbery) skip the ladder: a ban and aangifte at once. Coming in despite an
active ban leads to aangifte. Threats and stalking add a melding at the police unless this
incident already has a melding or aangifte; damage adds schadeverhaal. The manager decides;
this is only advice shown next to the aggressor's history, in Dutch labels.
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


POLICE_TYPES = {T.AANGIFTE, T.POLICE_NOTICE}


def _with_extras(types: list[str], forms: set[str], damage: bool) -> list[str]:
    if forms & POLICE_NOTICE_FORMS and T.AANGIFTE not in types:
        types.append(T.POLICE_NOTICE)
    if damage:
        types.append(T.DAMAGE_CLAIM)
    return list(dict.fromkeys(types))


def _without_taken(types: list[str], taken: set[str]) -> tuple[str, ...]:
    """Drop what this incident already has; one police report (melding or aangifte) is enough."""
    if taken & POLICE_TYPES:
        taken = taken | POLICE_TYPES
    if taken & {T.VERBAL_WARNING, T.WRITTEN_WARNING}:
        taken = taken | {T.VERBAL_WARNING, T.WRITTEN_WARNING}
    return tuple(t for t in types if t not in taken)


LADDER_REASONS = {
    0: _("Eerste incident van deze persoon: een waarschuwing."),
    1: _("Er is al eerder gewaarschuwd: nodig uit voor een ordegesprek."),
    2: _("Er was al een ordegesprek: contact alleen nog op voorwaarden."),
    3: _("Contact op voorwaarden hielp niet: een toegangsverbod."),
    4: _("Er was al een toegangsverbod: een nieuw verbod en aangifte."),
}


def _ladder(earlier: Iterable[str], earlier_incidents: int) -> tuple[list[str], str]:
    highest = max((RUNG.get(t, 0) for t in earlier), default=0)
    reason = str(LADDER_REASONS[highest])
    if highest == 0 and earlier_incidents:
        reason = str(
            _(
                "Deze persoon had al %(n)d eerder incident(en), nog zonder maatregel: "
                "een schriftelijke waarschuwing."
            )
            % {"n": earlier_incidents}
        )
    return list(NEXT[highest]), reason


def propose(
    *,
    earlier: Iterable[str],
    forms: Iterable[str],
    taken: Iterable[str] = (),
    earlier_incidents: int = 0,
    active_ban: bool = False,
    breach: bool = False,
    damage: bool = False,
) -> Proposal:
    """Propose the next measures.

    ``earlier``: types of the measures of the person's *earlier* incidents that were not
    revoked; ``taken``: types already decided (not revoked) for the incident(s) decided on now;
    ``earlier_incidents``: how many earlier incidents the person has; ``forms``: forms of
    aggression of the incident(s) decided on; ``active_ban``: a ban in force now; ``breach``:
    the incident is coming in despite that ban; ``damage``: there is damage to recover.
    """
    form_set, taken_set = {str(f) for f in forms}, {str(t) for t in taken}
    if active_ban and breach:
        types = [T.AANGIFTE]
        reason = str(_("De persoon kwam binnen terwijl een toegangsverbod geldt: doe aangifte."))
    elif form_set & SERIOUS:
        types = [T.BAN, T.AANGIFTE]
        reason = str(_("Ernstige vorm van agressie: direct een toegangsverbod en aangifte."))
    else:
        types, reason = _ladder(earlier, earlier_incidents)
    proposed = _without_taken(_with_extras(types, form_set, damage), taken_set)
    if not proposed and taken_set:
        reason = str(
            _("Voor dit incident is al besloten wat het voorstel zou zijn. Er is geen volgende stap nodig.")
        )
    return Proposal(proposed, reason)
