"""Permission matrix: every named URL × every office (plus anonymous, a plain
judge and an office of another region) → the expected HTTP status.

Later issues add rows. The meta-test fails when a named URL has no row.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import get_resolver, reverse

from tests.programs import helpers as h

ACTORS = [
    "anonymous",
    "regional_chair",
    "court_chair",
    "coordinator",
    "branch_council",
    "training_centre",
    "hr_officer",
    "central_council",
    "union_chair",
    "administrator",
    "judge",
    "other_region",
]
SIGNED_IN = [a for a in ACTORS if a != "anonymous"]


def everyone(status, anonymous=302):
    return {"anonymous": anonymous, **{a: status for a in SIGNED_IN}}


def only(allowed: list[str], status=200, refused=403, anonymous=302):
    return {"anonymous": anonymous, **{a: (status if a in allowed else refused) for a in SIGNED_IN}}


def seen(allowed: list[str], viewers: list[str], status=302, anonymous=302):
    """An action on an object: allowed → `status`; an actor who sees the object
    but may not act → 403; an actor who cannot see it → 404 (a refusal must not
    confirm that the object exists)."""
    return {
        "anonymous": anonymous,
        **{a: (status if a in allowed else 403 if a in viewers else 404) for a in SIGNED_IN},
    }


IN_REGION_ALPHA = [
    "regional_chair",
    "court_chair",
    "coordinator",
    "branch_council",
    "training_centre",
    "hr_officer",
    "central_council",
    "union_chair",
    "administrator",
    "judge",
]

# who sees the world's pair: its protégé (the world's judge), the offices of its
# region and of the protégé's court, national offices but not the administrator
PAIR_VIEWERS = [a for a in IN_REGION_ALPHA if a != "administrator"]

# an issued protocol on the world pair: the council and Training Centre of the
# region, HR of the protégé's court (it holds a copy), national bodies, the protégé
PROTOCOL_READERS = [
    "branch_council",
    "training_centre",
    "hr_officer",
    "central_council",
    "union_chair",
    "judge",
]

# §17–19: the region's branch council and Training Centre, the national bodies
ANNUAL_BODIES = ["branch_council", "training_centre", "central_council", "union_chair"]
# a regional report: also the region's coordinator (§10.5)
ANNUAL_READERS = ANNUAL_BODIES + ["coordinator"]


def _import_job(w) -> int:
    from courts.models import ImportJob

    return ImportJob.objects.create(
        created_by=w.users["administrator"], name="j.csv", content=b"", state="done", result={}
    ).pk


# name: (method, args builder, expected by actor)
MATRIX: dict[str, tuple[str, object, dict[str, int]]] = {
    "dashboard": ("get", None, everyone(200)),
    "switch_office": ("post", None, everyone(302)),
    "healthz": ("get", None, everyone(200, anonymous=200)),
    "set_language": ("post", None, everyone(302, anonymous=302)),
    "login": ("get", None, everyone(302, anonymous=200)),
    # the ЭЦП sign-in: a signed-in session is sent on
    "ecp_login": ("get", None, everyone(302, anonymous=200)),
    "logout": ("post", None, everyone(302, anonymous=302)),
    # the second factor's step: a verified session is sent on, anonymous to sign-in
    "two_factor": ("get", None, everyone(302, anonymous=302)),
    # #12.2: the judge's first sign-in; the code is issued by the court's HR only
    "enrol": ("get", None, everyone(302, anonymous=200)),
    "issue_enrolment_code": (
        "post",
        lambda w: [w.judge.pk],  # has an account: HR is refused with a message (302)
        seen(["hr_officer"], IN_REGION_ALPHA),
    ),
    "password_change": ("get", None, everyone(200)),
    "password_change_done": ("get", None, everyone(200)),
    "password_reset": ("get", None, everyone(200, anonymous=200)),
    "password_reset_done": ("get", None, everyone(200, anonymous=200)),
    "password_reset_confirm": ("get", lambda w: ["MQ", "bad-token"], everyone(200, anonymous=200)),
    "password_reset_complete": ("get", None, everyone(200, anonymous=200)),
    "court_list": ("get", None, everyone(200)),
    "judge_list": ("get", None, everyone(200)),
    "court_detail": ("get", lambda w: [w.district_court.pk], only(IN_REGION_ALPHA, refused=404)),
    "judge_detail": ("get", lambda w: [w.judge.pk], only(IN_REGION_ALPHA, refused=404)),
    "import_reference": ("get", None, only(["administrator"])),
    # #16: an upload's page, for the administrator who sent it
    "import_job": ("get", lambda w: [_import_job(w)], only(["administrator"])),
    "record_history": ("get", lambda w: ["court", w.district_court.pk], only(["administrator"])),
    "verify_document": ("get", None, everyone(200, anonymous=200)),
    "verify_document_pdf": ("get", None, everyone(404, anonymous=404)),
    "document_ecp": (
        "get",
        lambda w: [h.approved_order(w).document.verification_code],
        only(["regional_chair"], refused=404),
    ),
    # issue 3: rosters, coordinators, preferences, seminars
    "coordinator_designations": ("get", None, only(["branch_council"])),
    "roster_list": ("get", None, everyone(200)),
    "roster_detail": ("get", lambda w: [w.region.slug], only(IN_REGION_ALPHA)),
    "roster_add": (
        "post",
        lambda w: [w.region.slug],
        only(["coordinator", "branch_council"], status=302),
    ),
    "roster_remove": (
        "post",
        lambda w: [w.region.slug, h.pending_entry(w).pk],
        only(["coordinator", "branch_council"], status=302),
    ),
    "roster_approve": ("post", lambda w: [w.region.slug], only(["regional_chair"], status=302)),
    "roster_consent": (
        "post",
        lambda w: [h.entry_for_world_judge(w).pk],
        only(["judge"], status=302, refused=404),
    ),
    "roster_order_pdf": (
        "get",
        lambda w: [h.approved_order(w).pk],
        only(IN_REGION_ALPHA, refused=404),
    ),
    "protege_preferences": ("get", None, only(["judge"])),
    "seminar_list": ("get", None, everyone(200)),
    "seminar_detail": ("get", lambda w: [h.seminar(w).pk], only(IN_REGION_ALPHA, refused=404)),
    # issue 4: needs analysis, quality flags, pairs, orders, plans, journal
    "needs_analysis": (
        "get",
        None,
        only(["coordinator", "branch_council", "training_centre", "other_region"]),
    ),
    "quality_flags": ("get", None, only(["court_chair", "regional_chair"])),
    "pair_list": ("get", None, only([a for a in SIGNED_IN if a not in ("administrator", "judge")])),
    "pair_export": (
        "get",
        None,
        only([a for a in SIGNED_IN if a not in ("administrator", "judge")]),
    ),
    "pair_new": ("get", lambda w: [h.protege(w).pk], only(["coordinator", "branch_council"])),
    "pair_detail": ("get", lambda w: [h.world_pair(w).pk], only(PAIR_VIEWERS, refused=404)),
    "pair_plan": ("get", lambda w: [h.world_pair(w).pk], only(PAIR_VIEWERS, refused=404)),
    # one URL per transition of the plan: whoever sees the pair is answered (the
    # service refuses with its reason and nothing changes); others get 404
    # (an incomplete item shows the page again with what was typed: 200)
    "plan_add_item": (
        "post",
        lambda w: [h.world_pair(w).pk],
        only(PAIR_VIEWERS, status=200, refused=404),
    ),
    **{
        f"plan_{step}": (
            "post",
            lambda w: [h.world_pair(w).pk],
            only(PAIR_VIEWERS, status=302, refused=404),
        )
        for step in (
            "remove_item",
            "submit",
            "approve",
            "return",
            "start_correction",
            "propose_correction",
            "agree",
            "reject",
            "check",
            "uncheck",
            "comment",  # §10.3: the coordinator's; the others are refused with the reason
        )
    },
    # §4.2: the journal is the pair's alone (the world's judge is the protégé)
    "pair_journal": (
        "get",
        lambda w: [h.world_pair(w).pk],
        seen(["judge"], PAIR_VIEWERS, status=200),
    ),
    "pair_answer": (
        "post",
        lambda w: [h.proposed_world_pair(w).pk],
        only(["judge"], status=302, refused=404),
    ),
    "pair_register": (
        "post",
        lambda w: [h.consented_world_pair(w).pk],
        seen(["branch_council", "training_centre"], PAIR_VIEWERS),
    ),
    "pair_withdraw_consent": (
        "post",
        lambda w: [h.proposed_world_pair(w).pk],
        only(["judge"], status=302, refused=404),
    ),
    # issue 11: applying to the programme (§4.1), admission by the coordinator (§10.1)
    "participation_apply": ("post", None, everyone(302)),
    "participation_decide": (
        "post",
        lambda w: [h.application(w).pk],
        {
            "anonymous": 302,
            **{a: 403 for a in SIGNED_IN},
            "coordinator": 302,
            "branch_council": 302,
            "other_region": 404,
        },
    ),
    "pair_withdraw": (
        "post",
        lambda w: [h.proposed_world_pair(w).pk],
        seen(["coordinator", "branch_council"], PAIR_VIEWERS),
    ),
    "pair_extend": ("post", lambda w: [h.world_pair(w).pk], seen(["regional_chair"], PAIR_VIEWERS)),
    "pair_feedback": ("post", lambda w: [h.world_pair(w).pk], seen(["judge"], PAIR_VIEWERS)),
    "extension_order_pdf": (
        "get",
        lambda w: [h.extension_order(w).pk],
        only(PAIR_VIEWERS, refused=404),
    ),
    "workload_orders": ("get", None, only(["court_chair", "regional_chair"])),
    "plans_to_approve": ("get", None, only(["court_chair", "regional_chair"])),
    # §6: the chair who issued it, the court's HR (and the judge concerned)
    "workload_order_pdf": (
        "get",
        lambda w: [h.workload_order(w).pk],
        only(["court_chair", "hr_officer"], refused=404),
    ),
    # issue 5: reports, petitions, protocols, copies, personal files
    "report_start": ("post", lambda w: [h.world_pair(w).pk], seen(["judge"], PAIR_VIEWERS)),
    "pair_petition": ("post", lambda w: [h.world_pair(w).pk], seen(["judge"], PAIR_VIEWERS)),
    "report_detail": (
        "get",
        lambda w: [h.world_report(w).pk],
        only(["judge", "branch_council", "training_centre"], refused=404),
    ),
    # one URL per transition of a report: its readers are answered (an incomplete
    # form shows the page again with what was typed: 200; a refused step: 302
    # with the reason); others get 404
    **{
        f"report_{step}": (
            "post",
            lambda w: [h.world_report(w).pk],
            only(
                ["judge", "branch_council", "training_centre"],
                status=200 if step in ("save", "submit", "upload") else 302,
                refused=404,
            ),
        )
        for step in ("save", "submit", "upload", "accept", "return", "revise")
    },
    # the mentor's (submitted) report: its author is not an actor here
    "attachment_download": (
        "get",
        lambda w: [h.world_attachment(w).pk],
        only(["branch_council", "training_centre"], refused=404),
    ),
    "council_queue": ("get", None, only(["branch_council", "training_centre"])),
    "protocol_list": (
        "get",
        None,
        only(["branch_council", "training_centre", "hr_officer", "central_council", "union_chair"]),
    ),
    "protocol_detail": (
        "get",
        lambda w: [h.issued_world_protocol(w).pk],
        only(PROTOCOL_READERS, refused=404),
    ),
    # one URL per transition of a draft protocol, here on an issued one: the
    # council is refused with the reason (302; an incomplete form: the page
    # again, 200), the other readers 403, others 404
    **{
        f"protocol_{step}": (
            "post",
            lambda w: [h.issued_world_protocol(w).pk],
            seen(
                ["branch_council"],
                PROTOCOL_READERS,
                status=200 if step in ("add", "edit") else 302,
            ),
        )
        for step in ("add", "remove", "edit", "delete", "issue")
    },
    "protocol_pdf": (
        "get",
        lambda w: [h.issued_world_protocol(w).pk],
        only(PROTOCOL_READERS, refused=404),
    ),
    "copies_inbox": ("get", None, only(["training_centre", "hr_officer"])),
    "copy_acknowledge": (
        "post",
        lambda w: [h.training_centre_copy(w).pk],
        only(["training_centre"], status=302, refused=404),
    ),
    "copy_pdf": (
        "get",
        lambda w: [h.training_centre_copy(w).pk],
        only(["training_centre"], refused=404),
    ),
    "personal_file": ("get", lambda w: [w.judge.pk], only(["hr_officer"], refused=404)),
    # issue 6: notification centre, annual analysis
    "notification_centre": ("get", None, everyone(200)),
    "access_log": ("get", None, only([])),  # the data-protection officer only (no actor here)
    # issue 11: coordinators (§10.5 monitoring) read their region's analysis too
    "annual_list": ("get", None, only(ANNUAL_BODIES + ["coordinator", "other_region"])),
    "annual_contribution": (
        "post",
        None,
        only(ANNUAL_BODIES + ["coordinator", "other_region"], status=302),
    ),
    "annual_report_detail": ("get", lambda w: [h.annual_report(w).pk], only(ANNUAL_READERS)),
    "annual_report_pdf": ("get", lambda w: [h.annual_report(w).pk], only(ANNUAL_READERS)),
    "annual_report_xlsx": ("get", lambda w: [h.annual_report(w).pk], only(ANNUAL_READERS)),
}


def named_urls() -> set[str]:
    names = set()
    for key in get_resolver().reverse_dict:
        if isinstance(key, str):
            names.add(key)
    return names


def test_every_named_url_is_in_the_matrix():
    missing = named_urls() - set(MATRIX)
    assert not missing, f"named URLs without a permission-matrix row: {sorted(missing)}"


def test_every_row_names_every_actor():
    for name, (_m, _a, expected) in MATRIX.items():
        assert set(expected) == set(ACTORS), name


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.usefixtures("_workers_alive")
def test_matrix(client, world, name):
    """Each actor in turn (the world is built once per URL). Each POST runs in
    a savepoint rolled back afterwards, so every actor meets the same state."""
    method, args, expected = MATRIX[name]
    url = reverse(name, args=args(world) if args else None)
    data = {"language": "ru", "office": "0"} if method == "post" else None
    wrong = []
    for actor in ACTORS:
        client.logout()
        if actor != "anonymous":
            client.force_login(world.users[actor])
        with transaction.atomic():
            before = fingerprint() if method == "post" else None
            response = getattr(client, method)(url, data)
            changed = method == "post" and fingerprint() != before
            transaction.set_rollback(True)
        if response.status_code != expected[actor]:
            wrong.append((actor, response.status_code, expected[actor]))
        if changed and expected[actor] in (403, 404):
            wrong.append((actor, "a refused request changed the database"))
    assert not wrong, (name, wrong)


def fingerprint() -> dict:
    """Row counts of every table of the apps, and the states that POSTs move."""
    from django.apps import apps

    from programs.models import Pair, PlanVersion, RosterEntry

    out = {
        m._meta.label: m.objects.count()
        for app in ("courts", "programs", "mentorship")
        for m in apps.get_app_config(app).get_models()
    }
    out["pairs"] = sorted(
        Pair.objects.values_list(
            "pk", "status", "term_ends_on", "protege_consent", "mentor_consent"
        )
    )
    out["plans"] = sorted(PlanVersion.objects.values_list("pk", "status"))
    out["entries"] = sorted(
        RosterEntry.objects.values_list("pk", "consent", "removal_proposed", "added_by")
    )
    return out
