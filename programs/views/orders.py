"""§5, §6: extension and workload-reduction orders."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courts.models import Judge
from mentorship.documents import pdf_response
from mentorship.errors import Refused

from .. import queries, services, visibility
from ..forms import (
    ExtensionForm,
    WorkloadForm,
    language_choices,
)
from ..models import (
    WorkloadOrder,
)
from ._common import _pair, _post_action, _require, visible_or_404
from .pairs import _chaired_court

ORDERS_SHOWN = 50


def _confirm_order(request, *, title: str, summary: list, back: str) -> HttpResponseBase:
    """An order is irreversible: the page shows what it will say and posts the
    same fields again with `confirmed=1`."""
    fields = [
        (name, value)
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", "confirmed")
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "programs/confirm_order.html",
        {
            "title": title,
            "summary": summary,
            "fields": fields,
            "action": request.path,
            "back": back,
        },
    )


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


@login_required
@require_POST
def pair_extend(request, pk: int) -> HttpResponseBase:
    pair = _pair(request, pk)
    _require(request, "programs.extend_term", pair.region)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new end of the term and the reasons."))
        return redirect("pair_detail", pk=pk)
    data = form.cleaned_data
    if request.POST.get("confirmed") != "1":
        return _confirm_order(
            request,
            title=_("Issue the extension order"),
            summary=[
                (_("Pair"), f"{pair.mentor.full_name} — {pair.protege.full_name}"),
                (_("Term until"), date_format(data["new_end"], "SHORT_DATE_FORMAT")),
                (_("Reasons"), data["reasons"]),
                (_("Language of the order"), _language_name(data["language"])),
            ],
            back=reverse("pair_detail", args=[pk]),
        )
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
def extension_order_pdf(request, pk: int) -> HttpResponseBase:

    order = visible_or_404(request, visibility.extension_orders, pk, "document")
    return pdf_response(order.document, f"extension-order-{order.year}-{order.number}.pdf")


@login_required
def workload_orders(request) -> HttpResponseBase:

    court = _chaired_court(request)
    form = WorkloadForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            judge = get_object_or_404(Judge, pk=data["judge"], court=court)
            if request.POST.get("confirmed") != "1":
                return _confirm_order(
                    request,
                    title=_("Issue the workload-reduction order"),
                    summary=[
                        (_("Judge"), f"{judge.full_name}, {judge.court.name}"),
                        (_("Reduction"), f"{data['percent']} %"),
                        (
                            _("Period"),
                            f"{date_format(data['starts_on'], 'SHORT_DATE_FORMAT')} – "
                            f"{date_format(data['ends_on'], 'SHORT_DATE_FORMAT')}",
                        ),
                        (_("Language of the order"), _language_name(data["language"])),
                    ],
                    back=reverse("workload_orders"),
                )
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
    orders = WorkloadOrder.objects.filter(court=court)
    return render(
        request,
        "programs/workload_orders.html",
        {
            "court": court,
            "judges": judges,
            # the latest ORDERS_SHOWN, with the total (#16: bounded whatever the years)
            "orders": list(
                orders.select_related("judge", "document").order_by("-issued_on", "-id")[
                    :ORDERS_SHOWN
                ]
            ),
            "orders_total": orders.count(),
            "form": WorkloadForm(),
            # the order's languages, once for every row's select
            "language_options": format_html_join(
                "", '<option value="{}">{}</option>', language_choices()
            ),
            "today": today,
        },
    )


@login_required
def workload_order_pdf(request, pk: int) -> HttpResponseBase:

    order = visible_or_404(request, visibility.workload_orders, pk, "document")
    return pdf_response(order.document, f"workload-order-{order.year}-{order.number}.pdf")
