from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from mentorship.documents import DOCUMENT_LANGUAGES

from . import regulation
from .models import (
    Addressee,
    CoordinatorBasis,
    DecisionKind,
    JournalKind,
    ObjectiveReason,
    ParticipationGround,
    PetitionKind,
    RosterRole,
    SeminarKind,
    Side,
    Task,
)
from .queries.rosters import designation_candidates


class DesignationUserField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        judge = getattr(obj, "judge", None)
        if judge is not None:
            return f"{judge.full_name} — {judge.court.name}"
        return obj.get_full_name() or obj.username


class DesignationForm(forms.Form):
    """§9, #12.4: the persons the council may designate are of its region: judges
    of the regional court, retired judges who last served there, chairs of a
    collegium of its small courts, holders of its branch or Training Centre
    offices — not every account in the country."""

    user = DesignationUserField(label=_("Person"), queryset=get_user_model().objects.none())
    basis = forms.ChoiceField(label=_("Basis (§9)"), choices=CoordinatorBasis.choices)
    decision_number = forms.CharField(label=_("Decision number"), max_length=40)
    decided_on = forms.DateField(
        label=_("Date of the decision"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = designation_candidates(region)  # programs.queries


class ProposeMemberForm(forms.Form):
    judge = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=RosterRole.choices)
    # §12: a mentor is added on the branch council's selection (its decision)
    council_decision_number = forms.CharField(
        label=_("Branch council decision №"), max_length=40, required=False
    )
    council_decision_on = forms.DateField(label=_("of (date)"), required=False)


class ApproveForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the order"),
        choices=[
            (c, n)
            for c, n in (("kk", _("Kazakh")), ("ru", _("Russian")))
            if c in DOCUMENT_LANGUAGES
        ],
    )


class SeminarForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SeminarKind.choices)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Place"), max_length=300)
    topic = forms.CharField(label=_("Topic"), max_length=500)
    national = forms.BooleanField(label=_("National seminar (Central Council)"), required=False)


def language_choices():
    return [
        (c, n) for c, n in (("kk", _("Kazakh")), ("ru", _("Russian"))) if c in DOCUMENT_LANGUAGES
    ]


class QualityFlagForm(forms.Form):
    judge = forms.IntegerField(widget=forms.HiddenInput)
    reasons = forms.CharField(
        label=_("Reasons"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProposePairForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)


class ExtensionForm(forms.Form):
    new_end = forms.DateField(
        label=_("New end of the term"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reasons = forms.CharField(
        label=_("Reasons (prior experience, professional training)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    language = forms.ChoiceField(label=_("Language of the order"), choices=language_choices)


class WorkloadForm(forms.Form):
    judge = forms.IntegerField(widget=forms.HiddenInput)
    percent = forms.IntegerField(label=_("Reduction, %"), min_value=1, max_value=30)
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(label=_("Language of the order"), choices=language_choices)


class PlanItemForm(forms.Form):
    task = forms.TypedChoiceField(label=_("Task (§3)"), coerce=int, choices=Task.choices)
    description = forms.CharField(
        label=_("What is to be done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    expected_result = forms.CharField(
        label=_("Expected result"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    due_on = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))


class JournalForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=JournalKind.choices)
    occurred_on = forms.DateField(
        label=_("Date (of the meeting or of the hearing)"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    text = forms.CharField(
        label=_("Text"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How effective is the programme for you? (1 = not at all, 5 = very)"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(forms.Form):
    addressee = forms.ChoiceField(label=_("Addressed to (§13)"), choices=Addressee.choices)
    work_done = forms.CharField(
        label=_("Work done together"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    knowledge_gained = forms.CharField(
        label=_("Knowledge and skills gained"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    effectiveness = forms.CharField(
        label=_("Effectiveness of the programme (results)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    proposals = forms.CharField(
        label=_("Proposals"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttachmentForm(forms.Form):
    # not required in HTML: the file input shares the report's form (save, submit)
    file = forms.FileField(label=_("Attach a file (PDF or DOCX)"), required=False)


class PetitionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Petition"), choices=PetitionKind.choices)
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, side: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if side is not None:  # offer only what this side may file (§15.8, §16.4, §16.5)
            self.fields["kind"].choices = [  # type: ignore[attr-defined]
                (v, label)
                for v, label in PetitionKind.choices
                if regulation.PETITION_SIDE.get(v) == side
            ]


class ProtocolForm(forms.Form):
    held_on = forms.DateField(
        label=_("Date of the meeting"), widget=forms.DateInput(attrs={"type": "date"})
    )
    members_present = forms.CharField(
        label=_("Members present"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Decision"), choices=DecisionKind.choices)
    pairs = forms.MultipleChoiceField(
        label=_("Pairs"), required=False, widget=forms.CheckboxSelectMultiple
    )
    petition = forms.ChoiceField(label=_("Petition"), required=False)
    granted = forms.ChoiceField(
        label=_("Outcome of the petition"),
        required=False,
        choices=[("", "—"), ("yes", _("granted")), ("no", _("refused"))],
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    missing_reports = forms.CharField(
        label=_("Reports not submitted, and why (§14)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    objective_reason = forms.ChoiceField(
        label=_("Objective reason"),
        required=False,
        choices=[("", "—"), *ObjectiveReason.choices],
    )
    concerns = forms.ChoiceField(
        label=_("Concerning"), required=False, choices=[("", "—"), *Side.choices]
    )

    def __init__(self, *args, pairs=(), petitions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pairs"].choices = [(str(p.pk), str(p)) for p in pairs]
        self.fields["petition"].choices = [("", "—")] + [
            (str(p.pk), f"{p.get_kind_display()} — {p.pair}") for p in petitions
        ]


class ApplicationForm(forms.Form):
    """§4.1: a judge asks to take part in the programme as a protégé."""

    ground = forms.ChoiceField(label=_("Ground"), choices=ParticipationGround.choices)
    reasons = forms.CharField(
        label=_("Why you ask to take part"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class ApplicationDecisionForm(forms.Form):
    answer = forms.ChoiceField(choices=[("admit", "admit"), ("decline", "decline")])
    reasons = forms.CharField(required=False, max_length=4000)
