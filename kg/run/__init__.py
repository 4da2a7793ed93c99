"""One article end to end (read, nlp, claims, triples), and many: batch ingest into the store, Dask."""
