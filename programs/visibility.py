"""Who may see what: one queryset per entity of the programme. Lists,
dashboard figures and detail pages all read through these (a detail page
answers 404 for an object outside them), and the `view_*` permissions are
membership in them, so a figure, its list and the page behind a row can never
disagree. Predicates in `permissions.py` remain for actions.

Each function takes the user and the office (hat) they act in; `None` for a
judge acting as themself."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from courts.models import CourtLevel, Judge, Office, OfficeAssignment

from .models import (
    Decision,
    ExtensionOrder,
    Pair,
    Petition,
    PlanStatus,
    PlanVersion,
    Protocol,
    ProtocolCopy,
    ProtocolStatus,
    Report,
    ReportStatus,
    WorkloadOrder,
)

SEES_EVERY_PAIR = (Office.CENTRAL_COUNCIL, Office.UNION_CHAIR)
READS_REPORTS = (Office.BRANCH_COUNCIL, Office.TRAINING_CENTRE)


def _id(value: int | None) -> int:
    """An office's region or court id; an office without one matches nothing."""
    return value if value is not None else -1


def _judge(user: Any) -> Judge | None:
    return getattr(user, "judge", None) if user is not None else None


def _member_of_pair(user: Any, prefix: str = "") -> Q:
    """The user is one of the pair's two judges (§4.2)."""
    judge = _judge(user)
    if judge is None:
        return Q(pk__in=[])
    return Q(**{f"{prefix}protege_id": judge.pk}) | Q(**{f"{prefix}mentor_id": judge.pk})


def _pair_scope(office: OfficeAssignment | None, prefix: str = "") -> Q:
    """The pairs an office sees (status, term, plan, orders; never the journal):
    national offices all of them (the administrator none: reference data only),
    region offices their region's, court offices those whose protégé or
    mentor serves in the court."""
    if office is None or office.office == Office.ADMINISTRATOR:
        return Q(pk__in=[])
    if office.office in SEES_EVERY_PAIR:
        return Q(pk__isnull=False)  # every pair (a bare Q() would vanish in an OR)
    if office.region_id:
        return Q(**{f"{prefix}region_id": office.region_id})
    if office.court_id:
        # the court's judges listed (protege_id = ANY(…)): the pairs' own
        # indexed columns, not a join to every pair's judges (#16)
        judges = list(Judge.objects.filter(court_id=office.court_id).values_list("pk", flat=True))
        return Q(**{f"{prefix}protege_id__in": judges}) | Q(**{f"{prefix}mentor_id__in": judges})
    return Q(pk__in=[])


def pairs(user: Any, office: OfficeAssignment | None) -> QuerySet[Pair]:
    """§12: the register of pairs in the office's scope, and the user's own pairs."""
    if office is not None and office.office in SEES_EVERY_PAIR:
        return Pair.objects.all()  # their own pairs are among them (no judge lookup)
    return Pair.objects.filter(_pair_scope(office) | _member_of_pair(user))


def plan_versions(user: Any, office: OfficeAssignment | None) -> QuerySet[PlanVersion]:
    """§2: plan versions of visible pairs; drafts and open corrections are the
    pair's own until submitted (§4.2) — and the region's coordinator's, who
    assists in drawing up the programme (§10.3; never the journal)."""
    member = _member_of_pair(user, "plan__pair__")
    others = _pair_scope(office, "plan__pair__") & Q(status__in=PlanStatus.SHOWN_TO_OTHERS)
    if office is not None and office.office == Office.COORDINATOR:
        others |= Q(plan__pair__region_id=_id(office.region_id))
    return PlanVersion.objects.filter(member | others)


def reports(user: Any, office: OfficeAssignment | None) -> QuerySet[Report]:
    """§13: a report is its author's; once submitted, the branch council and the
    Training Centre of the pair's region read it (a draft is its author's alone)."""
    own = Q(author_id=user.pk) if user is not None and user.pk else Q(pk__in=[])
    if office is not None and office.office in READS_REPORTS:
        own |= Q(pair__region_id=office.region_id) & ~Q(status=ReportStatus.DRAFT)
    return Report.objects.filter(own)


def petitions(user: Any, office: OfficeAssignment | None) -> QuerySet[Petition]:
    """§15.8, §16.4, §16.5: the pair's two judges and the branch council of the
    region see a petition (its reasons: see `petition_reasons_shown`)."""
    scope = _member_of_pair(user, "pair__")
    if office is not None and office.office == Office.BRANCH_COUNCIL:
        scope |= Q(pair__region_id=office.region_id)
    return Petition.objects.filter(scope)


def petition_reasons_shown(user: Any, office: OfficeAssignment | None, petition: Petition) -> bool:
    """§16.4: the reasons for replacing a mentor are for their author and the
    branch council, not the mentor."""
    council = (
        office is not None
        and office.office == Office.BRANCH_COUNCIL
        and office.region_id == petition.pair.region_id
    )
    return council or petition.author_id == getattr(user, "pk", None)


def protocols(user: Any, office: OfficeAssignment | None) -> QuerySet[Protocol]:
    """§14: the branch council its region's (drafts too); the Training Centre,
    the Central Council and the Chair of the Union issued ones; HR officers the
    issued protocols copied to their court or concerning a mentor of it; the
    judges of the pairs it concerns."""
    issued = Q(status=ProtocolStatus.ISSUED)
    scope = Q(pk__in=[])
    if office is not None:
        if office.office in SEES_EVERY_PAIR:
            scope = issued
        elif office.office == Office.BRANCH_COUNCIL:
            scope = Q(region_id=office.region_id)
        elif office.office == Office.TRAINING_CENTRE:
            scope = issued & Q(region_id=office.region_id)
        elif office.office == Office.HR_OFFICER:
            court_id = _id(office.court_id)
            scope = issued & (
                Q(
                    Exists(
                        ProtocolCopy.objects.filter(
                            protocol=OuterRef("pk"), recipient="hr", court_id=court_id
                        )
                    )
                )
                | Q(
                    Exists(
                        Decision.objects.filter(
                            protocol=OuterRef("pk"), pairs__mentor__court_id=court_id
                        )
                    )
                )
            )
    judge = _judge(user)
    if judge is not None:
        scope |= issued & Q(
            Exists(
                Decision.objects.filter(protocol=OuterRef("pk")).filter(
                    Q(pairs__protege=judge) | Q(pairs__mentor=judge)
                )
            )
        )
    return Protocol.objects.filter(scope)


def copies(user: Any, office: OfficeAssignment | None) -> QuerySet[ProtocolCopy]:
    """§14: the copies delivered to the office: the region's Training Centre, or
    the HR service of the court."""
    if office is not None and office.office == Office.TRAINING_CENTRE:
        return ProtocolCopy.objects.filter(
            recipient="training_centre", region_id=_id(office.region_id)
        )
    if office is not None and office.office == Office.HR_OFFICER:
        return ProtocolCopy.objects.filter(recipient="hr", court_id=_id(office.court_id))
    return ProtocolCopy.objects.none()


def personal_files(user: Any, office: OfficeAssignment | None) -> QuerySet[Judge]:
    """§14: the HR service keeps the personal files of its court's judges."""
    if office is not None and office.office == Office.HR_OFFICER:
        return Judge.objects.filter(court_id=_id(office.court_id))
    return Judge.objects.none()


def _chaired_judges(office: OfficeAssignment | None, prefix: str = "") -> Q:
    """§2, §6: judges whose court the office chairs (the regional court chair
    chairs the regional-level court)."""
    if office is not None and office.office == Office.COURT_CHAIR:
        return Q(**{f"{prefix}court_id": office.court_id})
    if office is not None and office.office == Office.REGIONAL_CHAIR:
        return Q(
            **{
                f"{prefix}court__region_id": office.region_id,
                f"{prefix}court__level": CourtLevel.REGIONAL,
            }
        )
    return Q(pk__in=[])


def workload_orders(user: Any, office: OfficeAssignment | None) -> QuerySet[WorkloadOrder]:
    """§6: the order concerns the judge, the chair of the judge's court and the
    court's HR service."""
    scope = _chaired_judges(office, "judge__")
    judge = _judge(user)
    if judge is not None:
        scope |= Q(judge_id=judge.pk)
    if office is not None and office.office == Office.HR_OFFICER:
        scope |= Q(judge__court_id=office.court_id)
    return WorkloadOrder.objects.filter(scope)


def extension_orders(user: Any, office: OfficeAssignment | None) -> QuerySet[ExtensionOrder]:
    """§5: an extension order is seen with its pair."""
    return ExtensionOrder.objects.filter(
        _pair_scope(office, "pair__") | _member_of_pair(user, "pair__")
    )


def sees(queryset: QuerySet[Any], obj: Any) -> bool:
    return obj is not None and obj.pk is not None and queryset.filter(pk=obj.pk).exists()
