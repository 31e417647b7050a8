"""Browser, in Kazakh: a judge applies to the programme (§4.1), the coordinator
admits and proposes a mentor (§10.1), both consent, the council registers; in
the second year the protégé asks to replace the mentor (§16.4), the council
grants it, a new mentor continues the same programme and term (§5, §1.6), and
the programme completes on a protocol with the missing report recorded (§14)."""

import datetime as dt

import pytest

from programs.models import Pair, Participation, RosterEntry
from programs.regulation import add_months
from tests import factories as f
from tests.programs import helpers as h
from tests.programs.pairs_support import extra_entry

pytestmark = pytest.mark.browser


def test_participation_journey_in_kazakh(browser, live_server, world, sign_in):
    mentor_entry, _tutor_entry = h.roster_entries(world)
    protege = h.with_account(f.judge(world.district_court, appointed=dt.date(2021, 3, 1)))
    base = live_server.url

    def session(username):
        context = browser.new_context(locale="kk-KZ")
        page = context.new_page()
        sign_in(page, username)
        return page

    def submit(page, locator):
        locator.click()
        page.wait_for_load_state("load")

    # 1. the judge applies (§1: a young judge needing practical help)
    judge = session(protege.user.username)
    apply = judge.get_by_test_id("apply")
    assert "Ментор немесе тәлімгер сұрау" in apply.inner_text()
    apply.locator("select[name=ground]").select_option("young_judge")
    apply.locator("textarea[name=reasons]").fill("Қылмыстық істер бойынша тәжірибем аз.")
    judge.screenshot(path="test-results/participation-apply.png", full_page=True)
    submit(judge, apply.get_by_test_id("apply-submit"))
    assert "үйлестірушісіне жіберілді" in judge.locator("body").inner_text()

    # 2. the coordinator admits and proposes the mentor
    coordinator = session("coordinator")
    coordinator.goto(f"{base}/programme/needs/")
    applications = coordinator.get_by_test_id("applications")
    assert protege.last_name in applications.inner_text()
    coordinator.screenshot(path="test-results/participation-needs.png", full_page=True)
    submit(coordinator, applications.locator("button[value=admit]"))
    assert Participation.objects.get(protege=protege).status == "admitted"
    coordinator.goto(f"{base}/programme/pairs/new/{protege.pk}/?role=mentor")
    assert coordinator.get_by_test_id("participation").is_visible()
    submit(coordinator, coordinator.get_by_test_id("candidates").locator("button").first)
    first = Pair.objects.get(protege=protege)
    pair_url = f"{base}/programme/pairs/{first.pk}/"

    # 3. both consent; the branch council registers
    for page in (judge, session(mentor_entry.judge.user.username)):
        page.goto(pair_url)
        submit(page, page.get_by_test_id("pair-answer").locator("button[value=accept]"))
    council = session("branch_council")
    council.goto(pair_url)
    submit(council, council.get_by_role("button", name="Тізілімге енгізу"))
    first.refresh_from_db()
    assert first.status == "active"

    # the programme began fourteen months ago and was extended to two years
    started = add_months(dt.date.today(), -14)
    term_end = add_months(started, 24) - dt.timedelta(days=1)
    Participation.objects.filter(pk=first.participation_id).update(
        term_starts_on=started, term_ends_on=term_end
    )
    Pair.objects.filter(pk=first.pk).update(registered_on=started, term_ends_on=term_end)

    # 4. second year: the protégé proposes replacing the mentor, with reasons
    judge.goto(pair_url)
    petition = judge.locator("form[action$='/petitions/']")
    petition.locator("select[name=kind]").select_option("replace_mentor")
    petition.locator("textarea[name=reasons]").fill("Кездесулерге уақыт табылмайды.")
    submit(judge, petition.locator("button"))

    def protocol_with(decide):
        council.goto(f"{base}/programme/protocols/")
        form = council.get_by_test_id("protocol-form")
        form.locator("input[name=held_on]").fill(dt.date.today().isoformat())
        form.locator("textarea[name=members_present]").fill("Әбенов Ә. Ә., Сейітова Г. Қ.")
        submit(council, form.locator("button"))
        decide(council.get_by_test_id("decision-form"))
        submit(council, council.get_by_test_id("decision-form").locator("button"))
        submit(council, council.get_by_test_id("issue-form").locator("button"))
        # issuing is irreversible: the page shows what will be issued, then confirms
        submit(council, council.get_by_test_id("issue-confirm").locator("button"))
        assert council.get_by_test_id("protocol-status").get_attribute("data-status") == "issued"

    def grant(form):
        form.locator("select[name=kind]").select_option("petition")
        form.locator("select[name=petition]").select_option(index=1)
        form.locator("select[name=granted]").select_option("yes")

    protocol_with(grant)
    first.refresh_from_db()
    assert first.status == "replaced"

    # 5. a new mentor continues the same programme and its remaining term
    second_entry = extra_entry(world, "mentor")
    coordinator.goto(f"{base}/programme/pairs/new/{protege.pk}/?role=mentor")
    row = coordinator.get_by_test_id("candidates").locator(
        "tr", has_text=second_entry.judge.last_name
    )
    submit(coordinator, row.locator("button"))
    second = Pair.objects.exclude(pk=first.pk).get(protege=protege)
    second_url = f"{base}/programme/pairs/{second.pk}/"
    for page in (judge, session(second_entry.judge.user.username)):
        page.goto(second_url)
        submit(page, page.get_by_test_id("pair-answer").locator("button[value=accept]"))
    council.goto(second_url)
    submit(council, council.get_by_role("button", name="Тізілімге енгізу"))
    second.refresh_from_db()
    assert (second.status, second.term_ends_on) == ("active", term_end)
    judge.goto(second_url)
    assert judge.get_by_test_id("episodes").locator("li").count() == 2
    assert term_end.strftime("%d.%m.%Y") in judge.get_by_test_id("programme-term").inner_text()
    judge.screenshot(path="test-results/participation-second-pair.png", full_page=True)

    # 6. completion on a protocol; the protégé's final report was not submitted
    def complete(form):
        form.locator("select[name=kind]").select_option("completed")
        form.locator(f"input[name=pairs][value='{second.pk}']").check()
        form.locator("textarea[name=missing_reports]").fill(
            "Протеженің қорытынды есебі ұсынылмады: ұзақ науқас."
        )

    # the mentor's report is presented
    from programs import services

    report = services.start_report(second_entry.judge.user, second)
    services.save_report(
        by=second_entry.judge.user,
        report=report,
        addressee="branch_council",
        work_done="Бірлескен жұмыс",
        effectiveness="Тиімді",
    )
    services.submit_report(by=second_entry.judge.user, report=report)
    protocol_with(complete)
    second.refresh_from_db()
    assert second.status == "completed"
    assert second.participation.status == "ended"
    judge.goto(second_url)
    assert judge.get_by_test_id("participation").get_attribute("data-testid") == "participation"
    assert "бағдарлама аяқталды" in judge.get_by_test_id("participation").inner_text()
    assert RosterEntry.objects.filter(pk=second_entry.pk).exists()
