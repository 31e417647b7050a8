"""Who holds an office now: the holders of an office in a region or court, the
chairs of a judge's court (§2, §6)."""

from __future__ import annotations

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


# --- preamble, §1.4 quality flag -------------------------------------------------
