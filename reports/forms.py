from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RequestForm(forms.Form):
    year = forms.IntegerField(
        label=_("Reporting year (the year it begins)"),
        min_value=2000,
        max_value=2100,
        initial=lambda: timezone.localdate().year,
    )
    without_chair_report = forms.BooleanField(
        label=_("Prepare without the Chair's report (§19)"), required=False
    )
    language = forms.ChoiceField(
        label=_("Language of the document"),
        choices=lambda: [("kk", _("Kazakh")), ("ru", _("Russian"))],
        initial="kk",
        required=False,
    )


class NominationForm(forms.Form):
    judge = forms.IntegerField(widget=forms.HiddenInput)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    reasons = forms.CharField(
        label=_("Reasons"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RecommendationForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )
    text = forms.CharField(
        label=_("Text"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )
