from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from mentorship.types import OfficeRequest
from programs import queries
from programs.forms import ApplicationForm
from reports.queries import dashboard_figures

from . import dataversion, throttle
from .documents import add_ecp_signature, pdf_response
from .errors import Refused
from .forms import AccessLogFilter, LoginForm, ThrottledPasswordResetForm
from .middleware import SESSION_OFFICE_KEY
from .models import AccessRecord, Document, UserSettings
from .permissions import require
from .signing import check_pdf_signature
from .uploads import check_upload


def safe_redirect(request, target: str | None, default: str) -> HttpResponseRedirect:
    """Redirect to ``target`` only if it is a path on this site (checked by
    url_has_allowed_host_and_scheme); anything else goes to the named
    ``default``. Never resolves ``target`` as a URL name."""

    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(reverse(default))


class LoginView(auth_views.LoginView):
    """Sign-in; beside django-axes' lockouts, sign-in attempts from one address
    across any accounts are throttled (LOGIN_IP_RATE)."""

    redirect_authenticated_user = True
    authentication_form = LoginForm

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not throttle.hit("login-ip", throttle.client_ip(request), settings.LOGIN_IP_RATE):
            # a form bound without the password: nothing is authenticated
            form = self.get_form_class()(
                request, data={"username": request.POST.get("username", "")[:150]}
            )
            form.is_valid()
            form.errors.clear()
            form.add_error(
                None,
                _(
                    "Too many sign-in attempts from this computer. "
                    "Wait a quarter of an hour and try again."
                ),
            )
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    """Reset e-mails are throttled per e-mail address and per computer."""

    form_class = ThrottledPasswordResetForm

    def form_valid(self, form: Any) -> HttpResponse:
        ip_ok = throttle.hit(
            "reset-ip", throttle.client_ip(self.request), settings.PASSWORD_RESET_RATE_IP
        )
        email_ok = throttle.hit(
            "reset-email", form.cleaned_data["email"].lower(), settings.PASSWORD_RESET_RATE_EMAIL
        )
        if not (ip_ok and email_ok):
            form.add_error(
                None,
                _(
                    "Too many password reset requests. Wait an hour and try "
                    "again, or ask the administrator."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


@login_required
def dashboard(request: OfficeRequest) -> HttpResponseBase:
    office = request.office
    user = request.user
    today = timezone.localdate()
    judge = getattr(user, "judge", None)
    # the scope's figures and the user's own lists are cached until a table
    # they read changes (mentorship.dataversion): one read of the data
    # version instead. The lists are cached as data, never as HTML: their
    # forms carry this session's token.
    key = f"{office.pk if office else 0}:{user.pk}:{today.isoformat()}:{dataversion.current()}"
    offices = {o.pk: o for o in request.offices}

    def own_lists() -> dict[str, Any]:
        return {
            "roster_invitations": queries.invitations_for(judge),
            "my_pairs": queries.pairs_of(judge),
            "plans_to_decide": queries.plans_awaiting_decision(office),
            # the pending work of every office the user holds, each with its switch
            "pending": [
                (pk, rows) for pk, o in offices.items() if (rows := queries.pending_work(o))
            ],
        }

    lists: dict[str, Any] = (
        cache.get_or_set(
            f"dashboard-lists:{get_language()}:{key}", own_lists, dataversion.FIGURES_SECONDS
        )
        or own_lists()
    )
    participation = queries.participation_of(judge)  # names its decider: live
    context = {
        "figures_key": key,
        "figures_seconds": dataversion.FIGURES_SECONDS,
        **dashboard_figures(user, office, today),
        "roster_invitations": lists["roster_invitations"],
        "seminar_invitations": queries.seminar_invitations_for(judge),
        "notifications": list(user.notifications.filter(read_at__isnull=True)[:10]),
        "own_judge": judge,
        "my_pairs": lists["my_pairs"],
        "participation": participation,
        # §4.1 voluntariness: a serving judge not in the programme may ask to join
        "application_form": ApplicationForm()
        if judge is not None
        and judge.status != "retired"
        and (participation is None or not participation.is_live)
        else None,
        "plans_to_decide": lists["plans_to_decide"],
        "pending": [(offices[pk], rows) for pk, rows in lists["pending"] if pk in offices],
    }
    return render(request, "dashboard.html", context)


@login_required
@require_POST
def switch_office(request: OfficeRequest) -> HttpResponseBase:
    wanted = request.POST.get("office")
    for office in request.offices:
        if str(office.id) == wanted:
            request.session[SESSION_OFFICE_KEY] = office.id
            messages.success(request, _("You are now working as: %(office)s") % {"office": office})
            break
    else:
        messages.error(request, _("You do not hold that office."))
    return safe_redirect(request, request.POST.get("next"), "dashboard")


def _verify_lookup(request) -> tuple[str, Document | None, bool]:
    code = (request.POST.get("code") or request.GET.get("code") or "").strip().upper()[:40]
    if not code:
        return code, None, False
    if not throttle.hit("verify", throttle.client_ip(request), settings.VERIFY_RATE):
        return code, None, True
    document = Document.objects.filter(verification_code=code).first()
    return code, document, False


def verify_document(request: OfficeRequest) -> HttpResponseBase:
    """Public: tells anyone holding a verification code whether the document
    was issued, its number, date, issuer and signatories, its stored SHA-256
    and whether its signature is valid; a copy brought along (a PDF upload)
    is compared with the stored original."""

    code, document, throttled = _verify_lookup(request)
    if throttled:
        return render(request, "verify.html", {"code": code, "throttled": True}, status=429)
    context: dict = {"code": code, "document": document}
    if document is not None:
        context["signature"] = check_pdf_signature(bytes(document.pdf))
        context["ecp_signatures"] = list(document.signatures.all())
        if request.method == "POST" and request.FILES.get("copy"):
            try:
                copy = check_upload(request.FILES["copy"])
                if copy.extension != ".pdf":
                    raise Refused(_("Bring the PDF of the document to compare it."))
            except Refused as exc:
                context["copy_error"] = str(exc)
            else:
                context["copy"] = {
                    "sha256": copy.sha256,
                    "identical": copy.sha256 == document.sha256,
                    "signature": check_pdf_signature(copy.content),
                }
    status = 200
    if request.method == "POST" and "copy" in context and not context["copy"]["identical"]:
        status = 409  # the copy brought along is not the issued document
    return render(request, "verify.html", context, status=status)


def verify_document_pdf(request: OfficeRequest) -> HttpResponseBase:
    """Public: the holder of the code downloads the stored original."""
    code, document, throttled = _verify_lookup(request)
    if throttled:
        return render(request, "verify.html", {"code": code, "throttled": True}, status=429)
    if document is None:
        raise Http404
    return pdf_response(document, f"{document.kind}-{document.verification_code}.pdf")


@login_required
def document_ecp(request: OfficeRequest, code: str) -> HttpResponseBase:
    """The issuer of a document signs its hash with their ЭЦП (NCALayer)."""
    document = Document.objects.filter(verification_code=code.upper()[:40]).first()
    if document is None or document.issued_by_id != request.user.pk:
        raise Http404
    if request.method == "POST":
        cms = request.POST.get("cms", "").strip()[:200_000]
        try:
            add_ecp_signature(by=request.acting, document=document, cms=cms)
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your ЭЦП was verified and stored beside the document."))
            return HttpResponseRedirect(
                reverse("verify_document") + f"?code={document.verification_code}"
            )
    return render(
        request,
        "document_ecp.html",
        {"document": document, "signatures": list(document.signatures.all())},
    )


def set_language(request: OfficeRequest) -> HttpResponseBase:
    """Django's set_language, which also remembers a signed-in user's choice so
    notifications and e-mails reach them in that language."""

    response = django_set_language(request)
    language = request.POST.get("language")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and language in {code for code, _name in settings.LANGUAGES}
    ):
        UserSettings.objects.update_or_create(user=request.user, defaults={"language": language})
    return response


@login_required
def notification_centre(request: OfficeRequest) -> HttpResponseBase:
    """Every notification of the user; mark one or all as read."""

    mine = request.user.notifications
    if request.method == "POST":
        unread = mine.filter(read_at__isnull=True)
        wanted = request.POST.get("id", "")
        if wanted.isascii() and wanted.isdigit() and len(wanted) < 19:
            unread = unread.filter(pk=int(wanted))
        unread.update(read_at=timezone.now())
        return safe_redirect(request, request.POST.get("next"), "notification_centre")
    page = Paginator(mine.order_by("-created_at"), 30).get_page(request.GET.get("page"))
    return render(request, "notifications.html", {"page": page})


#: what an access record names, for the page (AccessRecord.what)
ACCESS_WHAT = {
    "courts.judge": _lazy("judge page"),
    "programs.personal_file": _lazy("personal file"),
    "programs.report": _lazy("written report"),
    "programs.attachment": _lazy("attachment of a written report"),
    "programs.register_of_pairs": _lazy("register of pairs (XLSX)"),
    "reports.annualreport": _lazy("annual report workbook (XLSX)"),
}


@login_required
def access_log(request: OfficeRequest) -> HttpResponseBase:
    """Who viewed or exported which personal data, when and how: for the
    data-protection officer, filtered by person and period."""
    require(request.acting, "mentorship.read_access_log")
    form = AccessLogFilter(request.GET or None)
    records = AccessRecord.objects.select_related("user", "subject")
    if form.is_valid():
        person = form.cleaned_data["person"].strip()
        if person:
            records = records.filter(
                Q(subject__last_name__icontains=person) | Q(user__last_name__icontains=person)
            )
        if form.cleaned_data["since"]:
            records = records.filter(at__date__gte=form.cleaned_data["since"])
        if form.cleaned_data["until"]:
            records = records.filter(at__date__lte=form.cleaned_data["until"])
    elif form.is_bound:
        records = records.none()
    keep = request.GET.copy()
    keep.pop("page", None)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    for r in page:
        r.what_label = ACCESS_WHAT.get(r.what, r.what)  # type: ignore[attr-defined]
    return render(
        request, "access_log.html", {"form": form, "page": page, "keep": keep.urlencode()}
    )
