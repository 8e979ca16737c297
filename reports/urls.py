from django.urls import path

from reports import comparison_views, views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("jaarverslag/", views.annual, name="annual"),
    path("jaarverslag/excel/", views.export_xlsx, name="export-xlsx"),
    path("jaarverslag/csv/<slug:key>/", views.export_csv, name="export-csv"),
    path("jaarverslag/kerncijfers/<slug:fmt>/", views.export_kerncijfers, name="export-kerncijfers"),
    path("medewerkers/", views.headcounts, name="headcounts"),
    path("vergelijking/", comparison_views.comparisons, name="comparisons"),
    path("vergelijking/<int:pk>/verwijderen/", comparison_views.comparison_delete, name="comparison-delete"),
    path("pdf/", views.run_create, name="run-create"),
    path("pdf/nieuw/", views.run_new, name="run-new"),
    path("pdf/<int:pk>/", views.run_detail, name="run-detail"),
    path("pdf/<int:pk>/status/", views.run_status, name="run-status"),
    path("pdf/<int:pk>/opnieuw/", views.run_retry, name="run-retry"),
    path("pdf/<int:pk>/download/", views.run_download, name="run-download"),
]
