"""Free-text search over incidents (the list's "Zoeken" box).

Every word must match (AND); a word matches an incident when it occurs in its reference,
its description, its place, the name of its building or department, or — for someone who may
search aggressors — the name of a linked aggressor they may see (or the aggressor's number,
as in "Onbekende dader (#12)"), or the name the reporter gave for the aggressor. The search
only narrows a queryset that is already scoped with ``Incident.objects.visible_to``; it never
widens it.

Each word is one ``pk IN (UNION ...)`` of simple subqueries, like the scoping itself
(``incidents.scoping``): on PostgreSQL every branch reads its own trigram index
(``gir.trigram``; migration ``incidents.0008``), where one OR across joined tables would scan.
"""

from __future__ import annotations

from gir.models import Department, Location
from incidents import scoping
from incidents.models import Aggressor, Incident, IncidentAggressor

MAX_WORDS = 6
MAX_LENGTH = 200
TEXT_FIELDS = ("reference", "description", "place")


def words(text: str) -> list[str]:
    """The distinct words of a search, at most ``MAX_WORDS``."""
    found: list[str] = []
    for word in (text or "")[:MAX_LENGTH].split():
        if word.casefold() not in (w.casefold() for w in found):
            found.append(word)
    return found[:MAX_WORDS]


def _aggressor_part(word: str, user) -> list:
    """Incidents whose linked aggressor, or the name the reporter gave, matches ``word``."""
    persons = Aggressor.objects.visible_to(user).active()
    number = word.removeprefix("#")
    by_name = persons.filter(last_name__icontains=word).values("pk")
    parts = [by_name, persons.filter(first_name__icontains=word).values("pk")]
    if number.isdigit() and len(number) < 10:
        parts.append(persons.filter(pk=int(number)).values("pk"))
    links = IncidentAggressor.objects.filter(aggressor__in=scoping.union(parts))
    return [links.values("incident_id"), Incident.objects.filter(aggressor_name__icontains=word).values("pk")]


def _parts(word: str, user) -> list:
    departments = Department.objects.filter(name__icontains=word).values("pk")
    locations = Location.objects.filter(name__icontains=word).values("pk")
    parts = [Incident.objects.filter(**{f"{field}__icontains": word}).values("pk") for field in TEXT_FIELDS]
    parts += [
        Incident.objects.filter(department__in=departments).values("pk"),
        Incident.objects.filter(location__in=locations).values("pk"),
    ]
    if user.has_perm("incidents.search_aggressors"):
        parts += _aggressor_part(word, user)
    return parts


def search(queryset, text: str, *, user):
    """``queryset`` narrowed to the incidents that match every word of ``text``."""
    for word in words(text):
        queryset = queryset.filter(pk__in=scoping.union(_parts(word, user)))
    return queryset
