"""Every hook event of GIR, in one place (CONVENTIONS.md "Plug-ins").

A service announces that something happened with ``gir.registry.run_hooks(EVENT, ...)``; another
app reacts by registering a function for that event in its ``plugins.register()``. Hooks are
explicit calls, not Django signals, and run inside the caller's transaction. Registering for or
running a name that is not listed here fails at once (``gir.registry.UnknownEvent``).

An event exists only while some app listens to it: add one together with its first listener.
"""

from __future__ import annotations

# A new incident was filed. Arguments: incident, by (the reporter).
# Listener: aftercare opens a case and its talks for every employee involved.
INCIDENT_REGISTERED = "incident_registered"

# The incident's time (occurred_at) was corrected. Arguments: incident, by.
# Listener: aftercare moves the talks' due dates, which count from the incident time.
INCIDENT_TIME_CHANGED = "incident_time_changed"

# A victim or witness was added after filing. Arguments: involvement, by.
# Listener: aftercare opens a case for that person.
INVOLVEMENT_ADDED = "involvement_added"

EVENTS = frozenset({INCIDENT_REGISTERED, INCIDENT_TIME_CHANGED, INVOLVEMENT_ADDED})
