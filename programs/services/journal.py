"""§4.2, §15.2, §15.6: the confidential journal; §16.3 the protégé's feedback."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from mentorship.errors import Refused
from mentorship.permissions import Actor, user_of

from .. import regulation
from ..models import (
    Feedback,
    JournalEntry,
    JournalKind,
    Pair,
)
from ._common import _lock_pair

# --- §4.2, §15.2, §15.6 confidential journal; §16.3 feedback ------------------------


@transaction.atomic
def add_journal_entry(
    *, by: Actor, pair: Pair, kind: str, occurred_on: dt.date, text: str
) -> JournalEntry:
    """§4.2: only the two members write; a hearing review concerns a hearing
    already held (§4.3, §15.1). The text is encrypted at rest. No notification
    or audit entry carries it."""

    pair = _lock_pair(pair)
    if pair.journal_side(user_of(by)) is None:  # the bound accounts (#12)
        raise Refused(regulation.JOURNAL_BELONGS_TWO_JUDGES_PAIR)
    if pair.status != "active":
        raise Refused(regulation.JOURNAL_KEPT_WHILE_PAIR_ACTIVE)
    if kind not in JournalKind.values:
        raise Refused(regulation.CHOOSE_KIND_ENTRY)
    if not text.strip():
        raise Refused(regulation.ENTRY_EMPTY)
    today = timezone.localdate()
    if kind == JournalKind.HEARING_REVIEW:
        reason = regulation.hearing_review_refusal(held_on=occurred_on, today=today)
        if reason:
            raise Refused(reason)
    elif occurred_on > today:
        raise Refused(regulation.JOURNAL_RECORDS_WHAT_TAKEN_PLACE)
    return JournalEntry.objects.create(
        pair=pair, author=user_of(by), kind=kind, occurred_on=occurred_on, text=text.strip()
    )


@transaction.atomic
def give_feedback(*, by: Actor, pair: Pair, rating: int, comment: str = "") -> Feedback:
    """§16.3: the protégé rates the programme's effectiveness, once a month."""

    pair = _lock_pair(pair)
    if pair.side_of(by) != "protege":
        raise Refused(regulation.PROTEGE_GIVES_FEEDBACK_PROGRAMME)
    if pair.status != "active":
        raise Refused(regulation.FEEDBACK_GIVEN_WHILE_PAIR_ACTIVE)
    reason = regulation.feedback_refusal(rating)
    if reason:
        raise Refused(reason)
    period = timezone.localdate().replace(day=1)
    if Feedback.objects.filter(pair=pair, period=period).exists():
        raise Refused(regulation.ALREADY_GIVEN_FEEDBACK_MONTH)
    return Feedback.objects.create(pair=pair, period=period, rating=rating, comment=comment.strip())
