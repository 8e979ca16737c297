"""The permission matrix: every URL × every persona × method, against the expected answer.

Each app lists its routes in ``tests/<app>/matrix_cases.py``:

    ROUTES = [Route("incidents:detail", kwargs=lambda w: {"pk": w.incident.pk},
                    expect={"employee": 200, "manager": 200, "coordinator": 200}, default=404)]
    def build(world): ...   # optional: add the objects the routes need to ``world``

``expect`` maps persona → status; every persona not named gets ``default``. Anonymous and
deactivated users are redirected to the login page unless ``public``. ``post`` adds a POST
check with ``post_expect`` (defaults to ``expect`` with 200 read as "200 or 302").
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = [
    "employee",
    "colleague",
    "manager",
    "other_manager",
    "mandated",
    "coordinator",
    "aftercare",
    "reception",
    "admin",
    "privacy",
]
LOGGED_OUT = ["anonymous", "deactivated"]


@dataclass
class Route:
    name: str
    expect: dict[str, int] = field(default_factory=dict)
    default: int = 403
    kwargs: Callable | None = None
    public: bool = False
    public_status: int = 200
    get: bool = True
    post: bool = False
    post_data: Callable | None = None
    post_expect: dict[str, int] | None = None
    post_default: int | None = None
    query: str = ""

    def expected(self, persona: str, method: str = "GET") -> int:
        if persona in LOGGED_OUT and not self.public:
            return 302
        if persona in LOGGED_OUT:
            return self.public_status
        if method == "POST" and self.post_expect is not None:
            return self.post_expect.get(persona, self.post_default or self.default)
        return self.expect.get(persona, self.default)


def load_cases():
    """All ``matrix_cases`` modules below ``tests``: (routes, builders)."""
    import tests

    routes, builders = [], []
    packages = [info.name for info in pkgutil.iter_modules(tests.__path__) if info.ispkg]
    # Builders run in dependency order (DESIGN.md): later apps use earlier apps' objects.
    order = ["gir", "incidents", "sanctions", "aftercare", "letters", "reports"]
    packages.sort(key=lambda name: order.index(name) if name in order else len(order))
    for name in packages:
        info = type("Info", (), {"name": name})
        try:
            module = importlib.import_module(f"tests.{info.name}.matrix_cases")
        except ModuleNotFoundError:
            continue
        routes.extend(module.ROUTES)
        if hasattr(module, "build"):
            builders.append(module.build)
    return routes, builders
