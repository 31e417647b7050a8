"""§15.8, §16.4, §16.5: petitions to the branch council."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from courts.models import Office
from courts.offices import office_holders
from mentorship.errors import Refused
from mentorship.notifications import in_all_languages, notify
from mentorship.permissions import Actor, user_of

from .. import regulation
from ..models import (
    Pair,
    Petition,
    PetitionKind,
)
from ._common import _lock_pair

# --- §15.8, §16.4, §16.5 petitions --------------------------------------------------


@transaction.atomic
def file_petition(*, by: Actor, pair: Pair, kind: str, reasons: str = "") -> Petition:

    pair = _lock_pair(pair)
    reason = regulation.petition_refusal(
        kind, side=pair.side_of(by), reasons=reasons, pair_active=pair.status == "active"
    )
    if reason:
        raise Refused(reason)
    if Petition.objects.filter(pair=pair, kind=kind, status="pending").exists():
        raise Refused(regulation.PETITION_ALREADY_BEFORE_BRANCH_COUNCIL)
    petition = Petition.objects.create(
        pair=pair, kind=kind, author=user_of(by), reasons=reasons.strip()
    )
    notify(
        office_holders(Office.BRANCH_COUNCIL, region=pair.region),
        "petition_filed",
        {"kind": in_all_languages(PetitionKind(kind).label), "protege": pair.protege.full_name},
        reverse("council_queue"),
    )
    return petition
