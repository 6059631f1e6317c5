"""Gallery, personalise page, preview and PDF download.

The page posts the form back to itself: "Preview" renders the card and shows rasterisations of that
PDF; "Download" renders the same card in the layout the sender chose (downloads.py) and returns the
file. Nothing the sender writes (addresses included) is stored or logged; the preview images travel
inside the page as data URIs.
"""

from __future__ import annotations

import base64
from functools import lru_cache

from flask import Blueprint, abort, current_app, make_response, render_template, request, url_for

from cardshop.catalog.limits import field_limits
from cardshop.catalog.loader import Catalog, LoadedDesign
from cardshop.catalog.vocabulary import CATEGORY_VOCABULARY
from cardshop.render.card import CardOptionError, CardTextError, render_card, resolve_geometry
from cardshop.render.preview import PreviewImage, card_previews
from cardshop.web.downloads import PREVIEW, download_filename, download_named, download_response
from cardshop.web.forms import address_values, card_form, field_values

cards = Blueprint("cards", __name__)


def catalog() -> Catalog:
    return current_app.extensions["cardshop_catalog"].get()


def _design_or_404(slug: str) -> LoadedDesign:
    loaded = catalog().get(slug)
    if loaded is None:
        abort(404)
    return loaded


def _data_uri(image: PreviewImage) -> str:
    return f"data:{image.mime};base64,{base64.b64encode(image.data).decode('ascii')}"


@lru_cache(maxsize=128)
def _blank_previews(loaded: LoadedDesign) -> tuple[PreviewImage, ...]:
    """The design with no sender text (only its fixed words): gallery thumbnails and the first preview.
    Keyed by the loaded design object, so a reloaded design gets fresh images."""
    options = PREVIEW.options(None)
    pdf = render_card(loaded.folder, loaded.design, {}, options)
    return tuple(card_previews(pdf, resolve_geometry(loaded.design, options)))


@cards.get("/")
def gallery():
    designs = list(catalog().designs.values())
    return render_template("gallery.html", designs=designs, vocabulary=CATEGORY_VOCABULARY)


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
    design = loaded.design
    downloading = request.method == "POST" and request.form.get("action") == "download"
    form = card_form(design, field_limits(loaded), downloading=downloading)
    previews = None
    status = 200
    if request.method == "POST":
        if form.validate():
            values = field_values(form, design)
            download = download_named(form.layout.data) if downloading else None
            options = (download or PREVIEW).options(form.size.data)
            if download and download.layout == "envelope":
                values.update(address_values(form))
            try:
                pdf = render_card(loaded.folder, design, values, options)
            except CardTextError as error:
                _attach_problems(form, error)
                status = 422
            except CardOptionError as error:  # e.g. a card too big for a home printer's sheet
                form.layout.errors = [*form.layout.errors, str(error)]
                status = 422
            else:
                if download:
                    size = options.size or design.sizes[0]
                    filename = download_filename(loaded.slug, download, size)
                    return download_response(pdf, filename, download.file_format)
                previews = card_previews(pdf, resolve_geometry(design, options))
        else:
            status = 422
    shown = previews or _blank_previews(loaded)
    return (
        render_template(
            "personalise.html",
            loaded=loaded,
            design=design,
            form=form,
            previews=[(image.name, _data_uri(image), image) for image in shown],
            personalised=previews is not None,
            action_url=url_for("cards.personalise", slug=slug),
        ),
        status,
    )


def _attach_problems(form, error: CardTextError) -> None:
    for problem in error.problems:
        if problem.field and problem.field in form:
            form[problem.field].errors = [*form[problem.field].errors, problem.message]
        else:
            form.form_errors.append(problem.message)
