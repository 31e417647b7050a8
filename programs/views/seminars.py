"""§8, §15.7, §16.6: seminars and attendance."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from courts.collation import by_name
from mentorship.errors import Refused
from mentorship.permissions import allowed

from .. import queries, services
from ..forms import (
    SeminarForm,
)
from ..models import Seminar
from ._common import hidden_unless


@login_required
def seminar_list(request) -> HttpResponseBase:
    form = SeminarForm(request.POST or None)
    office = request.office
    region = office.region if office is not None and office.region_id else None
    can_organise = (
        allowed(request.acting, "programs.organise_seminar", region)
        or allowed(request.acting, "programs.organise_seminar", None)
        or allowed(request.acting, "programs.organise_event", region)
    )
    if request.method == "POST":
        if not can_organise:
            raise PermissionDenied(_("Your office does not give access to this page."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                seminar = services.schedule_seminar(
                    by=request.acting,
                    region=None if data["national"] else region,
                    held_on=data["held_on"],
                    place=data["place"],
                    topic=data["topic"],
                    kind=data["kind"],
                )
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The seminar was scheduled."))
                return redirect("seminar_detail", pk=seminar.pk)
    seminars = queries.seminars_visible_to(request.user, office)
    return render(
        request,
        "programs/seminar_list.html",
        {"seminars": seminars, "form": form, "can_organise": can_organise},
    )


@login_required
def seminar_detail(request, pk: int) -> HttpResponseBase:
    seminar = get_object_or_404(Seminar.objects.select_related("region"), pk=pk)
    hidden_unless(request, "programs.view_seminar", seminar)
    can_manage = allowed(request.acting, "programs.manage_seminar", seminar)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Your office does not give access to this page."))
        try:
            if request.POST.get("action") == "invite":
                n = services.invite_to_seminar(
                    by=request.acting, seminar=seminar, judges=queries.seminar_invitees(seminar)
                )
                messages.success(request, _("%(n)d judges were invited.") % {"n": n})
            else:
                ids = {
                    int(i)
                    for i in request.POST.getlist("attended")
                    if i.isascii() and i.isdigit() and len(i) < 19
                }
                services.record_attendance(by=request.acting, seminar=seminar, attended_ids=ids)
                messages.success(request, _("Attendance was recorded."))
        except Refused as exc:
            messages.error(request, str(exc))
        return redirect("seminar_detail", pk=pk)
    invitations = seminar.invitations.select_related("judge__court").order_by(*by_name("judge__"))
    return render(
        request,
        "programs/seminar_detail.html",
        {
            "seminar": seminar,
            "invitations": invitations,
            "can_manage": can_manage,
            "today": timezone.localdate(),
        },
    )
