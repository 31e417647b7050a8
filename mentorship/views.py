from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courts.queries import courts_visible_to, judges_visible_to
from programs import queries

from .middleware import SESSION_OFFICE_KEY


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@login_required
def dashboard(request):
    office = request.office
    courts = courts_visible_to(request.user, office)
    judges = list(judges_visible_to(request.user, office).exclude(status="retired"))
    today = timezone.localdate()
    with_grounds = [j for j in judges if j.protege_grounds(today)]
    judge = getattr(request.user, "judge", None)
    context = {
        "roster_invitations": queries.invitations_for(judge),
        "seminar_invitations": queries.seminar_invitations_for(judge),
        "notifications": list(request.user.notifications.filter(read_at__isnull=True)[:10]),
        "court_count": courts.count(),
        "judge_count": len(judges),
        "protege_count": len(with_grounds),
        "own_judge": getattr(request.user, "judge", None),
        "my_pairs": queries.pairs_of(judge),
        "plans_to_decide": queries.plans_awaiting_decision(office),
    }
    return render(request, "dashboard.html", context)


@login_required
@require_POST
def switch_office(request):
    wanted = request.POST.get("office")
    for office in request.offices:
        if str(office.id) == wanted:
            request.session[SESSION_OFFICE_KEY] = office.id
            messages.success(request, _("You are now working as: %(office)s") % {"office": office})
            break
    else:
        messages.error(request, _("You do not hold that office."))
    target = request.POST.get("next") or "dashboard"
    if target != "dashboard" and not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}):
        target = "dashboard"
    return redirect(target)


def verify_document(request):
    """Public: tells anyone holding a verification code whether the document
    was issued, its number, date and issuer — nothing confidential."""
    from .models import Document

    code = request.GET.get("code", "").strip().upper()
    document = None
    if code:
        document = (Document.objects.filter(verification_code=code)
                    .only("kind", "number", "issued_on", "issuer", "signatory").first())
    return render(request, "verify.html", {"code": code, "document": document})
