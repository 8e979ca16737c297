from django.urls import path

from incidents import views

app_name = "incidents"
urlpatterns = [
    path("melden/", views.report, name="report"),
    path("overzicht/", views.incident_list, name="list"),
    path("inbox/", views.inbox, name="inbox"),
    path("<int:pk>/", views.incident_detail, name="detail"),
    path("<int:pk>/aanvullen/", views.incident_edit, name="edit"),
    path("<int:pk>/status/", views.status_change, name="status"),
    path("<int:pk>/eerste-opvang/", views.first_talk, name="first-talk"),
    path("<int:pk>/geen-reactie/", views.waive_reaction, name="waive-reaction"),
    path("<int:pk>/behandelaar/", views.hand_over, name="hand-over"),
    path("<int:pk>/betrokkene/", views.involvement_add, name="involvement-add"),
    path("<int:pk>/bewijs/", views.evidence_add, name="evidence-add"),
    path("bewijs/<int:pk>/", views.evidence_download, name="evidence-download"),
    path("<int:pk>/dader/nieuw/", views.aggressor_new, name="aggressor-new"),
    path("<int:pk>/dader/koppelen/", views.aggressor_link, name="aggressor-link"),
    path("<int:pk>/dader/<int:link_pk>/loskoppelen/", views.aggressor_unlink, name="aggressor-unlink"),
    path("daders/", views.aggressor_search, name="aggressor-search"),
    path("daders/<int:pk>/", views.aggressor_detail, name="aggressor-detail"),
    path("daders/<int:pk>/wijzigen/", views.aggressor_edit, name="aggressor-edit"),
    path("daders/<int:pk>/foto/", views.aggressor_photo, name="aggressor-photo"),
]
