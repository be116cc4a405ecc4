"""What a person reads on a page: its text without the markup, spaces collapsed."""

from django.utils.html import strip_tags


def seen(html: str) -> str:
    return " ".join(strip_tags(html).split())
