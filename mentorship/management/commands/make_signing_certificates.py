"""Generate a test CA and body certificates for signing issued documents
(demo, development, tests). Production points DOCUMENT_SIGNING_DIR at the
bodies' real keys and certificates instead."""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mentorship.signing import issue_certificate, make_ca, make_test_certificates


class Command(BaseCommand):
    help = "Create a test CA and the default body certificate (and optional per-body ones)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=settings.DOCUMENT_SIGNING_DIR)
        parser.add_argument(
            "--body",
            action="append",
            default=[],
            help="also a certificate for this body (court-<code>, branch-<region>, central)",
        )
        parser.add_argument("--force", action="store_true", help="replace existing files")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("test certificates are not for production")
        folder = Path(options["dir"])
        if (folder / "default.cert.pem").exists() and not options["force"]:
            self.stdout.write(f"{folder}: certificates exist (use --force to replace)")
        else:
            make_test_certificates(folder)
            self.stdout.write(f"{folder}: test CA and default body certificate created")
        if options["body"] and not (folder / "ca.key.pem").exists():
            make_ca(folder)
        for body in options["body"]:
            name = x509.Name(
                [
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Judicial mentorship (test)"),
                    x509.NameAttribute(NameOID.COMMON_NAME, body),
                ]
            )
            issue_certificate(folder, body, name)
            self.stdout.write(f"{folder}: certificate of {body} created")
