"""Run as a separate "web" process by the fault tests: file incidents through the incidents
service with the Redis broker configured, and print how long each one took (JSON).

Usage: python -m tests.faults.file_incidents <reporter_id> <department_id> <count> <hours_ago>
"""

import json
import sys
import time


def main() -> None:
    import django

    django.setup()
    from datetime import timedelta

    from django.utils import timezone

    from gir.models import Department, User
    from incidents.services import incident_register

    reporter_id, department_id, count, hours_ago = (int(a) for a in sys.argv[1:5])
    reporter, department = User.objects.get(pk=reporter_id), Department.objects.get(pk=department_id)
    durations, errors = [], []
    for i in range(count):
        started = time.monotonic()
        try:
            incident_register(
                reporter=reporter,
                occurred_at=timezone.now() - timedelta(hours=hours_ago, minutes=i),
                department=department,
                location_type="balie",
                description=f"Storingstest {i}",
                forms=["schelden"],
            )
        except Exception as exc:
            errors.append(repr(exc))
        durations.append(time.monotonic() - started)
    print(json.dumps({"durations": durations, "errors": errors}))


if __name__ == "__main__":
    main()
