"""§2, §15.5: plan versions and their changes."""

from __future__ import annotations

from django.db.models import Prefetch

from ..models import (
    PlanItem,
    PlanVersion,
)


def plan_versions(pair) -> list:
    """Every version of the pair's plan with its items, newest first, each with
    what changed against the version before it."""

    versions = list(
        PlanVersion.objects.filter(plan__pair=pair)
        .select_related("author", "decided_by", "document")
        .defer("document__pdf")  # the page links the issued programme, never reads it
        .prefetch_related(
            Prefetch(
                "items",
                queryset=PlanItem.objects.order_by("due_on", "id").select_related("checked_by"),
            )
        )
        .order_by("-number")
    )
    for version in versions:
        # a correction is compared with the version in force it was copied from
        base = next(
            (
                v
                for v in versions
                if v.number < version.number and v.status in ("approved", "superseded")
            ),
            None,
        )
        changes = plan_changes(list(base.items.all()), list(version.items.all())) if base else []
        version.changes = changes  # type: ignore[attr-defined]  # shown on the plan page
    return versions


def plan_changes(old_items, new_items) -> list[tuple[str, object]]:
    """('added'|'removed'|'changed', item) between two versions, by origin."""
    old_by_id = {i.pk: i for i in old_items}
    out, kept = [], set()
    for item in new_items:
        origin = old_by_id.get(item.origin_id)
        if origin is None:
            out.append(("added", item))
            continue
        kept.add(origin.pk)
        if (origin.task, origin.description, origin.expected_result, origin.due_on) != (
            item.task,
            item.description,
            item.expected_result,
            item.due_on,
        ):
            out.append(("changed", item))
    out += [("removed", i) for i in old_items if i.pk not in kept]
    return out


def plan_status(pair) -> dict:
    """The plan's open and in-force versions (status only), for the pair page."""

    versions = list(
        PlanVersion.objects.filter(plan__pair=pair).only("number", "status").order_by("-number")
    )
    return {
        "in_force": next((v for v in versions if v.status == "approved"), None),
        "open": next(
            (
                v
                for v in versions
                if v.status in ("draft", "returned", "correction", "proposed", "submitted")
            ),
            None,
        ),
    }


def plans_awaiting_decision(office) -> list:
    """§2: submitted plans of protégés of the court the office chairs."""

    if office is None or office.office not in ("court_chair", "regional_chair"):
        return []
    qs = PlanVersion.objects.filter(status="submitted").select_related(
        "plan__pair__protege__court", "plan__pair__mentor"
    )
    if office.office == "court_chair":
        qs = qs.filter(plan__pair__protege__court_id=office.court_id)
    else:
        qs = qs.filter(
            plan__pair__protege__court__region_id=office.region_id,
            plan__pair__protege__court__level="regional",
        )
    return list(qs.order_by("submitted_at"))
