from tests.incidents.matrix_cases import EVERYONE, IN_SCOPE
from tests.matrix import Route

ROUTES = [
    Route("accessibility", public=True, default=200),
    Route("privacy-statement", public=True, default=200),
    Route(
        "incidents:evidence-thumbnail", kwargs=lambda w: {"pk": w.evidence.pk}, expect=IN_SCOPE, default=404
    ),
]
ROUTES.append(
    Route(
        "incidents:deadlines",
        expect={"manager": 200, "other_manager": 200, "mandated": 200, "coordinator": 200},
    )
)
ROUTES.append(Route("incidents:export", expect=EVERYONE))
ROUTES.append(Route("incidents:export", expect=EVERYONE, query="formaat=ods&status=gemeld"))
