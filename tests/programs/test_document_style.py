"""Documents a court can file, read back from the PDF in Kazakh and Russian:
the body's full name, the signatory's position and name (never a login), the
long-form date with its Kazakh case ending, the Regulation cited in the
original's form, the pair named in the operative clause; no paragraph sign,
no «1.6-тармақ» (paragraph 1 of the original numbers none of its parts)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from mentorship.officestyle import branch_council_name, long_date, name_in
from programs import services
from programs.regulation import add_months
from tests import factories as f
from tests.programs import helpers as h

from .protocol_support import completion_protocol, council

TODAY = dt.date.today()

POSITION = {"kk": "Сот төрағасы", "ru": "Председатель суда"}
COUNCIL_POSITION = {"kk": "Филиал кеңесінің төрағасы", "ru": "Председатель совета филиала"}
HEADER = {
    "kk": lambda n: f"{long_date(TODAY, 'kk', 'attr')} № {n}",
    "ru": lambda n: f"от {long_date(TODAY, 'ru')} № {n}",
}


def pdf_text(document) -> str:
    pages = PdfReader(io.BytesIO(bytes(document.pdf))).pages
    return " ".join(" ".join(p.extract_text() for p in pages).split())


def signed_by(user, court, last_name="Сәрсенбаева"):
    """The office holder's judge record: «Ғ.Қ. Сәрсенбаева» under the document."""
    judge = f.judge(court, position="chair", last_name=last_name)
    judge.user = user
    judge.save(update_fields=["user"])
    return f"Ғ.Қ. {last_name}"


def clean(text: str, *logins: str) -> None:
    assert "§" not in text, text
    assert "1.6-тармақ" not in text and "пункт 1.6" not in text and "1.6" not in text
    for login in logins:
        assert login not in text


@pytest.mark.parametrize("lang", ["kk", "ru"])
class TestOrders:
    def test_the_roster_order(self, world, lang):
        name = signed_by(world.users["regional_chair"], world.regional_court)
        order = h.approved_order(world, language=lang)
        text = pdf_text(order.document)
        assert name_in(world.regional_court, lang) in text
        assert f"{POSITION[lang]} ____________ {name}" in text
        assert HEADER[lang](order.number) in text
        if lang == "kk":
            assert "Ереженің 8-тармағы негізінде" in text
            assert "4-тармақтың 1) тармақшасы" in text
            assert "құрамын бекіту туралы" in text and "тізім" not in text
        else:
            assert "На основании пункта 8 Положения" in text
            assert "подпункт 1) пункта 4 Положения" in text
            assert "Об утверждении состава" in text and "список" not in text.lower()
        clean(text, "regional_chair", "coordinator")

    def test_the_extension_order_names_the_pair(self, world, lang):
        name = signed_by(world.users["regional_chair"], world.regional_court)
        pair = h.active_pair(world, role="tutor")
        new_end = add_months(pair.registered_on, 18)
        order = services.extend_term(
            by=h.as_office(world.users["regional_chair"]),
            pair=pair,
            new_end=new_end,
            reasons="бұрын адвокат болған",
            language=lang,
        )
        text = pdf_text(order.document)
        assert f"{POSITION[lang]} ____________ {name}" in text
        assert HEADER[lang](order.number) in text
        protege, tutor = pair.protege.full_name, pair.mentor.full_name
        if lang == "kk":
            clause = (
                f"1. Судья {protege} ({name_in(pair.protege.court, 'kk')}) мен тәлімгер {tutor} "
                f"жұбының (жұптар тізілімінде № {pair.register_number}) тәлімгерлік мерзімі "
                f"{long_date(new_end, 'kk', 'dat')} дейін ұзартылсын."
            )
            assert "Ереженің 5-тармағы негізінде" in text
            assert "Ереженің 1-тармағында" in text
            assert "менторлық" not in text.lower().replace("менторлығы (тәлімгерлігі)", "")
        else:
            clause = (
                f"1. Продлить до {long_date(new_end, 'ru')} срок наставничества пары: судья "
                f"{protege} ({name_in(pair.protege.court, 'ru')}) и наставник {tutor}"
            )
            assert "На основании пункта 5 Положения" in text
            assert "пунктом 1 Положения" in text
        assert clause in text, text
        clean(text, "regional_chair")

    def test_the_workload_order(self, world, lang):
        name = signed_by(world.users["court_chair"], world.district_court)
        judge = h.protege(world)
        ends = TODAY + dt.timedelta(days=30)
        order = services.issue_workload_order(
            by=h.as_office(world.users["court_chair"]),
            judge=judge,
            percent=20,
            starts_on=TODAY,
            ends_on=ends,
            language=lang,
        )
        text = pdf_text(order.document)
        assert name_in(world.district_court, lang) in text
        assert f"{POSITION[lang]} ____________ {name}" in text
        if lang == "kk":
            assert (
                f"{long_date(TODAY, 'kk', 'abl')} бастап {long_date(ends, 'kk', 'acc')} қоса "
                "алғанда 20 пайызға азайтылсын"
            ) in text
            assert "Ереженің 6-тармағы негізінде" in text
        else:
            assert f"с {long_date(TODAY, 'ru')} по {long_date(ends, 'ru')} включительно" in text
            assert "На основании пункта 6 Положения" in text
        assert judge.full_name in text
        clean(text, "court_chair")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_protocol_and_its_extracts(world, lang):
    name = signed_by(world.users["branch_council"], world.regional_court, "Өмірзақова")
    pair = h.active_pair(world)
    protocol = completion_protocol(world, pair)
    protocol = services.issue_protocol(by=council(world), protocol=protocol, language=lang)
    text = pdf_text(protocol.document)
    body = branch_council_name(world.region, lang)
    assert protocol.document.issuer == body and body in text
    if lang == "kk":
        assert (
            body == "«Қазақстан Республикасы Судьялар одағы» РҚБ alpha облыстық филиалының кеңесі"
        )
        assert f"Филиал кеңесінің отырысы {long_date(protocol.held_on, 'kk', 'loc')} өтті." in text
        assert "Ереженің 14-тармағы негізінде" in text
        clause = (
            f"1. Судья {pair.protege.full_name} ({name_in(pair.protege.court, 'kk')}) мен ментор "
            f"{pair.mentor.full_name} жұбының (жұптар тізілімінде № {pair.register_number}) "
            "менторлығы бағдарламаның мақсаттарына қол жеткізілуіне байланысты аяқталсын."
        )
    else:
        assert body == "Совет филиала РОО «Союз судей Республики Казахстан» по области alpha"
        assert f"Заседание совета филиала состоялось {long_date(protocol.held_on, 'ru')}." in text
        assert "На основании пункта 14 Положения" in text
        clause = (
            f"1. Завершить менторство пары: судья {pair.protege.full_name} "
            f"({name_in(pair.protege.court, 'ru')}) и ментор {pair.mentor.full_name}"
        )
    assert clause in text, text
    assert f"{COUNCIL_POSITION[lang]} ____________ {name}" in text
    assert HEADER[lang](protocol.number) in text
    clean(text, "branch_council")
    # §14: the extract for each judge's personal file: that judge's decision,
    # the meeting's facts and the signatory
    for copy in protocol.copies.filter(recipient="hr"):
        extract = pdf_text(copy.document)
        assert clause in extract and copy.judge.full_name in extract
        assert f"{COUNCIL_POSITION[lang]} ____________ {name}" in extract
        assert protocol.members_present in extract
        assert re.search(r"ҮЗІНДІ|ВЫПИСКА", extract)
        clean(extract, "branch_council")


def test_a_signatory_without_a_judge_record_is_named_from_the_account_never_the_login(world):
    chair = world.users["regional_chair"]
    chair.first_name, chair.last_name = "Әсел", "Нұрланова"
    chair.save()
    text = pdf_text(h.approved_order(world).document)
    assert "Сот төрағасы ____________ Ә. Нұрланова" in text
    assert "regional_chair" not in text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_approved_programme_is_an_issued_document(world, lang):
    """§2: the programme in force, approved by the chair of the protégé's
    court, numbered «<register number>/<version>» and verifiable."""
    from .pairs_support import members

    name = signed_by(world.users["court_chair"], world.district_court)
    pair = h.active_pair(world, role="tutor")
    protege_user, tutor_user = members(pair)
    services.add_plan_item(
        by=protege_user,
        pair=pair,
        task=3,
        description="Азаматтық іс бойынша сот отырысын өткізу",
        expected_result="Хаттама дайындау дағдысы",
        due_on=pair.term_ends_on,
    )
    services.submit_plan(by=tutor_user, pair=pair)
    version = services.decide_plan(
        by=h.as_office(world.users["court_chair"]), pair=pair, approve=True, language=lang
    )
    document = version.document
    assert (document.kind, document.number) == ("programme", f"{pair.register_number}/1")
    assert document.issued_by == world.users["court_chair"] and document.hash_matches()
    text = pdf_text(document)
    assert name_in(world.district_court, lang) in text
    assert name in text and POSITION[lang] in text
    assert HEADER[lang](document.number) in text
    assert "Азаматтық іс бойынша сот отырысын өткізу" in text
    assert long_date(pair.term_ends_on, lang) in text
    assert pair.protege.full_name in text and pair.mentor.full_name in text
    if lang == "kk":
        assert "БЕКІТЕМІН" in text and "Тәлімгер:" in text and "Ереженің 2-тармағы" in text
        assert "жоспар" not in text
    else:
        assert "УТВЕРЖДАЮ" in text and "Наставник:" in text and "пункт 2 Положения" in text
        assert "план" not in text.lower().replace("планир", "")
    clean(text, "court_chair")
