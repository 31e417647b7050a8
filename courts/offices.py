"""Who holds an office now: the holders of an office in a region or court, the
chairs of a judge's court (§2, §6)."""

from __future__ import annotations

from django.db import transaction

from mentorship.notifications import notify

from .models import CourtLevel, Judge, Office, OfficeAssignment


def office_holders(office: str, *, region=None, court=None) -> list:
    qs = OfficeAssignment.objects.current().filter(office=office).select_related("user")
    if region is not None:
        qs = qs.filter(region=region)
    if court is not None:
        qs = qs.filter(court=court)
    return [a.user for a in qs]


def court_chairs_of(judge: Judge) -> list:
    """The chair of the judge's court (§2, §6): for a regional-level court, the
    regional court chair's office."""
    if judge.court.level == CourtLevel.REGIONAL:
        return office_holders(Office.REGIONAL_CHAIR, region=judge.court.region)
    return office_holders(Office.COURT_CHAIR, court=judge.court)


def grant_awaits_approval(assignment: OfficeAssignment, *, by) -> None:
    """#12.4: the other administrators are asked to approve the grant."""
    others = [
        u for u in office_holders(Office.ADMINISTRATOR) if u.pk not in (by.pk, assignment.user_id)
    ]
    notify(
        others,
        "office_grant_pending",
        {
            "user": assignment.user.get_full_name() or assignment.user.username,
            "office": str(assignment),
            "by": by.get_full_name() or by.username,
        },
    )


@transaction.atomic
def approve_grant(assignment: OfficeAssignment, *, by) -> None:
    """#12.4: a second administrator puts the grant in force; then it is told
    to the person, the council and the chair (office_granted)."""
    OfficeAssignment.objects.filter(pk=assignment.pk, pending_approval=True).update(
        pending_approval=False, approved_by=by
    )
    assignment.refresh_from_db()
    office_granted(assignment, by=assignment.granted_by or by)


def office_granted(assignment: OfficeAssignment, *, by) -> None:
    """#12: each grant of an office is told to the person, and to the council
    and the chair of the region concerned (for a national office: the Central
    Council), so that no grant goes unnoticed."""
    region = assignment.region or (assignment.court.region if assignment.court else None)
    watchers = (
        office_holders(Office.BRANCH_COUNCIL, region=region)
        + office_holders(Office.REGIONAL_CHAIR, region=region)
        if region is not None
        else office_holders(Office.CENTRAL_COUNCIL)
    )
    recipients = {u.pk: u for u in [assignment.user, *watchers] if u.pk != by.pk}
    notify(
        list(recipients.values()),
        "office_granted",
        {
            "user": assignment.user.get_full_name() or assignment.user.username,
            "office": str(assignment),
            "by": by.get_full_name() or by.username,
        },
    )


# --- preamble, §1.4 quality flag -------------------------------------------------
