"""Extension orders (§5) and workload-reduction orders (§6)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from courts.models import CareerEvent, Office
from courts.rules import add_years
from mentorship.models import Document, Notification
from mentorship.officestyle import long_date
from programs import services
from programs.models import (
    ExtensionOrder,
    RosterOrder,
)
from programs.regulation import (
    add_months,
    longest_term_end,
    workload_window_end,
)
from tests import factories as f
from tests.programs import helpers as h

from .pairs_support import DAY, consented_pair, office, pdf_text, refused, today

# =============================================================================
# 5. Extension orders (§5, §1.6)
# =============================================================================


class TestExtension:
    def extend(self, w, pair, new_end, by="regional_chair", reasons="тәжірибесі бар"):
        return services.extend_term(by=office(w, by), pair=pair, new_end=new_end, reasons=reasons)

    def test_the_regional_chair_extends_by_an_order_sharing_the_courts_numbering(self, world):
        # the roster approved through the service: its order is № 1
        pair = h.active_pair(world, entry=h.roster_entries(world)[0])
        previous = pair.term_ends_on
        new_end = add_months(pair.registered_on, 24) - DAY
        order = self.extend(world, pair, new_end)
        assert RosterOrder.objects.get().number == 1
        assert (order.number, order.year, order.court) == (2, today().year, world.regional_court)
        assert (order.previous_end, order.new_end, order.issued_on) == (previous, new_end, today())
        pair.refresh_from_db()
        assert pair.term_ends_on == new_end
        text = pdf_text(order.document)
        assert pair.protege.full_name in text and pair.mentor.full_name in text
        # §5: the operative clause names the pair; long-form dates as courts write them
        assert f"{long_date(new_end, 'kk', 'dat')} дейін ұзартылсын" in text
        assert long_date(previous, "kk") in text
        assert order.document.verification_code in text
        assert order.document.hash_matches()
        assert order.document.kind == "extension_order" and order.document.number == "2"
        told = set(Notification.objects.filter(kind="term_extended").values_list("user", flat=True))
        assert told == {pair.protege.user_id, pair.mentor.user_id}
        # a second extension takes the next number
        assert self.extend(world, pair, new_end + DAY).number == 3

    def test_exactly_36_months_accepted(self, world, pair):
        order = self.extend(world, pair, longest_term_end(pair.registered_on))
        assert order.new_end == add_years(pair.registered_on, 3) - DAY

    def test_beyond_36_months_refused_and_nothing_stored_1_6(self, world, pair):
        too_late = longest_term_end(pair.registered_on) + DAY
        refused(self.extend, "§1.6", w=world, pair=pair, new_end=too_late)
        assert not ExtensionOrder.objects.exists()
        assert Document.objects.count() == 1  # the roster order only
        # the refused attempt consumed no number
        assert self.extend(world, pair, pair.term_ends_on + DAY).number == 2

    def test_not_later_than_the_current_end_refused_5(self, world, pair):
        refused(self.extend, "§5", w=world, pair=pair, new_end=pair.term_ends_on)

    def test_reasons_required_5(self, world, pair):
        refused(
            self.extend, "§5", w=world, pair=pair, new_end=pair.term_ends_on + DAY, reasons="  "
        )

    @pytest.mark.parametrize("name", ["court_chair", "coordinator", "branch_council"])
    def test_only_the_regional_chair_extends(self, world, pair, name):
        refused(self.extend, w=world, pair=pair, new_end=pair.term_ends_on + DAY, by=name)

    def test_a_regional_chair_of_another_region_cannot_extend(self, world, pair):
        chair = h.as_office(f.user(office=Office.REGIONAL_CHAIR, region=world.other_region))
        refused(
            services.extend_term, by=chair, pair=pair, new_end=pair.term_ends_on + DAY, reasons="r"
        )

    def test_a_pair_not_yet_registered_cannot_be_extended(self, world, entries):
        pair = consented_pair(world, entries[0])
        refused(self.extend, "§5", w=world, pair=pair, new_end=today() + dt.timedelta(400))


# =============================================================================
# 6. Workload orders (§6)
# =============================================================================


class TestWorkload:
    def issue(self, w, judge, percent=30, starts_on=None, ends_on=None, by="court_chair"):
        by = office(w, by) if isinstance(by, str) else h.as_office(by)
        return services.issue_workload_order(
            by=by,
            judge=judge,
            percent=percent,
            starts_on=starts_on or today(),
            ends_on=ends_on or today() + dt.timedelta(days=30),
        )

    def test_the_chair_of_the_judges_court_issues_an_order(self, world):
        judge = h.protege(world)
        appointed = CareerEvent.objects.get(judge=judge, kind="first_appointment").date
        window_end = workload_window_end(appointed)
        order = self.issue(world, judge, percent=17, ends_on=window_end)
        assert (order.number, order.court, order.percent) == (1, world.district_court, 17)
        assert (order.starts_on, order.ends_on) == (today(), window_end)
        text = pdf_text(order.document)
        assert judge.full_name in text
        assert re.search(r"(?<![\w№])17\s*(per cent|%|пайыз|процент)", text), text
        assert f"{long_date(window_end, 'kk', 'acc')} қоса алғанда" in text
        assert order.document.verification_code in text and order.document.hash_matches()
        assert Notification.objects.filter(kind="workload_order", user=judge.user).exists()

    def test_the_window_boundary_through_the_service(self, world):
        judge = h.protege(world)
        appointed = CareerEvent.objects.get(judge=judge, kind="first_appointment").date
        refused(
            self.issue, "§6", w=world, judge=judge, ends_on=workload_window_end(appointed) + DAY
        )
        refused(self.issue, "§6", w=world, judge=judge, starts_on=appointed - DAY)

    @pytest.mark.parametrize("percent", [0, 31])
    def test_percent_out_of_range_refused(self, world, percent):
        refused(self.issue, "§6", w=world, judge=h.protege(world), percent=percent)

    def test_the_chair_of_another_court_is_refused(self, world):
        chair = f.user(office=Office.COURT_CHAIR, court=world.small_court)
        refused(self.issue, w=world, judge=h.protege(world), by=chair)
        refused(self.issue, w=world, judge=h.protege(world), by="regional_chair")
        refused(self.issue, w=world, judge=h.protege(world), by="hr_officer")

    def test_an_overlapping_period_is_refused(self, world):
        judge = h.protege(world)
        first = self.issue(world, judge, starts_on=today(), ends_on=today() + dt.timedelta(10))
        refused(
            self.issue,
            "§6",
            w=world,
            judge=judge,
            starts_on=first.ends_on,
            ends_on=first.ends_on + dt.timedelta(5),
        )
        refused(
            self.issue,
            "§6",
            w=world,
            judge=judge,
            starts_on=today() + dt.timedelta(3),
            ends_on=today() + dt.timedelta(4),
        )
        # the day after is free, and the court's numbering goes on
        assert (
            self.issue(
                world, judge, starts_on=first.ends_on + DAY, ends_on=first.ends_on + dt.timedelta(5)
            ).number
            == 2
        )

    def test_a_judge_appointed_seven_months_ago_is_refused(self, world):
        judge = h.protege(world, months_ago=7)
        assert judge.protege_grounds(today())  # still a protégé, but past the 6 months
        refused(self.issue, "§6", w=world, judge=judge)

    def test_a_judge_of_the_regional_court_gets_the_regional_chairs_order(self, world, entries):
        judge = h.protege(world, court=world.regional_court)
        order = self.issue(world, judge, percent=10, by="regional_chair")
        # the regional court's numbering is shared with the roster order № 1
        assert (order.court, order.number) == (world.regional_court, 2)
        refused(
            self.issue,
            w=world,
            judge=judge,
            by="court_chair",
            starts_on=today() + dt.timedelta(40),
            ends_on=today() + dt.timedelta(41),
        )


def test_a_workload_order_does_not_reach_back_before_its_issue_day():
    """§6: the reduction applies from the order on; the day before is refused."""
    from programs import regulation as r

    appointed, issued = dt.date(2026, 3, 1), dt.date(2026, 5, 1)
    kwargs = {
        "percent": 10,
        "ends_on": dt.date(2026, 5, 31),
        "appointed_on": appointed,
        "today": issued,
    }
    assert "§6" in r.workload_refusal(starts_on=issued - dt.timedelta(days=1), **kwargs)
    assert r.workload_refusal(starts_on=issued, **kwargs) is None


def test_the_workload_page_shows_the_latest_orders_with_their_total(client, world, monkeypatch):
    """#16: the orders issued are bounded whatever the years (the latest, and
    how many there are); each newcomer's row carries the order's form."""
    from programs.views import orders as views

    monkeypatch.setattr(views, "ORDERS_SHOWN", 2)
    issued = [h.workload_order(world) for _ in range(3)]
    client.force_login(world.users["court_chair"])
    client.cookies["django_language"] = "en"
    html = client.get(reverse("workload_orders")).content.decode()
    assert "The latest 2 of 3." in html
    shown = [o for o in issued if f"Order № {o.number} of" in html]
    assert len(shown) == 2
    newcomer = issued[0].judge
    assert f'<input type="hidden" name="judge" value="{newcomer.pk}">' in html
    assert 'name="csrfmiddlewaretoken"' in html and '<option value="kk">' in html
