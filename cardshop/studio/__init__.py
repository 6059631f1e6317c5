"""Floor 3, the design studio: tools built on the engine for designers and the app (the catalogue
loaded with its files checked, `designs check`, text limits, panel pictures, sample texts, proof
sheets)."""
