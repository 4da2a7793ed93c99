"""Scoring extracted claims against gold files, per shared/spec/claims.md section 4."""
