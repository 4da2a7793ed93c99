"""Relationship diagrams of the claims: actors as nodes, claims as edges coloured by relation family."""
