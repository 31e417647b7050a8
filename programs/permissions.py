"""Who may do what to which programme object (django-rules predicates)."""

from __future__ import annotations

import rules

from courts.models import NATIONAL_OFFICES, Office
from mentorship.permissions import holds, is_judge, office_of

from . import visibility


def region_office(*names: str):
    @rules.predicate(name=f"region_office_{'_'.join(names)}")
    def predicate(user, region) -> bool:
        office = office_of(user)
        return (
            office is not None
            and region is not None
            and office.office in names
            and office.region_id == region.pk
        )

    return predicate


@rules.predicate
def national(user) -> bool:
    office = office_of(user)
    return office is not None and office.office in NATIONAL_OFFICES


@rules.predicate
def sees_region(user, region) -> bool:
    """Region in the active office's scope, or the judge's own region."""
    if region is None:
        return False
    office = office_of(user)
    if office is not None:
        if office.office in NATIONAL_OFFICES:
            return True
        if office.region_id:
            return office.region_id == region.pk
        if office.court is not None:
            return office.court.region_id == region.pk
    judge = getattr(user, "judge", None)
    return judge is not None and judge.court.region_id == region.pk


@rules.predicate
def central_council(user, region=None) -> bool:
    office = office_of(user)
    return office is not None and office.office == Office.CENTRAL_COUNCIL


@rules.predicate
def branch_council_of(user, region) -> bool:
    office = office_of(user)
    return (
        office is not None
        and region is not None
        and office.office == Office.BRANCH_COUNCIL
        and office.region_id == region.pk
    )


@rules.predicate
def organiser(user, seminar) -> bool:
    return seminar is not None and seminar.organised_by_id == user.pk


@rules.predicate
def sees_seminar(user, seminar) -> bool:
    if seminar is None:
        return False
    if seminar.region_id is None:
        return bool(office_of(user) or getattr(user, "judge", None))
    return sees_region(user, seminar.region)


rules.add_perm("programs.designate_coordinator", region_office(Office.BRANCH_COUNCIL))
rules.add_perm("programs.edit_roster", region_office(Office.COORDINATOR, Office.BRANCH_COUNCIL))
rules.add_perm("programs.approve_roster", region_office(Office.REGIONAL_CHAIR))
rules.add_perm("programs.view_roster", sees_region)
rules.add_perm("programs.state_preferences", is_judge)
rules.add_perm("programs.organise_seminar", central_council | branch_council_of)
# §10.4: the coordinator organises educational events for the pairs of the region
rules.add_perm(
    "programs.organise_event",
    region_office(Office.COORDINATOR, Office.BRANCH_COUNCIL),
)
rules.add_perm("programs.manage_seminar", organiser)
rules.add_perm("programs.view_seminar", sees_seminar | organiser)


def visible_in(query, name: str):
    """`view_*` permissions are membership in the entity's one visibility
    queryset (programs.visibility), so a page and its list never disagree."""

    @rules.predicate(name=f"visible_{name}")
    def predicate(user, obj) -> bool:
        return visibility.sees(query(user, office_of(user)), obj)

    return predicate


# --- pairs, plans, journal (§2, §4.2, §5, §6, §10, §12, §16.3) -------------------


@rules.predicate
def chairs_court_of(user, judge) -> bool:
    """§2, §6: the chair of the judge's court (the regional court chair for a
    judge of the regional-level court)."""
    office = office_of(user)
    if office is None or judge is None:
        return False
    court = judge.court
    if office.office == Office.COURT_CHAIR:
        return office.court_id == court.id
    if office.office == Office.REGIONAL_CHAIR:
        return court.level == "regional" and office.region_id == court.region_id
    return False


@rules.predicate
def chairs_protege_court(user, pair) -> bool:
    return pair is not None and chairs_court_of(user, pair.protege)


@rules.predicate
def pair_member(user, pair) -> bool:
    return pair is not None and pair.side_of(user) is not None


@rules.predicate
def journal_member(user, pair) -> bool:
    """§4.2, #12: by the accounts bound to the pair (Pair.journal_side)."""
    return pair is not None and pair.journal_side(user) is not None


@rules.predicate
def pair_protege(user, pair) -> bool:
    return pair is not None and pair.side_of(user) == "protege"


def pair_region_office(*names: str):
    @rules.predicate(name=f"pair_region_office_{'_'.join(names)}")
    def predicate(user, pair) -> bool:
        office = office_of(user)
        return (
            office is not None
            and pair is not None
            and office.office in names
            and office.region_id == pair.region_id
        )

    return predicate


@rules.predicate
def lists_pairs(user) -> bool:
    office = office_of(user)
    return office is not None and office.office != Office.ADMINISTRATOR


rules.add_perm(
    "programs.view_needs",
    region_office(Office.COORDINATOR, Office.BRANCH_COUNCIL, Office.TRAINING_CENTRE),
)
rules.add_perm("programs.flag_quality", chairs_court_of)
rules.add_perm("programs.propose_pair", region_office(Office.COORDINATOR, Office.BRANCH_COUNCIL))
# §10.3: the coordinator assists in drawing up the individual programme
rules.add_perm("programs.comment_plan", region_office(Office.COORDINATOR))
# §10.5: the coordinator monitors the pairs' reports by their statuses (never their text)
rules.add_perm("programs.see_report_statuses", region_office(Office.COORDINATOR))
# §10.1, §4.1: the coordinator (or the branch council) admits a judge's application
rules.add_perm(
    "programs.admit_participation", region_office(Office.COORDINATOR, Office.BRANCH_COUNCIL)
)
rules.add_perm(
    "programs.register_pair", region_office(Office.BRANCH_COUNCIL, Office.TRAINING_CENTRE)
)
rules.add_perm("programs.list_pairs", lists_pairs)
rules.add_perm("programs.view_pair", visible_in(visibility.pairs, "pair"))
rules.add_perm("programs.extend_term", region_office(Office.REGIONAL_CHAIR))
rules.add_perm("programs.workload_order", chairs_court_of)
rules.add_perm("programs.decide_plan", chairs_protege_court)
rules.add_perm("programs.edit_plan", pair_member)
# §4.2: the journal is the pair's alone; no office opens it
rules.add_perm("programs.read_journal", journal_member)
rules.add_perm("programs.give_feedback", pair_protege)
rules.add_perm(
    "programs.view_feedback",
    pair_protege | pair_region_office(Office.COORDINATOR, Office.BRANCH_COUNCIL),
)


# --- reports, petitions, protocols, copies, personal files (§13, §14) ------------


@rules.predicate
def report_addressee(user, report) -> bool:
    """§13: the body the report is addressed to, in the pair's region."""
    office = office_of(user)
    return (
        office is not None
        and report is not None
        and office.office == report.addressee
        and office.region_id == report.pair.region_id
    )


@rules.predicate
def copy_recipient(user, copy) -> bool:
    office = office_of(user)
    if office is None or copy is None:
        return False
    if copy.recipient == "training_centre":
        return office.office == Office.TRAINING_CENTRE and office.region_id == copy.region_id
    return office.office == Office.HR_OFFICER and office.court_id == copy.court_id


rules.add_perm("programs.write_report", pair_member)
rules.add_perm("programs.view_report", visible_in(visibility.reports, "report"))
rules.add_perm("programs.decide_report", report_addressee)
rules.add_perm("programs.petition", pair_member)
rules.add_perm("programs.keep_protocols", region_office(Office.BRANCH_COUNCIL))
rules.add_perm(
    "programs.view_council_queue", region_office(Office.BRANCH_COUNCIL, Office.TRAINING_CENTRE)
)
rules.add_perm("programs.view_protocol", visible_in(visibility.protocols, "protocol"))
rules.add_perm("programs.receive_copy", copy_recipient)
rules.add_perm("programs.copies_inbox", holds(Office.TRAINING_CENTRE, Office.HR_OFFICER))
rules.add_perm("programs.personal_file", visible_in(visibility.personal_files, "personal_file"))


# §6: the order concerns the judge, the chair who issued it and the court's HR
rules.add_perm(
    "programs.view_workload_order", visible_in(visibility.workload_orders, "workload_order")
)
