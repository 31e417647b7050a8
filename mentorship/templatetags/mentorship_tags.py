from django import template

from mentorship.breadcrumbs import trail
from mentorship.notifications import render

register = template.Library()


@register.filter
def notice(notification) -> str:
    return render(notification.kind, notification.params)


@register.filter
def longdate(day, case: str = "nom") -> str:
    """A long-form date in the active language, with a Kazakh case ending:
    ``{{ d|longdate:"attr" }}`` → «2026 жылғы 2 желтоқсандағы»."""
    from mentorship.officestyle import long_date  # noqa: PLC0415

    return long_date(day, case=case) if day else ""


@register.filter
def initials(judge) -> str:
    """«Ә.Н. Сәрсенбаева»: a judge as courts name one under a signature."""
    from mentorship.officestyle import initials_and_surname  # noqa: PLC0415

    return initials_and_surname(judge.first_name, judge.last_name, judge.patronymic)


@register.filter
def named(obj) -> str:
    """A reference row's name in the active language (court, region)."""
    from mentorship.officestyle import name_in  # noqa: PLC0415

    return name_in(obj)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context) -> dict:
    """The trail from the dashboard to this page (mentorship.breadcrumbs)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    if match is None or user is None or not user.is_authenticated:
        return {"steps": []}
    return {"steps": trail(match.url_name, match.kwargs, context.flatten())}
