"""Every state change of the programme, one function per business action,
one module per part of the Regulation. Each checks its rules
(`programs.regulation`, citing §) and permission, runs in one transaction and
locks what it changes. Refusals raise `Refused` and change nothing."""

from ._common import candidate_facts
from .journal import add_journal_entry, give_feedback
from .orders import extend_term, issue_workload_order, next_order_number
from .pairs import answer_pair, propose_pair, register_pair, withdraw_consent, withdraw_pair
from .participations import apply_to_programme, decide_application, live_participation
from .petitions import file_petition
from .plans import (
    add_plan_item,
    answer_correction,
    check_plan_item,
    comment_plan,
    decide_plan,
    propose_correction,
    remove_plan_item,
    start_correction,
    submit_plan,
)
from .protocols import (
    acknowledge_copy,
    add_decision,
    create_protocol,
    delete_protocol,
    issue_protocol,
    remove_decision,
    update_protocol,
)
from .reports import (
    REPORTABLE,
    add_attachment,
    decide_report,
    revise_report,
    save_report,
    start_report,
    submit_report,
)
from .rosters import (
    answer_roster_invitation,
    approve_roster,
    designate_coordinator,
    pending_changes,
    propose_roster_member,
    roster_for,
    set_preferences,
    withdraw_or_propose_removal,
)
from .seminars import invite_to_seminar, record_attendance, schedule_seminar
from .term_watch import REMINDER_DAYS, watch_terms

__all__ = [
    "candidate_facts",
    "designate_coordinator",
    "roster_for",
    "propose_roster_member",
    "answer_roster_invitation",
    "withdraw_or_propose_removal",
    "pending_changes",
    "approve_roster",
    "set_preferences",
    "schedule_seminar",
    "invite_to_seminar",
    "record_attendance",
    "next_order_number",
    "extend_term",
    "issue_workload_order",
    "propose_pair",
    "answer_pair",
    "withdraw_pair",
    "register_pair",
    "add_plan_item",
    "remove_plan_item",
    "submit_plan",
    "decide_plan",
    "start_correction",
    "propose_correction",
    "answer_correction",
    "check_plan_item",
    "add_journal_entry",
    "give_feedback",
    "REPORTABLE",
    "start_report",
    "save_report",
    "submit_report",
    "decide_report",
    "revise_report",
    "add_attachment",
    "file_petition",
    "create_protocol",
    "delete_protocol",
    "update_protocol",
    "add_decision",
    "remove_decision",
    "issue_protocol",
    "acknowledge_copy",
    "REMINDER_DAYS",
    "watch_terms",
    "withdraw_consent",
    "comment_plan",
    "apply_to_programme",
    "decide_application",
    "live_participation",
]
