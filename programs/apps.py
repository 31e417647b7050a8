from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Mentorship programme")

    def ready(self) -> None:
        from . import permissions  # noqa: F401, PLC0415  (registers the rules once apps are ready)
