app_name = "incidents"
urlpatterns: list = []
