"""Artwork: SVG and raster files read safely, prepared once as reusable PDF XObjects, drawn to cover
a panel."""
