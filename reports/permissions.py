"""Who may request, read and contribute to the annual analysis (§17–19)."""

from __future__ import annotations

import rules

from courts.models import Office
from mentorship.permissions import holds, office_of
from programs.permissions import region_office


@rules.predicate
def reads_annual_report(user, report) -> bool:
    """A regional report: the branch council, the Training Centre and the
    coordinator of the region (§10.5 monitoring) and the national bodies; a
    national report: the national bodies."""
    office = office_of(user)
    if office is None or report is None:
        return False
    if office.office in (Office.CENTRAL_COUNCIL, Office.UNION_CHAIR):
        return True
    return (
        report.region_id is not None
        and office.region_id == report.region_id
        and office.office in (Office.BRANCH_COUNCIL, Office.TRAINING_CENTRE, Office.COORDINATOR)
    )


national_body = holds(Office.CENTRAL_COUNCIL, Office.UNION_CHAIR)

rules.add_perm(
    "reports.request_regional", region_office(Office.BRANCH_COUNCIL, Office.TRAINING_CENTRE)
)
rules.add_perm("reports.request_national", national_body)
rules.add_perm("reports.view_annual", reads_annual_report)
rules.add_perm(
    "reports.list_annual",
    national_body | holds(Office.BRANCH_COUNCIL, Office.TRAINING_CENTRE, Office.COORDINATOR),
)
# §17: the branch council or the Training Centre raises the question of rewarding
rules.add_perm("reports.nominate", region_office(Office.BRANCH_COUNCIL, Office.TRAINING_CENTRE))
rules.add_perm("reports.recommend", holds(Office.CENTRAL_COUNCIL))
rules.add_perm("reports.chair_report", holds(Office.UNION_CHAIR))
