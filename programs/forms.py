from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from mentorship.documents import DOCUMENT_LANGUAGES

from .models import CoordinatorBasis, RosterRole


class DesignationForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person (user account)"),
                                  queryset=get_user_model().objects.filter(is_active=True)
                                  .order_by("last_name", "username"))
    basis = forms.ChoiceField(label=_("Basis (§9)"), choices=CoordinatorBasis.choices)
    decision_number = forms.CharField(label=_("Decision number"), max_length=40)
    decided_on = forms.DateField(label=_("Date of the decision"),
                                 widget=forms.DateInput(attrs={"type": "date"}))


class ProposeMemberForm(forms.Form):
    judge = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=RosterRole.choices)


class ApproveForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the order"),
        choices=[(c, n) for c, n in (("kk", _("Kazakh")), ("ru", _("Russian")))
                 if c in DOCUMENT_LANGUAGES])


class SeminarForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Place"), max_length=300)
    topic = forms.CharField(label=_("Topic"), max_length=500)
    national = forms.BooleanField(label=_("National seminar (Central Council)"), required=False)
