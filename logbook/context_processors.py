from logbook.messages import unread_count


def unread_messages(request) -> dict:
    """The navigation's unread badge: counted with the user when the session loaded them
    (`logbook.auth`), else a callable that counts only if a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if hasattr(user, "unread_count"):
        return {"unread_messages": user.unread_count}
    return {"unread_messages": lambda: unread_count(user)}
