"""Run as a separate "web" process by the fault tests: file incidents through the incidents
service with the Redis broker configured, and print what happened (JSON): how many were filed,
the errors, how many e-mail batches were handed over, and how many times the broker failed.

Usage: python -m tests.faults.file_incidents <reporter_id> <department_id> <count> <hours_ago> <backoff>

``backoff`` replaces ``gir.notifications.BROKER_BACKOFF`` (seconds this process leaves e-mail to
the sweep after a broker failure), so a test decides whether every filing tries the broker (0)
or only the first (a large number), whatever the speed of the machine.
"""

import json
import logging
import sys


class _Count(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += record.msg.startswith("Broker unavailable")


def main() -> None:
    import django

    django.setup()
    from datetime import timedelta

    from django.utils import timezone

    from gir import notifications
    from gir.models import Department, User
    from incidents.services import incident_register

    reporter_id, department_id, count, hours_ago = (int(a) for a in sys.argv[1:5])
    notifications.BROKER_BACKOFF = float(sys.argv[5])
    broker_failures = _Count()
    logging.getLogger(notifications.__name__).addHandler(broker_failures)
    attempts = []
    enqueue = notifications.enqueue_delivery

    def counted(ids):  # the real hand-over, counted: a filing may hand over more than one batch
        attempts.append(ids)
        enqueue(ids)

    notifications.enqueue_delivery = counted
    reporter, department = User.objects.get(pk=reporter_id), Department.objects.get(pk=department_id)
    filed, errors = 0, []
    for i in range(count):
        try:
            incident_register(
                reporter=reporter,
                occurred_at=timezone.now() - timedelta(hours=hours_ago, minutes=i),
                department=department,
                location_type="balie",
                description=f"Storingstest {i}",
                forms=["schelden"],
            )
            filed += 1
        except Exception as exc:
            errors.append(repr(exc))
    report = {
        "filed": filed,
        "errors": errors,
        "hand_overs": len(attempts),
        "broker_failures": broker_failures.count,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
