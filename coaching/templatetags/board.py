"""The coach's board rows, written in Python: the board shows 50 athletes a page, and the
Django template of a row (its loops, filters, {% url %}s and the partial) cost more than the
rest of the page's logic. The HTML is the template's own, cell for cell; the opened row's band
forms and the notice after an answer stay a template (`row-tools` in coaching/board.html),
rendered only for the one row that has them."""

import html
from urllib.parse import quote

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

TOOLS = "coaching/board.html#row-tools"
SOMEONE = 918_273_645  # reversed in place of an id, then replaced by each row's


class Links:
    """The board's addresses, reversed once per page and filled with each row's ids; and the
    days its rows name, each written once per page (the date filter costs ~0.1 ms a call)."""

    def __init__(self):
        self.days: dict = {}
        self.board = escape(reverse("coaching:board"))
        self.athlete = split("coaching:athlete")
        self.flags = split("coaching:athlete-flags")
        self.row = split("coaching:board-row")
        self.approve = split("coaching:board-suggestion-decide", "approve")
        self.decline = split("coaching:board-suggestion-decide", "decline")


def escape(text) -> str:
    """As Django's `escape` writes it (`html.escape` of the text), without its wrapper for lazy
    strings: the rows of a page call it about 400 times."""
    return html.escape(str(text))


def split(name: str, *more) -> tuple[str, str]:
    """The address of `name` around its id: (before, after)."""
    before, after = escape(reverse(name, args=(SOMEONE, *more))).split(str(SOMEONE))
    return before, after


def link(parts: tuple[str, str], pk: int) -> str:
    return f"{parts[0]}{pk}{parts[1]}"


def csrf_input(context) -> str:
    """What {% csrf_token %} writes (asked for only by a row with a form, as the template did)."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'


@register.simple_tag(takes_context=True)
def athlete_rows(context, rows) -> SafeString:
    """Every row of the page, each as `athlete_row` writes it."""
    links = Links()
    return mark_safe("".join(row_html(context, row, links) for row in rows))


@register.simple_tag(takes_context=True)
def athlete_row(context, row) -> SafeString:
    """One athlete: their row, and under it the answer to what the coach just did and the band
    forms they opened. On a desktop the row is one line: shortened words (.short) are hidden
    from screen readers, and their whole wording (.long) is read by them and shown on a phone."""
    return mark_safe(row_html(context, row, Links()))


def row_html(context, row, links: Links) -> str:
    pk = row.athlete.pk
    name = escape(row.athlete.name)
    athlete_url = link(links.athlete, pk)
    teams = ""
    if context.get("many_teams"):
        teams = f' <span class="muted">{", ".join(escape(team) for team in row.teams)}</span>'
    tools = ""
    if context.get("notice") or row.band_forms:
        with context.push(row=row):
            tools = context.template.engine.get_template(TOOLS).render(context)
    return (
        f'\n<tbody class="athlete" id="athlete-{pk}">\n'
        f'  <tr class="athlete-row{" flagged" if row.flags else ""}">\n'
        f'    <th scope="row"><a class="athlete-name" href="{athlete_url}" title="{name}">{name}'
        f"</a>{teams}</th>\n"
        f'    <td data-label="Flags" class="flags-cell">{flags_cell(row, links, name)}</td>\n'
        f"    {program_cells(row)}\n"
        f'    <td data-label="Last workout">{last_workout(row, links)}</td>\n'
        f"    {nordics_cell(row)}\n"
        f'    <td data-label="Strength">{strength(row)}</td>\n'
        f'    <td data-label="Bands" class="bands-cell">{bands_cell(context, row, links)}'
        f"</td>\n"
        f"  </tr>\n"
        f"  {tools}\n"
        f"</tbody>\n"
    )


def flags_cell(row, links: Links, name: str) -> str:
    if not row.flags:
        return '<span class="muted">—</span>'
    # The flags' details and forms load when the coach opens them, which keeps the board light.
    kinds = [escape(flag.get_kind_display()) for flag in row.flags]
    shown = f'<span class="flag-name">{kinds[0]}</span>' + "".join(
        f'<span class="long"> · <span class="flag-name">{kind}</span></span>' for kind in kinds[1:]
    )
    if len(kinds) > 1:
        shown += f' <span class="short" aria-hidden="true">+{len(kinds) - 1}</span>'
    flags_url = link(links.flags, row.athlete.pk)
    athlete_url = link(links.athlete, row.athlete.pk)
    return (
        "\n      \n"
        f'      <details class="row-flags" hx-get="{flags_url}" hx-trigger="toggle once" '
        'hx-target="find .flags" hx-swap="innerHTML" hx-push-url="false">'
        f'<summary title="{" · ".join(kinds)}">{shown}</summary>\n'
        f'        <ul class="flags"><li><a href="{athlete_url}#flags-heading">See and acknowledge '
        f"them on {name}'s page</a></li></ul>\n"
        "      </details>"
    )


def program_cells(row) -> str:
    assignment = row.assignment
    if assignment is None:
        return (
            '<td data-label="Program" class="muted">No program assigned.</td>'
            '<td data-label="7 days">—</td><td data-label="28 days">—</td>\n    '
        )
    if row.stage:
        focus = row.stage.week.focus
        where = f"Stage {row.stage.number}{f': {escape(focus)}' if focus else ''}"
    else:
        where = f"Week {row.week}"
    title = escape(assignment.program_title)
    paused = ' <span class="tag">Paused</span>' if assignment.status == "paused" else ""
    return (
        f'<td data-label="Program" title="{title}">{where} · {title}{paused}</td>\n'
        f'    <td data-label="7 days">{share(row.adherence_7)}</td>\n'
        f'    <td data-label="28 days">{share(row.adherence_28)}</td>\n    '
    )


def share(value: float | None) -> str:
    """As {% widthratio value 1 100 %}% writes it; a dash for none."""
    return "—" if value is None else f"{round(float(value) * 100)}%"


def last_workout(row, links: Links) -> str:
    day = row.last_workout
    if day not in links.days:
        links.days[day] = escape(date_filter(day, "j M") or "none yet")
    return links.days[day]


def nordics_cell(row) -> str:
    done, since = row.nordic_this_week, row.days_since_nordic
    title = f"{done} Nordic session{plural(done)} this week"
    shown = f'{done} this <span class="short" aria-hidden="true">wk</span>'
    shown += '<span class="long">week</span>'
    if since is not None:
        title += f", the last {since} day{plural(since)} ago"
        shown += f' · {since} d<span class="long"> ago</span>'
    if row.compliant is False:
        title += "; low compliance over the last 4 weeks"
        shown += (
            ' <span class="tag" title="Nordics: low compliance over the last 4 weeks '
            '(Ripley 2021)">low<span class="long"> compliance</span></span>'
        )
    return f'<td data-label="Nordics" title="{title}">{shown}</td>'


def plural(count: int) -> str:
    return "" if count == 1 else "s"


def strength(row) -> str:
    return "—" if row.strength is None else f"{floatformat(row.strength, 0)} N"


def bands_cell(context, row, links: Links) -> str:
    pk, name = row.athlete.pk, escape(row.athlete.name)
    query = context.get("query") or ""
    back = escape(query)
    parts = []
    for band in row.bands:
        part = f'<span class="tag" title="{escape(band.exercise)}">{escape(band.band)}</span>'
        change = band.suggestion
        if change:
            csrf, to = csrf_input(context), escape(change.to)
            where = (
                f'{escape(change.band.lower())}<span class="long"> band</span>'
                if change.band
                else to
            )
            answers = [
                f'<form method="post" action="{url}" hx-post="{url}" hx-target="#athlete-{pk}" '
                f'hx-swap="outerHTML" hx-push-url="false" class="inline-form">{csrf}'
                f'<input type="hidden" name="back" value="{back}">'
                f'<button class="button row-button{primary}" type="submit">{label}'
                f'<span class="visually-hidden"> the {to} for {name}</span></button></form>'
                for url, label, primary in (
                    (link(links.approve, change.pk), "Approve", " primary"),
                    (link(links.decline, change.pk), "Decline", ""),
                )
            ]
            part += (
                f'\n      <span class="row-suggestion" title="{escape(change.reason)}">'
                f'<span class="long">Suggested: </span>{where}</span>\n      \n      '
                + "\n      ".join(answers)
                + "\n      "
            )
        parts.append(part + " ")
    if not row.bands:
        return "—\n      \n      "
    row_url = link(links.row, pk)
    quoted = escape(quote(query, safe="/"))
    if row.band_forms:
        toggle = (
            f'<a class="button row-button" href="{links.board}{f"?{back}" if query else ""}'
            f'#athlete-{pk}" hx-get="{row_url}?back={quoted}" hx-target="#athlete-{pk}" '
            'hx-swap="outerHTML" hx-push-url="false">Close<span class="visually-hidden"> '
            f"{name}'s band forms</span></a>\n      "
        )
    else:
        toggle = (
            f'<a class="button row-button" href="{links.board}?{f"{back}&amp;" if query else ""}'
            f'set={pk}#athlete-{pk}" hx-get="{row_url}?set=1&amp;back={quoted}" '
            f'hx-target="#athlete-{pk}" hx-swap="outerHTML" hx-push-url="false">Set'
            f'<span class="visually-hidden"> a band for {name}</span></a>'
        )
    return "".join(parts) + "\n      \n      " + toggle + "\n      "
