from tests.matrix import Route

ROUTES = [
    Route("accessibility", public=True, default=200),
    Route("privacy-statement", public=True, default=200),
]
