from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import (
    CareerEvent,
    Court,
    HROffice,
    Judge,
    OfficeAssignment,
    Region,
    SecondFactorReset,
    TrainingCentre,
    UnionBody,
)
from .offices import (
    approve_grant,
    approve_second_factor_reset,
    grant_awaits_approval,
    second_factor_reset_requested,
)


class SuperuserOnly:
    """Accounts, groups and permissions are not reference data: the
    administrator office has none of them (#12: no setting passwords, no
    e-mail changes, no staff or superuser flags). Only the break-glass
    superuser, created on the server with `createsuperuser`, reaches them."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    has_add_permission = has_view_permission

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    has_delete_permission = has_change_permission


class SuperuserUserAdmin(SuperuserOnly, UserAdmin):
    pass


class SuperuserGroupAdmin(SuperuserOnly, GroupAdmin):
    pass


admin.site.unregister(get_user_model())
admin.site.unregister(Group)
admin.site.register(get_user_model(), SuperuserUserAdmin)
admin.site.register(Group, SuperuserGroupAdmin)


class OfficeAssignmentForm(forms.ModelForm):
    class Meta:
        model = OfficeAssignment
        fields = ["user", "office", "region", "court", "starts_on", "ends_on", "note"]

    def clean(self):
        data = super().clean()
        acting = getattr(self, "acting_user", None)
        if acting is not None and data.get("user") == acting:
            raise forms.ValidationError(
                _("Nobody grants an office to themselves: another administrator records it.")
            )
        return data


class HistoryLinkMixin:
    history_model = ""

    @admin.display(description=_("history"))
    def history_link(self, obj):
        url = reverse("record_history", args=[self.history_model, obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("history of changes"))


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_kk", "name_ru", "name_en"]
    search_fields = ["slug", "name_kk", "name_ru", "name_en"]


@admin.register(Court)
class CourtAdmin(HistoryLinkMixin, admin.ModelAdmin):
    history_model = "court"
    list_display = ["name_kk", "region", "level", "kind", "is_small", "history_link"]
    list_filter = ["level", "kind", "is_small", "region"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    list_select_related = ["region"]


class CareerEventInline(admin.TabularInline):
    model = CareerEvent
    extra = 0
    autocomplete_fields = ["court"]


@admin.register(Judge)
class JudgeAdmin(HistoryLinkMixin, admin.ModelAdmin):
    history_model = "judge"
    list_display = ["full_name", "court", "position", "specialisation", "status", "history_link"]
    list_filter = ["status", "position", "specialisation", "court__region"]
    search_fields = ["last_name", "first_name", "patronymic"]
    list_select_related = ["court"]
    autocomplete_fields = ["court", "user"]
    inlines = [CareerEventInline]
    # personal data for the judge's HR service only (it comes in with the import)
    exclude = ["iin"]

    # §4.2: a judge's account is never linked, re-linked or unlinked here, by
    # anyone: the pair's journal follows the account, and an administrator who
    # linked their own account to a judge would read that judge's journal
    readonly_fields = ["user"]


@admin.register(OfficeAssignment)
class OfficeAssignmentAdmin(HistoryLinkMixin, admin.ModelAdmin):
    history_model = "officeassignment"
    list_display = [
        "user",
        "office",
        "region",
        "court",
        "starts_on",
        "ends_on",
        "pending_approval",
        "granted_by",
        "approved_by",
        "history_link",
    ]
    list_filter = ["pending_approval", "office", "region"]
    actions = ["approve_grants"]
    search_fields = ["user__username", "user__last_name"]
    list_select_related = ["user", "region", "court"]
    autocomplete_fields = ["user", "court"]
    form = OfficeAssignmentForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.acting_user = request.user  # for clean()
        return form

    def has_change_permission(self, request, obj=None):
        # nobody changes an office they hold themselves (no self-grant)
        if obj is not None and obj.user_id == request.user.pk:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.user_id == request.user.pk:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        """#12.4: a grant — or a change of whom, which office or where — waits
        for a second administrator; ending an office takes effect at once."""
        granting = not change or bool(
            {"user", "office", "region", "court", "starts_on"} & set(form.changed_data)
        )
        if granting:
            obj.pending_approval = True
            obj.granted_by = request.user
            obj.approved_by = None
        super().save_model(request, obj, form, change)
        if granting:
            grant_awaits_approval(obj, by=request.user)
            self.message_user(
                request,
                _("Recorded. The office takes effect once another administrator approves it."),
                messages.WARNING,
            )

    @admin.action(description=_("Approve the selected grants (a second administrator)"))
    def approve_grants(self, request, queryset):
        approved = refused = 0
        for assignment in queryset.filter(pending_approval=True).select_related("user"):
            if request.user.pk in (assignment.granted_by_id, assignment.user_id):
                refused += 1
                continue
            approve_grant(assignment, by=request.user)
            approved += 1
        if approved:
            self.message_user(request, _("%(n)d grants approved and in force.") % {"n": approved})
        if refused:
            self.message_user(
                request,
                _(
                    "%(n)d grants were not approved: nobody approves a grant they "
                    "recorded or an office of their own."
                )
                % {"n": refused},
                messages.ERROR,
            )


class SecondFactorResetForm(forms.ModelForm):
    """The account by its username (the administrator has no list of accounts)."""

    username = forms.CharField(label=_("Username"), max_length=150)

    class Meta:
        model = SecondFactorReset
        fields = ["username", "reason"]

    def clean_username(self):
        user = get_user_model().objects.filter(username=self.cleaned_data["username"]).first()
        if user is None:
            raise forms.ValidationError(_("No account has this username."))
        if user == getattr(self, "acting_user", None):
            raise forms.ValidationError(
                _("Nobody resets their own second factor: another administrator records it.")
            )
        self.instance.user = user
        return user.username


@admin.register(SecondFactorReset)
class SecondFactorResetAdmin(admin.ModelAdmin):
    """#12.5: recorded by one administrator, approved by another."""

    form = SecondFactorResetForm
    list_display = ["user", "reason", "requested_by", "requested_at", "approved_by", "approved_at"]
    list_select_related = ["user", "requested_by", "approved_by"]
    actions = ["approve_resets"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.acting_user = request.user
        return form

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)  # the list's action

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.requested_by = request.user
        super().save_model(request, obj, form, change)
        second_factor_reset_requested(obj, by=request.user)
        self.message_user(
            request,
            _("Recorded. The second factor is removed once another administrator approves."),
            messages.WARNING,
        )

    @admin.action(description=_("Approve the selected resets (a second administrator)"))
    def approve_resets(self, request, queryset):
        done = sum(approve_second_factor_reset(r, by=request.user) for r in queryset)
        refused = queryset.count() - done
        if done:
            self.message_user(request, _("%(n)d second factors removed.") % {"n": done})
        if refused:
            self.message_user(
                request,
                _(
                    "%(n)d resets were not approved: already approved, or recorded by you, "
                    "or about your own account."
                )
                % {"n": refused},
                messages.ERROR,
            )


admin.site.register(UnionBody)
admin.site.register(TrainingCentre)
admin.site.register(HROffice)
admin.site.site_header = _("Judicial mentorship — administration")
admin.site.site_title = _("Judicial mentorship")
