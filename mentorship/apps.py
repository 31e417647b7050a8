from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipConfig(AppConfig):
    name = "mentorship"
    verbose_name = _("Judicial mentorship")

    def ready(self):
        from django.db.models.signals import post_migrate  # noqa: PLC0415

        from . import accounts, checks, dataversion, middleware, triggers  # noqa: F401, PLC0415  (checks, signals)

        # after every app's migrations: the trigger helpers without sub-transactions
        post_migrate.connect(triggers.install, dispatch_uid="mentorship.triggers")
        # the data version's sequence and triggers (#16, the dashboards' figures)
        post_migrate.connect(dataversion.install, dispatch_uid="mentorship.dataversion")
