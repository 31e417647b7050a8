"""Who may do what to which programme object (django-rules predicates)."""

from __future__ import annotations

import rules

from courts.models import NATIONAL_OFFICES, Office
from mentorship.permissions import is_judge, office_of


def region_office(*names: str):
    @rules.predicate(name=f"region_office_{'_'.join(names)}")
    def predicate(user, region) -> bool:
        office = office_of(user)
        return (office is not None and region is not None and office.office in names
                and office.region_id == region.pk)

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
        if office.court_id:
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
    return (office is not None and region is not None and office.office == Office.BRANCH_COUNCIL
            and office.region_id == region.pk)


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
rules.add_perm("programs.manage_seminar", organiser)
rules.add_perm("programs.view_seminar", sees_seminar | organiser)
