"""One set row of the workout page, written in Python: the page has a row per set, and the set
POST, its undo and edit answer with one; as a template each cost ~0.6 ms of nodes, lookups and
filters, here a few string joins. The same HTML the template wrote (the row's one-tap form, or
a logged set with its edit and undo), values escaped as the template escaped them."""

from django.template.defaultfilters import capfirst, join
from django.urls import reverse
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString, mark_safe

from logbook.pages.workout import BandMenu, SetRow


def set_row(row: SetRow, *, create_url: str, bands: BandMenu, csrf_token) -> SafeString:
    """`create_url`: where a new set is posted (the workout's, with its occurrence);
    `csrf_token`: the context's, as `{% csrf_token %}` reads it."""
    dom_id = row.dom_id
    logged = row.logged if not row.editing else None
    side = f" · {escape(capfirst(row.side))}" if row.side != "both" else ""
    last = (
        f' <span class="set-last muted">last time {escape(row.last_text)}</span>'
        if row.last_text and not row.logged
        else ""
    )
    body = (
        done(row, dom_id, csrf_token)
        if logged is not None
        else one_tap(row, dom_id, create_url, bands, csrf_token)
    )
    return mark_safe(
        f'<li class="set-row{" is-logged" if logged is not None else ""}" id="{dom_id}"\n'
        f'    data-set="{row.set_number}"'
        f' data-rest-seconds="{row.prescription.rest_seconds or 0}">\n'
        f'  <span class="set-head"><span class="set-label">{escape(row.label)}{side}</span>'
        f"{last}</span>\n{body}</li>"
    )


def done(row: SetRow, dom_id: str, csrf_token) -> str:
    """A logged set: what was done, and its edit and undo."""
    set_log = row.logged
    value = f"{set_log.seconds} s" if set_log.seconds is not None else f"{set_log.reps} reps"
    band = (
        f' <span class="set-value">· {escape(set_log.band.name.lower())}</span>'
        if set_log.band
        else ""
    )
    control = (
        f' <span class="set-control">· {escape(str(set_log.get_control_display()).lower())}</span>'
        if set_log.control
        else ""
    )
    edit_url = reverse("logbook:set-edit", args=[set_log.pk])
    undo_url = reverse("logbook:set-undo", args=[set_log.pk])
    return (
        f'  <span class="set-done"><span class="set-value">✓ {value}</span>{band}{control}</span>\n'
        f'  <span class="set-tools">\n'
        f'    <a class="button" href="{edit_url}" hx-get="{edit_url}" hx-target="#{dom_id}"'
        f' hx-swap="outerHTML">Edit</a>\n'
        f'    <form method="post" action="{undo_url}" hx-post="{undo_url}" hx-target="#{dom_id}"'
        f' hx-swap="outerHTML">{csrf_input(csrf_token)}'
        f'<button class="button" type="submit">Undo</button></form>\n'
        f"  </span>\n"
    )


def one_tap(row: SetRow, dom_id: str, create_url: str, bands: BandMenu, csrf_token) -> str:
    """The set's form: prefilled with the target (or what was posted, or the logged values
    while editing), logged by one tap."""
    data = row.form.data if row.form is not None else {}
    initial = row.form.initial if row.form is not None else {}
    action = (
        reverse("logbook:set-edit", args=[row.logged.pk]) if row.editing else escape(create_url)
    )
    if row.prescription.is_hold:
        value = first_of(data.get("seconds"), initial.get("seconds"), row.target)
        measure = (
            f'    <label class="set-field" for="{dom_id}-seconds">'
            f'<span class="set-field-name">Seconds</span>\n'
            f'      <input id="{dom_id}-seconds" type="number" name="seconds" inputmode="numeric"'
            f' min="0" max="{row.seconds_max}" value="{value}"></label>\n'
            f'    <button type="button" class="button hold-button"'
            f' data-hold-target="#{dom_id} input[name=seconds]" data-target="{row.target}"'
            f" hidden>Hold timer</button>\n"
        )
    else:
        value = first_of(data.get("reps"), initial.get("reps"), row.target)
        measure = (
            f'    <label class="set-field" for="{dom_id}-reps">'
            f'<span class="set-field-name">Reps</span>\n'
            f'      <input id="{dom_id}-reps" type="number" name="reps" inputmode="numeric"'
            f' min="0" max="{row.reps_max}" value="{value}"></label>\n'
        )
    chosen_band = first_of(data.get("band"), initial.get("band"), row.band.pk if row.band else "")
    if row.eccentric:
        angle = first_of(data.get("break_angle"), initial.get("break_angle"))
        chosen = first_of(data.get("control"), initial.get("control"))
        buttons = "".join(
            f'      <button type="submit" name="control" value="{escape(answer)}"'
            f' class="button control-button{" primary" if chosen == answer else ""}">'
            f"{escape(label)}</button>\n"
            for answer, label in row.controls
        )
        log = (
            '    <details class="break-angle"><summary>Filmed it?</summary>\n'
            '      <label>Break angle <input type="number" name="break_angle"'
            f' inputmode="numeric" min="0" max="90" value="{angle}"> degrees</label>\n'
            "    </details>\n"
            '    <div class="control-buttons" role="group"'
            ' aria-label="Log the set: how far down did you control it?">\n'
            f"{buttons}    </div>\n"
        )
    else:
        log = (
            '    <button type="submit" class="button primary log-button">'
            f"{'Save' if row.editing else 'Log ✓'}</button>\n"
        )
    errors = ""
    if row.form is not None and row.form.errors:
        said = "".join(f"{join(messages, ' ')} " for messages in row.form.errors.values())
        errors = f'  <p class="field-error set-error" role="alert">{said}</p>\n'
    return (
        f'  <form class="set-form" method="post" action="{action}" hx-post="{action}"'
        f' hx-target="#{dom_id}" hx-swap="outerHTML"'
        ' hx-disabled-elt="find button[type=submit]">\n'
        f"    {csrf_input(csrf_token)}\n"
        f'    <input type="hidden" name="token" value="{row.token}">\n'
        f'    <input type="hidden" name="prescription" value="{row.prescription.pk}">\n'
        f'    <input type="hidden" name="set_number" value="{row.set_number}">\n'
        f'    <input type="hidden" name="side" value="{escape(row.side)}">\n'
        f"{measure}"
        f'    <label class="set-field set-band" for="{dom_id}-band">'
        f'<span class="set-field-name">Band</span>\n'
        f'      <select id="{dom_id}-band" name="band">\n'
        f'        <option value="">No band</option>\n'
        f"        {bands.options(chosen_band)}\n"
        f"      </select></label>\n"
        f"{log}"
        f"  </form>\n"
        f"{errors}"
    )


def first_of(*values) -> str:
    """The first value that is not empty, escaped, as `{% firstof %}` writes it; else ""."""
    return next((escape(value) for value in values if value), "")


def csrf_input(csrf_token) -> str:
    """As `{% csrf_token %}` writes it."""
    if not csrf_token or csrf_token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
