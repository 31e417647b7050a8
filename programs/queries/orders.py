"""§6: judges who may receive a workload reduction."""

from __future__ import annotations

import datetime as dt

from django.db.models import F

from courts.collation import by_name
from courts.models import Judge
from courts.queries import PlusMonths, first_appointed

from ..regulation import WORKLOAD_WINDOW_MONTHS, workload_window_end


def workload_candidates(court, today: dt.date) -> list[dict]:
    """§6: serving judges of the court still in their first six months after
    appointment, with the last day a reduction may cover. The database picks
    them (the window in PostgreSQL's month arithmetic, as add_months does):
    a court's few newcomers, not its every judge, reach Python (#16)."""
    judges = (
        Judge.objects.filter(court=court, status="serving")
        .annotate(appointed=first_appointed())
        .alias(window_ends=PlusMonths(F("appointed"), WORKLOAD_WINDOW_MONTHS))
        .filter(appointed__isnull=False, window_ends__gt=today)
        .order_by(*by_name(), "pk")
    )
    return [
        {"judge": j, "appointed": j.appointed, "until": workload_window_end(j.appointed)}
        for j in judges
    ]
