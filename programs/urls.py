from django.urls import path

from .views import (
    journal,
    orders,
    pairs,
    participations,
    petitions,
    plans,
    protocols,
    reports,
    rosters,
    seminars,
)

urlpatterns = [
    path("coordinators/", rosters.coordinator_designations, name="coordinator_designations"),
    path("rosters/", rosters.roster_list, name="roster_list"),
    path("rosters/<slug:slug>/", rosters.roster_detail, name="roster_detail"),
    path("rosters/<slug:slug>/add/", rosters.roster_add, name="roster_add"),
    path(
        "rosters/<slug:slug>/entries/<int:pk>/remove/", rosters.roster_remove, name="roster_remove"
    ),
    path("rosters/<slug:slug>/approve/", rosters.roster_approve, name="roster_approve"),
    path("roster-entries/<int:pk>/answer/", rosters.roster_consent, name="roster_consent"),
    path("roster-orders/<int:pk>/pdf/", rosters.roster_order_pdf, name="roster_order_pdf"),
    path("preferences/", rosters.preferences, name="protege_preferences"),
    path("seminars/", seminars.seminar_list, name="seminar_list"),
    path("seminars/<int:pk>/", seminars.seminar_detail, name="seminar_detail"),
    path("needs/", pairs.needs_analysis, name="needs_analysis"),
    path("participation/apply/", participations.participation_apply, name="participation_apply"),
    path(
        "participations/<int:pk>/decide/",
        participations.participation_decide,
        name="participation_decide",
    ),
    path("quality-flags/", pairs.quality_flags, name="quality_flags"),
    path("pairs/", pairs.pair_list, name="pair_list"),
    path("pairs/export.xlsx", pairs.pair_export, name="pair_export"),
    path("pairs/new/<int:protege>/", pairs.pair_new, name="pair_new"),
    path("pairs/<int:pk>/", pairs.pair_detail, name="pair_detail"),
    path("pairs/<int:pk>/answer/", pairs.pair_answer, name="pair_answer"),
    path("pairs/<int:pk>/register/", pairs.pair_register, name="pair_register"),
    path("pairs/<int:pk>/withdraw/", pairs.pair_withdraw, name="pair_withdraw"),
    path(
        "pairs/<int:pk>/withdraw-consent/",
        pairs.pair_withdraw_consent,
        name="pair_withdraw_consent",
    ),
    path("pairs/<int:pk>/extend/", orders.pair_extend, name="pair_extend"),
    path("pairs/<int:pk>/feedback/", journal.pair_feedback, name="pair_feedback"),
    path("pairs/<int:pk>/plan/", plans.pair_plan, name="pair_plan"),
    path("plans/awaiting-approval/", plans.plans_to_approve, name="plans_to_approve"),
    # one URL per transition of the plan (§2, §15.5, §16.2): plan_submit, plan_approve, …
    *[
        path(
            f"pairs/<int:pk>/plan/{step.replace('_', '-')}/",
            plans.plan_step,
            {"step": step},
            name=f"plan_{step}",
        )
        for step in plans.PLAN_STEPS
    ],
    path("pairs/<int:pk>/journal/", journal.pair_journal, name="pair_journal"),
    path("extension-orders/<int:pk>/pdf/", orders.extension_order_pdf, name="extension_order_pdf"),
    path("workload-orders/", orders.workload_orders, name="workload_orders"),
    path("workload-orders/<int:pk>/pdf/", orders.workload_order_pdf, name="workload_order_pdf"),
    path("pairs/<int:pk>/reports/new/", reports.report_start, name="report_start"),
    path("pairs/<int:pk>/petitions/", petitions.pair_petition, name="pair_petition"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    # one URL per transition of a report (§13, §16.8): report_save, report_submit, …
    *[
        path(
            f"reports/<int:pk>/{step}/", reports.report_step, {"step": step}, name=f"report_{step}"
        )
        for step in reports.REPORT_STEPS
    ],
    path("attachments/<int:pk>/", reports.attachment_download, name="attachment_download"),
    path("council/", protocols.council_queue, name="council_queue"),
    path("protocols/", protocols.protocol_list, name="protocol_list"),
    path("protocols/<int:pk>/", protocols.protocol_detail, name="protocol_detail"),
    path("protocols/<int:pk>/pdf/", protocols.protocol_pdf, name="protocol_pdf"),
    # one URL per transition of a draft protocol (§14): protocol_add, protocol_remove, …
    *(
        path(
            f"protocols/<int:pk>/{step}/",
            protocols.protocol_step,
            {"step": step},
            name=f"protocol_{step}",
        )
        for step in protocols.PROTOCOL_STEPS
        if step != "issue"
    ),
    # issuing is irreversible: GET confirms (what will be issued), POST issues
    path("protocols/<int:pk>/issue/", protocols.protocol_issue, name="protocol_issue"),
    path("copies/", protocols.copies_inbox, name="copies_inbox"),
    path("copies/<int:pk>/pdf/", protocols.copy_pdf, name="copy_pdf"),
    path("copies/<int:pk>/acknowledge/", protocols.copy_acknowledge, name="copy_acknowledge"),
    path("judges/<int:pk>/personal-file/", protocols.personal_file, name="personal_file"),
]
