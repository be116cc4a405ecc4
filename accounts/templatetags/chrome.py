"""The page chrome every page writes (templates/base.html): the top bar's links and the
athletes' bottom tab bar, written in Python. As templates they cost a {% url %} reversal per
link, a {% static %} per asset and a variable lookup per role check on every page, a large
share of an athlete's hot pages; the addresses never change within a process, so they are
reversed once (`fixed_url`, `fixed_static`), and each bar is written once per process for
everything it shows (`written`): the role, the page it marks, the unread count. The HTML is
the templates' own (tests/test_page_chrome.py compares the two)."""

from functools import cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
@cache
def fixed_url(name: str) -> str:
    """The address of a URL name without arguments, reversed once per process (the script
    prefix is fixed here)."""
    return reverse(name)


@register.simple_tag
@cache
def fixed_static(path: str) -> str:
    """A static file's address (hashed name from the manifest), looked up once per process."""
    return static(path)


@receiver(setting_changed)
def forget_addresses(*, setting, **kwargs):
    """Tests that change the URLs or the static files' storage get fresh addresses."""
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME", "STATIC_URL", "STORAGES"}:
        fixed_url.cache_clear()
        fixed_static.cache_clear()
        WRITTEN.clear()


WRITTEN: dict[tuple, str] = {}
WRITTEN_MAX = 500  # each role's bar, on each page it marks, with each unread count


def written(key: tuple, write) -> str:
    """The chrome for `key` (everything it is written from), written once per process: the
    same few bars are written on every page."""
    html = WRITTEN.get(key)
    if html is None:
        if len(WRITTEN) >= WRITTEN_MAX:
            WRITTEN.clear()
        html = WRITTEN[key] = write(*key[1:])
    return html


def unread(context) -> int:
    """The unread badge's count: the context processor gives a number, or a callable that
    counts only when a badge is shown (`logbook.context_processors.unread_messages`)."""
    value = context.get("unread_messages")
    return value() if callable(value) else value


def badge(count) -> str:
    return format_html('<span class="badge" aria-label="{} unread">{}</span>', count, count)


def is_owner(user) -> bool:
    seat = getattr(user, "seat", None)
    return getattr(seat, "role", None) == "owner"


def current_path(context) -> str | None:
    request = context.get("request")
    return getattr(request, "path", None)


@register.simple_tag(takes_context=True)
def nav(context):
    """The top bar's links. Athletes find Today, History and Progress in the bottom bar
    (`tab_bar`), and their program through today and history: the library is for coaches.
    Coaches get the board, messages (with the unread badge), teams and programs; staff who
    coach nobody get Today and programs; the club's head gets the club; staff get the admin."""
    user = context.get("user")
    if not getattr(user, "is_authenticated", False):
        return written(("nav", False, False, False, False, None, None), write_nav)
    is_coach, is_staff = user.is_coach, user.is_staff
    path = current_path(context)
    marked = (fixed_url("catalogue:exercise-list"), fixed_url("catalogue:band-ladder"))
    here = path if path in marked else None
    count = unread(context) if is_coach else None
    return written(("nav", True, is_coach, is_staff, is_owner(user), here, count), write_nav)


def write_nav(signed_in, is_coach, is_staff, is_owner, here, count) -> str:
    """The top bar's links for one kind of person on one page (`here`: the page's address if
    the bar marks it) with the coach's unread count."""
    exercises, bands = fixed_url("catalogue:exercise-list"), fixed_url("catalogue:band-ladder")
    if not signed_in:
        return format_html('<a href="{}">Exercises</a>\n<a href="{}">Bands</a>', exercises, bands)
    links = []
    if is_coach:
        links.append(format_html('<a href="{}">Athletes</a>', fixed_url("coaching:board")))
        links.append(
            format_html(
                '<a href="{}">Messages{}</a>',
                fixed_url("coaching:messages"),
                mark_safe(" " + badge(count)) if count else "",
            )
        )
        links.append(format_html('<a href="{}">Teams</a>', fixed_url("accounts:team-list")))
    elif is_staff:
        links.append(format_html('<a href="{}">Today</a>', fixed_url("logbook:today")))
    if is_owner:
        links.append(format_html('<a href="{}">Club</a>', fixed_url("accounts:club")))
    if is_coach or is_staff:
        links.append(format_html('<a href="{}">Programs</a>', fixed_url("programs:list")))
    for url, label in ((exercises, "Exercises"), (bands, "Bands")):
        current = mark_safe(' aria-current="page"') if here == url else ""
        links.append(format_html('<a href="{}"{}>{}</a>', url, current, label))
    if is_staff:
        links.append(format_html('<a href="{}">Admin</a>', fixed_url("admin:index")))
    return mark_safe("\n".join(links))


ICON = (
    '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" '
    'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">'
)

# The bar's tabs: URL name, label, the icon's shapes, and the views the tab is the page of
# (aria-current="page") or an ancestor of (aria-current="true": a workout is under Today, a
# logged workout under History).
TABS = (
    (
        "logbook:today",
        "Today",
        '<circle cx="12" cy="12" r="9"/><path d="M10 8.5l5 3.5-5 3.5z"/>',
        ("logbook:workout", "logbook:free-session"),
    ),
    (
        "logbook:calendar",
        "Calendar",
        '<rect x="3.5" y="5" width="17" height="15" rx="2"/><path d="M3.5 10h17M8 3v4M16 3v4"/>',
        (),
    ),
    (
        "logbook:history",
        "History",
        '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>',
        ("logbook:log-detail",),
    ),
    (
        "logbook:progress",
        "Progress",
        '<path d="M3 20h18"/><path d="M5 16l5-5 4 3 6-7"/>',
        (),
    ),
    ("logbook:messages", "Messages", '<path d="M4 5h16v11H9l-5 4z"/>', ()),
)


@register.simple_tag(takes_context=True)
def tab_bar(context):
    """The athletes' bottom navigation (coaches and staff keep the top bar). The Messages tab
    carries the unread badge."""
    match = getattr(context.get("request"), "resolver_match", None)
    return written(("tab_bar", getattr(match, "view_name", None), unread(context)), write_tab_bar)


def write_tab_bar(here, count) -> str:
    """The tab bar on the page of view `here`, with the athlete's unread count."""

    def tab(name, label, shapes, under):
        if here == name:
            current = ' aria-current="page"'
        elif here in under:
            current = ' aria-current="true"'
        else:
            current = ""
        extra = badge(count) if count and name == "logbook:messages" else ""
        return (
            fixed_url(name),
            mark_safe(current),
            mark_safe(ICON + shapes + "</svg>"),
            label,
            mark_safe(extra),
        )

    tabs = format_html_join(
        "\n",
        '<a href="{}"{}>\n{}\n<span>{}</span>{}\n</a>',
        (tab(*spec) for spec in TABS),
    )
    return format_html('<nav class="tabbar" aria-label="Training">\n{}\n</nav>', tabs)
