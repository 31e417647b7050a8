"""Who holds an office now: the holders of an office in a region or court, the
chairs of a judge's court (§2, §6)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from mentorship.notifications import notify

from .models import CourtLevel, Judge, Office, OfficeAssignment, SecondFactorReset


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


def second_factor_reset_requested(reset: SecondFactorReset, *, by) -> None:
    """#12.5: the person and the other administrators hear of the request."""
    others = [u for u in office_holders(Office.ADMINISTRATOR) if u.pk not in (by.pk, reset.user_id)]
    notify(
        [reset.user, *others],
        "second_factor_reset_requested",
        {
            "user": reset.user.get_full_name() or reset.user.username,
            "by": by.get_full_name() or by.username,
        },
    )


@transaction.atomic
def approve_second_factor_reset(reset: SecondFactorReset, *, by) -> bool:
    """#12.5: a second administrator approves; the account's TOTP devices and
    recovery codes are removed (the person is told: mentorship.accounts) and
    the next sign-in enrols a new app. False when `by` may not approve it."""
    locked = SecondFactorReset.objects.select_for_update(of=("self",)).get(pk=reset.pk)
    if locked.approved_by_id is not None or by.pk in (locked.requested_by_id, locked.user_id):
        return False
    locked.approved_by = by
    locked.approved_at = timezone.now()
    locked.save(update_fields=["approved_by", "approved_at"])
    for device in TOTPDevice.objects.filter(user_id=locked.user_id):
        device.delete()  # one by one: the post_delete signal tells the person
    StaticDevice.objects.filter(user_id=locked.user_id).delete()
    return True


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
