"""The analyst's workbench: `kg serve` pages and a read-only SPARQL endpoint over a store."""
