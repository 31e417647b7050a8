"""The menu (mentorship/navigation.py): each office sees exactly the links it
saw when base.html compared office names, grouped the same way."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

# per actor of the permission matrix: a group's label, a URL name, "---" a divider
EXPECTED = {
    "regional_chair": [
        "dashboard",
        "Courts and judges",
        "court_list",
        "judge_list",
        "quality_flags",
        "workload_orders",
        "Programme",
        "roster_list",
        "seminar_list",
        "pair_list",
    ],
    "court_chair": [
        "dashboard",
        "Courts and judges",
        "court_list",
        "judge_list",
        "quality_flags",
        "workload_orders",
        "Programme",
        "roster_list",
        "seminar_list",
        "pair_list",
    ],
    "coordinator": [
        "dashboard",
        "Courts and judges",
        "court_list",
        "judge_list",
        "Programme",
        "roster_list",
        "seminar_list",
        "pair_list",
        "needs_analysis",
    ],
    "branch_council": [
        "dashboard",
        "Courts and judges",
        "court_list",
        "judge_list",
        "Programme",
        "roster_list",
        "seminar_list",
        "pair_list",
        "needs_analysis",
        "coordinator_designations",
        "Decisions and reports",
        "council_queue",
        "protocol_list",
        "annual_list",
    ],
    "training_centre": [
        "dashboard",
        "Courts and judges",
        "court_list",
        "judge_list",
        "Programme",
        "roster_list",
        "seminar_list",
        "pair_list",
        "needs_analysis",
        "Decisions and reports",
        "council_queue",
        "protocol_list",
        "copies_inbox",
        "annual_list",
    ],
    "hr_officer": [
        "dashboard",
        "Courts and judges",
        "court_list",
        "judge_list",
        "Programme",
        "roster_list",
        "seminar_list",
        "pair_list",
        "Decisions and reports",
        "copies_inbox",
    ],
    "central_council": [
        "dashboard",
        "Courts and judges",
        "court_list",
        "judge_list",
        "Programme",
        "roster_list",
        "seminar_list",
        "pair_list",
        "Decisions and reports",
        "protocol_list",
        "annual_list",
    ],
    "union_chair": [
        "dashboard",
        "Courts and judges",
        "court_list",
        "judge_list",
        "Programme",
        "roster_list",
        "seminar_list",
        "pair_list",
        "Decisions and reports",
        "protocol_list",
        "annual_list",
    ],
    "administrator": [
        "dashboard",
        "Courts and judges",
        "court_list",
        "judge_list",
        "---",
        "import_reference",
        "admin:index",
        "Programme",
        "roster_list",
        "seminar_list",
    ],
    "judge": [
        "dashboard",
        "Courts and judges",
        "court_list",
        "judge_list",
        "Programme",
        "roster_list",
        "seminar_list",
        "protege_preferences",
    ],
    "other_region": [
        "dashboard",
        "Courts and judges",
        "court_list",
        "judge_list",
        "Programme",
        "roster_list",
        "seminar_list",
        "pair_list",
        "needs_analysis",
    ],
}


def menu_items(html: str) -> list[tuple[str, str]]:
    """(href or "#" for a group, text) of the menu, "---" for a divider."""
    nav = html[html.index('<ul class="navbar-nav me-auto">') :]
    nav = nav[: nav.index("</ul>\n      <form")]
    return [
        ("---", "") if m.group(0).startswith("<hr") else (m.group(1), m.group(2).strip())
        for m in re.finditer(
            r'<a class="(?:nav-link|dropdown-item)[^"]*" href="([^"]*)"'
            r'[^>]*>([^<]*)</a>|<hr class="dropdown-divider">',
            nav,
        )
    ]


def expected_items(actor: str) -> list[tuple[str, str]]:
    return [
        ("---", "")
        if e == "---"
        else ("#", e)
        if " " in e or e[0].isupper()
        else (reverse(e), None)
        for e in EXPECTED[actor]
    ]


@pytest.mark.parametrize("actor", sorted(EXPECTED))
def test_each_office_sees_its_links(client, world, actor):
    client.force_login(world.users[actor])
    client.cookies["django_language"] = "en"
    shown = menu_items(client.get(reverse("dashboard")).content.decode())
    assert [
        (href, text if href in ("#", "---") else None) for href, text in shown
    ] == expected_items(actor)


def test_the_menu_is_in_the_page_language(client, world):
    client.force_login(world.users["branch_council"])
    for language, label in (("en", "Decisions and reports"), ("ru", "Решения и отчеты")):
        client.cookies["django_language"] = language
        assert ("#", label) in menu_items(client.get(reverse("dashboard")).content.decode())


def test_no_menu_for_the_anonymous(client):
    client.cookies["django_language"] = "en"
    assert menu_items(client.get(reverse("password_reset")).content.decode()) == []
