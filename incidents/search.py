"""Free-text search over incidents (the list's "Zoeken" box).

Every word must match (AND); a word matches an incident when it occurs in its reference,
its description, its place, the name of its building or department, or — for someone who may
search aggressors — the name of a linked aggressor they may see (or the aggressor's number,
as in "Onbekende dader (#12)"), or the name the reporter gave for the aggressor. The search
only narrows a queryset that is already scoped with ``Incident.objects.visible_to``; it never
widens it.

A word shorter than three characters matches only an aggressor's number ("#12"): it cannot use
a trigram index and would match nearly every incident anyway. Each word is one
``pk IN (UNION ...)`` of simple subqueries, like the scoping itself (``incidents.scoping``): on
PostgreSQL every branch reads its own trigram index (``gir.trigram``; migration
``incidents.0008``), where one OR across joined tables would scan. The union is run once per
word and its matches listed (``LISTED``), so the page and its count read them by key.
"""

from __future__ import annotations

from gir.models import Department, Location
from incidents import scoping
from incidents.models import Aggressor, Incident, IncidentAggressor

MAX_WORDS = 6
MAX_LENGTH = 200
MIN_LENGTH = 3  # a trigram: shorter words cannot use the indexes
NAMES = ("last_name", "first_name")
# A word's matches are listed once (a few dozen incidents for a name, a few hundred for a
# street) and the page and its count then read them by primary key: as a subquery the trigram
# union ran twice, once for the page and once for its count (~20 ms each at full size). A word
# that matches more stays a subquery, where a long literal list would cost more than it saves.
LISTED = 1000
TEXT_FIELDS = ("reference", "description", "place")


def words(text: str) -> list[str]:
    """The distinct words of a search, at most ``MAX_WORDS``."""
    found: list[str] = []
    for word in (text or "")[:MAX_LENGTH].split():
        if word.casefold() not in (w.casefold() for w in found):
            found.append(word)
    return found[:MAX_WORDS]


def too_short(word: str) -> bool:
    """A word that only an aggressor's number can match: shorter than a trigram, it cannot use
    the trigram indexes and would read every incident (0.8-3 s at full size for "de")."""
    return len(word) < MIN_LENGTH


def _number(word: str) -> int | None:
    number = word.removeprefix("#")
    return int(number) if number.isdigit() and len(number) < 10 else None


def _aggressor_part(word: str, user) -> list:
    """Incidents whose linked aggressor, or the name the reporter gave, matches ``word``."""
    persons = Aggressor.objects.visible_to(user).active()
    number = _number(word)
    parts = (
        [] if too_short(word) else [persons.filter(**{f"{f}__icontains": word}).values("pk") for f in NAMES]
    )
    if number is not None:
        parts.append(persons.filter(pk=number).values("pk"))
    if not parts:
        return []
    links = [IncidentAggressor.objects.filter(aggressor__in=scoping.union(parts)).values("incident_id")]
    if too_short(word):
        return links
    return [*links, Incident.objects.filter(aggressor_name__icontains=word).values("pk")]


def _parts(word: str, user) -> list:
    if too_short(word):  # only an aggressor's number ("#12")
        return _aggressor_part(word, user) if user.has_perm("incidents.search_aggressors") else []
    parts = [Incident.objects.filter(**{f"{field}__icontains": word}).values("pk") for field in TEXT_FIELDS]
    # Departments and buildings are a few dozen rows: matched here first, so a word that names
    # none adds no branch. As subqueries, PostgreSQL guessed a whole department's incidents for
    # each (33,000 rows for a name search with 72 hits) and read every incident to join them.
    departments = list(Department.objects.filter(name__icontains=word).values_list("pk", flat=True))
    locations = list(Location.objects.filter(name__icontains=word).values_list("pk", flat=True))
    if departments:
        parts.append(Incident.objects.filter(department_id__in=departments).values("pk"))
    if locations:
        parts.append(Incident.objects.filter(location_id__in=locations).values("pk"))
    if user.has_perm("incidents.search_aggressors"):
        parts += _aggressor_part(word, user)
    return parts


def _matches(parts: list):
    """The ids of the incidents ``parts`` match, listed when there are at most ``LISTED``; else
    the union as a subquery. ``UNION ALL`` with a limit stops reading once it has enough rows;
    an id found by two branches is counted twice there and listed once."""
    union = scoping.union(parts)
    first, *rest = (part.order_by() for part in parts)
    found = list(first.union(*rest, all=True)[: LISTED + 1] if rest else first[: LISTED + 1])
    if len(found) > LISTED:
        return union
    return sorted({next(iter(row.values())) for row in found})


def search(queryset, text: str, *, user):
    """``queryset`` narrowed to the incidents that match every word of ``text``; a word that
    is too short to match anything (``too_short``, not an aggressor's number) matches none.
    The scope of ``queryset`` stays: the matches only narrow it."""
    for word in words(text):
        parts = _parts(word, user)
        queryset = queryset.filter(pk__in=_matches(parts)) if parts else queryset.none()
    return queryset
