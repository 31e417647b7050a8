from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import ecp_login, enrolment, health, two_factor, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("office/", views.switch_office, name="switch_office"),
    path("healthz/", health.healthz, name="healthz"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("notifications/", views.notification_centre, name="notification_centre"),
    path("access-log/", views.access_log, name="access_log"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/ecp/", ecp_login.ecp_login, name="ecp_login"),
    path("accounts/two-factor/", two_factor.two_factor, name="two_factor"),
    path("accounts/enrol/", enrolment.enrol_view, name="enrol"),
    path(
        "courts/judges/<int:pk>/enrolment-code/",
        enrolment.issue_code_view,
        name="issue_enrolment_code",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("courts/", include("courts.urls")),
    path("programme/", include("programs.urls")),
    path("reports/", include("reports.urls")),
    path("verify/", views.verify_document, name="verify_document"),
    path("verify/pdf/", views.verify_document_pdf, name="verify_document_pdf"),
    path("documents/<str:code>/ecp/", views.document_ecp, name="document_ecp"),
    path("admin/", admin.site.urls),
]
