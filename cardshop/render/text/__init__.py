"""Text in every script: cleaning what a sender typed, fonts, grapheme and line breaking, bidi
direction, HarfBuzz shaping, embedding shaped glyphs in the PDF, and fitting text to a slot."""
