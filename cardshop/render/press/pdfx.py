"""Finishing a CMYK ReportLab PDF as PDF/X-4 with pikepdf (ReportLab has no output-intent API).

What is added after drawing: PDF 1.6; the output intent (`/S /GTS_PDFX`, the registered condition
and the embedded CMYK profile, compressed once per profile); `GTS_PDFXVersion` and `Trapped` in the
document information and the same facts in the XMP metadata (with document and instance IDs, which
PDF/X-4 asks for), the two agreeing on title, producer, creator, dates and trapping (ReportLab's
Producer and its "anonymous" Author and "unspecified" Subject are replaced or removed); and a
subset tag per embedded font made from the font's own bytes, where ReportLab writes `AAAAAA+` for
every font. The page boxes come from the layout. Everything is derived from the content, so the
same card gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import string

import pikepdf
from pikepdf import Dictionary, Name, Stream

from cardshop.render.press.profile import PressProfile

PDFX_VERSION = "PDF/X-4"
# Said the same way in the document information and the XMP (the preflight checks they agree).
PRODUCER = "cardshop (ReportLab, pikepdf)"
CREATOR = "cardshop"
# ReportLab's placeholders, which the XMP has no counterpart for: "anonymous", "unspecified", "".
_PLACEHOLDER_INFO = ("/Author", "/Subject", "/Keywords")
_TAG_LETTERS = string.ascii_uppercase
_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{instance_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _uuid(digest: bytes) -> str:
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def _xmp_date(pdf_date: str) -> str:
    """D:20000101000000+00'00' -> 2000-01-01T00:00:00+00:00."""
    d = pdf_date.removeprefix("D:")
    zone = d[14:].replace("'", "")
    zone = "Z" if zone in ("", "Z") else f"{zone[:3]}:{zone[3:5] or '00'}"
    return f"{d[0:4]}-{d[4:6]}-{d[6:8]}T{d[8:10]}:{d[10:12]}:{d[12:14]}{zone}"


def subset_tag(font_bytes: bytes, base_name: str) -> str:
    """Six capital letters from the subset's own bytes (and name): unique per subset in practice."""
    number = int.from_bytes(hashlib.sha256(base_name.encode() + font_bytes).digest()[:8], "big")
    letters = []
    for _ in range(6):
        number, index = divmod(number, 26)
        letters.append(_TAG_LETTERS[index])
    return "".join(letters)


def _retag_fonts(pdf: pikepdf.Pdf) -> None:
    """Give every embedded subset its own tag in BaseFont and its descriptor's FontName."""
    seen: set[int] = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        for _, font in fonts.items():
            for target in [font, *font.get("/DescendantFonts", [])]:
                if target.objgen in seen or "/BaseFont" not in target:
                    continue
                seen.add(target.objgen)
                base = str(target.BaseFont)[1:]
                if len(base) < 8 or base[6] != "+":
                    continue
                descriptor = target.get("/FontDescriptor")
                program = None
                if descriptor is not None:
                    keys = [key for key in ("/FontFile2", "/FontFile", "/FontFile3") if key in descriptor]
                    program = descriptor[keys[0]] if keys else None
                data = program.read_raw_bytes() if program is not None else b""
                name = f"{subset_tag(data, base[7:])}+{base[7:]}"
                target.BaseFont = Name("/" + name)
                if descriptor is not None:
                    descriptor.FontName = Name("/" + name)


def finish_pdfx(pdf_bytes: bytes, profile: PressProfile, title: str) -> bytes:
    """The drawn CMYK PDF as PDF/X-4 with `profile` as its output intent."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        _retag_fonts(pdf)
        icc = Stream(pdf, b"")
        icc.write(profile.compressed, filter=Name.FlateDecode)
        icc.N = 4
        intent = Dictionary(
            Type=Name.OutputIntent,
            S=Name.GTS_PDFX,
            OutputConditionIdentifier=profile.condition,
            OutputCondition=profile.description,
            RegistryName="http://www.color.org",
            Info=profile.description,
            DestOutputProfile=pdf.make_indirect(icc),
        )
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
        info = pdf.docinfo
        date = str(info.get("/CreationDate", "D:20000101000000+00'00'"))
        info.Title = title
        info.ModDate = date
        info.Producer, info.Creator = PRODUCER, CREATOR
        for key in _PLACEHOLDER_INFO:
            if key in info:
                del info[key]
        info.Trapped = Name("/False")
        info[Name.GTS_PDFXVersion] = PDFX_VERSION
        digest = hashlib.sha256(pdf_bytes + profile.digest.encode()).digest()
        xmp = _XMP.format(
            title=_escape(title),
            date=_xmp_date(date),
            document_id=_uuid(digest[:16]),
            instance_id=_uuid(digest[16:]),
            version=PDFX_VERSION,
            creator=_escape(CREATOR),
            producer=_escape(PRODUCER),
        ).encode("utf-8")
        metadata = Stream(pdf, xmp)
        metadata.Type, metadata.Subtype = Name.Metadata, Name.XML
        pdf.Root.Metadata = pdf.make_indirect(metadata)
        out = io.BytesIO()
        pdf.save(
            out,
            min_version="1.6",
            force_version="1.6",
            deterministic_id=True,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            compress_streams=False,  # ReportLab compressed its streams already; qpdf would redo some
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
        )
    return out.getvalue()
