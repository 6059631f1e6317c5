"""Gallery, personalise page, live preview, check step and PDF download.

The personalise page posts the form back to itself with an `action`: "preview" renders the card and
shows rasterisations of that PDF (this works without JavaScript), "check" shows the card at a glance
with its names spelled out and the download choices, and "download" returns the PDF. With JavaScript
the page also posts the form to `preview.json` as the sender types and swaps in the new images.

Nothing the sender writes is stored or logged: preview images travel inside the page or the JSON as
data URIs, and the check page carries the words forward in the form itself.
"""

from __future__ import annotations

import base64
import logging
import weakref
from dataclasses import dataclass
from functools import lru_cache

from flask import Blueprint, abort, current_app, jsonify, make_response, render_template, request, url_for

from cardshop.design.loader import DATA_FILE, Catalog, LoadedDesign
from cardshop.design.paths import printable
from cardshop.render.card import render_card
from cardshop.render.geometry import CardGeometry
from cardshop.render.options import CardOptionError, CardTextError, RenderOptions, resolve_geometry
from cardshop.render.press.partners import PartnerError, render_for_partner
from cardshop.render.preview import PREVIEW_WIDTH, PreviewImage, card_previews
from cardshop.studio.limits import field_limits
from cardshop.web.closeup import field_regions
from cardshop.web.describe import card_words, names_to_check, preview_alts
from cardshop.web.download_steps import SHORT_HINTS, after_download_steps, default_download, download_menu
from cardshop.web.downloads import PREVIEW, Download, download_filename, download_named, download_response
from cardshop.web.filters import gallery_view, read_choices
from cardshop.web.forms import (
    PREVIEW_OPTIONS,
    CardForm,
    address_values,
    card_form,
    download_choice_names,
    field_values,
)
from cardshop.web.message_help import (
    HelpChoices,
    find_suggestion,
    help_context,
    insert_suggestion,
    kindness_notes,
    suggestion_items,
    suggestions_status,
)
from cardshop.web.render_faults import render_faults

cards = Blueprint("cards", __name__)
design_log = logging.getLogger("cardshop.designs")

# The sections of the check step after the card itself, in order, each its own partial (other ways to
# send the card are added here, beside downloading).
CHECK_SECTIONS: list[str] = [
    "partials/check/download.html",
    "partials/order_post.html",
    "partials/share_link.html",
    "partials/remember_dates.html",
]

# The live preview asks for images as wide as it shows them (times the screen's pixel density),
# within these bounds, so a phone is not sent pixels it cannot show.
LIVE_WIDTH_MIN, LIVE_WIDTH_MAX, LIVE_WIDTH_STEP = 200, PREVIEW_WIDTH, 100


def catalog() -> Catalog:
    return current_app.extensions["cardshop_catalog"].get()


def _design_or_404(slug: str) -> LoadedDesign:
    loaded = catalog().get(slug)
    if loaded is None or _drawable(loaded) is None:
        abort(404)
    return loaded


def _data_uri(image: PreviewImage) -> str:
    return f"data:{image.mime};base64,{base64.b64encode(image.data).decode('ascii')}"


# Designs that failed to draw; weak, so a reloaded catalogue lets its old designs go.
_UNDRAWABLE: weakref.WeakSet[LoadedDesign] = weakref.WeakSet()


@lru_cache(maxsize=128)
def _drawable(loaded: LoadedDesign) -> tuple[PreviewImage, ...] | None:
    """The design with no sender text (only its fixed words): gallery thumbnails and the first preview.
    Keyed by the loaded design object, so a reloaded design gets fresh images.

    None when the design cannot be drawn (art that passed the load checks but fails to draw): it is
    then not offered at all, and the log says which design and why, once, so one broken design never
    takes the gallery or any other card with it. No sender text is involved, so the message is safe
    to log."""
    options = RenderOptions()
    try:
        pdf = render_card(loaded.folder, loaded.design, {}, options)
        return tuple(card_previews(pdf, resolve_geometry(loaded.design, options)))
    except Exception as error:  # anything a broken design file makes the engine raise
        _UNDRAWABLE.add(loaded)
        design_log.error(
            "design left out: %s: (drawing): it cannot be drawn: %s: %s",
            printable(str(loaded.folder / DATA_FILE)),
            type(error).__name__,
            printable(str(error))[:300],
        )
        return None


def _blank_previews(loaded: LoadedDesign) -> tuple[PreviewImage, ...]:
    previews = _drawable(loaded)
    if previews is None:
        abort(404)
    return previews


def _offered(designs) -> list[LoadedDesign]:
    """The designs not known to be broken. The gallery renders nothing (a cold worker answers it at
    once), so a design that passed the load checks but fails to draw is found by its thumbnail or
    card page, which answer 404, and from then on it is left out of the gallery."""
    return [loaded for loaded in designs if loaded not in _UNDRAWABLE]


@dataclass(frozen=True)
class RenderedCard:
    """A card rendered from a valid form: the PDF and what it was made from (held only for this request)."""

    pdf: bytes
    geometry: CardGeometry
    values: dict[str, str]
    options: RenderOptions


def _panels(loaded: LoadedDesign, images, values: dict[str, str]) -> list[dict]:
    """The preview images with their alt text (what each one shows and says), ready for a template or JSON."""
    alts = preview_alts(loaded.design, values)
    return [
        {
            "name": image.name,
            "src": _data_uri(image),
            "width": image.width,
            "height": image.height,
            "alt": alts[image.name],
        }
        for image in images
    ]


def _words(loaded: LoadedDesign, values: dict[str, str]) -> list[dict]:
    return [{"label": panel.label, "lines": panel.lines} for panel in card_words(loaded.design, values)]


def _render(
    loaded: LoadedDesign, form: CardForm, download: Download | None = None, downloading: bool = False
) -> RenderedCard | None:
    """Validate and render (the print-shop file that previews are made from, or the chosen download);
    on any problem the messages are attached to their fields and None returned. A preview ignores
    problems in the download choices (an address too long), which are asked about when downloading."""
    if not form.validate():
        if downloading or not _only_download_problems(form, loaded):
            return None
        for name in download_choice_names(form, loaded.design):
            form[name].errors = []
    values = field_values(form, loaded.design)
    options = (download or PREVIEW).options(form.size.data)
    if download and download.layout == "envelope":
        values.update(address_values(form))
    try:
        with render_faults(loaded):  # a broken art file or press profile: a kind 503, not a 500
            if download and download.partner:
                pdf, _ = render_for_partner(loaded.folder, loaded.design, values, download.partner, form.size.data)
            else:
                pdf = render_card(loaded.folder, loaded.design, values, options)
    except CardTextError as error:
        _attach_problems(form, error)
        return None
    except (CardOptionError, PartnerError) as error:  # e.g. a card too big for a home printer's sheet
        form.layout.errors = [*form.layout.errors, str(error)]
        return None
    return RenderedCard(pdf, resolve_geometry(loaded.design, options), values, options)


def _help_choices(form: CardForm) -> HelpChoices:
    baby_name = form.baby_name.data if "baby_name" in form else None
    # A fresh page takes the choices made in the gallery from its address; a post carries them.
    return HelpChoices.from_form(request.form if request.method == "POST" else request.args, baby_name)


def _use_suggestion(form: CardForm, message_id: str) -> bool:
    choices = _help_choices(form)
    message = find_suggestion(message_id, choices)
    if message is None:
        form.form_errors.append(
            "That suggestion isn't available on this card. Please choose another one, or write your own words."
        )
        return False
    form.message.data = insert_suggestion(form.message.data or "", message.text, choices)
    return True


def _clear_problems(form: CardForm) -> None:
    for field in form:
        field.errors = []
    form.form_errors.clear()


def _attach_problems(form: CardForm, error: CardTextError) -> None:
    for problem in error.problems:
        if problem.field and problem.field in form:
            form[problem.field].errors = [*form[problem.field].errors, problem.message]
        else:
            form.form_errors.append(problem.message)


def _front_size(loaded: LoadedDesign) -> tuple[int, int]:
    """The thumbnail's size in pixels, from the card's shape: the gallery page renders nothing, so a
    cold worker answers it at once; each thumbnail is rendered when it is first asked for, then cached."""
    geometry = resolve_geometry(loaded.design, RenderOptions())
    return PREVIEW_WIDTH, round(PREVIEW_WIDTH * geometry.panel_height / geometry.panel_width)


@cards.get("/")
def gallery():
    view = gallery_view(_offered(catalog().designs.values()), read_choices(request.args))
    fronts = {loaded.slug: _front_size(loaded) for loaded in view.designs}
    return render_template("gallery.html", view=view, fronts=fronts)


@cards.get("/cards/<slug>/thumbnail.jpg")
def thumbnail(slug: str):
    front = _blank_previews(_design_or_404(slug))[0]
    response = make_response(front.data)
    response.headers["Content-Type"] = front.mime
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@cards.route("/cards/<slug>", methods=["GET", "POST"])
def personalise(slug: str):
    loaded = _design_or_404(slug)
    action = request.form.get("action", "preview") if request.method == "POST" else None
    form = card_form(loaded.design, field_limits(loaded), downloading=action == "download")
    if request.method == "GET":
        return _personalise_page(loaded, form, None)
    if "use_suggestion" in request.form:
        # A suggestion chosen without JavaScript: into the message, then the page as after a preview.
        if not _use_suggestion(form, request.form["use_suggestion"]):
            return _personalise_page(loaded, form, None), 422
    elif action == "suggest":
        # "Show suggestions" after choosing who the card is for: no one is told off for an empty field.
        card = _render(loaded, form)
        if card is None:
            _clear_problems(form)
        return _personalise_page(loaded, form, card)
    download = download_named(form.layout.data) if action == "download" else None
    card = _render(loaded, form, download, downloading=action == "download")
    if card is None:
        if action == "download" and _only_download_problems(form, loaded):
            # Only the download choice needs attention: stay on the check page, with the card shown.
            preview = _render(loaded, card_form(loaded.design, field_limits(loaded)))
            if preview is not None:
                return _check_page(loaded, form, preview), 422
        return _personalise_page(loaded, form, None), 422
    if download:
        size = card.options.size or loaded.design.sizes[0]
        return download_response(card.pdf, download_filename(loaded.slug, download, size), download.file_format)
    if action == "check":
        return _check_page(loaded, form, card)
    return _personalise_page(loaded, form, card)


def _personalise_page(loaded: LoadedDesign, form: CardForm, card: RenderedCard | None) -> str:
    if card is None:
        images, values = _blank_previews(loaded), {}
    else:
        images, values = card_previews(card.pdf, card.geometry), card.values
    return render_template(
        "personalise.html",
        loaded=loaded,
        design=loaded.design,
        form=form,
        word_fields=[form[name] for name in loaded.design.fields],
        option_fields=[form[name] for name in PREVIEW_OPTIONS],
        # Download choices are made on the check page; carried here so going back keeps them.
        carried_fields=[form[name] for name in download_choice_names(form, loaded.design)],
        panels=_panels(loaded, images, values),
        words=_words(loaded, values),
        personalised=card is not None,
        regions=field_regions(loaded.design),
        # A fresh page takes back the words kept in the tab; a page answering a post shows what was posted.
        restore=request.method == "GET",
        page_address=url_for("cards.personalise", slug=loaded.slug) if request.method == "POST" else None,
        action_url=url_for("cards.personalise", slug=loaded.slug),
        preview_url=url_for("cards.preview_json", slug=loaded.slug),
        suggestions_url=url_for("cards.suggestions_json", slug=loaded.slug),
        help=help_context(
            loaded.design,
            _help_choices(form),
            form.message.data if request.method == "POST" else None,
            # The suggestions stay open after the sender used them without JavaScript.
            opened="use_suggestion" in request.form or request.form.get("action") == "suggest",
        ),
    )


def _only_download_problems(form: CardForm, loaded: LoadedDesign) -> bool:
    """The card's words are fine and only the download choice (or the addresses) needs attention, so
    the sender stays on the check page, where those are asked."""
    words = {*loaded.design.fields, *PREVIEW_OPTIONS}
    return bool(form.errors) and not form.form_errors and all(name not in words for name in form.errors)


def _check_page(loaded: LoadedDesign, form: CardForm, card: RenderedCard) -> str:
    """The last step: the card at a glance, the names spelled out, then the download choices."""
    size = form.size.data if form.size.data in loaded.design.sizes else loaded.design.sizes[0]
    if download_named(form.layout.data) is None and not form.layout.errors:
        form.layout.data = default_download(loaded.design, size, request.headers.get("Accept-Language"))
    return render_template(
        "check.html",
        loaded=loaded,
        design=loaded.design,
        form=form,
        carried_fields=[form[name] for name in (*loaded.design.fields, *PREVIEW_OPTIONS)],
        choice_fields=[form[name] for name in download_choice_names(form, loaded.design)],
        panels=_panels(loaded, card_previews(card.pdf, card.geometry), card.values),
        words=_words(loaded, card.values),
        names=names_to_check(card.values),
        notes=kindness_notes(card.values.get("message")),
        date=card.values.get("date", ""),
        action_url=url_for("cards.personalise", slug=loaded.slug),
        page_address=url_for("cards.check_page", slug=loaded.slug),
        check_sections=CHECK_SECTIONS,
        menu=download_menu(default_download(loaded.design, size, request.headers.get("Accept-Language"))),
        short_hints=SHORT_HINTS,
        after_steps=after_download_steps(loaded.design, size),
    )


@cards.get("/cards/<slug>/check")
def check_page(slug: str):
    """The check step's own address, for Back, Forward and reload: the page rebuilds itself from the
    words kept in the browser tab (keep_words.js); the server has none to show."""
    loaded = _design_or_404(slug)
    return render_template(
        "check_restore.html",
        loaded=loaded,
        design=loaded.design,
        form=card_form(loaded.design, field_limits(loaded)),
        action_url=url_for("cards.personalise", slug=loaded.slug),
        card_url=url_for("cards.personalise", slug=loaded.slug),
    )


def _live_width(raw: str | None) -> int:
    try:
        wanted = int(raw or PREVIEW_WIDTH)
    except ValueError:
        return PREVIEW_WIDTH
    stepped = -(-wanted // LIVE_WIDTH_STEP) * LIVE_WIDTH_STEP  # round up to a step, so images stay sharp
    return max(LIVE_WIDTH_MIN, min(LIVE_WIDTH_MAX, stepped))


@cards.post("/cards/<slug>/preview.json")
def preview_json(slug: str):
    """The live preview: the form as typed so far -> fresh images, per-field problems and the card's words.

    Fields with a problem are left out of the render so the rest can still be previewed; when text
    doesn't fit, no images are sent and the page keeps showing the last card that printed."""
    loaded = _design_or_404(slug)
    design = loaded.design
    form = card_form(design, field_limits(loaded))
    form.validate()
    errors = {name: list(form[name].errors) for name in design.fields if form[name].errors}
    values = {name: form[name].data for name in design.fields if form[name].data and name not in errors}
    size = form.size.data if not form.size.errors else design.sizes[0]
    options = PREVIEW.options(size)
    body: dict = {"errors": errors, "form_errors": [], "panels": None, "words": None}
    try:
        with render_faults(loaded):
            pdf = render_card(loaded.folder, design, values, options)
    except CardTextError as error:
        for problem in error.problems:
            if problem.field in design.fields:
                errors.setdefault(problem.field, []).append(problem.message)
            else:
                body["form_errors"].append(problem.message)
    else:
        images = card_previews(pdf, resolve_geometry(design, options), _live_width(request.form.get("width")))
        body["panels"] = _panels(loaded, images, values)
        body["words"] = _words(loaded, values)
    body["ok"] = body["panels"] is not None and not errors
    return jsonify(body), 200 if body["ok"] else 422


@cards.post("/cards/<slug>/suggestions.json")
def suggestions_json(slug: str):
    """Suggestions for the choices made so far (who it is for, faith, the baby's name), for the page to
    swap in without reloading. Posted like the live preview, so the name never appears in an address."""
    loaded = _design_or_404(slug)
    form = card_form(loaded.design, field_limits(loaded))
    form.validate()
    choices = _help_choices(form)
    items = suggestion_items(loaded.design, choices)
    return jsonify({"suggestions": items, "status": suggestions_status(loaded.design, choices, len(items))})
