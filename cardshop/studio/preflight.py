"""Preflight: what a strict print shop checks in a PDF/X-4 press file before accepting it.

No PDF/X validator is packaged for us, so this one is written against the standard's requirements
(ISO 15930-7) and what print partners ask for. It reads the file with pikepdf and walks every
page's content, and every form it draws, with the graphics state that matters here (the current
matrix, text matrix, font size, horizontal scaling and colour space), and reports each problem with
its rule, page and a plain description. docs/printing.md says what it does not check.

A malformed file never stops it: whatever part cannot be read (an operator with missing operands, a
profile or matrix of the wrong type) becomes a `pdfx` finding "could not read ...", and the rest is
still checked. Each form is walked once per page for each scale it is drawn at (fan-out does not
multiply the work), and the whole file's work is capped (MAX_FORM_WALKS, MAX_OPERATORS).

Rules (each named in every finding):
- `pdfx`: PDF/X-4 structure: version at most 1.6, GTS_PDFXVersion in the document information and
  the XMP metadata, Trapped set, the same producer, title and trapping in both, one GTS_PDFX output
  intent with an embedded CMYK profile, a file ID, no encryption, and every part readable;
- `colour`: no RGB anywhere (device RGB, calibrated or ICC-based RGB) in fills, strokes, images,
  gradients, patterns or transparency groups (a page's or a form's blending space): everything is
  CMYK (or grey, which prints in black ink) in the output intent's space;
- `fonts`: every font's program embedded;
- `boxes`: a TrimBox on every page, inside the BleedBox, inside the MediaBox;
- `type-size`: no text smaller than MIN_TYPE_SIZE at its placed size, in height or in width (text
  squeezed with horizontal scaling, `Tz`, or a narrow text matrix counts at its squeezed size);
- `ink`: no colour or image pixel with more total ink than INK_LIMIT;
- `resolution`: every image at least MIN_PPI at its placed size.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import datetime

import pikepdf
from pikepdf import Name
from pikepdf.models.metadata import DOCINFO_MAPPING, DateConverter
from PIL import ImageMath

MIN_TYPE_SIZE = 7.0  # pt
INK_LIMIT = 3.0  # 300% total area coverage
MIN_PPI = 300
RULES = ("pdfx", "colour", "fonts", "boxes", "type-size", "ink", "resolution")
_TOLERANCE = 0.005
_MAX_DEPTH = 12  # forms inside forms; deeper is refused rather than followed
# Work caps for the whole file: forms (and tiling patterns) walked, and content operators read. A
# real press file walks a few dozen forms and reads a few thousand operators.
MAX_FORM_WALKS = 5_000
MAX_OPERATORS = 1_000_000
# Exceptions a malformed file can raise while it is read; each becomes a "could not read" finding.
_UNREADABLE = (pikepdf.PdfError, TypeError, ValueError, IndexError, KeyError, AttributeError, ZeroDivisionError)
_RGB_SPACES = {"/DeviceRGB", "/CalRGB", "/RGB"}


@dataclass(frozen=True)
class Finding:
    rule: str
    page: int | None  # 1-based; None for the whole file
    message: str

    def __str__(self) -> str:
        where = f"page {self.page}" if self.page else "file"
        return f"{self.rule}: {where}: {self.message}"


class PreflightError(ValueError):
    """The file is not a PDF pikepdf can read."""


class _OutOfWork(Exception):
    """The file needs more work than MAX_FORM_WALKS or MAX_OPERATORS allow."""


class _Budget:
    """The work left for one file, shared by its pages."""

    def __init__(self):
        self.forms = MAX_FORM_WALKS
        self.operators = MAX_OPERATORS

    def spend(self, forms: int = 0, operators: int = 0) -> None:
        self.forms -= forms
        self.operators -= operators
        if self.forms < 0 or self.operators < 0:
            raise _OutOfWork


def preflight(data: bytes) -> list[Finding]:
    """Every problem found in the PDF; an empty list means it passes."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as error:
        raise PreflightError(f"not a readable PDF ({error})") from None
    with pdf:
        findings = _readable("pdfx", None, "the document's structure", _structure, pdf)
        budget = _Budget()
        for number, page in enumerate(pdf.pages, start=1):
            findings += _readable("boxes", number, "the page's boxes", _boxes, page, number)
            walker = _Walker(number, budget)
            try:
                walker.walk_page(page.obj)
            except _OutOfWork:
                walker.findings.append(
                    Finding(
                        "pdfx",
                        number,
                        f"the file draws more than {MAX_FORM_WALKS:,} forms or {MAX_OPERATORS:,} operators;"
                        " the rest was not checked",
                    )
                )
                findings += walker.findings
                break
            findings += walker.findings
    return findings


def _readable(rule: str, page: int | None, what: str, check, *args) -> list[Finding]:
    """The check's findings, or one saying `what` could not be read."""
    try:
        return check(*args)
    except _UNREADABLE:
        return [Finding("pdfx", page, f"could not read {what} ({rule} not checked)")]


# ---- structure


def _structure(pdf: pikepdf.Pdf) -> list[Finding]:
    problems = []
    version = pdf.pdf_version
    if tuple(int(x) for x in version.split(".")) > (1, 6):
        problems.append(f"the file is PDF {version}; PDF/X-4 allows at most 1.6")
    if pdf.is_encrypted:
        problems.append("the file is encrypted")
    info = pdf.docinfo
    if not str(info.get("/GTS_PDFXVersion", "")).startswith("PDF/X-4"):
        problems.append("the document information has no GTS_PDFXVersion of PDF/X-4")
    if str(info.get("/Trapped", "")) not in ("/True", "/False"):
        problems.append("the document information does not say whether the file is trapped (Trapped)")
    try:
        metadata = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False, strict=True)
        xmp_version = metadata.get("pdfxid:GTS_PDFXVersion", "")
    except Exception:  # noqa: BLE001 (any unreadable XMP is the same finding)
        metadata, xmp_version = None, ""
    if not str(xmp_version).startswith("PDF/X-4"):
        problems.append("the XMP metadata has no pdfxid:GTS_PDFXVersion of PDF/X-4")
    elif metadata is not None:
        problems += [
            f"the document information and the XMP metadata disagree on {key}" for key in _disagreements(info, metadata)
        ]
    if "/ID" not in pdf.trailer:
        problems.append("the file has no ID in its trailer")
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == Name.GTS_PDFX]
    if len(intents) != 1:
        problems.append(f"the file has {len(intents)} GTS_PDFX output intents; PDF/X needs exactly one")
    else:
        profile = intents[0].get("/DestOutputProfile")
        if profile is None:
            problems.append("the output intent has no embedded profile (DestOutputProfile)")
        elif not _is_number(profile.get("/N")):
            problems.append("could not read the output intent's profile (its /N is not a number)")
        elif int(profile.get("/N")) != 4:
            problems.append("the output intent's profile is not CMYK")
        if "/OutputConditionIdentifier" not in intents[0]:
            problems.append("the output intent has no OutputConditionIdentifier")
    return [Finding("pdfx", None, problem) for problem in problems]


def _disagreements(info, metadata) -> list[str]:
    """Document information keys whose value the XMP metadata gives differently (or not at all).

    pikepdf's table pairs each key with its XMP property (Title with dc:title, Producer with
    pdf:Producer, Author with dc:creator, CreationDate with xmp:CreateDate, ...); Trapped is added."""
    keys = []
    for mapping in DOCINFO_MAPPING:
        xmp = metadata.get(f"{{{mapping.ns}}}{mapping.key}")
        value = info.get(mapping.name)
        if value is not None and mapping.converter is not None:
            try:
                value = mapping.converter.xmp_from_docinfo(str(value))
            except (ValueError, TypeError):
                keys.append(mapping.name[1:])
                continue
        if _normal(value, mapping.converter) != _normal(xmp, mapping.converter):
            keys.append(mapping.name[1:])
    if str(info.get("/Trapped", "")).lstrip("/") != str(metadata.get("pdf:Trapped", "")):
        keys.append("Trapped")
    return keys


def _normal(value, converter) -> object:
    """A metadata value to compare: absent and empty are the same; dates as moments; lists as lists."""
    if value is None or value in ("", []):
        return None
    if converter is DateConverter:
        try:
            return datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def _rect(array) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(value) for value in array)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _inside(inner, outer) -> bool:
    return (
        inner[0] >= outer[0] - _TOLERANCE
        and inner[1] >= outer[1] - _TOLERANCE
        and inner[2] <= outer[2] + _TOLERANCE
        and inner[3] <= outer[3] + _TOLERANCE
    )


def _boxes(page: pikepdf.Page, number: int) -> list[Finding]:
    obj = page.obj
    media = _rect(page.mediabox)
    if "/TrimBox" not in obj:
        return [Finding("boxes", number, "the page has no TrimBox")]
    trim = _rect(obj.TrimBox)
    bleed = _rect(obj.BleedBox) if "/BleedBox" in obj else media
    findings = []
    if not _inside(trim, bleed):
        findings.append(Finding("boxes", number, "the TrimBox is not inside the BleedBox"))
    if not _inside(bleed, media):
        findings.append(Finding("boxes", number, "the BleedBox is not inside the MediaBox"))
    return findings


# ---- content


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _multiply(m, n):
    """m then n (PDF's row-vector convention: the result maps through m first)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _space_kind(space, resources) -> str:
    """'rgb', 'cmyk', 'gray', 'pattern' or 'other' for a colour space operand or object."""
    if isinstance(space, pikepdf.Name):
        name = str(space)
        if name in _RGB_SPACES:
            return "rgb"
        if name in ("/DeviceCMYK", "/CMYK"):
            return "cmyk"
        if name in ("/DeviceGray", "/G", "/CalGray"):
            return "gray"
        if name == "/Pattern":
            return "pattern"
        named = resources.get("/ColorSpace", pikepdf.Dictionary()).get(name)
        return _space_kind(named, resources) if named is not None else "other"
    if isinstance(space, pikepdf.Array) and len(space) > 0:
        family = str(space[0])
        if family == "/ICCBased":
            return {3: "rgb", 4: "cmyk", 1: "gray"}.get(int(space[1].get("/N", 0)), "other")
        if family in _RGB_SPACES:
            return "rgb"
        if family == "/Indexed":
            return _space_kind(space[1], resources)
        if family in ("/Separation", "/DeviceN"):
            return _space_kind(space[2], resources)
        if family == "/Pattern":
            # An uncoloured pattern's own colours are in the space given with it.
            return "rgb" if len(space) > 1 and _space_kind(space[1], resources) == "rgb" else "pattern"
    return "other"


def _numbers(operands, count: int) -> list[float]:
    """Exactly `count` numeric operands (ValueError otherwise: the operator is malformed)."""
    if len(operands) != count:
        raise ValueError(f"expected {count} operands")
    return [float(value) for value in operands]


def _matrix(value) -> tuple[float, ...]:
    return tuple(_numbers(list(value), 6))


class _Walker:
    """Walks one page's content and every form and pattern it draws."""

    def __init__(self, page: int, budget: _Budget):
        self.page = page
        self.budget = budget
        self.findings: list[Finding] = []
        self._said: set[tuple[str, str]] = set()
        self._walked: set[tuple] = set()  # (form, resources, scale) already checked on this page
        self._images_inked: set[tuple[int, int]] = set()

    def _find(self, rule: str, message: str) -> None:
        if (rule, message) not in self._said:
            self._said.add((rule, message))
            self.findings.append(Finding(rule, self.page, message))

    def _unreadable(self, what: str) -> None:
        self._find("pdfx", f"could not read {what}; it was not checked")

    def walk_page(self, page) -> None:
        try:
            self._group(page, "the page")
        except _UNREADABLE:
            self._unreadable("the page's transparency group")
        self.walk(page, page.get("/Resources", pikepdf.Dictionary()), _IDENTITY, 0)

    def walk(self, stream, resources, ctm, depth: int) -> None:
        if depth > _MAX_DEPTH:
            self._find("pdfx", "forms are nested too deeply to check")
            return
        try:
            self._fonts(resources)
        except _UNREADABLE:
            self._unreadable("the fonts of a page or form")
        try:
            instructions = pikepdf.parse_content_stream(stream)
        except _UNREADABLE:
            self._unreadable("the content of a page or form")
            return
        self.budget.spend(operators=len(instructions))
        state = _TextState(ctm)
        for operands, operator in instructions:
            op = str(operator)
            try:
                self._operator(op, operands, state, resources, depth)
            except _UNREADABLE:
                self._unreadable(f"a `{op}` operator (its operands, or what they name, are missing or malformed)")

    def _operator(self, op: str, operands, state: _TextState, resources, depth: int) -> None:
        if op == "q":
            state.save()
        elif op == "Q":
            state.restore()
        elif op == "cm":
            state.ctm = _multiply(_matrix(operands), state.ctm)
        elif op in ("rg", "RG"):
            self._find("colour", f"an RGB colour ({op}) is used")
        elif op in ("k", "K"):
            self._ink(_numbers(operands, 4), "a CMYK colour")
        elif op in ("cs", "CS"):
            kind = _space_kind(operands[0], resources)
            if kind == "rgb":
                self._find("colour", f"an RGB colour space ({operands[0]}) is used")
            if op == "cs":
                state.fill_space = kind
            else:
                state.stroke_space = kind
        elif op in ("sc", "scn", "SC", "SCN"):
            space = state.fill_space if op.islower() else state.stroke_space
            values = [float(v) for v in operands if _is_number(v)]
            if space == "cmyk" and len(values) == 4:
                self._ink(values, "a CMYK colour")
            elif space == "pattern" and operands and isinstance(operands[-1], pikepdf.Name):
                self._pattern(resources, str(operands[-1]), depth)
        elif op == "BT":
            state.tm = state.line = _IDENTITY
        elif op == "Tf":
            state.font_size = _numbers(operands[1:], 1)[0]
        elif op == "Tz":
            state.scaling = _numbers(operands, 1)[0] / 100
        elif op == "Tm":
            state.tm = state.line = _matrix(operands)
        elif op in ("Td", "TD"):
            x, y = _numbers(operands, 2)
            state.line = state.tm = _multiply((1, 0, 0, 1, x, y), state.line)
        elif op in ("Tj", "TJ", "'", '"'):
            self._type_size(state)
        elif op == "sh":
            self._shading(resources.get("/Shading", pikepdf.Dictionary()).get(str(operands[0])), resources)
        elif op == "Do":
            self._xobject(resources, str(operands[0]), state.ctm, depth)
        elif op == "INLINE IMAGE":
            self._find("colour", "an inline image is used (can't be checked; place images as XObjects)")

    def _fonts(self, resources) -> None:
        for name, font in resources.get("/Font", pikepdf.Dictionary()).items():
            if font.get("/Subtype") == Name.Type3:
                continue
            target = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = target.get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                self._find("fonts", f"the font {target.get('/BaseFont', name)} is not embedded")

    def _type_size(self, state: _TextState) -> None:
        a, b, c, d, _, _ = _multiply(state.tm, state.ctm)
        size = abs(state.font_size)
        height, width = size * math.hypot(c, d), size * math.hypot(a, b) * abs(state.scaling)
        placed = min(height, width)
        if placed < MIN_TYPE_SIZE - _TOLERANCE and placed > 0:
            squeezed = " wide (squeezed)" if width < height else ""
            self._find(
                "type-size", f"text is set at {placed:.1f} pt{squeezed}; the smallest allowed is {MIN_TYPE_SIZE:g} pt"
            )

    def _ink(self, values: list[float], what: str) -> None:
        total = sum(values)
        if total > INK_LIMIT + _TOLERANCE:
            self._find("ink", f"{what} has {total * 100:.0f}% total ink; the limit is {INK_LIMIT * 100:.0f}%")

    def _shading(self, shading, resources) -> None:
        if shading is None:
            return
        kind = _space_kind(shading.get("/ColorSpace"), resources)
        if kind == "rgb":
            self._find("colour", "a gradient is in RGB")
        elif kind == "cmyk":
            for function in _functions(shading.get("/Function")):
                for key in ("/C0", "/C1"):
                    if key in function and len(function[key]) == 4:
                        self._ink([float(v) for v in function[key]], "a gradient")

    def _group(self, obj, what: str) -> None:
        """A transparency group blends in its /CS: RGB there makes the press file's blends RGB."""
        group = obj.get("/Group")
        if group is None or group.get("/S") != Name.Transparency or "/CS" not in group:
            return
        if _space_kind(group.CS, obj.get("/Resources", pikepdf.Dictionary())) == "rgb":
            self._find("colour", f"{what} is a transparency group that blends in RGB")

    def _pattern(self, resources, name: str, depth: int) -> None:
        pattern = resources.get("/Pattern", pikepdf.Dictionary()).get(name)
        if pattern is None:
            return
        if int(pattern.get("/PatternType", 0)) == 2:  # a shading pattern: a gradient used as a colour
            self._shading(pattern.get("/Shading"), resources)
        else:  # a tiling pattern: its cell is content, in the pattern's own space
            matrix = _matrix(pattern.get("/Matrix", _IDENTITY))
            self._form(pattern, pattern.get("/Resources", resources), matrix, depth)

    def _xobject(self, resources, name: str, ctm, depth: int) -> None:
        xobject = resources.get("/XObject", pikepdf.Dictionary()).get(name)
        if xobject is None:
            return
        subtype = xobject.get("/Subtype")
        if subtype == Name.Form:
            self._group(xobject, "a form")
            matrix = _matrix(xobject.get("/Matrix", _IDENTITY))
            self._form(xobject, xobject.get("/Resources", resources), _multiply(matrix, ctm), depth)
        elif subtype == Name.Image:
            self._image(xobject, resources, ctm)

    def _form(self, form, resources, ctm, depth: int) -> None:
        """Walk a form (or a tiling pattern's cell) once per scale: where it sits changes nothing checked."""
        key = (form.objgen, getattr(resources, "objgen", None), *(round(value, 6) for value in ctm[:4]))
        if form.objgen != (0, 0) and key in self._walked:
            return
        self._walked.add(key)
        self.budget.spend(forms=1)
        self.walk(form, resources, ctm, depth + 1)

    def _image(self, image, resources, ctm) -> None:
        if image.get("/ImageMask", False):
            return
        kind = _space_kind(image.get("/ColorSpace"), resources)
        if kind == "rgb":
            self._find("colour", "an image is in RGB")
        a, b, c, d, _, _ = ctm
        width_in, height_in = math.hypot(a, b) / 72, math.hypot(c, d) / 72
        if width_in > 0 and height_in > 0:
            ppi = min(int(image.Width) / width_in, int(image.Height) / height_in)
            if ppi < MIN_PPI - 0.5:
                self._find("resolution", f"an image is {ppi:.0f} ppi at its placed size; at least {MIN_PPI} is needed")
        if kind == "cmyk" and image.objgen not in self._images_inked:  # decoded once per page, wherever drawn
            self._images_inked.add(image.objgen)
            self._image_ink(image)

    def _image_ink(self, image) -> None:
        try:
            picture = pikepdf.PdfImage(image).as_pil_image()
        except Exception:  # noqa: BLE001 (an image we can't decode is reported, not fatal)
            self._find("ink", "a CMYK image could not be decoded to check its ink")
            return
        if picture.mode != "CMYK":
            return
        c, m, y, k = picture.split()
        total = ImageMath.lambda_eval(lambda e: e["c"] + e["m"] + e["y"] + e["k"], c=c, m=m, y=y, k=k)
        highest = total.getextrema()[1] / 255
        if highest > INK_LIMIT + _TOLERANCE:
            self._find("ink", f"an image has up to {highest * 100:.0f}% total ink; the limit is {INK_LIMIT * 100:.0f}%")


class _TextState:
    """The parts of the graphics state the checks need, with q/Q's stack."""

    def __init__(self, ctm):
        self.ctm = ctm
        self.fill_space = self.stroke_space = "gray"
        self.font_size = 0.0
        self.scaling = 1.0  # Tz / 100
        self.tm = self.line = _IDENTITY
        self._stack: list[tuple] = []

    def save(self) -> None:
        self._stack.append((self.ctm, self.fill_space, self.stroke_space, self.font_size, self.scaling))

    def restore(self) -> None:
        if self._stack:
            self.ctm, self.fill_space, self.stroke_space, self.font_size, self.scaling = self._stack.pop()


def _is_number(value) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _functions(function) -> list:
    if function is None:
        return []
    if isinstance(function, pikepdf.Array):
        return [f for item in function for f in _functions(item)]
    found = [function]
    for inner in function.get("/Functions", []):
        found += _functions(inner)
    return found
