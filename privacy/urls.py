from django.urls import path

from privacy import audit_views, views

app_name = "privacy"
urlpatterns = [
    path("bewaartermijnen/", views.retention, name="retention"),
    path("inzage/", views.subject_search, name="subject-search"),
    path("inzage/<int:pk>/export/", views.subject_export, name="subject-export"),
    path("inzage/<int:pk>/brief/", views.subject_export, {"fmt": "pdf"}, name="subject-letter"),
    path("auditlog/", audit_views.auditlog, name="auditlog"),
    path("auditlog/export/<str:fmt>/", audit_views.auditlog_export, name="auditlog-export"),
]
