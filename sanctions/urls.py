app_name = "sanctions"
urlpatterns: list = []
