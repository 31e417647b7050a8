"""Recording access to personal data (mentorship.models.AccessRecord): one
call per page or file that shows or hands out a judge's personal data. The
views call `record()` after the permission check, so a refused request
records nothing; the data-protection officer reads the log at /access-log/."""

from __future__ import annotations

from typing import Any

from django.db import models

from mentorship.permissions import office_of

from .models import AccessHow, AccessRecord


def record(
    request: Any,
    how: str,
    obj: models.Model | None = None,
    *,
    subject: Any = None,
    what: str = "",
) -> AccessRecord | None:
    """Who (the signed-in user and the office they act in), how, which object
    and whose data. `subject` is the judge concerned, if one is; a judge
    reading their own data is not recorded (nothing to account for)."""
    if subject is not None and subject.user_id is not None and subject.user_id == request.user.pk:
        return None
    office = office_of(getattr(request, "acting", request.user))
    return AccessRecord.objects.create(
        user=request.user,
        office=str(office) if office is not None else "",
        how=AccessHow(how),
        what=what or (obj._meta.label_lower if obj is not None else ""),
        object_id=obj.pk if obj is not None else None,
        subject=subject,
        path=request.path[:300],
    )
