from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("bewaartermijnen/", views.retention, name="retention"),
    path("inzage/", views.subject_search, name="subject-search"),
    path("inzage/<int:pk>/export/", views.subject_export, name="subject-export"),
]
