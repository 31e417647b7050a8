"""Every existing pair gets its participation (issue: the protégé's programme as
one record across pairs): one per protégé, admitted when the first pair was
proposed, its term from the first registration to the latest term end
(within one to three years)."""

import calendar
import datetime as dt

from django.db import migrations

FINAL_END = {"completed": "completed", "ended_early": "no_need"}


def _last_day(start, months):
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) - dt.timedelta(days=1)


def forwards(apps, schema_editor):
    Pair = apps.get_model("programs", "Pair")
    Participation = apps.get_model("programs", "Participation")
    ExtensionOrder = apps.get_model("programs", "ExtensionOrder")
    by_protege = {}
    for pair in Pair.objects.order_by("proposed_at", "id"):
        by_protege.setdefault(pair.protege_id, []).append(pair)
    for protege_id, pairs in by_protege.items():
        first = pairs[0]
        live = [p for p in pairs if p.status in ("proposed", "consented", "active")]
        registered = [p for p in pairs if p.registered_on]
        starts = min((p.registered_on for p in registered), default=None)
        ends = None
        if starts:
            ends = max(p.term_ends_on for p in registered)
            ends = min(max(ends, _last_day(starts, 12)), _last_day(starts, 36))
        last = pairs[-1]
        ground = first.ground or "first_appointment"
        participation = Participation.objects.create(
            protege_id=protege_id,
            region_id=first.region_id,
            ground=ground,
            origin="quality_flag" if ground == "quality" else "needs_analysis",
            status="admitted" if live else "ended",
            decided_by_id=first.proposed_by_id,
            decided_as="coordinator",
            decided_on=first.proposed_at.date(),
            term_starts_on=starts,
            term_ends_on=ends,
            ended_on=None if live else (last.ended_on or last.proposed_at.date()),
            end_reason="" if live else FINAL_END.get(last.status, ""),
        )
        Pair.objects.filter(pk__in=[p.pk for p in pairs]).update(participation=participation)
        ExtensionOrder.objects.filter(pair__in=[p.pk for p in pairs]).update(
            participation=participation
        )


class Migration(migrations.Migration):
    dependencies = [("programs", "0009_participations")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
