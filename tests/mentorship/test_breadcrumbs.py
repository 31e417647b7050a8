"""Breadcrumbs: every page below the dashboard shows the way back, from one
table (mentorship.breadcrumbs.TRAIL) rendered once in base.html."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from mentorship.breadcrumbs import TRAIL, trail
from tests.programs import helpers as h

#: named routes that are not pages below the dashboard: POST-only actions,
#: downloads (PDF, XLSX, attachments), the pages of signing in, machinery
NOT_PAGES = {
    "switch_office", "healthz", "set_language", "login", "ecp_login", "two_factor", "enrol",
    "issue_enrolment_code", "logout", "password_reset",
    "password_reset_done", "password_reset_confirm", "password_reset_complete",
    "roster_add", "roster_remove", "roster_approve", "roster_consent", "roster_order_pdf",
    "participation_apply", "participation_decide", "pair_export", "pair_answer",
    "pair_register", "pair_withdraw", "pair_withdraw_consent", "pair_extend", "pair_feedback",
    "plan_comment", "plan_add_item", "plan_remove_item", "plan_submit", "plan_approve",
    "plan_return", "plan_start_correction", "plan_propose_correction", "plan_agree",
    "plan_reject", "plan_check", "plan_uncheck", "extension_order_pdf", "workload_order_pdf",
    "report_start", "pair_petition", "report_save", "report_submit", "report_upload",
    "report_accept", "report_return", "report_revise", "attachment_download", "protocol_pdf",
    "copy_pdf", "copy_acknowledge", "annual_contribution", "annual_report_pdf",
    "annual_report_xlsx", "verify_document_pdf", "protocol_add", "protocol_remove",
    "protocol_edit", "protocol_delete", "protocol_issue",
}  # fmt: skip


def _routes(resolver=None, prefix=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace != "admin":
                yield from _routes(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern) and p.name:
            yield p.name, prefix + str(p.pattern)


def test_every_named_page_below_the_dashboard_has_a_trail():
    names = {name for name, _route in _routes()}
    missing = names - set(TRAIL) - NOT_PAGES
    assert not missing, f"add these pages to mentorship.breadcrumbs.TRAIL: {sorted(missing)}"
    assert not (set(TRAIL) | NOT_PAGES) - names, "the table names a page that no longer exists"


@pytest.mark.parametrize("name", sorted(set(TRAIL) - {"dashboard"}))
def test_each_trail_starts_at_the_dashboard_and_ends_at_the_page(name):
    route = dict(_routes())[name]
    kwargs = {
        arg: (1 if conv == "int" else "x") for conv, arg in re.findall(r"<(?:(\w+):)?(\w+)>", route)
    }
    with translation.override("en"):
        steps = trail(name, kwargs, {"report": None})
    assert steps[0].url == reverse("dashboard") and steps[0].label == "Dashboard"
    assert steps[-1].url is None  # the page itself, not a link
    assert all(s.url for s in steps[:-1]) and all(s.label for s in steps)


@pytest.mark.django_db
def test_the_plan_page_shows_the_way_back_in_the_pages_language(client, world):
    pair = h.world_pair(world)
    client.force_login(world.users["judge"])
    for language, labels in (
        ("en", ["Dashboard", "Pairs", "Pair", "Individual plan"]),
        ("ru", ["Главная", "Пары", "Пара", "Индивидуальная программа"]),
    ):
        client.cookies["django_language"] = language
        with translation.override(language):
            html = client.get(reverse("pair_plan", args=[pair.pk])).content.decode()
        nav = html[html.index('data-testid="breadcrumbs"') :]
        nav = nav[: nav.index("</nav>")]
        items = re.findall(r'<li class="breadcrumb-item[^"]*"[^>]*>(.*?)</li>', nav)
        texts = [re.sub(r"<[^>]+>", "", i) for i in items]
        assert len(texts) == 4
        for text, label in zip(texts, labels, strict=True):
            assert text.startswith(label), (text, label)
        assert pair.protege.full_name in texts[2]
        assert f'href="{reverse("pair_detail", args=[pair.pk])}"' in nav
        assert f'href="{reverse("pair_list")}"' in nav
        assert 'aria-current="page"' in items[-1] or "aria-current" in nav


@pytest.mark.django_db
def test_a_report_leads_back_to_its_pair_and_the_dashboard_has_no_trail(client, world):
    report = h.world_report(world)
    client.force_login(report.author)
    html = client.get(reverse("report_detail", args=[report.pk])).content.decode()
    assert f'href="{reverse("pair_detail", args=[report.pair_id])}"' in html
    assert 'data-testid="breadcrumbs"' in html
    assert 'data-testid="breadcrumbs"' not in client.get(reverse("dashboard")).content.decode()
