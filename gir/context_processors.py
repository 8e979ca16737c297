from django.urls import reverse

from gir.models import Organisation
from gir.registry import registry


def site(request):
    """The organisation for the header and the navigation the user may use."""
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated:
        for item in registry.nav:
            if item.permission is None or user.has_perm(item.permission):
                url = reverse(item.url_name)
                nav.append(
                    {"label": item.label, "url": url, "current": request.path.startswith(url) and url != "/"}
                )
    return {"organisation": Organisation.get(), "nav_items": nav}
