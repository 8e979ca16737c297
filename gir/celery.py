"""The Celery app. Configuration lives in ``gir.settings`` under the ``CELERY_`` prefix."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gir.settings")

app = Celery("gir")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
