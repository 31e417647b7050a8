"""§14: the council's queue, protocols, copies and personal files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from mentorship import access_log
from mentorship.documents import pdf_response
from mentorship.errors import Refused
from mentorship.models import AccessHow
from mentorship.navigation import address_prefix
from mentorship.permissions import allowed
from mentorship.types import OfficeRequest

from .. import queries, services, visibility
from ..forms import (
    DecisionForm,
    ProtocolForm,
    language_choices,
)
from ..models import (
    Decision,
    Petition,
    Protocol,
)
from ._common import _int, _office_region, _require, visible_or_404

# --- §14 council queue, protocols, copies, personal files ---------------------------


@login_required
def council_queue(request) -> HttpResponseBase:
    region = _office_region(request)
    _require(request, "programs.view_council_queue", region)
    return render(
        request,
        "programs/council_queue.html",
        {
            "region": region,
            **queries.council_queue(request.office),
            "is_council": request.office.office == "branch_council",
            # one reverse() for the overdue pairs' links, not one a row (#16)
            "pair_url": address_prefix("pair_detail"),
        },
    )


@login_required
def protocol_list(request) -> HttpResponseBase:
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


def _protocol(request: OfficeRequest, pk: int) -> Protocol:
    return visible_or_404(request, visibility.protocols, pk, "region", "document", "created_by")


def _decision_form(request, protocol, data=None) -> tuple[DecisionForm, list, list]:
    """The decision form with the region's active pairs and pending petitions
    the council may decide on."""
    active = list(
        queries.pairs_visible_to(request.user, request.office).filter(
            region=protocol.region, status="active"
        )
    )
    petitions = list(
        Petition.objects.filter(pair__region=protocol.region, status="pending").select_related(
            "pair__protege", "pair__mentor"
        )
    )
    return DecisionForm(data, pairs=active, petitions=petitions), active, petitions


def _protocol_page(
    request, protocol, form: DecisionForm | None = None, edit_form: ProtocolForm | None = None
) -> HttpResponseBase:
    can_keep = protocol.status == "draft" and allowed(
        request.acting, "programs.keep_protocols", protocol.region
    )
    if can_keep and form is None:
        form = _decision_form(request, protocol)[0]
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
            "edit_form": edit_form
            or ProtocolForm(
                initial={"held_on": protocol.held_on, "members_present": protocol.members_present}
            ),
            "copies": copies,
            "doc_languages": language_choices(),
        },
    )


@login_required
@require_safe
def protocol_detail(request, pk: int) -> HttpResponseBase:
    return _protocol_page(request, _protocol(request, pk))


class InvalidProtocolForm(Refused):
    """A form of the protocol page is incomplete: the page again, with what was typed."""

    def __init__(self, message: str, **forms: Any) -> None:
        super().__init__(message)
        self.forms = forms


def _add(request, protocol) -> None:
    form, active, petitions = _decision_form(request, protocol, request.POST)
    if not form.is_valid():
        raise InvalidProtocolForm(str(_("Check the fields of the decision.")), form=form)
    data = form.cleaned_data
    try:
        services.add_decision(
            by=request.acting,
            protocol=protocol,
            kind=data["kind"],
            pairs=[p for p in active if str(p.pk) in data["pairs"]],
            petition=next((p for p in petitions if str(p.pk) == data["petition"]), None),
            granted={"yes": True, "no": False}.get(data["granted"]),
            reasons=data["reasons"],
            missing_reports=data["missing_reports"],
            objective_reason=data["objective_reason"],
            concerns=data["concerns"],
        )
    except Refused as exc:  # the page again with the decision as typed
        raise InvalidProtocolForm(str(exc), form=form) from exc


def _remove(request, protocol) -> None:
    decision = Decision.objects.filter(pk=_int(request, "decision"), protocol=protocol).first()
    if decision is None:
        raise Refused(_("Choose a decision of this protocol."))
    services.remove_decision(by=request.acting, decision=decision)


def _edit(request, protocol) -> None:
    form = ProtocolForm(request.POST)
    if not form.is_valid():
        raise InvalidProtocolForm(
            str(_("Check the date of the meeting and the members present.")), edit_form=form
        )
    try:
        services.update_protocol(by=request.acting, protocol=protocol, **form.cleaned_data)
    except Refused as exc:
        raise InvalidProtocolForm(str(exc), edit_form=form) from exc


def _delete(request, protocol) -> None:
    services.delete_protocol(by=request.acting, protocol=protocol)


def _issue(request, protocol) -> None:
    language = request.POST.get("language", "kk")
    services.issue_protocol(by=request.acting, protocol=protocol, language=language)


@dataclass(frozen=True)
class Step:
    call: Callable
    success: Promise


# one URL per transition of a protocol (§14): protocol_add, protocol_remove, …;
# messages translated when shown, not at import
PROTOCOL_STEPS: dict[str, Step] = {
    "add": Step(_add, gettext_lazy("The decision was added.")),
    "remove": Step(_remove, gettext_lazy("The decision was removed.")),
    "edit": Step(_edit, gettext_lazy("The draft protocol was saved.")),
    "delete": Step(_delete, gettext_lazy("The draft protocol was deleted.")),
    "issue": Step(
        _issue,
        gettext_lazy(
            "The protocol was issued; copies went to the Training Centre and to HR (§14)."
        ),
    ),
}


@login_required
@require_POST
def protocol_step(request, pk: int, step: str) -> HttpResponseBase:
    """One transition of a draft protocol (`PROTOCOL_STEPS[step]`); the
    services check who may take it and refuse with the reason, changing nothing."""
    protocol = _protocol(request, pk)
    if not allowed(request.acting, "programs.keep_protocols", protocol.region):
        raise PermissionDenied(_("Your office does not give access to this page."))
    try:
        with transaction.atomic():
            PROTOCOL_STEPS[step].call(request, protocol)
    except InvalidProtocolForm as exc:
        messages.error(request, str(exc))
        return _protocol_page(request, protocol, **exc.forms)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("protocol_detail", pk=pk)
    messages.success(request, str(PROTOCOL_STEPS[step].success))
    if step == "delete":
        return redirect("protocol_list")
    return redirect("protocol_detail", pk=pk)


@login_required
def protocol_issue(request, pk: int) -> HttpResponseBase:
    """§14: issuing is irreversible (a number, a PDF, the pairs' final states,
    copies): GET shows what will be issued and asks to confirm; POST issues."""
    if request.method == "POST":
        return protocol_step(request, pk, "issue")
    protocol = _protocol(request, pk)
    if protocol.status != "draft" or not allowed(
        request.acting, "programs.keep_protocols", protocol.region
    ):
        raise PermissionDenied(_("Your office does not give access to this page."))
    decisions = list(
        protocol.decisions.select_related("petition").prefetch_related(
            Prefetch("pairs", queryset=queries.pairs_with_judges()), "reports"
        )
    )
    judges = {j.pk: j for d in decisions for p in d.pairs.all() for j in (p.protege, p.mentor)}
    return render(
        request,
        "programs/protocol_issue.html",
        {
            "protocol": protocol,
            "decisions": decisions,
            "judges": sorted(judges.values(), key=lambda j: (j.last_name, j.first_name)),
            "doc_languages": language_choices(),
            "language": request.GET.get("language", "kk"),
        },
    )


@login_required
def protocol_pdf(request, pk: int) -> HttpResponseBase:
    protocol = _protocol(request, pk)
    if protocol.document is None:
        raise Http404
    return pdf_response(
        protocol.document, f"protocol-{protocol.region.slug}-{protocol.year}-{protocol.number}.pdf"
    )


@login_required
def copies_inbox(request) -> HttpResponseBase:
    _require(request, "programs.copies_inbox")
    # §14: each copy says whose protocol it is: the judge of an extract, the
    # pairs decided for the Training Centre's whole protocol
    copies = queries.copies_for(request.office).prefetch_related(
        Prefetch("protocol__decisions__pairs", queryset=queries.pairs_with_judges())
    )
    return render(request, "programs/copies_inbox.html", {"copies": copies})


@login_required
def copy_pdf(request, pk: int) -> HttpResponseBase:
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
def copy_acknowledge(request, pk: int) -> HttpResponseBase:

    copy = visible_or_404(request, visibility.copies, pk)
    try:
        services.acknowledge_copy(by=request.acting, copy=copy)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Receipt was acknowledged (§14)."))
    return redirect("copies_inbox")


@login_required
def personal_file(request, pk: int) -> HttpResponseBase:
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
    access_log.record(
        request, AccessHow.VIEWED, judge, subject=judge, what="programs.personal_file"
    )
    return render(request, "programs/personal_file.html", {"judge": judge, "decisions": decisions})
