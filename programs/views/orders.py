"""§5, §6: extension and workload-reduction orders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courts.models import Judge
from mentorship.documents import pdf_response
from mentorship.errors import Refused

from .. import queries, services, visibility
from ..forms import (
    ExtensionForm,
    WorkloadForm,
)
from ..models import (
    WorkloadOrder,
)
from ._common import _pair, _post_action, _require, visible_or_404
from .pairs import _chaired_court


@login_required
@require_POST
def pair_extend(request, pk: int):
    _require(request, "programs.extend_term", _pair(request, pk).region)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new end of the term and the reasons."))
        return redirect("pair_detail", pk=pk)
    data = form.cleaned_data
    return _post_action(
        request,
        pk,
        lambda p: services.extend_term(
            by=request.acting,
            pair=p,
            new_end=data["new_end"],
            reasons=data["reasons"],
            language=data["language"],
        ),
        _("The order extending the term was issued (§5)."),
        perm="programs.extend_term",
    )


@login_required
def extension_order_pdf(request, pk: int):

    order = visible_or_404(request, visibility.extension_orders, pk, "document")
    return pdf_response(order.document, f"extension-order-{order.year}-{order.number}.pdf")


@login_required
def workload_orders(request):

    court = _chaired_court(request)
    form = WorkloadForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            judge = get_object_or_404(Judge, pk=data["judge"], court=court)
            try:
                order = services.issue_workload_order(
                    by=request.acting,
                    judge=judge,
                    percent=data["percent"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    language=data["language"],
                )
            except Refused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Order № %(n)s was issued (§6).") % {"n": order.number})
                return redirect("workload_orders")
        else:
            messages.error(
                request, _("§6: the caseload may be reduced by 1 to 30 per cent; give the period.")
            )
    today = timezone.localdate()
    judges = queries.workload_candidates(court, today)
    orders = WorkloadOrder.objects.filter(court=court).select_related("judge", "document")
    return render(
        request,
        "programs/workload_orders.html",
        {
            "court": court,
            "judges": judges,
            "orders": orders,
            "form": WorkloadForm(),
            "today": today,
        },
    )


@login_required
def workload_order_pdf(request, pk: int):

    order = visible_or_404(request, visibility.workload_orders, pk, "document")
    return pdf_response(order.document, f"workload-order-{order.year}-{order.number}.pdf")
