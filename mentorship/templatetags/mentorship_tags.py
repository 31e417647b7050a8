from django import template

from mentorship.notifications import render

register = template.Library()


@register.filter
def notice(notification) -> str:
    return render(notification.kind, notification.params)
