from celery import shared_task

from privacy.retention import daily_sweep


@shared_task
def retention_sweep() -> None:
    """Called hourly by beat; acts once per local day (claimed in the database)."""
    daily_sweep()
