"""kg's named SPARQL queries, their parameters, and results as a table, CSV or JSON."""
