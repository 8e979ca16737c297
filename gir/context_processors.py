from django.conf import settings
from django.urls import reverse

from gir.cache import organisation
from gir.navigation import menu_for


def site(request):
    """The organisation for the header, the menu the user may use and the site-wide settings."""
    user = getattr(request, "user", None)
    menu = menu_for(user, request.path) if user is not None and user.is_authenticated else []
    return {
        "organisation": organisation(),
        "nav_groups": menu,
        "theme_css": settings.GIR_THEME_STATIC,
        "theme_class": settings.GIR_THEME_CLASS,
        "accessibility_url": settings.GIR_ACCESSIBILITY_URL or reverse("accessibility"),
        "privacy_url": settings.GIR_PRIVACY_URL or reverse("privacy-statement"),
    }
