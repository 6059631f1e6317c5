"""Proof sheets for designers: a design's panels with print overlays and stress texts, as a PDF.

WeasyPrint lays the sheet out from HTML and CSS; the card pictures on it come from the ReportLab PDF
the render core makes, so the proof shows the real output. Cards themselves are never WeasyPrint.
"""

from cardshop.studio.proof.sheet import make_proof

__all__ = ["make_proof"]
