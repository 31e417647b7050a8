"""Forms of the sign-in pages: bounded lengths before anything reaches the
authentication backends or django-axes (whose columns hold 255 characters)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

USERNAME_MAX = 150
PASSWORD_MAX = 4096


class LoginForm(AuthenticationForm):
    """A username longer than any account's is refused as a field error; the
    password is bounded so hashing a megabyte cannot be asked for."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].max_length = USERNAME_MAX
        self.fields["username"].widget.attrs["maxlength"] = USERNAME_MAX
        self.fields["password"].max_length = PASSWORD_MAX

    def clean(self):
        raw = self.data.get("username", "") or ""
        if len(raw) > USERNAME_MAX or len(self.data.get("password", "") or "") > PASSWORD_MAX:
            # the same answer as a wrong password: no account has such a name
            raise self.get_invalid_login_error()
        return super().clean()


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's form (e-mail at most 254 characters); the view throttles it."""


class AccessLogFilter(forms.Form):
    """The data-protection officer's filter: a person (the judge whose data
    it is, or the user who looked) and a period."""

    person = forms.CharField(label=_("Person (surname)"), max_length=100, required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The period ends before it begins."))
        return data
