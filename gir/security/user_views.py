"""Accounts and roles with segregation of duties: thin views over ``accounts`` and ``role_grants``."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gir.access import perm_required
from gir.audit import save_form_audited
from gir.errors import RuleViolation, show_as_message
from gir.forms import UserForm
from gir.models import User
from gir.security.accounts import password_link_send
from gir.security.models import RoleGrant
from gir.security.reauth import recent_login_required
from gir.security.role_grants import CONFIRM_PERM, role_grant_decide, roles_change

MANAGE = "gir.manage_users"


def _save(request, form, *, new: bool) -> User:
    with transaction.atomic():
        user = save_form_audited(request, form)
        if new:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if not form.fields["roles"].disabled:
            roles_change(
                actor=request.user, user=user, wanted=list(form.cleaned_data["roles"]), request=request
            )
    return user


def _render(request, form, title, user=None):
    pending = RoleGrant.objects.filter(user=user, status=RoleGrant.Status.PENDING) if user else []
    context = {"form": form, "title": title, "account": user, "pending": pending}
    return render(request, "gir/security/user_form.html", context)


@perm_required(MANAGE)
@recent_login_required
def users_create(request):
    form = UserForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        user = _save(request, form, new=True)
        try:
            password_link_send(actor=request.user, user=user, request=request)
        except RuleViolation as exc:
            show_as_message(request, exc)
        messages.success(
            request, _("Het account is aangemaakt en heeft een link gekregen om een wachtwoord te kiezen.")
        )
        return redirect("users-edit", pk=user.pk)
    return _render(request, form, _("Nieuwe gebruiker"))


@perm_required(MANAGE)
@recent_login_required
def users_edit(request, pk: int):
    user = get_object_or_404(User, pk=pk)
    form = UserForm(request.POST or None, instance=user, actor=request.user)
    if request.method == "POST" and form.is_valid():
        _save(request, form, new=False)
        messages.success(request, _("Opgeslagen."))
        return redirect("users-edit", pk=user.pk)
    return _render(request, form, _("Gebruiker wijzigen"), user)


@perm_required(MANAGE)
@require_POST
def users_send_password_link(request, pk: int):
    user = get_object_or_404(User, pk=pk)
    try:
        password_link_send(actor=request.user, user=user, request=request)
        messages.success(request, _("De link om een wachtwoord te kiezen is verstuurd."))
    except RuleViolation as exc:
        show_as_message(request, exc)
    return redirect("users-edit", pk=user.pk)


@perm_required(CONFIRM_PERM)
@require_GET
def role_grants(request):
    pending = RoleGrant.objects.filter(status=RoleGrant.Status.PENDING).select_related(
        "user", "role", "requested_by"
    )
    decided = (
        RoleGrant.objects.exclude(status=RoleGrant.Status.PENDING)
        .select_related("user", "role", "decided_by")
        .order_by("-decided_at")[:20]
    )
    return render(request, "gir/security/role_grants.html", {"pending": pending, "decided": decided})


@perm_required(CONFIRM_PERM)
@require_POST
@recent_login_required
def role_grant_decision(request, pk: int):
    grant = get_object_or_404(RoleGrant, pk=pk)
    try:
        role_grant_decide(
            actor=request.user,
            grant=grant,
            confirm=request.POST.get("decision") == "confirm",
            request=request,
        )
        messages.success(request, _("Uw beslissing is vastgelegd."))
    except RuleViolation as exc:
        show_as_message(request, exc)
    return redirect("role-grants")
