from .navigation import menu


def offices(request):
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        # one query per page: the header's unread count
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        "offices": getattr(request, "offices", []),
        "active_office": getattr(request, "office", None),
        "unread_count": unread,
    }


def navigation(request):
    """The main menu for the active office (mentorship.navigation)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    return {"menu": menu(user, getattr(request, "office", None))}
