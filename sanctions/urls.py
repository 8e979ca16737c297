from django.urls import path

from sanctions import views
from sanctions.views.breaches import breach_waive
from sanctions.views.photos import ban_photo_set_view
from sanctions.views.requests import ban_request_decline_view

app_name = "sanctions"
urlpatterns = [
    path("", views.measure_list, name="list"),
    path("dader/<int:aggressor_pk>/besluit/", views.decide, name="decide"),
    path("dader/<int:aggressor_pk>/verbod-voorleggen/", views.ban_request, name="ban-request"),
    path("dader/<int:aggressor_pk>/besluit/<str:measure_type>/", views.decide_type, name="decide-type"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/intrekken/", views.revoke, name="revoke"),
    path("<int:pk>/ordegesprek/", views.ordegesprek_record, name="ordegesprek-record"),
    path("<int:pk>/ordegesprek/verplaatsen/", views.ordegesprek_replan, name="ordegesprek-replan"),
    path("<int:pk>/politie/", views.police_outcome, name="police-outcome"),
    path("<int:pk>/betaling/", views.claim_payment, name="claim-payment"),
    path("<int:pk>/oninbaar/", views.claim_uncollectable, name="claim-uncollectable"),
    path("toegangsverboden/", views.reception, name="reception"),
    path("toegangsverboden/overtreding/", views.breach_find, name="breach-find"),
    path("toegangsverboden/register/", views.register, name="register"),
    path("toegangsverboden/register/export/", views.register_export, name="register-export"),
    path("toegangsverboden/<int:pk>/uitreiken/", views.ban_serve, name="ban-serve"),
    path("toegangsverboden/<int:pk>/verlengen/", views.ban_extend, name="ban-extend"),
    path("toegangsverboden/<int:pk>/beoordelen/", views.ban_review, name="ban-review"),
    path("toegangsverboden/<int:pk>/foto/", views.ban_photo, name="ban-photo"),
    path("toegangsverboden/<int:pk>/foto/wijzigen/", ban_photo_set_view, name="ban-photo-set"),
    path("toegangsverboden/<int:pk>/overtreding/", views.breach, name="breach"),
    path("overtredingen/<int:pk>/geen-aangifte/", breach_waive, name="breach-waive"),
    path("verzoeken/<int:pk>/geen-verbod/", ban_request_decline_view, name="ban-request-decline"),
]
