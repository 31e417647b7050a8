def offices(request):
    return {
        "offices": getattr(request, "offices", []),
        "active_office": getattr(request, "office", None),
    }
