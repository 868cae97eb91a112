"""The shared-growth (동반성장) evidence report: a sponsor firm's year, built from registered lines, as a page,
a PDF and an Excel workbook, every figure with the records it counts."""
