"""#12.2 accounts the judge controls: the judge's HR service issues a one-time
enrolment code; the judge alone links an account to their judge record, by
entering the code with a username and a password of their own.

The code is twelve characters from an alphabet without look-alikes (no 0/O,
1/I), shown once to the HR officer, who hands it over in person (out of band:
never e-mailed, never in a notification or a log). Only an HMAC digest keyed
by the server's secret is stored; it expires after ENROLMENT_CODE_HOURS and is
used once. A new code replaces the open one. Attempts are throttled per
computer (ENROLMENT_RATE). Nobody — the administrator included — links,
re-links or unlinks an account in the admin (courts/admin.py).

A registered pair's journal is bound to its members' accounts (§4.2); a
member who had none at registration is bound on enrolment, and both members
and the region's branch council are told."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, password_validation
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from courts.models import EnrolmentCode, Judge, Office
from courts.offices import office_holders
from courts.queries import judges_visible_to
from mentorship.errors import Refused
from mentorship.forms import PASSWORD_MAX, USERNAME_MAX
from mentorship.notifications import notify
from mentorship.permissions import Acting, refuse_unless, require, user_of
from mentorship.types import OfficeRequest
from programs.models import LIVE_PAIR_STATUSES, Pair

from . import throttle

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12

ALREADY_ENROLLED = gettext_lazy(
    "This judge already has an account. An account is never moved to another "
    "person or replaced in the system (#12, §4.2)."
)
CODE_NOT_VALID = gettext_lazy(
    "This enrolment code is not valid: it is wrong, expired or already used. Ask "
    "the HR service of your court for a new one."
)
USERNAME_TAKEN = gettext_lazy("This username is taken. Choose another.")


def _normal(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _digest(code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"enrolment:" + _normal(code).encode(), hashlib.sha256).hexdigest()


def _shown(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def issue_code(by: Acting, judge: Judge) -> tuple[str, EnrolmentCode]:
    """The HR service of the judge's court issues a code (replacing an open one)."""
    refuse_unless(by, "courts.issue_enrolment_code", judge)
    now = timezone.now()
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    with transaction.atomic():
        locked = Judge.objects.select_for_update(of=("self",)).get(pk=judge.pk)
        if locked.user_id is not None:
            raise Refused(ALREADY_ENROLLED)
        EnrolmentCode.objects.filter(judge=locked, used_at__isnull=True).delete()
        row = EnrolmentCode.objects.create(
            judge=locked,
            digest=_digest(code),
            issued_by=user_of(by),
            issued_at=now,
            expires_at=now + dt.timedelta(hours=settings.ENROLMENT_CODE_HOURS),
        )
    return _shown(code), row


def enrol(*, code: str, username: str, email: str, password: str) -> User:
    """The judge links an account of their own to their record with the code."""
    now = timezone.now()
    with transaction.atomic():
        row = (
            EnrolmentCode.objects.select_for_update(of=("self",))
            .filter(digest=_digest(code), used_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if row is None:
            raise Refused(CODE_NOT_VALID)
        judge = Judge.objects.select_for_update(of=("self",)).get(pk=row.judge_id)
        if judge.user_id is not None:
            raise Refused(ALREADY_ENROLLED)
        try:
            with transaction.atomic():
                user = get_user_model().objects.create_user(
                    username,
                    email,
                    password,
                    first_name=judge.first_name[:150],
                    last_name=judge.last_name[:150],
                )
        except IntegrityError:
            raise Refused(USERNAME_TAKEN) from None
        judge.user = user
        judge.save(update_fields=["user"])
        row.used_at = now
        row.save(update_fields=["used_at"])
        notify([row.issued_by], "account_enrolled", {"judge": judge.full_name})
        _bind_the_pairs(judge, user)
    return user


def _bind_the_pairs(judge: Judge, user: User) -> None:
    """§4.2, #12: a pair's journal is bound to the accounts its members had at
    registration (programs.services.register_pair). A member who had none
    then is bound now, to the account they enrolled; a bound account is never
    replaced (a trigger on Pair). Both members and the region's branch
    council are told of each pair whose journal now opens with this account."""
    registered = Pair.objects.filter(registered_on__isnull=False)
    as_protege = registered.filter(protege=judge, protege_account__isnull=True)
    as_mentor = registered.filter(mentor=judge, mentor_account__isnull=True)
    bound = list(as_protege.values_list("pk", flat=True)) + list(
        as_mentor.values_list("pk", flat=True)
    )
    as_protege.update(protege_account=user)
    as_mentor.update(mentor_account=user)
    pairs = Pair.objects.filter(
        Q(pk__in=bound) | Q(protege=judge) | Q(mentor=judge), status__in=LIVE_PAIR_STATUSES
    ).select_related("protege__user", "mentor__user")
    for pair in pairs:
        council = office_holders(Office.BRANCH_COUNCIL, region=pair.region_id)
        notify(
            [pair.protege.user, pair.mentor.user, *council],
            "pair_member_account",
            {
                "judge": judge.full_name,
                "mentor": pair.mentor.full_name,
                "protege": pair.protege.full_name,
            },
        )


# --- forms and views -------------------------------------------------------------


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Enrolment code"),
        max_length=32,
        help_text=gettext_lazy("The code the HR service of your court handed to you."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
    )
    username = forms.RegexField(
        label=gettext_lazy("Username"),
        max_length=USERNAME_MAX,
        regex=r"^[\w.@+-]+\Z",
        error_messages={
            "invalid": gettext_lazy("Letters, digits and @ . + - _ only, without spaces.")
        },
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        help_text=gettext_lazy("For notifications and a forgotten password."),
    )
    password1 = forms.CharField(
        label=gettext_lazy("Password"),
        max_length=PASSWORD_MAX,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=gettext_lazy("Password again"),
        max_length=PASSWORD_MAX,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(USERNAME_TAKEN)
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords differ."))
        elif one:
            probe = get_user_model()(username=data.get("username", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(one, probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


def enrol_view(request: HttpRequest) -> HttpResponseBase:
    """The judge's first step: code, username, e-mail, password."""
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = EnrolForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not throttle.hit("enrol", throttle.client_ip(request), settings.ENROLMENT_RATE):
            # bound without the code and the passwords: nothing is checked
            form = EnrolForm(data={"username": request.POST.get("username", "")[:USERNAME_MAX]})
            form.is_valid()
            form.errors.clear()
            form.add_error(
                None, _("Too many attempts from this computer. Wait a quarter of an hour.")
            )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                user = enrol(
                    code=data["code"],
                    username=data["username"],
                    email=data["email"],
                    password=data["password1"],
                )
            except Refused as exc:
                form.add_error(
                    "code" if exc.args[0] is not USERNAME_TAKEN else "username", str(exc)
                )
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(
                    request,
                    _("Your account is linked to your judge record. Welcome."),
                )
                return redirect("dashboard")
    response: HttpResponse = render(request, "accounts/enrol.html", {"form": form})
    response.status_code = status
    return response


@require_POST
def issue_code_view(request: OfficeRequest, pk: int) -> HttpResponseBase:
    """The HR officer issues a code; it is shown on this one page, once."""
    if not request.user.is_authenticated:
        return redirect("login")
    judge = get_object_or_404(judges_visible_to(request.user, request.office), pk=pk)
    require(request.acting, "courts.issue_enrolment_code", judge)  # 403 for other offices
    try:
        code, row = issue_code(request.acting, judge)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("judge_detail", pk=judge.pk)
    response = render(
        request, "accounts/enrolment_code.html", {"judge": judge, "code": code, "row": row}
    )
    response["Cache-Control"] = "no-store"
    return response
