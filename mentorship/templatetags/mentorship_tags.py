from django import template
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

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


_CHART_ROW = (
    '<g>\n<text x="{}" y="{}" font-size="12" fill="#212529" text-anchor="{}">{}</text>\n'
    "{}"
    '\n<text x="{}" y="{}" font-size="12" fill="#212529">{}</text>\n</g>'
)
_CHART_SEGMENT = (
    '<rect x="{}" y="{}" width="{}" height="16" fill="{}" data-series="{}">'
    "<title>{}: {} — {}</title></rect>"
)


@register.simple_tag
def chart_bars(chart) -> str:
    """The bars of a mentorship.charts.StackedChart inside its <svg> (the
    picture's rows, built here rather than node by node: a chart of the
    country's regions drawn twice is some hundred and fifty elements, #16)."""
    anchor = "start" if chart.labels_above else "end"
    room = 48 if chart.labels_above else 30
    rows = []
    for row in chart.rows:
        bar_y = f"{row.y_bar:.1f}"
        segments = format_html_join(
            "",
            _CHART_SEGMENT,
            (
                (
                    f"{s.x:.1f}",
                    bar_y,
                    f"{s.width:.1f}",
                    s.colour,
                    s.key,
                    row.label,
                    s.label,
                    s.count,
                )
                for s in row.segments
            ),
        )
        rows.append(
            format_html(
                _CHART_ROW,
                chart.label_right,
                f"{row.y_label:.1f}",
                anchor,
                Truncator(row.label).chars(room),
                segments,
                f"{row.x_total:.1f}",
                f"{row.y_total:.1f}",
                row.total,
            )
        )
    return format_html_join("\n", "{}", ((r,) for r in rows))
