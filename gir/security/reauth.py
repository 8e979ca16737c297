"""Re-authentication: exports and role changes need a login (or password check) in the last 15 minutes.

The moment of the last proof of identity is kept in the session; a login sets it (also a test
client's ``force_login``, which sends the same ``user_logged_in`` signal).
"""

from __future__ import annotations

import time
from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

SESSION_KEY = "gir_authenticated_at"


def mark_authenticated(request) -> None:
    request.session[SESSION_KEY] = int(time.time())


def on_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        mark_authenticated(request)


def is_recent(request) -> bool:
    at = request.session.get(SESSION_KEY)
    return at is not None and time.time() - at <= settings.GIR_REAUTH_SECONDS


def recent_login_required(view):
    """Send the user to confirm their password first when the last proof is too old."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if is_recent(request):
            return view(request, *args, **kwargs)
        return redirect(f"{reverse('reauthenticate')}?{urlencode({'next': request.get_full_path()})}")

    return wrapper


class ReauthForm(forms.Form):
    password = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = authenticate(self.request, username=self.request.user.get_username(), password=password)
        if user is None or user.pk != self.request.user.pk:
            raise forms.ValidationError(_("Dit wachtwoord klopt niet."))
        return password


@login_required
def reauthenticate(request):
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("start")
    if not request.user.has_usable_password():  # single sign-on: prove it at the provider again
        return redirect(f"{reverse('logout')}")
    form = ReauthForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        mark_authenticated(request)
        return redirect(target)
    return render(request, "gir/security/reauthenticate.html", {"form": form})
