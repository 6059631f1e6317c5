"""Command-line tools for designers, print work and batch use: `render` (also press files and print
partners' files), `preflight`, `designs check` and `designs proof`.

All use the same render core as the web app, so a card rendered here is byte for byte the card the
site would serve for the same text, and a proof sheet shows that very card.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from cardshop.design.loader import Catalog, design_folders
from cardshop.design.paths import printable
from cardshop.design.vocabulary import FIELD_MAX_LENGTHS, FIELDS, REQUIRED_FIELDS
from cardshop.render.card import render_card
from cardshop.render.geometry import SIZE_NAMES
from cardshop.render.layouts.addresses import address_problems, clean_address
from cardshop.render.options import LAYOUTS, CardOptionError, CardTextError, RenderOptions
from cardshop.render.press.partners import PARTNERS, PartnerError, render_for_partner
from cardshop.render.press.profile import PROFILE_ENV, ProfileError
from cardshop.studio.catalogue import load_design
from cardshop.studio.checks import check_design, check_designs
from cardshop.studio.limits import MAX_MESSAGE_LINES, FieldLimits, clean_field, field_limits, field_problem
from cardshop.studio.preflight import PreflightError, preflight
from cardshop.studio.proof import make_proof


def _catalog() -> Catalog:
    return current_app.extensions["cardshop_catalog"].get()


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def parse_sets(
    design_fields: list[str], sets: tuple[str, ...], limits: FieldLimits | None = None, require: bool = True
) -> dict[str, str]:
    """Turn `FIELD=VALUE` pairs into cleaned values, refusing fields the design doesn't show and text
    over the design's limits (the form's limits; the global ones when `limits` is not given).
    `require=False` (the envelope) lets the card's required fields be left out."""
    limits = limits or FieldLimits(dict(FIELD_MAX_LENGTHS), {"message": MAX_MESSAGE_LINES})
    values: dict[str, str] = {}
    for position, item in enumerate(sets, start=1):
        name, sep, value = item.partition("=")
        name = name.strip()
        # What was typed is not repeated back: a malformed --set may be someone's message.
        if not sep:
            raise click.UsageError("--set: write each one as FIELD=VALUE, e.g. --set message='Thinking of you'")
        if name not in design_fields:
            fields = ", ".join(design_fields)
            if name not in FIELDS:
                # What was typed is never named (it may be a baby's name); a near miss gets the field
                # it was probably meant to be.
                near = difflib.get_close_matches(name.lower(), design_fields, n=1, cutoff=0.75)
                hint = f"; did you mean {near[0]}?" if near else "."
                raise click.UsageError(
                    f"--set number {position}: that field isn't one this design shows{hint} Its fields are: {fields}"
                )
            raise click.UsageError(f"--set {name}: this design doesn't show that field; its fields are: {fields}")
        cleaned = clean_field(name, value.replace("\\n", "\n"))
        problem = field_problem(name, cleaned, limits)
        if problem:
            raise click.UsageError(f"--set {name}: {problem}")
        if cleaned:
            values[name] = cleaned
    for name in REQUIRED_FIELDS if require else ():
        if name in design_fields and name not in values:
            raise click.UsageError(f"--set {name}=...: the {name} field is required")
    return values


def parse_addresses(**addresses: str | None) -> dict[str, str]:
    """Cleaned envelope addresses (`\\n` is a line break), refused with the form's own messages."""
    values = {}
    for name, value in addresses.items():
        cleaned = clean_address((value or "").replace("\\n", "\n"))
        problems = address_problems(name, cleaned)
        if problems:
            raise click.UsageError(f"--{name.replace('_', '-')}: {' '.join(problems)}")
        if cleaned:
            values[name] = cleaned
    return values


def register_cli(app: Flask) -> None:
    @app.cli.command("render")
    @click.argument("slug")
    @click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE", help="A field's text; repeat for each field.")
    @click.option(
        "--layout",
        type=click.Choice(LAYOUTS),
        default="pro",
        show_default=True,
        help="pro: print-shop spreads; pro-pages: one page per panel; home-a4/home-letter: to print at home; "
        "flat: the front alone (a PNG if --out ends in .png); envelope: the envelope, with --address.",
    )
    @click.option(
        "--size", type=click.Choice(SIZE_NAMES), default=None, help="Card size; the design's first by default."
    )
    @click.option("--crop-marks", is_flag=True, help="Add crop marks outside the bleed (pro and pro-pages).")
    @click.option("--bleed", "bleed_mm", type=click.FloatRange(0, 10), default=None, help="Bleed in mm.")
    @click.option("--address", default=None, help="Envelope: the recipient's address; \\n between lines.")
    @click.option("--return-address", default=None, help="Envelope: your address, printed top left; optional.")
    @click.option("--pdfx", is_flag=True, help="A PDF/X-4 press file in CMYK (pro and pro-pages).")
    @click.option(
        "--partner",
        type=click.Choice(tuple(PARTNERS)),
        default=None,
        help="The file a print partner asks for (sets the layout, bleed and format; see docs/printing.md).",
    )
    @click.option(
        "--profile",
        type=click.Path(exists=True, dir_okay=False),
        default=None,
        help=f"CMYK output profile (.icc) for --pdfx; default ${PROFILE_ENV} or the shipped FOGRA39 one.",
    )
    @click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
    def render_command(
        slug, sets, layout, size, crop_marks, bleed_mm, address, return_address, pdfx, partner, profile, out
    ):
        """Render the card SLUG to a PDF file (or, for --layout flat and --out *.png, a PNG)."""
        loaded = _catalog().get(slug)
        if loaded is None:
            _fail(f"no design called {slug!r}; available: {', '.join(_catalog().designs) or 'none'}")
        if partner:
            _render_for_partner(loaded, sets, partner, size, profile, out)
            return
        file_format = "png" if out.suffix.lower() == ".png" else "pdf"
        if file_format == "png" and layout != "flat":
            raise click.UsageError("only --layout flat (the front alone) can be written as a .png picture")
        if (address or return_address) and layout != "envelope":
            raise click.UsageError("--address and --return-address are for --layout envelope")
        values = parse_sets(loaded.design.fields, sets, field_limits(loaded), require=layout != "envelope")
        values.update(parse_addresses(address=address, return_address=return_address))
        options = RenderOptions(
            layout=layout,
            size=size,
            crop_marks=crop_marks,
            bleed_mm=bleed_mm,
            file_format=file_format,
            pdfx=pdfx,
            profile=profile,
        )
        try:
            data = render_card(loaded.folder, loaded.design, values, options)
        except CardTextError as error:
            _text_problems(error)
        except (CardOptionError, ProfileError) as error:
            _fail(str(error))
        _write(out, data)
        click.echo(f"Wrote {out} ({len(data):,} bytes)")

    @app.cli.command("preflight")
    @click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def preflight_command(files):
        """Check press files (PDF/X-4) as a strict print shop would; exit 1 if any has a problem."""
        failed = 0
        for path in files:
            try:
                findings = preflight(path.read_bytes())
            except PreflightError as error:
                findings = [str(error)]
            except OSError as error:
                findings = [f"could not read the file ({error.strerror})"]
            for finding in findings:
                click.echo(f"{path}: {finding}")
            if findings:
                failed += 1
            else:
                click.echo(f"{path}: passes (PDF/X-4, CMYK, fonts, boxes, type, ink, resolution)")
        if failed:
            click.echo(f"{failed} of {len(files)} file(s) have problems.", err=True)
            sys.exit(1)

    designs = AppGroup("designs", help="Check and proof card designs.")
    app.cli.add_command(designs)

    @designs.command("check")
    @click.argument("target", required=False)
    def check_command(target):
        """Check every design, or one (a slug or a folder path); exit 1 if anything is wrong."""
        folders = _target_folders(target)
        problems = check_designs(folders)
        for problem in problems:
            click.echo(printable(str(problem)))
        if problems:
            click.echo(f"{len(problems)} problem(s) in {len(folders)} design(s).", err=True)
            sys.exit(1)
        click.echo(f"All {len(folders)} design(s) are fine.")

    @designs.command("proof")
    @click.argument("target")
    @click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
    @click.option(
        "--size", type=click.Choice(SIZE_NAMES), default=None, help="Card size; the design's first by default."
    )
    def proof_command(target, out, size):
        """Make a proof sheet (PDF) of one design: a slug or a folder path."""
        [folder] = _target_folders(target)
        loaded, problems = load_design(folder)
        if loaded is None:
            for problem in problems:
                click.echo(printable(str(problem)), err=True)
            _fail("the design has the problems above; fix them and run this again")
        if size is not None and size not in loaded.design.sizes:
            _fail(f"this design comes in {', '.join(loaded.design.sizes)}, not {size}")
        problems = check_design(folder)
        pdf = make_proof(folder, loaded.design, size, problems)
        _write(out, pdf)
        noted = f"; designs check found {len(problems)} problem(s), listed on page 1" if problems else ""
        click.echo(f"Wrote {out} ({len(pdf):,} bytes){noted}")


def _text_problems(error: CardTextError) -> None:
    for problem in error.problems:
        click.echo(f"Error: {problem.field or 'design'}: {problem.message}", err=True)
    sys.exit(1)


def _render_for_partner(loaded, sets, partner: str, size: str | None, profile: str | None, out: Path) -> None:
    values = parse_sets(loaded.design.fields, sets, field_limits(loaded))
    expected = "." + PARTNERS[partner].file_format
    if out.suffix.lower() != expected:
        raise click.UsageError(f"--partner {partner} makes a {expected} file: give --out a name ending in {expected}")
    try:
        data, _ = render_for_partner(loaded.folder, loaded.design, values, partner, size, profile)
    except CardTextError as error:
        _text_problems(error)
    except (CardOptionError, PartnerError, ProfileError) as error:
        _fail(str(error))
    _write(out, data)
    click.echo(f"Wrote {out} ({len(data):,} bytes) for {PARTNERS[partner].label}")


def _write(out: Path, data: bytes) -> None:
    """Write the file, or say kindly which option to change (no traceback)."""
    try:
        out.write_bytes(data)
    except OSError as error:
        reason = error.strerror or error.__class__.__name__
        _fail(f"--out: the file could not be written there ({reason}); choose a folder you can write to")


def _target_folders(target: str | None) -> list[Path]:
    root = _catalog().root
    if target is None:
        return design_folders(root)
    path = Path(target)
    if path.is_dir():
        return [path]
    if (root / target).is_dir():
        return [root / target]
    raise click.UsageError(f"{target!r} is neither a design slug nor a folder")


__all__ = ["register_cli", "parse_sets", "parse_addresses"]
