"""Smart industrial complexes' pages: their tenants' figures against the national benchmark and their own targets."""
