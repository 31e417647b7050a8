"""§6: judges who may receive a workload reduction."""

from __future__ import annotations

import datetime as dt

from courts.collation import by_name
from courts.models import Judge
from courts.rules import first_appointment

from ..regulation import workload_window_end


def workload_candidates(court, today: dt.date) -> list[dict]:
    """§6: serving judges of the court still in their first six months after
    appointment, with the last day a reduction may cover."""

    out = []
    for judge in (
        Judge.objects.filter(court=court, status="serving")
        .prefetch_related("career_events")
        .order_by(*by_name())
    ):
        appointed = first_appointment(judge.career())
        if appointed and workload_window_end(appointed) >= today:
            out.append(
                {"judge": judge, "appointed": appointed, "until": workload_window_end(appointed)}
            )
    return out
