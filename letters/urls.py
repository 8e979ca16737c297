from django.urls import path

from letters import views

app_name = "letters"
urlpatterns = [
    path("overzicht/", views.letter_list, name="list"),
    path("incident/<int:incident_pk>/", views.incident_letters, name="incident"),
    path("incident/<int:incident_pk>/nieuw/<slug:kind>/", views.letter_create, name="create"),
    path("<int:pk>/", views.letter_detail, name="detail"),
    path("<int:pk>/bewerken/", views.letter_edit, name="edit"),
    path("<int:pk>/definitief/", views.letter_finalise, name="finalise"),
    path("<int:pk>/corrigeren/", views.letter_correct, name="correct"),
    path("<int:pk>/pdf/", views.letter_pdf, name="pdf"),
    path("<int:pk>/verzending/", views.letter_dispatch, name="dispatch"),
    path("register/", views.register, name="register"),
    path("register/export/", views.register_export, name="register-export"),
    path("sjablonen/", views.template_list, name="templates"),
    path("sjablonen/<int:pk>/", views.template_edit, name="template-edit"),
    path("sjablonen/<int:pk>/versie/<int:number>/", views.template_version, name="template-version"),
]
