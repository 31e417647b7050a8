"""The repeated pieces of the pages live in one include each
(templates/includes/): a fragment copied back into a page fails here."""

from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"

#: fragment → the one include that may hold it
FRAGMENTS = {
    '{% translate "verification code" %}': "includes/document_link.html",
    'name="answer" value="accept"': "includes/answer_form.html",
    'class="card stat-card': "includes/figure_card.html",
    '<ol class="breadcrumb': "includes/breadcrumbs.html",
    'class="badge status-badge': "includes/status_badge.html",
    "{{ pair.mentor.full_name }} — {{ pair.protege.full_name }}</a>": "includes/pair_header.html",
    '{% translate "Return for revision" %}': "includes/decide_form.html",
}


def _pages():
    for path in TEMPLATES.rglob("*.html"):
        relative = path.relative_to(TEMPLATES).as_posix()
        if not relative.startswith("documents/"):  # the PDFs have their own layout
            yield relative, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fragment", sorted(FRAGMENTS))
def test_a_repeated_fragment_lives_in_its_include_only(fragment):
    holders = sorted(name for name, text in _pages() if fragment in text)
    assert holders == [FRAGMENTS[fragment]], holders


@pytest.mark.parametrize(
    "include",
    sorted(set(FRAGMENTS.values()) - {"includes/breadcrumbs.html"}),  # a template tag's
)
def test_each_include_is_used(include):
    users = [name for name, text in _pages() if f'"{include}"' in text]
    assert users, f"no template includes {include}"
