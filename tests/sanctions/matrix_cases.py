"""Every sanctions URL × persona. Objects come from ``build`` (department A, in force)."""

from datetime import date, timedelta

from tests.matrix import Route

DECIDERS_200 = {"manager": 200, "mandated": 200, "coordinator": 200}
IN_SCOPE = {**DECIDERS_200, "other_manager": 404}
EVERYONE = [
    "employee",
    "colleague",
    "manager",
    "other_manager",
    "mandated",
    "coordinator",
    "aftercare",
    "reception",
    "admin",
]


def _pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _decide(measure_type):
    return lambda w: {"aggressor_pk": w.s_aggressor.pk, "measure_type": measure_type}


RECEPTION_ROLES = {"mandated": 200, "coordinator": 200, "reception": 200}

ROUTES = [
    Route("sanctions:list", expect={"other_manager": 200, **DECIDERS_200}),
    Route("sanctions:decide", kwargs=lambda w: {"aggressor_pk": w.s_aggressor.pk}, expect=IN_SCOPE),
    Route("sanctions:decide-type", kwargs=_decide("schriftelijke_waarschuwing"), expect=IN_SCOPE, post=True),
    Route(
        "sanctions:ban-request",
        kwargs=lambda w: {"aggressor_pk": w.s_aggressor.pk},
        get=False,
        post=True,
        expect=IN_SCOPE,
    ),
    # Only the mandate imposes a ban: the coordinator and a plain manager get 403.
    Route(
        "sanctions:decide-type",
        kwargs=_decide("toegangsverbod"),
        expect={"mandated": 200, "other_manager": 404},
        post=True,
    ),
    Route("sanctions:detail", kwargs=_pk("s_ban"), expect=DECIDERS_200, default=404),
    Route("sanctions:revoke", kwargs=_pk("s_talk"), expect=DECIDERS_200, default=404, post=True),
    Route(
        "sanctions:revoke",
        kwargs=_pk("s_ban"),
        expect={"mandated": 200, "manager": 403, "coordinator": 403},
        default=404,
        post=True,
    ),
    Route("sanctions:ordegesprek-record", kwargs=_pk("s_talk"), expect=IN_SCOPE, post=True),
    Route("sanctions:ordegesprek-replan", kwargs=_pk("s_talk"), expect=IN_SCOPE, post=True),
    Route("sanctions:police-outcome", kwargs=_pk("s_police"), expect=IN_SCOPE, post=True),
    Route("sanctions:claim-payment", kwargs=_pk("s_claim"), expect=IN_SCOPE, post=True),
    Route("sanctions:claim-uncollectable", kwargs=_pk("s_claim"), expect=IN_SCOPE, post=True),
    Route("sanctions:reception", expect={"mandated": 200, "coordinator": 200, "reception": 200}),
    # Names stay need to know: only the roles that see the reception list (404 for the rest).
    Route("sanctions:breach-find", expect=RECEPTION_ROLES, default=404, query="name=Matrix"),
    Route("sanctions:register", expect={"coordinator": 200}),
    Route("sanctions:register-export", expect={"coordinator": 200}),
    Route("sanctions:ban-serve", kwargs=_pk("s_ban"), expect=IN_SCOPE, post=True),
    Route("sanctions:ban-extend", kwargs=_pk("s_ban"), expect={"mandated": 200}, post=True),
    Route("sanctions:ban-review", kwargs=_pk("s_ban"), expect=IN_SCOPE, post=True),
    Route(
        "sanctions:ban-photo",
        kwargs=_pk("s_ban"),
        expect={**DECIDERS_200, "reception": 200},
        default=404,
    ),
    Route("sanctions:breach", kwargs=_pk("s_ban"), expect=RECEPTION_ROLES, default=404, post=True),
    # Only the mandated manager the request is addressed to (the matrix's mandated).
    Route("sanctions:ban-request-decline", kwargs=_pk("s_request"), expect={"mandated": 200}, post=True),
    Route("sanctions:ban-photo-set", kwargs=_pk("s_ban"), expect=IN_SCOPE, post=True),
    Route(
        "sanctions:breach-waive",
        kwargs=_pk("s_breach"),
        expect={"manager": 200, "mandated": 200, "coordinator": 200, "other_manager": 404},
        post=True,
    ),
]


def build(world):
    from sanctions.constants import MeasureType
    from sanctions.services import measure_decide
    from tests.sanctions.helpers import make_aggressor, make_ban, make_incident

    world.s_incident = make_incident(world)
    world.s_aggressor = make_aggressor(world.s_incident, last_name="Matrix")
    today = date.today()
    world.s_ban = make_ban(
        world, world.s_aggressor, world.s_incident, starts_on=today, ends_on=today + timedelta(days=100)
    )
    common = {
        "by": world.manager,
        "aggressor": world.s_aggressor,
        "incidents": [world.s_incident],
        "reason": "x",
    }
    from django.utils import timezone

    world.s_talk = measure_decide(
        measure_type=MeasureType.ORDEGESPREK,
        details={"planned_at": timezone.now() + timedelta(days=2), "place": "Stadhuis", "attendees": "Wij"},
        **common,
    )
    world.s_police = measure_decide(
        measure_type=MeasureType.AANGIFTE,
        details={"reported_by": "werkgever", "reported_on": today, "vpt": True},
        **common,
    )
    world.s_claim = measure_decide(
        measure_type=MeasureType.DAMAGE_CLAIM,
        details={"claim_date": today, "items": [("Glas", 100)]},
        **common,
    )
    from sanctions.services import breach_register

    world.s_breach = breach_register(
        ban=world.s_ban, by=world.reception, occurred_at=timezone.now(), description="Kwam toch binnen"
    )
    from sanctions.services.requests import ban_request_create

    world.s_request = ban_request_create(
        aggressor=world.s_aggressor,
        incidents=[world.s_incident],
        by=world.manager,
        addressed_to=world.mandated,
    )
