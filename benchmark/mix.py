"""The load test's page mix: who visits, which pages, how long they think; the arrival schedule.

Visits arrive as a Poisson process (open loop: the arrivals do not wait for the server). A
visit is one person of a role: the start page first, then pages drawn from the role's mix with
an exponential think time between them. Visits start before the measured window, so requests
in it arrive at a steady rate: the superposition of many visits.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

THINK_SECONDS = 8.0  # mean pause between two pages of one visit
PRE_ROLL = 120.0  # visits start this long before the window, so the rate is steady from t=0

# role: (share of visits, pages per visit, {page kind: weight}); kinds are resolved per session.
MIX = {
    "employee": (0.45, 3, {"incident list": 2, "task inbox": 1, "report form": 1, "start page": 1}),
    "manager": (
        0.25,
        5,
        {"inbox": 2, "incident list": 2, "dossier": 4, "task inbox": 2, "person page": 1, "start page": 1},
    ),
    "coordinator": (
        0.20,
        6,
        {
            "incident list": 3,
            "incident list filtered": 1,
            "dossier": 4,
            "person page": 1,
            "ban register": 1,
            "task inbox": 1,
            "reports dashboard": 1,
            "annual report page": 0.2,
            "start page": 1,
        },
    ),
    "reception": (0.10, 2, {"reception list": 2, "start page": 1}),
}


@dataclass(frozen=True)
class Request:
    at: float  # seconds from the window's start
    session: int  # index into the list of logged-in sessions
    kind: str
    path: str


def pages_per_request() -> float:
    """Mean pages per visit over the mix (to turn a request rate into a visit rate)."""
    return sum(share * pages for share, pages, _ in MIX.values())


def _visit(rng: random.Random, role: str, start: float, session: int, paths) -> list[Request]:
    _share, pages, weights = MIX[role]
    kinds = ["start page", *rng.choices(list(weights), weights=list(weights.values()), k=pages - 1)]
    out, at = [], start
    for kind in kinds:
        out.append(Request(at, session, kind, paths(session, kind, rng)))
        at += rng.expovariate(1 / THINK_SECONDS)
    return out


def schedule(rate: float, seconds: float, sessions_by_role: dict, paths, seed: int = 1) -> list[Request]:
    """Requests in the window [0, seconds) at ``rate`` per second on average, sorted by time.

    ``sessions_by_role`` maps a role to its session indexes; ``paths(session, kind, rng)`` gives
    the URL of a page kind for that session.
    """
    rng = random.Random(seed)  # noqa: S311 - a load schedule, not a secret
    roles = [r for r in MIX if sessions_by_role.get(r)]
    shares = [MIX[r][0] for r in roles]
    visit_rate = rate / pages_per_request()
    out, at = [], -PRE_ROLL
    while True:
        at += rng.expovariate(visit_rate)
        if at >= seconds:
            break
        role = rng.choices(roles, weights=shares)[0]
        session = rng.choice(sessions_by_role[role])
        out += [r for r in _visit(rng, role, at, session, paths) if 0 <= r.at < seconds]
    return sorted(out, key=lambda r: r.at)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def summarise(results: list[tuple[str, int, float]]) -> dict:
    """Latency percentiles (ms) and errors overall and per page kind; every non-200 is an error."""
    times = [seconds for _k, _s, seconds in results]
    per_page = {}
    for kind in sorted({k for k, _s, _t in results}):
        own = [t for k, _s, t in results if k == kind]
        per_page[kind] = {
            "requests": len(own),
            "p50_ms": round(percentile(own, 0.5) * 1000),
            "p95_ms": round(percentile(own, 0.95) * 1000),
        }
    return {
        "requests": len(results),
        "errors": sum(1 for _k, status, _t in results if status != 200),
        "p50_ms": round(percentile(times, 0.5) * 1000),
        "p95_ms": round(percentile(times, 0.95) * 1000),
        "p99_ms": round(percentile(times, 0.99) * 1000),
        "per_page": per_page,
    }
