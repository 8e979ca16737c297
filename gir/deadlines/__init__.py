"""The one deadline mechanism of GIR (DESIGN.md "Deadlines" and the invariants).

- ``arithmetic``: pure time arithmetic, no database.
- ``services``: open, close and reschedule deadline rows.
- ``scan``: the periodic scan that reminds, notifies at due and escalates, each exactly once.
"""

from gir.deadlines.services import deadline_close, deadline_open, deadline_reschedule

__all__ = ["deadline_close", "deadline_open", "deadline_reschedule"]
