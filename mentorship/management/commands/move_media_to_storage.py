"""Copy report attachments kept on a node's local disk (MEDIA_ROOT, before
attachments moved to shared storage) into the configured default storage,
under the same names. Idempotent: a file already stored is skipped."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand

from programs.models import Attachment


class Command(BaseCommand):
    help = "Copy attachments from MEDIA_ROOT into the shared storage (PostgreSQL or S3)."

    def handle(self, *args, **options):

        local = FileSystemStorage(location=settings.MEDIA_ROOT)
        copied = missing = 0
        for name in Attachment.objects.values_list("file", flat=True).distinct():
            if default_storage.exists(name):
                continue
            if not local.exists(name):
                missing += 1
                continue
            with local.open(name, "rb") as source:
                stored = default_storage.save(name, source)
            if stored != name:
                raise RuntimeError(f"stored under another name: {stored}")
            copied += 1
        self.stdout.write(f"copied {copied}, missing {missing}")
