"""The product's URLs plus the peer pages under /peer/ (benchmark runs only)."""

from django.contrib.auth.decorators import login_required
from django.urls import include, path

from benchmark import peers

peer_patterns = [
    path("incidenten/", login_required(peers.IncidentList.as_view()), name="incident-list"),
    path("incidenten/<int:pk>/", peers.dossier, name="dossier"),
    path("daders/<int:pk>/", peers.person, name="person"),
    path("verbodenregister/", login_required(peers.BanRegister.as_view()), name="ban-register"),
    path("taken/", peers.tasks, name="tasks"),
    path("start/", peers.start, name="start"),
]

urlpatterns = [
    path("peer/", include((peer_patterns, "peer"))),
    path("", include("gir.urls")),
]
