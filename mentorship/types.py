"""Types the project's code shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from courts.models import OfficeAssignment
    from mentorship.permissions import Acting


class OfficeRequest(HttpRequest):
    """A request after ActiveOfficeMiddleware: the offices the user holds
    today and the one they act in (None for a judge acting as themself)."""

    user: User  # the views that take it are behind login_required
    office: OfficeAssignment | None
    offices: list[OfficeAssignment]
    acting: Acting  # the user and that office, as services and rules take them
