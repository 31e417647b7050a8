from django import forms
from django.utils.translation import gettext_lazy as _

MAX_IMPORT_BYTES = 10 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (.csv or .xlsx)"),
        help_text=_("Courts or judges with career events; see the column list below."),
    )
    dry_run = forms.BooleanField(
        label=_("Check only (dry run): import nothing"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Only .csv and .xlsx files can be imported."))
        return upload


class JudgeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False)
    court = forms.IntegerField(required=False, widget=forms.HiddenInput)
