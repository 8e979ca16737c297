from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from gir import deputy_views, health, views
from gir.auth_views import LoginView

auth_patterns = [
    path("inloggen/", LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("wachtwoord-wijzigen/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "wachtwoord-wijzigen/klaar/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
]

admin_patterns = [
    path("", views.admin_home, name="admin-home"),
    path("organisatie/", views.organisation_edit, name="organisation-edit"),
    path("gebruikers/", views.users_list, name="users-list"),
    path("gebruikers/nieuw/", views.users_create, name="users-create"),
    path("gebruikers/<int:pk>/", views.users_edit, name="users-edit"),
    path("afdelingen/", views.departments_list, name="departments-list"),
    path("afdelingen/nieuw/", views.departments_create, name="departments-create"),
    path("afdelingen/<int:pk>/", views.departments_edit, name="departments-edit"),
    path("locaties/", views.locations_list, name="locations-list"),
    path("locaties/nieuw/", views.locations_create, name="locations-create"),
    path("locaties/<int:pk>/", views.locations_edit, name="locations-edit"),
    path("ondertekenaars/", views.signatories_list, name="signatories-list"),
    path("ondertekenaars/nieuw/", views.signatories_create, name="signatories-create"),
    path("ondertekenaars/<int:pk>/", views.signatories_edit, name="signatories-edit"),
]

urlpatterns = [
    path("", views.start, name="start"),
    path("mijn-taken/", views.my_tasks, name="tasks"),
    path("mijn-taken/berichten-gelezen/", views.notifications_read, name="notifications-read"),
    path("vervanging/", deputy_views.deputies, name="deputies"),
    path("vervanging/<int:pk>/beeindigen/", deputy_views.deputy_end, name="deputy-end"),
    # Answered by gir.health.HealthMiddleware before any other middleware; listed for reverse().
    path("health/", health.ready, name="health"),
    path("health/live/", health.live, name="health-live"),
    path("health/ready/", health.ready, name="health-ready"),
    path("logo/", views.organisation_logo, name="organisation-logo"),
    path("account/", include(auth_patterns)),
    path("beheer/", include(admin_patterns)),
    path("incidenten/", include("incidents.urls")),
    path("maatregelen/", include("sanctions.urls")),
    path("nazorg/", include("aftercare.urls")),
    path("brieven/", include("letters.urls")),
    path("rapportages/", include("reports.urls")),
    path("privacy/", include("privacy.urls")),
]

if settings.GIR_OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

handler403 = "gir.views.error_403"
handler404 = "gir.views.error_404"
