"""CPU time and memory of processes, read from /proc (Linux): robust under other load.

Wall-clock times on a shared machine include waiting for a core; the CPU time a process
spent is what the request cost. ``/proc/<pid>/stat`` counts in clock ticks of 10 ms and covers
every thread, ended ones included: right for sums over many requests (the load test).
``/proc/<pid>/schedstat`` counts nanoseconds of one thread: right for one request of a
single-threaded process (a PostgreSQL backend), where a 10 ms tick is as large as the request.
"""

from __future__ import annotations

import os
from pathlib import Path

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def _fields(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()  # after "pid (comm) "


def cpu_ms(pid: int) -> float:
    """User + system CPU time of a process so far (0 when it is gone)."""
    try:
        fields = _fields(pid)
    except (FileNotFoundError, ProcessLookupError, ValueError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) * TICK_MS  # utime, stime


def cpu_ms_precise(pid: int) -> float:
    """CPU time of a single-threaded process in nanosecond resolution (ticks where unavailable)."""
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1_000_000
    except (FileNotFoundError, ProcessLookupError, ValueError, IndexError):
        return cpu_ms(pid)


def rss_mb(pid: int) -> float:
    """Resident memory (VmRSS) in MiB; shared pages count in every process that maps them."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except FileNotFoundError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    """Direct child processes (gunicorn's workers of its master)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_fields(int(entry.name))[1]) == pid:
                    found.append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError, ValueError, IndexError):
                continue
    return found


def backend_pid(connection) -> int:
    """The PostgreSQL backend serving this Django connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]
