import pytest


@pytest.fixture(autouse=True)
def _default_templates(request):
    """The default templates come from a data migration; a transactional test elsewhere in the
    session flushes them, so tests that use the database put them back first."""
    if "world" in request.fixturenames or "db" in request.fixturenames:
        request.getfixturevalue("db")
        from letters.services import template_defaults_install

        template_defaults_install()


# The browser test of this app lives here; it uses the shared browser fixtures (system
# Chromium, axe-core, login through the form).
from tests.browser.conftest import (  # noqa: E402, F401
    _static_served,
    axe,
    browser_context_args,
    browser_type_launch_args,
    log_in,
)
