"""§14: the council's queue, protocols, copies and personal files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorship.documents import pdf_response
from mentorship.errors import Refused
from mentorship.permissions import allowed

from .. import queries, services, visibility
from ..forms import (
    DecisionForm,
    ProtocolForm,
    _language_choices,
)
from ..models import (
    Decision,
    Petition,
)
from ._common import _int, _office_region, _require, visible_or_404

# --- §14 council queue, protocols, copies, personal files ---------------------------


@login_required
def council_queue(request):
    region = _office_region(request)
    _require(request, "programs.view_council_queue", region)
    return render(
        request,
        "programs/council_queue.html",
        {
            "region": region,
            **queries.council_queue(request.office),
            "is_council": request.office.office == "branch_council",
        },
    )


@login_required
def protocol_list(request):
    office = request.office
    if office is None or office.office not in (
        "branch_council",
        "training_centre",
        "central_council",
        "union_chair",
        "hr_officer",
    ):
        raise PermissionDenied(_("Your office does not give access to this page."))
    can_keep = office.region_id is not None and allowed(
        request.acting, "programs.keep_protocols", office.region
    )
    form = ProtocolForm(request.POST or None)
    if request.method == "POST":
        if not can_keep:
            raise PermissionDenied(_("Your office does not give access to this page."))
        if form.is_valid():
            try:
                protocol = services.create_protocol(
                    by=request.acting, region=office.region, **form.cleaned_data
                )
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The draft protocol was created; add its decisions."))
                return redirect("protocol_detail", pk=protocol.pk)
    return render(
        request,
        "programs/protocol_list.html",
        {
            "protocols": queries.protocols_visible_to(request.user, office),
            "form": form,
            "can_keep": can_keep,
        },
    )


def _protocol(request, pk: int):
    return visible_or_404(request, visibility.protocols, pk, "region", "document", "created_by")


@login_required
def protocol_detail(request, pk: int):

    protocol = _protocol(request, pk)
    can_keep = protocol.status == "draft" and allowed(
        request.acting, "programs.keep_protocols", protocol.region
    )
    active = (
        list(
            queries.pairs_visible_to(request.user, request.office).filter(
                region=protocol.region, status="active"
            )
        )
        if can_keep
        else []
    )
    petitions = (
        list(
            Petition.objects.filter(pair__region=protocol.region, status="pending").select_related(
                "pair__protege", "pair__mentor"
            )
        )
        if can_keep
        else []
    )
    form = DecisionForm(pairs=active, petitions=petitions)
    if request.method == "POST":
        if not can_keep:
            raise PermissionDenied(_("Your office does not give access to this page."))
        action = request.POST.get("action")
        try:
            if action == "add":
                form = DecisionForm(request.POST, pairs=active, petitions=petitions)
                if not form.is_valid():
                    raise Refused(_("Check the fields of the decision."))
                data = form.cleaned_data
                chosen = [p for p in active if str(p.pk) in data["pairs"]]
                petition = next((p for p in petitions if str(p.pk) == data["petition"]), None)
                services.add_decision(
                    by=request.acting,
                    protocol=protocol,
                    kind=data["kind"],
                    pairs=chosen,
                    petition=petition,
                    granted={"yes": True, "no": False}.get(data["granted"]),
                    reasons=data["reasons"],
                    missing_reports=data["missing_reports"],
                    objective_reason=data["objective_reason"],
                    concerns=data["concerns"],
                )
                messages.success(request, _("The decision was added."))
            elif action == "remove":
                decision = get_object_or_404(
                    Decision, pk=_int(request, "decision"), protocol=protocol
                )
                services.remove_decision(by=request.acting, decision=decision)
                messages.success(request, _("The decision was removed."))
            elif action == "issue":
                language = request.POST.get("language", "kk")
                services.issue_protocol(by=request.acting, protocol=protocol, language=language)
                messages.success(
                    request,
                    _(
                        "The protocol was issued; copies went to the "
                        "Training Centre and to HR (§14)."
                    ),
                )
            else:
                raise Refused(_("Unknown action."))
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            return redirect("protocol_detail", pk=pk)
    decisions = protocol.decisions.select_related("petition").prefetch_related(
        Prefetch("pairs", queryset=queries.pairs_with_judges()), "reports"
    )
    copies = (
        protocol.copies.select_related("court", "acknowledged_by")
        if allowed(request.acting, "programs.keep_protocols", protocol.region)
        else None
    )
    return render(
        request,
        "programs/protocol_detail.html",
        {
            "protocol": protocol,
            "decisions": decisions,
            "can_keep": can_keep,
            "form": form,
            "copies": copies,
            "doc_languages": _language_choices(),
        },
    )


@login_required
def protocol_pdf(request, pk: int):
    protocol = _protocol(request, pk)
    if protocol.document is None:
        raise Http404
    return pdf_response(
        protocol.document, f"protocol-{protocol.region.slug}-{protocol.year}-{protocol.number}.pdf"
    )


@login_required
def copies_inbox(request):
    _require(request, "programs.copies_inbox")
    return render(
        request, "programs/copies_inbox.html", {"copies": queries.copies_for(request.office)}
    )


@login_required
def copy_pdf(request, pk: int):
    """§14: the document delivered: the whole protocol to the Training Centre,
    the extract concerning one judge to the HR service."""
    copy = visible_or_404(request, visibility.copies, pk, "protocol__region", "judge")
    document = copy.document or copy.protocol.document
    if document is None:
        raise Http404
    return pdf_response(
        document,
        f"{document.kind}-{copy.protocol.region.slug}-{document.number}.pdf".replace("/", "-"),
    )


@login_required
@require_POST
def copy_acknowledge(request, pk: int):

    copy = visible_or_404(request, visibility.copies, pk)
    try:
        services.acknowledge_copy(by=request.acting, copy=copy)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Receipt was acknowledged (§14)."))
    return redirect("copies_inbox")


@login_required
def personal_file(request, pk: int):
    judge = visible_or_404(request, visibility.personal_files, pk, "court")
    decisions = queries.personal_file(judge)
    # §14: the extract concerning this judge is what the personal file holds
    extracts = dict(
        visibility.copies(request.user, request.office)
        .filter(judge=judge)
        .values_list("protocol_id", "pk")
    )
    for decision in decisions:
        decision.extract_copy_id = extracts.get(decision.protocol_id)
    return render(request, "programs/personal_file.html", {"judge": judge, "decisions": decisions})
