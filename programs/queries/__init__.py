"""The read side of the programme: what a user may see, one visibility query
per entity, with the joins a page needs so it costs a fixed number of queries."""

from ._common import (
    regions_visible_to,
)
from .orders import (
    workload_candidates,
)
from .pairs import (
    needs_analysis,
    needs_analysis_judges,
    needs_analysis_rows,
    pair_candidates,
    pair_figure_filters,
    pairs_of,
    pairs_visible_to,
    pairs_with_judges,
    quality_flag_judges,
    quality_flag_rows,
    register_rows,
    without_a_pair,
)
from .participations import (
    applications,
    episodes,
    participation_of,
)
from .pending import (
    pending_work,
)
from .plans import (
    plan_changes,
    plan_status,
    plan_versions,
    plans_awaiting_decision,
)
from .protocols import (
    copies_for,
    council_queue,
    council_queue_petitions,
    council_queue_reports,
    personal_file,
    protocols_visible_to,
)
from .rosters import (
    invitations_for,
    judges_for_roster_search,
    roster_draft,
    roster_members_on,
    roster_orders,
)
from .seminars import (
    seminar_invitations_for,
    seminar_invitees,
    seminars_visible_to,
)

__all__ = [
    "pending_work",
    "pair_figure_filters",
    "pairs_with_judges",
    "regions_visible_to",
    "roster_members_on",
    "roster_draft",
    "roster_orders",
    "invitations_for",
    "judges_for_roster_search",
    "seminars_visible_to",
    "seminar_invitations_for",
    "seminar_invitees",
    "needs_analysis",
    "needs_analysis_judges",
    "needs_analysis_rows",
    "without_a_pair",
    "pairs_visible_to",
    "quality_flag_judges",
    "quality_flag_rows",
    "register_rows",
    "pairs_of",
    "pair_candidates",
    "plan_versions",
    "plan_changes",
    "plan_status",
    "plans_awaiting_decision",
    "council_queue",
    "council_queue_petitions",
    "council_queue_reports",
    "protocols_visible_to",
    "copies_for",
    "personal_file",
    "workload_candidates",
    "applications",
    "episodes",
    "participation_of",
]
