"""Printing in the window: the PDF preview, batch progress, certificate verification, and the
`actions` other panels call to preview a document."""
