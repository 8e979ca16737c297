from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, ListView, UpdateView

from gir.access import PermRequiredMixin, perm_required
from gir.deadlines.scan import oldest_unsent_overdue
from gir.forms import DepartmentForm, LocationForm, OrganisationForm, SignatoryForm, UserForm
from gir.models import (
    Deadline,
    Department,
    Location,
    Notification,
    Organisation,
    Signatory,
    SystemStatus,
    User,
)
from gir.registry import describe_deadlines, registry


@login_required
def start(request):
    """Each role's start page: the panels its permissions allow, most important first."""
    panels = []
    for panel in registry.panels:
        if panel.permission is None or request.user.has_perm(panel.permission):
            context = panel.context(request) if panel.context else {}
            panels.append({"template": panel.template, "context": context})
    return render(request, "gir/start.html", {"panels": panels})


@login_required
def my_tasks(request):
    """Mijn taken: the open deadlines this user owns, soonest first, overdue highlighted."""
    now = timezone.now()
    rows = []
    deadlines = list(Deadline.objects.open().filter(owner=request.user).order_by("due_at")[:200])
    texts = describe_deadlines(deadlines)
    for deadline in deadlines:
        text = texts[deadline.pk]
        rows.append(
            {
                "deadline": deadline,
                "label": text.label,
                "reference": text.reference,
                "url": text.url,
                "overdue": deadline.due_at < now,
            }
        )
    messages_ = request.user.notifications.order_by("-created_at")[:20]
    return render(request, "gir/tasks.html", {"rows": rows, "now": now, "notifications": messages_})


@login_required
@require_POST
def notifications_read(request):
    """Mark this user's messages as read (a POST: reading the page changes nothing)."""
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("tasks")


def _health_data(now):
    statuses = dict(SystemStatus.objects.values_list("name", "last_run_at"))
    oldest = oldest_unsent_overdue(now)
    return {
        "heartbeat": statuses.get("heartbeat"),
        "deadline_scan": statuses.get("deadline_scan"),
        "oldest_unsent_overdue": oldest,
        "oldest_unsent_overdue_since": (now - oldest) if oldest else None,
    }


HEALTH_MAX_SCAN_AGE = 600
HEALTH_MAX_UNSENT_AGE = 900


@require_GET
def health(request):
    """For monitoring: ages in seconds, no personal data. 503 when the scan is stale."""
    now = timezone.now()
    data = _health_data(now)

    def age(instant):
        return None if instant is None else int((now - instant).total_seconds())

    scan_age = age(data["deadline_scan"])
    oldest = data["oldest_unsent_overdue"]
    # Stale: no completed scan for 10 minutes, or a due notice owed for longer than 15 minutes
    # (the scan runs but cannot get through; one minute is normal).
    healthy = (
        scan_age is not None
        and scan_age < HEALTH_MAX_SCAN_AGE
        and (oldest is None or oldest.total_seconds() < HEALTH_MAX_UNSENT_AGE)
    )
    unsent_mail = Notification.objects.filter(emailed_at__isnull=True).order_by("created_at").first()
    body = {
        "status": "ok" if healthy else "stale",
        "heartbeat_age_seconds": age(data["heartbeat"]),
        "deadline_scan_age_seconds": scan_age,
        "oldest_unsent_overdue_seconds": int(oldest.total_seconds()) if oldest else None,
        "oldest_unsent_email_seconds": age(unsent_mail.created_at) if unsent_mail else None,
    }
    return JsonResponse(body, status=200 if healthy else 503)


@perm_required("gir.change_settings")
def admin_home(request):
    return render(request, "gir/admin/home.html", {"health": _health_data(timezone.now())})


@perm_required("gir.change_settings")
def organisation_edit(request):
    org = Organisation.get()
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=org)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De instellingen zijn opgeslagen."))
        return redirect("organisation-edit")
    return render(request, "gir/admin/form.html", {"form": form, "title": _("Organisatie-instellingen")})


@require_GET
def organisation_logo(request):
    """The logo is not personal data: shown on every page, also before login."""
    org = Organisation.get()
    if not org.logo:
        raise Http404
    response = FileResponse(org.logo.open("rb"))
    response["Cache-Control"] = "max-age=300"
    return response


class AdminMixin(PermRequiredMixin):
    """Anonymous → login page; logged in without the permission → 403."""

    template_name = "gir/admin/form.html"
    title = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        return context

    def form_valid(self, form):
        messages.success(self.request, _("Opgeslagen."))
        return super().form_valid(form)


class AdminList(AdminMixin, ListView):
    template_name = "gir/admin/list.html"
    columns: list[tuple[str, str]] = []
    create_url = ""
    edit_url = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(columns=self.columns, create_url=self.create_url, edit_url=self.edit_url)
        return context


def admin_views(model, form_class, *, perm, title_list, title_new, title_edit, columns, name, ordering):
    """List, create and edit views for one configuration model."""
    success = reverse_lazy(f"{name}-list")
    common = {"model": model, "permission_required": perm}
    listing = type(
        f"{model.__name__}List",
        (AdminList,),
        {
            **common,
            "title": title_list,
            "columns": columns,
            "create_url": f"{name}-create",
            "edit_url": f"{name}-edit",
            "ordering": ordering,
            "paginate_by": 50,
        },
    )
    create = type(
        f"{model.__name__}Create",
        (AdminMixin, CreateView),
        {**common, "form_class": form_class, "title": title_new, "success_url": success},
    )
    edit = type(
        f"{model.__name__}Edit",
        (AdminMixin, UpdateView),
        {**common, "form_class": form_class, "title": title_edit, "success_url": success},
    )
    return listing.as_view(), create.as_view(), edit.as_view()


users_list, users_create, users_edit = admin_views(
    User,
    UserForm,
    perm="gir.manage_users",
    name="users",
    ordering=["last_name", "first_name"],
    title_list=_("Gebruikers"),
    title_new=_("Nieuwe gebruiker"),
    title_edit=_("Gebruiker wijzigen"),
    columns=[
        ("username", _("Gebruikersnaam")),
        ("get_full_name", _("Naam")),
        ("department", _("Afdeling")),
        ("is_active", _("Actief")),
    ],
)
departments_list, departments_create, departments_edit = admin_views(
    Department,
    DepartmentForm,
    perm="gir.manage_users",
    name="departments",
    ordering=["name"],
    title_list=_("Afdelingen"),
    title_new=_("Nieuwe afdeling"),
    title_edit=_("Afdeling wijzigen"),
    columns=[("name", _("Naam")), ("is_active", _("Actief"))],
)
locations_list, locations_create, locations_edit = admin_views(
    Location,
    LocationForm,
    perm="gir.manage_users",
    name="locations",
    ordering=["parent__name", "name"],
    title_list=_("Locaties"),
    title_new=_("Nieuwe locatie"),
    title_edit=_("Locatie wijzigen"),
    columns=[("__str__", _("Naam")), ("address", _("Adres")), ("is_active", _("Actief"))],
)
signatories_list, signatories_create, signatories_edit = admin_views(
    Signatory,
    SignatoryForm,
    perm="gir.change_settings",
    name="signatories",
    ordering=["-is_mayor", "name"],
    title_list=_("Ondertekenaars"),
    title_new=_("Nieuwe ondertekenaar"),
    title_edit=_("Ondertekenaar wijzigen"),
    columns=[("name", _("Naam")), ("function", _("Functie")), ("is_mayor", _("Burgemeester"))],
)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)
