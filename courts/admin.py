from django.contrib import admin
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
    TrainingCentre,
    UnionBody,
)


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

    def get_readonly_fields(self, request, obj=None):
        # §4.2: once linked, a judge's account is not re-linked here — the pair's
        # journal follows the account, so re-linking would open it to another
        if obj is not None and obj.user_id:
            return [*super().get_readonly_fields(request, obj), "user"]
        return super().get_readonly_fields(request, obj)


@admin.register(OfficeAssignment)
class OfficeAssignmentAdmin(HistoryLinkMixin, admin.ModelAdmin):
    history_model = "officeassignment"
    list_display = ["user", "office", "region", "court", "starts_on", "ends_on", "history_link"]
    list_filter = ["office", "region"]
    search_fields = ["user__username", "user__last_name"]
    list_select_related = ["user", "region", "court"]
    autocomplete_fields = ["user", "court"]


admin.site.register(UnionBody)
admin.site.register(TrainingCentre)
admin.site.register(HROffice)
admin.site.site_header = _("Judicial mentorship — administration")
admin.site.site_title = _("Judicial mentorship")
