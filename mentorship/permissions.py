"""Object-level permission predicates (django-rules), shared by every app.

A predicate receives who acts: an `Acting` (the user and the office — hat —
they act in, built per request by ActiveOfficeMiddleware as `request.acting`
and passed explicitly to every service), or a bare user, who acts as
themselves (a judge) and holds no office. Scope checks compare the object's
region/court with that office's scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from courts.models import COURT_OFFICES, NATIONAL_OFFICES, REGION_OFFICES, Office
from mentorship.errors import Refused

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from courts.models import OfficeAssignment


@dataclass(frozen=True)
class Acting:
    """Who acts and in which office: services and rules take this, never an
    office read off the user object. `office` None: the user acts as themselves."""

    user: User
    office: OfficeAssignment | None = None

    @property
    def judge(self) -> Any:
        return getattr(self.user, "judge", None)

    @property
    def pk(self) -> int:
        return self.user.pk


# who acts, as services take it: an Acting, or a bare user acting as themselves
Actor: TypeAlias = "Acting | User"


def office_of(who: Any) -> OfficeAssignment | None:
    """The office `who` acts in: an `Acting`'s office; none for a bare user."""
    return who.office if isinstance(who, Acting) else None


def user_of(who: Any) -> User:
    """The account behind `who` (an `Acting` or a user), for the rows it writes."""
    return who.user if isinstance(who, Acting) else who


def holds(*names: str):
    @rules.predicate(name=f"holds_{'_or_'.join(names)}")
    def predicate(user) -> bool:
        office = office_of(user)
        return office is not None and office.office in names

    return predicate


is_administrator = holds(Office.ADMINISTRATOR)
is_national = holds(*NATIONAL_OFFICES)
is_region_office = holds(*REGION_OFFICES)
is_court_office = holds(*COURT_OFFICES)


@rules.predicate
def is_judge(user) -> bool:
    return getattr(user, "judge", None) is not None


@rules.predicate
def court_in_scope(user, court) -> bool:
    """The court lies within the active office's scope (national: every court)."""
    office = office_of(user)
    if court is None or office is None:
        return False
    if office.office in NATIONAL_OFFICES:
        return True
    if office.region_id:
        return court.region_id == office.region_id
    return court.id == office.court_id


@rules.predicate
def judge_in_scope(user, judge) -> bool:
    if judge is None:
        return False
    own = getattr(user, "judge", None)
    if own is not None and own.pk == judge.pk:
        return True
    return court_in_scope(user, judge.court)


@rules.predicate
def own_court(user, court) -> bool:
    own = getattr(user, "judge", None)
    return own is not None and court is not None and own.court_id == court.id


rules.add_perm("courts.view_court_page", court_in_scope | own_court)
rules.add_perm("courts.view_judge_page", judge_in_scope)


@rules.predicate
def hr_of_judges_court(user, judge) -> bool:
    """The HR service of the judge's own court: the one office that keeps the
    judge's personal data (the IIN unmasked, the personal file)."""
    office = office_of(user)
    return (
        judge is not None
        and office is not None
        and office.office == Office.HR_OFFICER
        and office.court_id == judge.court_id
    )


rules.add_perm("courts.view_iin", hr_of_judges_court)
rules.add_perm("courts.issue_enrolment_code", hr_of_judges_court)  # #12.2
rules.add_perm("mentorship.read_access_log", holds(Office.DATA_PROTECTION))
rules.add_perm("courts.list_courts", is_national | is_region_office | is_court_office | is_judge)
rules.add_perm("courts.import_reference", is_administrator)
rules.add_perm("courts.read_history", is_administrator)


def allowed(user, perm: str, obj=None) -> bool:
    """Check a rule directly (not user.has_perm, which lets superusers through
    everything: confidentiality rules must hold for them too)."""
    return rules.has_perm(perm, user, obj)


def require(user, perm: str, obj=None) -> None:
    """View guard: a refused permission is a translated 403 page."""
    if not allowed(user, perm, obj):
        raise PermissionDenied(_("Your office does not give access to this page."))


def refuse_unless(user, perm: str, obj=None) -> None:
    """Service guard: a refused permission is a `Refused` with a translated
    message, so the calling view shows it and nothing changes."""
    if not allowed(user, perm, obj):
        raise Refused(_("Your office does not allow this action."))
