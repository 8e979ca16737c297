"""The one way to require a permission: login first, then every (or any one) permission, else 403."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.views import View

from gir.access import PermRequiredMixin, perm_required


def _ok(request):
    return HttpResponse("ok")


class _Page(PermRequiredMixin, View):
    permission_required = ("reports.view_reports", "reports.view_department_reports")
    any_of = True

    def get(self, request):
        return HttpResponse("ok")


def _get(user):
    request = RequestFactory().get("/x/")
    request.user = user
    return request


def test_anonymous_users_go_to_the_login_page(db):
    for view in (perm_required("reports.view_reports")(_ok), _Page.as_view()):
        response = view(_get(AnonymousUser()))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_every_permission_is_needed_unless_any_one_will_do(world):
    both = perm_required("incidents.manage_incidents", "sanctions.impose_ban")(_ok)
    either = perm_required("incidents.manage_incidents", "sanctions.impose_ban", any_of=True)(_ok)
    assert either(_get(world.manager)).status_code == 200
    with pytest.raises(PermissionDenied):
        both(_get(world.manager))
    with pytest.raises(PermissionDenied):
        either(_get(world.employee))


def test_the_class_based_mixin_uses_the_same_check(world):
    assert _Page.as_view()(_get(world.coordinator)).status_code == 200
    with pytest.raises(PermissionDenied):
        _Page.as_view()(_get(world.employee))
