"""The annual analysis (§17–19), one module per part: `figures` counts,
`annual` requests and generates the report, `nominations` records what the
branches and the Central Council propose. Callers import from here."""

from .annual import (
    ANNUAL_LOCK,
    STALE_AFTER,
    annual_reports_due,
    build_context,
    generate_annual_report,
    request_annual_report,
)
from .figures import REGISTERED, best_mentors, compute_figures, regions_table
from .nominations import (
    nominate,
    propose_improvement,
    recommend,
    record_nomination_outcome,
)
from .workbook import build_workbook

__all__ = [
    "ANNUAL_LOCK",
    "REGISTERED",
    "STALE_AFTER",
    "annual_reports_due",
    "best_mentors",
    "build_context",
    "build_workbook",
    "compute_figures",
    "generate_annual_report",
    "nominate",
    "propose_improvement",
    "recommend",
    "record_nomination_outcome",
    "regions_table",
    "request_annual_report",
]
