"""The Regulation's rules about the programme, as pure functions citing their §
(they return the reason for a refusal, or None), and every refusal message a
service raises, as a named constant: the services never build a refusal text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courts.models import Office
from courts.rules import Candidate, add_months, mentor_refusal, tutor_refusal

MENTOR = "mentor"
TUTOR = "tutor"


def roster_refusal(
    role: str,
    candidate: Candidate,
    *,
    already_listed: bool,
    protege_now: bool,
    same_region: bool,
    first_year: bool = False,
) -> str | None:
    """§8, §11, §12: may this judge be added to the region's roster as `role`?

    Refused: a protégé in a live participation, and a first-appointed judge in
    their first year (§1.4). A judge who merely has a ground — transferred from
    another region after twenty years, a small-court chair back from childcare
    leave — may be listed (§11 second sentence)."""
    if not same_region:
        return _("§8: the roster of a region lists judges of that region only.")
    if already_listed:
        return _("§8: this judge is already on the roster (nobody appears twice).")
    if protege_now:
        return _(
            "§1.4: a judge who takes part in the programme as a protégé cannot be listed "
            "as a mentor or tutor."
        )
    if first_year:
        return _(
            "§1.4: a judge in the first year after first appointment is a protégé and cannot "
            "be listed as a mentor or tutor."
        )
    if role == TUTOR:
        return tutor_refusal(candidate)
    if role == MENTOR:
        return mentor_refusal(candidate)
    return _("Unknown role.")


def meeting_date_refusal(
    held_on: dt.date, *, today: dt.date, facts: list[tuple[str, dt.date]]
) -> str | None:
    """§14: a protocol records a meeting that took place (never in the future)
    and decides on the information presented to it: never dated before a
    petition it decides or a report it relies on. `facts`: (what, its date)."""
    if held_on > today:
        return str(PROTOCOL_RECORDS_MEETING_TAKEN_PLACE)
    for fact, on in sorted(facts, key=lambda f: f[1], reverse=True):
        if held_on < on:
            return str(MEETING_BEFORE_FACT) % {
                "held": date_format(held_on, "SHORT_DATE_FORMAT"),
                "fact": fact,
                "date": date_format(on, "SHORT_DATE_FORMAT"),
            }
    return None


def approval_refusal(*, pending_consent: int, changes: int) -> str | None:
    """§4.1, §8: an order approves the additions whose candidates have accepted
    (voluntariness) and the proposed removals. A candidate who has not yet
    answered is left out of the order and stays in the draft for a later
    amendment (§8: the roster "may be updated and supplemented"), so one
    silent candidate — or one without an account yet — never blocks the rest.
    `changes` counts the accepted additions and the removals."""
    if changes == 0 and pending_consent:
        return _(
            "§4.1: %(n)d candidate(s) have not yet accepted; there is nothing the order "
            "could approve yet (a candidate is listed only after consenting)."
        ) % {"n": pending_consent}
    if changes == 0:
        return _("§8: there is no change to approve.")
    return None


COORDINATOR_BASES = {
    "regional_judge": "§9",
    "retired_judge": "§9",
    "branch_secretary": "§9",
    "training_coordinator": "§9",
    "collegium_chair": "§9",
}


def coordinator_refusal(
    basis: str,
    *,
    judge_court_level: str | None,
    judge_status: str | None,
    judge_position: str | None,
    judge_court_small: bool,
    judge_in_region: bool,
    holds_region_office: bool = False,
) -> str | None:
    """§9: who may be designated coordinator of mentorship in a region.

    A judge of the regional court, a retired judge, the secretary of the Union
    branch, the regional court's coordinator of training programmes; in small
    courts, the chair of a court collegium. Each of them of this region (#12.4):
    a judge by their (last) court, the secretary and the training coordinator
    by a judge's record in the region or an office of the region's branch or
    Training Centre.
    """
    if basis == "regional_judge":
        if judge_court_level != "regional" or judge_status != "serving" or not judge_in_region:
            return _("§9: the person must be a serving judge of this region's regional court.")
    elif basis == "retired_judge":
        if judge_status != "retired" or not judge_in_region:
            return _("§9: the person must be a retired judge who last served in this region.")
    elif basis == "collegium_chair":
        if judge_position != "collegium_chair" or not judge_court_small or not judge_in_region:
            return _(
                "§9: only in a small court of the region may the chair of a court "
                "collegium coordinate."
            )
    elif basis in ("branch_secretary", "training_coordinator"):
        if not (judge_in_region or holds_region_office):
            return _(
                "§9: the secretary of the Union branch or the coordinator of training "
                "programmes must belong to this region: a judge of it, or a holder of "
                "an office of its branch or Training Centre."
            )
    elif basis not in COORDINATOR_BASES:
        return _("§9: unknown basis for the designation.")
    return None


# §9: the offices of a region whose holders may be designated as its branch
# secretary or coordinator of training programmes
COORDINATOR_OFFICES = (Office.BRANCH_COUNCIL, Office.TRAINING_CENTRE)

DESIGNATION_LOOKBACK_DAYS = 365  # #12.4: a decision is recorded within a year


def designation_date_refusal(
    decided_on: dt.date, *, today: dt.date, last_decided_on: dt.date | None
) -> str | None:
    """§9, #12.4: the council's decision date is bounded — not in the future,
    not more than a year back, not before the designation it replaces."""
    if decided_on > today:
        return _("§9: the date of the council's decision cannot be in the future.")
    if decided_on < today - dt.timedelta(days=DESIGNATION_LOOKBACK_DAYS):
        return _("§9: a designation is recorded within a year of the council's decision.")
    if last_decided_on is not None and decided_on < last_decided_on:
        return _(
            "§9: the current coordinator was designated by a decision of %(date)s; "
            "a new decision cannot be dated before it."
        ) % {"date": date_format(last_decided_on, "SHORT_DATE_FORMAT")}
    return None


# --- §1.6, §5 terms; §6 workload; §4.3 hearing reviews -------------------------


DEFAULT_TERM_MONTHS = 12  # §5: one year
MAX_TERM_MONTHS = 36  # §1.6: one to three years in total, extensions included
WORKLOAD_MAX_PERCENT = 30  # §6
WORKLOAD_WINDOW_MONTHS = 6  # §6: during the first six months


def term_last_day(start: dt.date, months: int) -> dt.date:
    """The last day of a term of `months` starting on `start` (inclusive)."""
    return add_months(start, months) - dt.timedelta(days=1)


def default_term_end(registered_on: dt.date) -> dt.date:
    """§5: the term runs twelve months from registration."""
    return term_last_day(registered_on, DEFAULT_TERM_MONTHS)


def longest_term_end(registered_on: dt.date) -> dt.date:
    """§1.6: no term, extensions included, runs past three years."""
    return term_last_day(registered_on, MAX_TERM_MONTHS)


def extension_refusal(
    *, registered_on: dt.date, current_end: dt.date, new_end: dt.date
) -> str | None:
    """§5, §1.6: the regional court chair may extend the programme's term,
    never beyond 36 months in total from its start (`registered_on`: the
    registration of the participation's first pair)."""
    if new_end <= current_end:
        return _("§5: the new end of the term must be later than the current one (%(end)s).") % {
            "end": current_end.strftime("%d.%m.%Y")
        }
    limit = longest_term_end(registered_on)
    if new_end > limit:
        return _(
            "§1.6: a term lasts three years at most, extensions included; this "
            "programme's term may run until %(limit)s at the latest."
        ) % {"limit": limit.strftime("%d.%m.%Y")}
    return None


def workload_window_end(appointed_on: dt.date) -> dt.date:
    """§6: the last day of the first six months after appointment."""
    return term_last_day(appointed_on, WORKLOAD_WINDOW_MONTHS)


def workload_refusal(
    *,
    percent: int,
    starts_on: dt.date,
    ends_on: dt.date,
    appointed_on: dt.date | None,
    today: dt.date | None = None,
) -> str | None:
    """§6: a caseload reduction of 1–30 % for a newly appointed judge, for a
    period inside the first six months after the (first) appointment. An
    order does not reach back before the day it is issued (`today`)."""
    if appointed_on is None:
        return _(
            "§6: the judge's first appointment is not recorded, so the first six months "
            "cannot be determined."
        )
    if not 1 <= percent <= WORKLOAD_MAX_PERCENT:
        return _("§6: the caseload may be reduced by 1 to 30 per cent.")
    if ends_on < starts_on:
        return _("The period ends before it begins.")
    if today is not None and starts_on < today:
        return _("§6: the reduction cannot begin before the order is issued (%(date)s).") % {
            "date": today.strftime("%d.%m.%Y")
        }
    if starts_on < appointed_on:
        return _("§6: the period cannot begin before the appointment (%(date)s).") % {
            "date": appointed_on.strftime("%d.%m.%Y")
        }
    limit = workload_window_end(appointed_on)
    if ends_on > limit:
        return _(
            "§6: the reduction applies during the first six months after appointment "
            "only, that is until %(limit)s."
        ) % {"limit": limit.strftime("%d.%m.%Y")}
    return None


def supersede_refusal(
    *,
    same_judge: bool,
    already_superseded: bool,
    earlier_starts_on: dt.date,
    earlier_ends_on: dt.date,
    starts_on: dt.date,
) -> str | None:
    """§6: a later order supersedes an earlier one of the same judge from the
    later order's first day, which falls within the earlier period."""
    if not same_judge:
        return _("§6: an order supersedes an earlier order concerning the same judge.")
    if already_superseded:
        return _("§6: that order has already been superseded by a later one.")
    if not earlier_starts_on < starts_on <= earlier_ends_on:
        return _(
            "§6: the new order supersedes the earlier one from a day within its period "
            "(%(start)s – %(end)s), after its first day."
        ) % {
            "start": earlier_starts_on.strftime("%d.%m.%Y"),
            "end": earlier_ends_on.strftime("%d.%m.%Y"),
        }
    return None


def hearing_review_refusal(*, held_on: dt.date, today: dt.date) -> str | None:
    """§4.3, §15.1, §15.2: a mentor reviews hearings already held; a review never
    concerns a pending hearing or decision."""
    if held_on > today:
        return _(
            "§4.3, §15.1: a hearing can be reviewed only once it has been held; the mentor "
            "must not influence a pending decision."
        )
    return None


def feedback_refusal(rating: int) -> str | None:
    """§16.3: the protégé rates the programme's effectiveness on a 1–5 scale."""
    if not 1 <= rating <= 5:
        return _("§16.3: the rating is a whole number from 1 to 5.")
    return None


# --- §4.1, §10, §12 pairs ------------------------------------------------------


def pairing_refusal(
    role: str,
    *,
    same_person: bool,
    on_roster_as_role: bool,
    same_region: bool,
    participation_live: bool,
    has_live_pair_of_role: bool,
    mentor_on_leave: bool = False,
    protege_court_level: str = "district",
    mentor_court_level: str = "regional",
    mentor_retired: bool = False,
) -> str | None:
    """§10.1, §10.2, §12: who may be paired with whom. Checked with the same
    facts when the pair is proposed and again when it is registered; the
    protégé's eligibility is not re-derived: it rests on the live
    participation (preamble)."""
    if same_person:
        return _("§1.4, §12: nobody can be their own mentor or tutor.")
    if not same_region:
        return _("§10.2: pairs are formed within the region.")
    if mentor_on_leave:
        return _(
            "§12: the mentor or tutor is on childcare leave and cannot guide a protégé "
            "until they return."
        )
    if not on_roster_as_role:
        return _(
            "§8, §12: the mentor or tutor must be on the region's approved roster in that "
            "role on the day the pair is proposed."
        )
    if not participation_live:
        return _(
            "Preamble, §1.4: the judge does not take part in the programme as a protégé; "
            "admit them first."
        )
    level_reason = court_level_refusal(
        role,
        protege_court_level=protege_court_level,
        mentor_court_level=mentor_court_level,
        mentor_retired=mentor_retired,
    )
    if level_reason:
        return level_reason
    if has_live_pair_of_role:
        return live_pair_refusal(role)
    return None


COURT_RANK = {"district": 1, "regional": 2}


def court_level_refusal(
    role: str, *, protege_court_level: str, mentor_court_level: str, mentor_retired: bool
) -> str | None:
    """§1.2, §1.3, §11, §12: a tutor is a district-level judge for a judge of a
    district-level court (a regional-court protégé gets no tutor); a mentor is
    of a court above the protégé's, or retired."""
    if role == TUTOR:
        if protege_court_level != "district":
            return _(
                "§1.2: a tutor guides a judge of a district-level court; a judge of a "
                "regional-level court is given a mentor."
            )
        return None
    if mentor_retired:
        return None
    if COURT_RANK.get(mentor_court_level, 0) <= COURT_RANK.get(protege_court_level, 0):
        if protege_court_level == "regional":
            return _(
                "§1.3, §12: a mentor is a judge of a court above the protégé's; the system "
                "holds no court above the regional level, so only a retired judge can "
                "mentor this judge."
            )
        return _("§1.3, §12: a mentor is a judge of a court above the protégé's, or retired.")
    return None


def admission_refusal(
    ground: str,
    *,
    derived: set[str],
    retired: bool,
    live_participation: bool,
    application_reasons: str | None = None,
) -> str | None:
    """Preamble, §1, §4.1: a judge is admitted once, on a ground that holds on
    the day: one the career data shows (first appointment within a year, change
    of specialisation or region, return from childcare, a quality flag), or one
    the judge declares in an application with reasons (a young judge needing
    practical help, a serving judge raising their professionalism)."""
    if retired:
        return _("Preamble, §1.4: a retired judge is not a protégé.")
    if live_participation:
        return _("The judge already takes part in the programme (one participation at a time).")
    if ground in ("young_judge", "professional_development"):
        if application_reasons is not None and not application_reasons.strip():
            return _("§4.1: say why you ask to take part in the programme.")
        return None
    if ground not in derived:
        return _(
            "Preamble, §1.4: this ground does not hold for the judge today (see the judge's "
            "career data)."
        )
    return None


def live_pair_refusal(role: str) -> str:
    """§10.1: one tutor and one mentor at most at a time (also the message when
    the database's partial unique constraint refuses a concurrent proposal)."""
    if role == TUTOR:
        return _(
            "§10.1: the protégé already has a tutor (one tutor and one mentor at most at a time)."
        )
    return _(
        "§10.1: the protégé already has a mentor (one tutor and one mentor at most at a time)."
    )


@dataclass(frozen=True)
class PairCandidate:
    """What the suggestion ranking knows about a roster member."""

    entry_id: int
    role: str
    specialisation: str
    court_id: int
    retired: bool
    active_proteges: int
    preference_rank: int | None = None


@dataclass
class Suggestion:
    candidate: PairCandidate
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def rank_candidates(
    *, protege_specialisation: str, protege_court_id: int, candidates: list[PairCandidate]
) -> list[Suggestion]:
    """§8, §10.1, §10.2: order roster members for a protégé, with the reasons.

    +100 for the protégé's first preference (−10 for each later rank, §8);
    +20 for the same specialisation; +10 for a tutor of the protégé's own court;
    −15 for each protégé the candidate already guides (spread the load).
    """
    out = []
    for c in candidates:
        s = Suggestion(c)
        if c.preference_rank is not None:
            s.score += 100 - 10 * (c.preference_rank - 1)
            s.reasons.append(
                _("named by the protégé as preference № %(n)d (§8)") % {"n": c.preference_rank}
            )
        if c.specialisation == protege_specialisation:
            s.score += 20
            s.reasons.append(_("same specialisation"))
        if c.role == TUTOR:
            s.reasons.append(_("tutor from a district-level court (§1.2)"))
            if c.court_id == protege_court_id:
                s.score += 10
                s.reasons.append(_("works in the protégé's court"))
        else:
            s.reasons.append(
                _("retired judge (§12)")
                if c.retired
                else _("mentor from the regional court (§1.3)")
            )
        if c.active_proteges:
            s.score -= 15 * c.active_proteges
            s.reasons.append(_("already guides %(n)d protégé(s)") % {"n": c.active_proteges})
        else:
            s.reasons.append(_("guides no protégé at present"))
        out.append(s)
    out.sort(key=lambda s: (-s.score, s.candidate.entry_id))
    return out


# --- §13, §14, §15.8, §16.4, §16.5, §16.8 reports, petitions, protocols ------------

# §16.8: the protégé's final report covers these four sections; §13: the
# mentor's report at least the work done and the results.
REPORT_REQUIRED = {
    "final": ("work_done", "knowledge_gained", "effectiveness", "proposals"),
    "mentor": ("work_done", "effectiveness"),
}


def report_submission_refusal(kind: str, filled: set[str]) -> str | None:
    missing = [f for f in REPORT_REQUIRED[kind] if f not in filled]
    if not missing:
        return None
    if kind == "final":
        return _(
            "§16.8: the final report covers the work done with the mentor, the knowledge "
            "and skills gained, the programme's effectiveness and proposals; fill in every "
            "section."
        )
    return _("§13: the report states the work done and the results of the programme.")


PETITION_SIDE = {
    "goals_reached": "mentor",
    "no_need": "protege",
    "replace_mentor": "protege",
    "mentor_withdraws": "mentor",
}


def petition_refusal(kind: str, *, side: str | None, reasons: str, pair_active: bool) -> str | None:
    """§15.8: the mentor petitions for early termination once the goals are
    reached; §16.5: the protégé when there is no longer a need; §16.4: the
    protégé proposes replacing the mentor, stating reasons."""
    if kind not in PETITION_SIDE:
        return _("Unknown petition.")
    if not pair_active:
        return _("Petitions concern an active pair.")
    if side != PETITION_SIDE[kind]:
        if kind == "goals_reached":
            return _(
                "§15.8: the mentor (tutor) petitions for early termination when the goals "
                "are reached."
            )
        if kind == "no_need":
            return _(
                "§16.5: the protégé petitions for early termination when there is no longer a need."
            )
        if kind == "mentor_withdraws":
            return _("§4.1: only the mentor (tutor) withdraws from the pair.")
        return _("§16.4: the protégé proposes replacing the mentor.")
    if kind == "replace_mentor" and not reasons.strip():
        return _("§16.4: a proposal to replace the mentor must state the reasons.")
    if kind == "mentor_withdraws" and not reasons.strip():
        return _("§4.1: a mentor (tutor) who withdraws states their reasons.")
    return None


# What an issued decision does to each pair it concerns (§14, §16.4).
DECISION_OUTCOME = {
    "completed": "completed",
    "no_need": "ended_early",
    "replacement": "replaced",
    "objective": "ended",
}
PETITION_OUTCOME = {
    "goals_reached": "completed",
    "no_need": "ended_early",
    "replace_mentor": "replaced",
    "mentor_withdraws": "mentor_withdrew",
}
#: outcomes that end the protégé's programme, not just the pair (§14)
PROGRAMME_ENDS = {"completed": "completed", "ended_early": "no_need"}


def decision_outcome(
    kind: str, *, petition_kind: str | None = None, granted: bool | None = None
) -> str | None:
    """The pair's final state after the decision, or None (a refused petition
    leaves the pair active)."""
    if kind == "petition":
        return PETITION_OUTCOME.get(petition_kind or "") if granted else None
    return DECISION_OUTCOME.get(kind)


def completion_refusal(
    *, mentor_report_presented: bool, final_report_presented: bool, missing_reasons: str
) -> str | None:
    """§13, §14: completion because the goals are reached rests on the reports
    presented; where one was not submitted the council records that, with the
    reasons. (Completion on application rests on the petition: no report is a
    precondition — «ұсынылған ақпараттың нәтижелері бойынша».)"""
    if not (mentor_report_presented and final_report_presented) and not missing_reasons.strip():
        return _(
            "§13, §14: a completion rests on the reports presented; a report of the mentor "
            "(tutor) or of the protégé is missing — record that it was not submitted, and why."
        )
    return None


def objective_ending_refusal(*, reason: str, concerns: str) -> str | None:
    """§14: an ending the text does not name (a participant left office,
    retired, died, moved region, long leave) is recorded by the council."""
    if reason not in ("left_office", "retired", "died", "moved_region", "long_leave"):
        return _("§14: choose the objective reason for the ending.")
    if concerns not in ("protege", "mentor"):
        return _("§14: say which participant the objective reason concerns.")
    return None


def registration_term_refusal(*, term_ends_on: dt.date | None, today: dt.date) -> str | None:
    """§5, §1.6: a pair registered within a participation continues its term;
    once that term has run out, only an extension order opens it again."""
    if term_ends_on is not None and term_ends_on < today:
        return _(
            "§5, §1.6: the programme's term ended on %(end)s; the regional court chair "
            "may extend it by an order before a new pair is registered."
        ) % {"end": term_ends_on.strftime("%d.%m.%Y")}
    return None


# --- refusals of the services, by name ------------------------------------------------
# Every message a service refuses with; the services never build a refusal text.

TWO_JUDGES_PAIR_WORK_PLAN = gettext_lazy("Only the two judges of the pair work on its plan.")
PLAN_KEPT_WHILE_PAIR_ACTIVE = gettext_lazy("The plan is kept while the pair is active.")
JOURNAL_BELONGS_TWO_JUDGES_PAIR = gettext_lazy(
    "§4.2: the journal belongs to the two judges of the pair."
)
JOURNAL_KEPT_WHILE_PAIR_ACTIVE = gettext_lazy("The journal is kept while the pair is active.")
CHOOSE_KIND_ENTRY = gettext_lazy("Choose the kind of entry.")
ENTRY_EMPTY = gettext_lazy("The entry is empty.")
PROTEGE_GIVES_FEEDBACK_PROGRAMME = gettext_lazy(
    "§16.3: the protégé gives feedback on the programme."
)
FEEDBACK_GIVEN_WHILE_PAIR_ACTIVE = gettext_lazy("Feedback is given while the pair is active.")
ALREADY_GIVEN_FEEDBACK_MONTH = gettext_lazy("§16.3: you have already given feedback this month.")
JOURNAL_RECORDS_WHAT_TAKEN_PLACE = gettext_lazy(
    "The journal records what has taken place; the date cannot be in the future."
)
ACTIVE_PAIR_S_TERM_EXTENDED = gettext_lazy("§5: only an active pair's term can be extended.")
STATE_REASONS_EXTENSION_PRIOR_EXPERIENCE = gettext_lazy(
    "§5: state the reasons for the extension (prior experience, professional training)."
)
ORDER_ALREADY_REDUCES_JUDGE_S = gettext_lazy(
    "§6: order № %(number)s of %(date)s already reduces this judge's caseload for part of "
    "that period; issue the new order as superseding it from its first day."
)
TWO_JUDGES_PAIR_ANSWER = gettext_lazy("Only the two judges of the pair can answer.")
PROPOSAL_ALREADY_ANSWERED = gettext_lazy("This proposal has already been answered.")
PETITION_ALREADY_BEFORE_BRANCH_COUNCIL = gettext_lazy(
    "This petition is already before the branch council."
)
PLAN_CANNOT_EDITED_NOW_COURT = gettext_lazy(
    "The plan cannot be edited now: it is with the court chair, in force (propose a correction) or a correction awaits an answer."
)
CHOOSE_ONE_SEVEN_TASKS = gettext_lazy("§3: choose one of the seven tasks.")
DESCRIBE_ITEM_EXPECTED_RESULT = gettext_lazy("Describe the item and its expected result.")
DUE_DATE_MUST_FALL_WITHIN = gettext_lazy(
    "§5: the due date must fall within the term (%(start)s – %(end)s)."
)
ITEM_VERSION_BEING_EDITED = gettext_lazy("This item is not in the version being edited.")
DRAFT_PLAN_SUBMIT = gettext_lazy("There is no draft plan to submit.")
ADD_LEAST_ONE_ITEM_BEFORE = gettext_lazy("§2: add at least one item before submitting the plan.")
PLAN_AWAITS_DECISION = gettext_lazy("No plan awaits your decision.")
SAY_WHAT_SHOULD_REVISED_WHEN = gettext_lazy(
    "§2: say what should be revised when returning the plan."
)
SAY_WHY_PLAN_SHOULD_CORRECTED = gettext_lazy("§16.2: say why the plan should be corrected.")
CORRECTION_POSSIBLE_ONCE_PLAN_APPROVED = gettext_lazy(
    "A correction is possible once the plan is approved."
)
CORRECTION_ALREADY_OPEN = gettext_lazy("A correction is already open.")
CORRECTION_BEING_DRAFTED = gettext_lazy("There is no correction being drafted.")
SIDE_OPENED_CORRECTION_PROPOSES = gettext_lazy("The side that opened the correction proposes it.")
PLAN_NEEDS_LEAST_ONE_ITEM = gettext_lazy("§2: the plan needs at least one item.")
CORRECTION_AWAITS_ANSWER = gettext_lazy("No correction awaits your answer.")
OTHER_SIDE_PAIR_ANSWERS_CORRECTION = gettext_lazy(
    "§15.5, §16.2: the other side of the pair answers a correction."
)
MENTOR_TUTOR_CHECKS_FULFILMENT_PLAN = gettext_lazy(
    "§15.5: the mentor or tutor checks the fulfilment of the plan."
)
ITEMS_CHECKED_PLAN_FORCE = gettext_lazy("§15.5: items are checked in the plan in force.")
PROTOCOL_RECORDS_MEETING_TAKEN_PLACE = gettext_lazy(
    "§14: the protocol records a meeting that has taken place."
)
LIST_MEMBERS_PRESENT = gettext_lazy("§14: list the members present.")
MEETING_BEFORE_FACT = gettext_lazy(
    "§14: a meeting of %(held)s cannot decide on %(fact)s of %(date)s: the council decides "
    "on the information presented to it, so its meeting cannot be earlier. Correct the date "
    "of the meeting."
)
ONLY_DRAFT_PROTOCOL_DELETED = gettext_lazy(
    "§14: only a draft protocol is deleted; an issued protocol is kept as it was issued."
)
ISSUED_PROTOCOL_CHANGED = gettext_lazy("§14: an issued protocol is not changed.")
CHOOSE_KIND_DECISION = gettext_lazy("Choose the kind of decision.")
CHOOSE_LEAST_ONE_PAIR = gettext_lazy("Choose at least one pair.")
GIVE_REASONS_REPLACING_MENTOR = gettext_lazy("§16.4: give the reasons for replacing the mentor.")
PROTOCOL_ALREADY_ISSUED = gettext_lazy("§14: this protocol has already been issued.")
PROTOCOL_DECISION_ISSUE = gettext_lazy("§14: the protocol has no decision to issue.")
RECEIPT_COPY_ALREADY_ACKNOWLEDGED = gettext_lazy(
    "Receipt of this copy has already been acknowledged."
)
CHOOSE_PETITION_DECIDED = gettext_lazy("Choose the petition decided.")
PETITION_ALREADY_DECIDED_PUT_PROTOCOL = gettext_lazy(
    "This petition has already been decided or put on a protocol."
)
SAY_WHETHER_PETITION_GRANTED_REFUSED = gettext_lazy(
    "Say whether the petition is granted or refused."
)
GIVE_REASONS_REFUSING_PETITION = gettext_lazy("§14: give the reasons for refusing the petition.")
DECISION_CONCERNS_ACTIVE_PAIRS_BRANCH = gettext_lazy(
    "§14: the decision concerns active pairs of the branch's region."
)
ALREADY_SUBJECT_ANOTHER_ITEM_PROTOCOL = gettext_lazy(
    "%(pair)s is already the subject of another item of this protocol."
)
PAIR_PROTOCOL_FINALISED_ANOTHER_DECISION = gettext_lazy(
    "§14: a pair of this protocol was finalised by another decision."
)
LONGER_ACTIVE_DECIDED_ALREADY = gettext_lazy(
    "§14: %(pair)s is no longer active; it was decided already."
)
MENTOR_TUTOR_PROTEGE_WRITE_REPORTS = gettext_lazy(
    "§13: the mentor (tutor) and the protégé write the reports."
)
REPORTS_WRITTEN_REGISTERED_PAIR = gettext_lazy("§13: reports are written for a registered pair.")
AUTHOR_EDITS_REPORT = gettext_lazy("Only the author edits a report.")
SUBMITTED_REPORT_EDITED_REVISED_AFTER = gettext_lazy(
    "A submitted report is not edited; it can only be revised after it is returned."
)
CHOOSE_BRANCH_COUNCIL_TRAINING_CENTRE = gettext_lazy(
    "§13: choose the branch council or the Training Centre."
)
AUTHOR_SUBMITS_REPORT = gettext_lazy("Only the author submits a report.")
REPORT_ALREADY_SUBMITTED = gettext_lazy("This report has already been submitted.")
SUBMITTED_REPORT_ACCEPTED_RETURNED = gettext_lazy(
    "Only a submitted report can be accepted or returned."
)
SAY_WHAT_SHOULD_REVISED_WHEN_2 = gettext_lazy(
    "Say what should be revised when returning the report."
)
AUTHOR_REVISES_REPORT = gettext_lazy("Only the author revises a report.")
RETURNED_REPORT_REVISED_ONCE = gettext_lazy("Only a returned report can be revised, once.")
NEWER_VERSION_REPORT_ALREADY_EXISTS = gettext_lazy(
    "A newer version of this report already exists; continue with it."
)
FILES_ATTACHED_AUTHOR_DRAFT_REPORT = gettext_lazy(
    "Files are attached by the author to a draft report."
)
CANDIDATE_ANSWER_INVITATION = gettext_lazy("Only the candidate can answer this invitation.")
INVITATION_ALREADY_ANSWERED = gettext_lazy("This invitation has already been answered.")
JUDGE_ALREADY_REMOVED_FROM_ROSTER = gettext_lazy(
    "This judge has already been removed from the roster."
)
JUDGE_WHO_QUALIFIES_PROTEGE_STATES = gettext_lazy(
    "§8: only a judge who qualifies as a protégé states preferences."
)
CHOOSE_MOST_THREE_PREFERRED_MENTORS = gettext_lazy(
    "Choose at most three preferred mentors or tutors."
)
JUDGE_ALREADY_ROSTER_NOBODY_APPEARS = gettext_lazy(
    "§8: this judge is already on the roster (nobody appears twice)."
)
PREFERENCES_CHOSEN_FROM_APPROVED_ROSTER = gettext_lazy(
    "§8: preferences are chosen from the approved roster of your region."
)
ATTENDANCE_RECORDED_ONCE_SEMINAR_TAKEN = gettext_lazy(
    "Attendance can be recorded once the seminar has taken place."
)
COMMENT_EMPTY = gettext_lazy("The comment is empty.")
ONLY_A_JUDGE_APPLIES = gettext_lazy("§4.1: a judge applies to take part in the programme.")
CHOOSE_GROUND = gettext_lazy("Preamble, §1: choose the ground on which you apply.")
SAY_WHY_YOU_APPLY = gettext_lazy("§4.1: say why you ask to take part in the programme.")
ALREADY_TAKES_PART = gettext_lazy(
    "The judge already takes part in the programme (one participation at a time)."
)
APPLICATION_ALREADY_DECIDED = gettext_lazy("This application has already been decided.")
GIVE_REASONS_DECLINING_APPLICATION = gettext_lazy(
    "§10.1: give the reasons for declining the application; the judge is told them."
)
NOT_A_PROTEGE_TODAY = gettext_lazy(
    "Preamble, §1.4: no ground holds for this judge today, and the judge has not applied."
)
PAIR_MEMBERS_WITHDRAW_CONSENT = gettext_lazy(
    "§4.1: only the two judges of the pair withdraw their consent."
)
CONSENT_WITHDRAWN_BEFORE_REGISTRATION = gettext_lazy(
    "§4.1: consent can be withdrawn until the pair is registered; after that, a petition "
    "goes to the branch council."
)
MENTOR_SELECTION_IS_COUNCIL_DECISION = gettext_lazy(
    "§12: the branch council selects mentors; give the number and date of its decision."
)
COUNCIL_DECISION_DATE_NOT_FUTURE = gettext_lazy(
    "§12: the branch council's decision cannot be dated in the future."
)
PLAN_CARRIED_OVER = gettext_lazy(
    "Carried over from the earlier pair of the same programme (the programme in force)."
)
EDUCATIONAL_EVENT_IS_REGIONAL = gettext_lazy(
    "§10.4: an educational event is organised by the coordinator of a region."
)
CHOOSE_KIND_OF_EVENT = gettext_lazy("Choose an orientation seminar or an educational event.")
