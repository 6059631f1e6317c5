"""Floor 1, the design format: what a card design is (`card.toml` models, its JSON Schema and shared
vocabulary), how a design folder is read (loader, safe paths, the TOML data-file reader). Imports
nothing else of cardshop, so a designer's tools and the engine can both build on it."""
