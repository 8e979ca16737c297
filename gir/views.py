from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, ListView, UpdateView

from gir import health
from gir.access import PermRequiredMixin, has_perms, perm_required
from gir.audit import save_form_audited
from gir.forms import DepartmentForm, LocationForm, OrganisationForm, SignatoryForm, UserForm
from gir.models import (
    Deadline,
    Department,
    Location,
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
    deadlines = list(
        Deadline.objects.open().owned_by(request.user).select_related("owner").order_by("due_at")[:200]
    )
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
                # During a deputy period: whose task this is.
                "on_behalf_of": deadline.owner if deadline.owner_id != request.user.pk else None,
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


@perm_required("gir.change_settings")
def admin_home(request):
    """The beheerder's start: links to the settings and the system status (the readiness checks)."""
    statuses = dict(SystemStatus.objects.values_list("name", "last_run_at"))
    body = health.readiness()
    context = {
        "health": body,
        "status_text": health.STATUS_TEXT[body["status"]],
        "checks": health.status_rows(body),
        "heartbeat": statuses.get("heartbeat"),
        "scan": statuses.get("deadline_scan"),
        "overdue_since": health.overdue_since(body),
    }
    return render(request, "gir/admin/home.html", context)


@perm_required("gir.change_settings")
def organisation_edit(request):
    org = Organisation.get()
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=org)
    if request.method == "POST" and form.is_valid():
        save_form_audited(request, form)
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
        self.object = save_form_audited(self.request, form)
        messages.success(self.request, _("Opgeslagen."))
        return redirect(self.get_success_url())


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


# Creating and editing accounts: gir.security.user_views (segregation of duties).
users_list = admin_views(
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
)[0]
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


def csrf_failure(request, reason=""):
    """A form sent with an outdated security token (logged in again in another tab, an old
    page): nothing is saved from it. The short report shows everything typed again, to send
    once more; other forms get a plain Dutch page instead of Django's technical one."""
    from incidents.views.report import resend_page

    if request.path_info == reverse("incidents:report") and has_perms(
        request.user, ("incidents.report_incident",)
    ):
        return resend_page(request)
    return render(request, "403_csrf.html", status=403)
