"""RDF: the dip: vocabulary, deterministic IRIs, triples of claims, SPARQL on rdflib, RDF files, SHACL."""
