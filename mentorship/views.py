from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courts.queries import courts_visible_to, judges_visible_to
from programs import queries
from reports.queries import key_figures

from .middleware import SESSION_OFFICE_KEY


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


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
        "key_figures": key_figures(office, request.user),
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


def set_language(request):
    """Django's set_language, which also remembers a signed-in user's choice so
    notifications and e-mails reach them in that language."""
    from django.views.i18n import set_language as django_set_language

    from .models import UserSettings

    response = django_set_language(request)
    language = request.POST.get("language")
    if (request.method == "POST" and request.user.is_authenticated
            and language in {code for code, _name in settings.LANGUAGES}):
        UserSettings.objects.update_or_create(user=request.user,
                                              defaults={"language": language})
    return response


@login_required
def notification_centre(request):
    """Every notification of the user; mark one or all as read."""
    from django.core.paginator import Paginator

    mine = request.user.notifications
    if request.method == "POST":
        unread = mine.filter(read_at__isnull=True)
        wanted = request.POST.get("id", "")
        if wanted.isascii() and wanted.isdigit():
            unread = unread.filter(pk=int(request.POST["id"]))
        unread.update(read_at=timezone.now())
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return redirect(target)
        return redirect("notification_centre")
    page = Paginator(mine.order_by("-created_at"), 30).get_page(request.GET.get("page"))
    return render(request, "notifications.html", {"page": page})
