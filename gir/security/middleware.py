"""No page or file a logged-in user sees may stay in a browser or proxy cache.

Reception PCs are shared: without ``no-store`` the next person's Back button shows the dossier.
A response that chose its own caching (the public logo) keeps it.
"""

from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
