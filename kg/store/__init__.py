"""Where the triples live: the embedded Oxigraph store, and SPARQL servers reached over HTTP."""
