"""The load test's logged-in sessions: one per person, with the pages of their own scope."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.urls import reverse

SESSIONS_PER_ROLE = {"employee": 30, "manager": 12, "coordinator": 5, "reception": 1}


@dataclass
class Session:
    role: str
    cookie: str
    year: int
    incidents: list[int] = field(default_factory=list)
    aggressors: list[int] = field(default_factory=list)

    def path(self, kind: str, rng: random.Random | None) -> str:
        pick = (rng or random.Random(0)).choice  # noqa: S311 - which page to ask, not a secret
        if kind == "dossier" and self.incidents:
            return reverse("incidents:detail", args=[pick(self.incidents)])
        if kind == "person page" and self.aggressors:
            return reverse("incidents:aggressor-detail", args=[pick(self.aggressors)])
        if kind == "incident list filtered":
            return reverse("incidents:list") + "?form=bedreiging"
        if kind == "annual report page":
            return reverse("reports:annual") + f"?year={self.year}"
        return reverse(PAGES.get(kind, "start"))


PAGES = {
    "start page": "start",
    "incident list": "incidents:list",
    "task inbox": "tasks",
    "report form": "incidents:report",
    "inbox": "incidents:inbox",
    "ban register": "sanctions:register",
    "reports dashboard": "reports:dashboard",
    "reception list": "sanctions:reception",
}


def _scope(role: str, user) -> tuple[list[int], list[int]]:
    from incidents.models import Incident, IncidentAggressor

    scope = Incident.objects.filter(reference__startswith="B-")
    if role == "manager":
        scope = scope.filter(department__managers=user)
    ids = list(scope.order_by("-occurred_at").values_list("pk", flat=True)[:40])
    people = IncidentAggressor.objects.filter(incident_id__in=ids).values_list("aggressor_id", flat=True)
    return ids, sorted(set(people))[:20]


def sessions_for(seeded, login) -> list[Session]:
    """Log every person in (``login(user) -> cookie header``) and note the pages of their scope."""
    people = {
        "employee": seeded.employees,
        "manager": seeded.managers,
        "coordinator": seeded.coordinators,
        "reception": [seeded.reception] if seeded.reception else [],
    }
    sessions = []
    for role, users in people.items():
        for user in users[: SESSIONS_PER_ROLE[role]]:
            incidents, aggressors = _scope(role, user) if role in ("manager", "coordinator") else ([], [])
            sessions.append(Session(role, login(user), seeded.years[1], incidents, aggressors))
    return sessions
