from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipConfig(AppConfig):
    name = "mentorship"
    verbose_name = _("Judicial mentorship")

    def ready(self):
        from . import checks, middleware  # noqa: F401, PLC0415  (system checks, sign-in signal)
