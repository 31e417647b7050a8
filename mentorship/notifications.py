"""Notifications: in-app rows plus e-mail, in the recipient's language, sent
after the transaction commits. They never carry journal content."""

from __future__ import annotations

from django.conf import settings
from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import Notification, Reminder

MESSAGES = {
    "roster_invitation": _(
        "You are proposed for the roster of mentors and tutors of "
        "%(region)s as %(role)s. Please accept or decline (§4.1: "
        "participation is voluntary)."
    ),
    "roster_order": _(
        "Order № %(number)s of %(date)s approved the roster of mentors and tutors "
        "of %(region)s (§8)."
    ),
    "coordinator_designated": _(
        "You were designated coordinator of mentorship for %(region)s (§9)."
    ),
    "seminar_invitation": _(
        "You are invited to the orientation seminar “%(topic)s” on %(date)s, %(place)s (§8)."
    ),
    "quality_flagged": _(
        "The court chair flagged %(judge)s as needing help to improve the "
        "quality of justice; the judge now qualifies as a protégé (preamble, "
        "§1.4)."
    ),
    "quality_flag_you": _(
        "The chair of your court noted that you may need help to improve the quality of "
        "justice, for these reasons: %(reasons)s. You may be offered a mentor; taking part "
        "is voluntary (preamble, §4.1)."
    ),
    "participation_applied": _(
        "%(judge)s applies to take part in the mentorship programme as a protégé (%(ground)s); "
        "please admit or decline (§4.1, §10.1)."
    ),
    "participation_admitted": _(
        "You are admitted to the mentorship programme as a protégé (%(ground)s); the "
        "coordinator will propose a mentor or tutor (§10.1)."
    ),
    "participation_declined": _(
        "Your application to the mentorship programme (%(ground)s) was declined: %(reasons)s"
    ),
    "plan_commented": _(
        "The coordinator commented on the individual programme of %(protege)s (§10.3)."
    ),
    "branch_proposal": _(
        "The branch council of %(region)s sent proposals to improve the mentorship for "
        "%(year)s (§17)."
    ),
    "nomination_outcome": _(
        "The Central Council recorded the outcome of the nomination of %(judge)s for %(year)s "
        "(§18)."
    ),
    "term_extended_office": _(
        "Order № %(number)s extended the term of the programme of %(protege)s until %(end)s (§5)."
    ),
    "workload_order_hr": _(
        "Order № %(number)s reduces the caseload of %(judge)s by %(percent)s%% from %(start)s "
        "to %(end)s (§6); for the personal file."
    ),
    "pair_proposed": _(
        "A pair is proposed: %(mentor)s (%(role)s) and %(protege)s. Please "
        "accept or decline (§4.1: participation is voluntary)."
    ),
    "pair_declined": _("The proposed pair %(mentor)s — %(protege)s was declined (§4.1)."),
    "pair_consented": _(
        "Both judges accepted the pair %(mentor)s — %(protege)s; it awaits registration (§12)."
    ),
    "account_enrolled": _(
        "%(judge)s entered the enrolment code you issued: their account is now "
        "linked to their judge record (#12)."
    ),
    "pair_member_account": _(
        "%(judge)s now signs in with an account of their own; the journal of the "
        "pair %(mentor)s — %(protege)s opens with it (§4.2). If you did not expect "
        "this, tell the branch council."
    ),
    "account_password_changed": _(
        "The password of your account was changed. If you did not do it, tell the "
        "Central Council at once (#12)."
    ),
    "account_email_changed": _(
        "The e-mail address of your account is now %(email)s. If you did not ask "
        "for this, tell the Central Council at once (#12)."
    ),
    "account_flags_changed": _(
        "Your account was changed: %(flags)s. If you did not expect this, tell the "
        "Central Council at once (#12)."
    ),
    "account_factor_added": _(
        "A second factor (an authenticator app) was added to your account (#12)."
    ),
    "account_factor_removed": _(
        "The second factor of your account was removed; you will enrol a new one "
        "at your next sign-in. If you did not expect this, tell the Central Council (#12)."
    ),
    "second_factor_reset_requested": _(
        "%(by)s recorded a request to remove the second factor of %(user)s. It is "
        "removed once another administrator approves; if it was not asked for, tell "
        "the Central Council at once (#12)."
    ),
    "office_grant_pending": _(
        "%(by)s recorded that %(user)s holds the office: %(office)s. It takes effect "
        "once another administrator approves it in the administration (#12)."
    ),
    "office_granted": _(
        "%(by)s recorded that %(user)s holds the office: %(office)s. If this is not "
        "right, tell the Central Council."
    ),
    "pair_registered": _(
        "The pair %(mentor)s — %(protege)s was registered under № %(number)s; "
        "the term runs until %(end)s (§5, §12)."
    ),
    "term_extended": _("Order № %(number)s extended the mentorship term until %(end)s (§5)."),
    "tutor_term_extended": _("Order № %(number)s extended the tutorship term until %(end)s (§5)."),
    "workload_order": _(
        "Order № %(number)s reduces your caseload by %(percent)s%% from %(start)s to %(end)s (§6)."
    ),
    "plan_submitted": _(
        "The individual plan of %(protege)s (mentor: %(mentor)s) awaits your approval (§2)."
    ),
    "plan_approved": _("The individual plan of %(protege)s was approved by the court chair (§2)."),
    "plan_returned": _(
        "The individual plan of %(protege)s was returned for revision; see the "
        "chair's comments (§2)."
    ),
    "correction_proposed": _(
        "%(name)s proposes a correction to your individual plan; please "
        "agree or decline (§15.5, §16.2)."
    ),
    "correction_agreed": _(
        "Your correction was agreed; version %(number)s of the plan is in force."
    ),
    "correction_rejected": _("Your proposed correction (version %(number)s) was not agreed."),
    "plan_corrected": _(
        "The individual plan of %(protege)s was corrected by agreement of the "
        "pair; version %(number)s is in force (§15.5, §16.2)."
    ),
    "report_submitted": _("%(name)s submitted a written report on the pair of %(protege)s (§13)."),
    "report_accepted": _("Your written report was accepted (§13)."),
    "report_returned": _("Your written report was returned for revision; see the comment (§13)."),
    "petition_filed": _("A petition awaits the branch council: %(kind)s — %(protege)s."),
    "protocol_copy": _(
        "A copy of protocol decision № %(number)s of %(date)s of the branch "
        "council (%(region)s) was delivered to you; please acknowledge receipt "
        "(§14)."
    ),
    "protocol_issued": _(
        "The branch council (%(region)s) issued protocol decision № %(number)s "
        "of %(date)s concerning your pair (§14)."
    ),
    "mentor_replaced": _(
        "The branch council decided to replace the mentor of %(protege)s; "
        "please form a new pair (§16.4)."
    ),
    "tutor_replaced": _(
        "The branch council decided to replace the tutor of %(protege)s; "
        "please form a new pair (§16.4)."
    ),
    "term_ending": _(
        "The mentorship term of the pair %(mentor)s — %(protege)s ends on %(end)s, "
        "in %(days)s days (§5, §1.6)."
    ),
    "tutor_term_ending": _(
        "The tutorship term of the pair %(mentor)s — %(protege)s ends on %(end)s, "
        "in %(days)s days (§5, §1.6)."
    ),
    "tutor_term_ended": _(
        "The tutorship term of the pair %(mentor)s — %(protege)s ended on %(end)s "
        "without a decision; it awaits the branch council (§14)."
    ),
    "term_ended": _(
        "The mentorship term of the pair %(mentor)s — %(protege)s ended on %(end)s "
        "without a decision; it awaits the branch council (§14)."
    ),
    "item_overdue": _(
        "An item of the individual plan of %(protege)s was due on %(due)s and is "
        "not marked fulfilled (§15.5)."
    ),
    "ground_lapsed": _(
        "%(judge)s qualified as a protégé (%(ground)s, since %(since)s) but the "
        "ground lapsed on %(lapsed)s without a pair being formed (§10.1)."
    ),
    "annual_report_ready": _("The annual report for %(scope)s, %(period)s is ready (§17–19)."),
}


def localized(obj) -> dict:
    """A name in every language, so the notice reads right in the reader's one."""
    return {"kk": obj.name_kk, "ru": obj.name_ru, "en": obj.name_en}


def in_all_languages(text) -> dict:
    out = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            out[code] = str(text)
    return out


def render(kind: str, params: dict) -> str:
    lang = (translation.get_language() or "kk")[:2]
    values = {
        k: (v.get(lang) or v.get("kk")) if isinstance(v, dict) else v for k, v in params.items()
    }
    return str(MESSAGES[kind]) % values


def notify(users, kind: str, params: dict, url: str = "", *, email: bool = True) -> None:
    users = [u for u in users if u is not None]
    created = Notification.objects.bulk_create(
        [Notification(user=u, kind=kind, params=params, url=url) for u in users]
    )
    if email and created:
        from .tasks import send_notification_emails  # noqa: PLC0415 (tasks import this module)

        ids = [n.pk for n in created]
        # enqueued only once the transaction commits (a worker must see the rows)
        transaction.on_commit(lambda: send_notification_emails.delay(ids))


@transaction.atomic
def remind_once(key: str, users, kind: str, params: dict, url: str = "") -> bool:
    """Notify unless a reminder with this key was already sent. The unique key
    is inserted first (ON CONFLICT DO NOTHING), so two workers running the same
    job at once send it once. Each reminder commits on its own (with its
    notifications), so a long run never holds the country in one transaction."""

    users = [u for u in users if u is not None]
    if not users:
        return False  # nobody to tell yet: the reminder stays due
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Reminder._meta.db_table} (key, sent_at) VALUES (%s, now()) "  # noqa: S608
            "ON CONFLICT (key) DO NOTHING RETURNING id",
            [key],
        )
        if cursor.fetchone() is None:
            return False
    notify(users, kind, params, url)
    return True
