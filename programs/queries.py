"""Read side of the programme, scoped to the user's office, with a fixed
number of queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from courts.models import CareerEvent, Judge, Region
from courts.queries import scope_filter

from .models import (
    Consent,
    ProtegePreference,
    RosterEntry,
    RosterOrder,
    Seminar,
    SeminarInvitation,
)


def regions_visible_to(user, office) -> QuerySet[Region]:
    scope = scope_filter(office, user, "courts__id", "id")
    qs = Region.objects.order_by("name_en")
    return qs if scope is None else qs.filter(scope).distinct()


def _entries():
    return RosterEntry.objects.select_related(
        "judge__court", "added_by", "removed_by").prefetch_related(
        Prefetch("judge__career_events", queryset=CareerEvent.objects.order_by("date", "id")),
        "judge__quality_flags")


def roster_members_on(roster, on: dt.date) -> list[RosterEntry]:
    """§8: the roster as it stood on a date (the chain of orders is the truth)."""
    return list(_entries().filter(roster=roster, added_by__issued_on__lte=on).filter(
        Q(removed_by__isnull=True) | Q(removed_by__issued_on__gt=on)))


def roster_draft(roster) -> list[RosterEntry]:
    return list(_entries().filter(roster=roster).filter(
        Q(added_by__isnull=True) | Q(removal_proposed=True, removed_by__isnull=True)))


def roster_orders(roster) -> list[RosterOrder]:
    return list(RosterOrder.objects.filter(roster=roster).select_related("document", "signatory")
                .order_by("-issued_on", "-number"))


def invitations_for(judge) -> list[RosterEntry]:
    if judge is None:
        return []
    return list(RosterEntry.objects.filter(judge=judge, consent=Consent.PENDING,
                                           added_by__isnull=True)
                .select_related("roster__region"))


def seminars_visible_to(user, office) -> QuerySet[Seminar]:
    scope = scope_filter(office, user, "region__courts__id", "region_id")
    qs = Seminar.objects.select_related("region", "organised_by").order_by("-held_on")
    if scope is None:
        return qs
    return qs.filter(scope | Q(region__isnull=True) | Q(organised_by=user)).distinct()


def seminar_invitations_for(judge) -> list[SeminarInvitation]:
    if judge is None:
        return []
    return list(SeminarInvitation.objects.filter(judge=judge).select_related("seminar__region")
                .order_by("-seminar__held_on"))


def judges_for_roster_search(region, text: str) -> QuerySet[Judge]:
    from courts.queries import search_judges

    qs = Judge.objects.filter(court__region=region).select_related("court").prefetch_related(
        "career_events", "quality_flags")
    return search_judges(qs, text)[:20] if text else qs.none()


def seminar_invitees(seminar) -> list[Judge]:
    """§8: roster members and judges who qualify as protégés, of the seminar's
    region (or of the country for a national seminar)."""
    today = timezone.localdate()
    judges = Judge.objects.exclude(status="retired").select_related("court").prefetch_related(
        "career_events", "quality_flags")
    members = RosterEntry.objects.filter(added_by__isnull=False, removed_by__isnull=True)
    if seminar.region_id:
        judges = judges.filter(court__region_id=seminar.region_id)
        members = members.filter(roster__region_id=seminar.region_id)
    member_ids = set(members.values_list("judge_id", flat=True))
    return [j for j in judges if j.pk in member_ids or j.protege_grounds(today)]


# --- pairs (§10, §12) ---------------------------------------------------------------

def _pairs():
    from .models import Pair

    return Pair.objects.select_related("protege__court", "mentor__court", "region")


def needs_analysis(region, today: dt.date | None = None) -> list[dict]:
    """§10.1: the region's judges who qualify as protégés, with their ground,
    its date, their preferences and their live pairs. Fixed queries."""
    from .models import LIVE_PAIR_STATUSES, Pair

    today = today or timezone.localdate()
    judges = (Judge.objects.filter(court__region=region).exclude(status="retired")
              .select_related("court")
              .prefetch_related(
                  Prefetch("career_events", queryset=CareerEvent.objects.order_by("date", "id")),
                  "quality_flags",
                  Prefetch("preferences", queryset=ProtegePreference.objects.select_related(
                      "entry__judge").order_by("rank")),
                  Prefetch("pairs_as_protege", to_attr="live_pairs",
                           queryset=Pair.objects.filter(status__in=LIVE_PAIR_STATUSES)
                           .select_related("mentor")))
              .order_by("last_name", "first_name"))
    rows = []
    for judge in judges:
        grounds = judge.protege_grounds(today)
        if not grounds:
            continue
        by_role = {p.role: p for p in judge.live_pairs}
        rows.append({"judge": judge, "grounds": grounds, "tutor": by_role.get("tutor"),
                     "mentor": by_role.get("mentor"),
                     "preferences": list(judge.preferences.all())})
    return rows


def pairs_visible_to(user, office) -> QuerySet:
    """The register of pairs (§12) in the office's scope."""
    qs = _pairs().order_by("-registered_on", "-proposed_at")
    if office is None:
        return qs.none()
    if office.office in ("central_council", "union_chair"):
        return qs
    if office.region_id:
        return qs.filter(region_id=office.region_id)
    if office.court_id:
        return qs.filter(Q(protege__court_id=office.court_id) | Q(mentor__court_id=office.court_id))
    return qs.none()


def pairs_of(judge) -> list:
    """The judge's own pairs, as protégé or as mentor/tutor (dashboard)."""
    if judge is None:
        return []
    from .models import PairStatus

    return list(_pairs().filter(Q(protege=judge) | Q(mentor=judge)).filter(
        status__in=[PairStatus.PROPOSED, PairStatus.CONSENTED, PairStatus.ACTIVE]))


def pair_candidates(protege, role: str | None = None) -> list:
    """§8, §10.2: approved roster members of the protégé's region today, with
    their current number of protégés and the protégé's preference rank,
    ranked with the reasons shown (rules.rank_candidates)."""
    from django.db.models import Count

    from .models import PairStatus
    from .rules import PairCandidate, rank_candidates

    today = timezone.localdate()
    entries = (RosterEntry.objects.filter(roster__region_id=protege.court.region_id,
                                          added_by__issued_on__lte=today)
               .filter(Q(removed_by__isnull=True) | Q(removed_by__issued_on__gt=today))
               .exclude(judge=protege).select_related("judge__court")
               .annotate(active=Count("judge__pairs_as_mentor", filter=Q(
                   judge__pairs_as_mentor__status=PairStatus.ACTIVE), distinct=True)))
    if role:
        entries = entries.filter(role=role)
    entries = list(entries)
    ranks = dict(protege.preferences.values_list("entry_id", "rank"))
    by_id = {e.pk: e for e in entries}
    ranked = rank_candidates(
        protege_specialisation=protege.specialisation, protege_court_id=protege.court_id,
        candidates=[PairCandidate(entry_id=e.pk, role=e.role,
                                  specialisation=e.judge.specialisation,
                                  court_id=e.judge.court_id, retired=e.judge.status == "retired",
                                  active_proteges=e.active, preference_rank=ranks.get(e.pk))
                    for e in entries])
    return [{"entry": by_id[s.candidate.entry_id], "score": s.score, "reasons": s.reasons}
            for s in ranked]


def plan_versions(pair) -> list:
    """Every version of the pair's plan with its items, newest first, each with
    what changed against the version before it."""
    from .models import PlanItem, PlanVersion

    versions = list(PlanVersion.objects.filter(plan__pair=pair)
                    .select_related("author", "decided_by")
                    .prefetch_related(Prefetch("items", queryset=PlanItem.objects.order_by(
                        "due_on", "id").select_related("checked_by")))
                    .order_by("-number"))
    for version in versions:
        # a correction is compared with the version in force it was copied from
        base = next((v for v in versions if v.number < version.number
                     and v.status in ("approved", "superseded")), None)
        version.changes = (plan_changes(list(base.items.all()), list(version.items.all()))
                           if base else [])
    return versions


def plan_changes(old_items, new_items) -> list[tuple[str, object]]:
    """('added'|'removed'|'changed', item) between two versions, by origin."""
    old_by_id = {i.pk: i for i in old_items}
    out, kept = [], set()
    for item in new_items:
        origin = old_by_id.get(item.origin_id)
        if origin is None:
            out.append(("added", item))
            continue
        kept.add(origin.pk)
        if (origin.task, origin.description, origin.expected_result, origin.due_on) != (
                item.task, item.description, item.expected_result, item.due_on):
            out.append(("changed", item))
    out += [("removed", i) for i in old_items if i.pk not in kept]
    return out


def plan_status(pair) -> dict:
    """The plan's open and in-force versions (status only), for the pair page."""
    from .models import PlanVersion

    versions = list(PlanVersion.objects.filter(plan__pair=pair).only("number", "status")
                    .order_by("-number"))
    return {"in_force": next((v for v in versions if v.status == "approved"), None),
            "open": next((v for v in versions if v.status in (
                "draft", "returned", "correction", "proposed", "submitted")), None)}


def plans_awaiting_decision(office) -> list:
    """§2: submitted plans of protégés of the court the office chairs."""
    from .models import PlanVersion

    if office is None or office.office not in ("court_chair", "regional_chair"):
        return []
    qs = PlanVersion.objects.filter(status="submitted").select_related(
        "plan__pair__protege__court", "plan__pair__mentor")
    if office.office == "court_chair":
        qs = qs.filter(plan__pair__protege__court_id=office.court_id)
    else:
        qs = qs.filter(plan__pair__protege__court__region_id=office.region_id,
                       plan__pair__protege__court__level="regional")
    return list(qs.order_by("submitted_at"))


# --- reports, petitions, protocols, copies (§13, §14) ------------------------------

def council_queue(office, today: dt.date | None = None) -> dict:
    """What awaits the branch council or the Training Centre of a region:
    reports to review, petitions, pairs whose term ended without a decision,
    copies not yet acknowledged. Fixed queries."""
    from .models import Petition, Protocol, ProtocolCopy, Report

    today = today or timezone.localdate()
    region_id = office.region_id
    council = office.office == "branch_council"
    return {
        "reports": list(Report.objects.filter(pair__region_id=region_id, status="submitted",
                                              addressee=office.office)
                        .select_related("pair__protege", "pair__mentor", "author")
                        .order_by("submitted_at")),
        "petitions": list(Petition.objects.filter(pair__region_id=region_id, status="pending",
                                                  pair__status="active")
                          .select_related("pair__protege", "pair__mentor", "author")
                          .order_by("created_at")) if council else [],
        "overdue": list(_pairs().filter(region_id=region_id, status="active",
                                        term_ends_on__lt=today).order_by("term_ends_on")),
        "drafts": list(Protocol.objects.filter(region_id=region_id, status="draft")
                       .order_by("-held_on")) if council else [],
        "unacknowledged": list(ProtocolCopy.objects.filter(
            protocol__region_id=region_id, acknowledged_at__isnull=True)
            .select_related("protocol", "court").order_by("delivered_at")) if council else [],
    }


def protocols_visible_to(user, office):
    from .models import Protocol

    qs = Protocol.objects.select_related("region", "document").order_by("-held_on", "-id")
    if office is None:
        return qs.none()
    if office.office in ("central_council", "union_chair"):
        return qs.filter(status="issued")
    if office.office == "branch_council":
        return qs.filter(region_id=office.region_id)
    if office.office == "training_centre":
        return qs.filter(region_id=office.region_id, status="issued")
    if office.office == "hr_officer":  # as permissions.sees_protocol
        return qs.filter(status="issued").filter(
            Q(copies__recipient="hr", copies__court_id=office.court_id)
            | Q(decisions__pairs__mentor__court_id=office.court_id)).distinct()
    return qs.none()


def copies_for(office):
    from .models import ProtocolCopy

    qs = ProtocolCopy.objects.select_related("protocol__region", "protocol__document",
                                             "acknowledged_by", "court")
    if office is None:
        return qs.none()
    if office.office == "training_centre":
        return qs.filter(recipient="training_centre", region_id=office.region_id)
    if office.office == "hr_officer":
        return qs.filter(recipient="hr", court_id=office.court_id)
    return qs.none()


def personal_file(judge) -> list:
    """§14: every issued protocol decision concerning the judge (as protégé or
    as mentor/tutor), with its protocol and PDF."""
    from .models import Decision

    return list(Decision.objects.filter(protocol__status="issued")
                .filter(Q(pairs__protege=judge) | Q(pairs__mentor=judge)).distinct()
                .select_related("protocol__region", "protocol__document", "petition")
                .prefetch_related(Prefetch("pairs", queryset=_pairs()))
                .order_by("-protocol__issued_on", "-id"))


def workload_candidates(court, today: dt.date) -> list[dict]:
    """§6: serving judges of the court still in their first six months after
    appointment, with the last day a reduction may cover."""
    from courts.rules import first_appointment

    from .rules import workload_window_end

    out = []
    for judge in (Judge.objects.filter(court=court, status="serving")
                  .prefetch_related("career_events").order_by("last_name", "first_name")):
        appointed = first_appointment(judge.career())
        if appointed and workload_window_end(appointed) >= today:
            out.append({"judge": judge, "appointed": appointed,
                        "until": workload_window_end(appointed)})
    return out
