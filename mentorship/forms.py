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

    error_messages = {
        **AuthenticationForm.error_messages,
        "too_long": _("Enter a correct username and password. Note that both fields may be "
                      "case-sensitive."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].max_length = USERNAME_MAX
        self.fields["username"].widget.attrs["maxlength"] = USERNAME_MAX
        self.fields["password"].max_length = PASSWORD_MAX

    def clean(self):
        raw = self.data.get("username", "") or ""
        if len(raw) > USERNAME_MAX or len(self.data.get("password", "") or "") > PASSWORD_MAX:
            raise forms.ValidationError(self.error_messages["too_long"], code="too_long")
        return super().clean()


class ThrottledPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(label=_("Email"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
