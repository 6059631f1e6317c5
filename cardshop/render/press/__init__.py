"""Press files: PDF/X-4 in CMYK through an ICC output profile (`profile`, `colour`, `canvas`,
`pdfx`), and the files each print partner asks for (`partners`)."""
