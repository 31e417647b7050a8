"""§4.2, §15.2, §15.6: the confidential journal; §16.3 the protégé's feedback."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorship.errors import Refused

from .. import rules
from ..models import (
    Feedback,
    JournalEntry,
    JournalKind,
)
from ._common import _lock_pair

# --- §4.2, §15.2, §15.6 confidential journal; §16.3 feedback ------------------------

@transaction.atomic
def add_journal_entry(*, by, pair, kind: str, occurred_on: dt.date, text: str):
    """§4.2: only the two members write; a hearing review concerns a hearing
    already held (§4.3, §15.1). The text is encrypted at rest. No notification
    or audit entry carries it."""

    pair = _lock_pair(pair)
    if pair.side_of(by) is None:
        raise Refused(_("§4.2: the journal belongs to the two judges of the pair."))
    if pair.status != "active":
        raise Refused(_("The journal is kept while the pair is active."))
    if kind not in JournalKind.values:
        raise Refused(_("Choose the kind of entry."))
    if not text.strip():
        raise Refused(_("The entry is empty."))
    today = timezone.localdate()
    if kind == JournalKind.HEARING_REVIEW:
        reason = rules.hearing_review_refusal(held_on=occurred_on, today=today)
        if reason:
            raise Refused(reason)
    elif occurred_on > today:
        raise Refused(_("The journal records what has taken place; the date cannot be in the "
                        "future."))
    return JournalEntry.objects.create(pair=pair, author=by, kind=kind, occurred_on=occurred_on,
                                       text=text.strip())


@transaction.atomic
def give_feedback(*, by, pair, rating: int, comment: str = ""):
    """§16.3: the protégé rates the programme's effectiveness, once a month."""

    pair = _lock_pair(pair)
    if pair.side_of(by) != "protege":
        raise Refused(_("§16.3: the protégé gives feedback on the programme."))
    if pair.status != "active":
        raise Refused(_("Feedback is given while the pair is active."))
    reason = rules.feedback_refusal(rating)
    if reason:
        raise Refused(reason)
    period = timezone.localdate().replace(day=1)
    if Feedback.objects.filter(pair=pair, period=period).exists():
        raise Refused(_("§16.3: you have already given feedback this month."))
    return Feedback.objects.create(pair=pair, period=period, rating=rating,
                                   comment=comment.strip())
