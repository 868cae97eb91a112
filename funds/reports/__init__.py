"""The sponsor's and the government programme's reports: figures, charts, CSV and their pages."""
