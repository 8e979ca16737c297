from tests.matrix import Route

ADMIN_ONLY = {"admin": 200}
DEPUTISING = {"manager": 200, "other_manager": 200, "mandated": 200, "coordinator": 200}

ROUTES = [
    Route(
        "start",
        expect={
            p: 200
            for p in [
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
        },
    ),
    Route(
        "tasks",
        expect={
            p: 200
            for p in [
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
        },
    ),
    Route("notifications-read", get=False, post=True, default=302, post_default=302),
    Route("health", public=True, public_status=503, default=503),
    Route("health-live", public=True, public_status=200, default=200),
    Route("health-ready", public=True, public_status=503, default=503),
    Route("organisation-logo", public=True, public_status=404, default=404),
    Route("login", public=True, default=302),
    Route(
        "logout",
        get=False,
        post=True,
        public=True,
        public_status=302,
        post_default=302,
        post_expect={},
        default=302,
    ),
    Route("password_reset", public=True, default=200),
    Route("password_reset_done", public=True, default=200),
    Route(
        "password_reset_confirm",
        kwargs=lambda w: {"uidb64": "MQ", "token": "bad-token"},
        public=True,
        default=200,
    ),
    Route("password_reset_complete", public=True, default=200),
    Route("password_change", default=200),
    Route("password_change_done", default=200),
    Route("admin-home", expect=ADMIN_ONLY, post=False),
    Route("organisation-edit", expect=ADMIN_ONLY, post=True),
    Route("users-list", expect=ADMIN_ONLY),
    Route("users-create", expect=ADMIN_ONLY, post=True),
    Route("users-edit", expect=ADMIN_ONLY, kwargs=lambda w: {"pk": w.employee.pk}, post=True),
    Route("departments-list", expect=ADMIN_ONLY),
    Route("departments-create", expect=ADMIN_ONLY, post=True),
    Route("departments-edit", expect=ADMIN_ONLY, kwargs=lambda w: {"pk": w.dept_a.pk}, post=True),
    Route("locations-list", expect=ADMIN_ONLY),
    Route("locations-create", expect=ADMIN_ONLY, post=True),
    Route("locations-edit", expect=ADMIN_ONLY, kwargs=lambda w: {"pk": w.building.pk}, post=True),
    Route("signatories-list", expect=ADMIN_ONLY),
    Route("signatories-create", expect=ADMIN_ONLY, post=True),
    Route("signatories-edit", expect=ADMIN_ONLY, kwargs=lambda w: {"pk": w.signatory.pk}, post=True),
    # Deputy periods: roles that handle cases name their own deputy (ADR 0010).
    Route("deputies", expect=DEPUTISING, post=True),
    Route(
        "deputy-end",
        kwargs=lambda w: {"pk": w.deputy_period.pk},
        get=False,
        post=True,
        post_expect={"manager": 200, "other_manager": 404, "mandated": 404, "coordinator": 404},
        post_default=403,
    ),
]


def build(world):
    from gir.models import Signatory

    world.signatory = Signatory.objects.create(name="M. van den Berg", function="Burgemeester", is_mayor=True)
    _deputy_period(world)


def _deputy_period(world):
    """Next month, so it does not widen anyone's scope in the other routes."""
    from datetime import timedelta

    from django.utils import timezone

    from gir.deputies import DeputyPeriod

    start = timezone.localdate() + timedelta(days=30)
    world.deputy_period = DeputyPeriod.objects.create(
        manager=world.manager, deputy=world.mandated, starts_on=start, ends_on=start + timedelta(days=7)
    )
