"""Reports: one module per document, each reading its numbers from the stage results."""
