from django.urls import path

from aftercare import views

app_name = "aftercare"
urlpatterns = [
    path("", views.case_list, name="cases"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/notitie/", views.note_add, name="note-add"),
    path("<int:pk>/doorverwijzing/", views.referral_add, name="referral-add"),
    path("<int:pk>/contactpersoon/", views.case_assign, name="case-assign"),
    path("<int:pk>/afsluiten/", views.case_close, name="case-close"),
    path("gesprek/<int:pk>/plannen/", views.talk_plan, name="talk-plan"),
    path("gesprek/<int:pk>/uitkomst/", views.talk_outcome, name="talk-outcome"),
    path("gesprek/<int:pk>/uitnodiging.ics", views.talk_ics, name="talk-ics"),
    path("rapportage/", views.report, name="report"),
    path("rapportage/export.csv", views.report_export, name="report-export"),
]
