"""The Regulation's rules about the programme (rosters, coordinators), as pure
functions citing their §. They return the reason for a refusal, or None."""

from __future__ import annotations

from django.utils.translation import gettext as _

from courts.rules import Candidate, mentor_refusal, tutor_refusal

MENTOR = "mentor"
TUTOR = "tutor"


def roster_refusal(role: str, candidate: Candidate, *, already_listed: bool,
                   qualifies_as_protege: bool, same_region: bool) -> str | None:
    """§8, §11, §12: may this judge be added to the region's roster as `role`?"""
    if not same_region:
        return _("§8: the roster of a region lists judges of that region only.")
    if already_listed:
        return _("§8: this judge is already on the roster (nobody appears twice).")
    if qualifies_as_protege:
        return _("§1.4: a judge who is a protégé cannot be listed as a mentor or tutor.")
    if role == TUTOR:
        return tutor_refusal(candidate)
    if role == MENTOR:
        return mentor_refusal(candidate)
    return _("Unknown role.")


def approval_refusal(*, pending_consent: int, changes: int) -> str | None:
    """§4.1, §8: a roster (or amendment) is approved only when every candidate
    has accepted (voluntariness) and there is something to approve."""
    if changes == 0:
        return _("§8: there is no change to approve.")
    if pending_consent:
        return _("§4.1: %(n)d candidate(s) have not yet accepted; the roster cannot be approved "
                 "until every candidate has consented or been removed.") % {"n": pending_consent}
    return None


COORDINATOR_BASES = {
    "regional_judge": "§9",
    "retired_judge": "§9",
    "branch_secretary": "§9",
    "training_coordinator": "§9",
    "collegium_chair": "§9",
}


def coordinator_refusal(basis: str, *, judge_court_level: str | None, judge_status: str | None,
                        judge_position: str | None, judge_court_small: bool,
                        judge_in_region: bool) -> str | None:
    """§9: who may be designated coordinator of mentorship in a region.

    A judge of the regional court, a retired judge, the secretary of the Union
    branch, the regional court's coordinator of training programmes; in small
    courts, the chair of a court collegium.
    """
    if basis == "regional_judge":
        if judge_court_level != "regional" or judge_status != "serving" or not judge_in_region:
            return _("§9: the person must be a serving judge of this region's regional court.")
    elif basis == "retired_judge":
        if judge_status != "retired":
            return _("§9: the person must be a retired judge.")
    elif basis == "collegium_chair":
        if judge_position != "collegium_chair" or not judge_court_small or not judge_in_region:
            return _("§9: only in a small court of the region may the chair of a court "
                     "collegium coordinate.")
    elif basis not in COORDINATOR_BASES:
        return _("§9: unknown basis for the designation.")
    return None
