"""English pages write dates day first, as readers here do: 02.12.2026 or
«2 December 2026», never the American 12/02/2026 (mentorship/formats/en)."""

import datetime as dt

from django import forms
from django.template import Context, Template
from django.utils import formats, translation

DAY = dt.date(2026, 12, 2)


def test_english_short_and_long_dates_are_day_first():
    with translation.override("en"):
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == "02.12.2026"
        assert formats.date_format(DAY) == "2 December 2026"
        moment = dt.datetime(2026, 12, 2, 14, 5)
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "02.12.2026 14:05"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1
        rendered = Template('{{ d|date:"SHORT_DATE_FORMAT" }} {{ d }}').render(Context({"d": DAY}))
        assert rendered == "02.12.2026 2 December 2026"


def test_english_forms_read_day_first_dates():
    class F(forms.Form):
        day = forms.DateField()

    with translation.override("en"):
        form = F({"day": "02.12.2026"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == DAY
        assert not F({"day": "12/02/2026"}).is_valid()  # no US reading of 2 December


def test_the_other_languages_keep_their_formats():
    for language, expected in (("kk", "02.12.2026"), ("ru", "02.12.2026")):
        with translation.override(language):
            assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == expected
