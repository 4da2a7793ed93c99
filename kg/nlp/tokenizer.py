"""spaCy's Persian tokenizer with the punctuation Persian news needs split off words."""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

# A full stop or question mark typed without its space between two words ("کند.رزماری"); one-letter
# abbreviations ("ج.ا.ا") keep theirs.
_GLUED_STOP = r"(?<=[\u0621-\u06ff]{2})[.؟!](?=[\u0621-\u06ff]{2})"
# Guillemets, brackets and Persian punctuation glued to a word ("کردیم»." or "«ما").
_EXTRA = [r"«", r"»", r"\[", r"\]", r"\(", r"\)", r"،", r"؛", r"؟", r"!", r":", r"\.", r'"']


@registry.tokenizers("kg.fa_tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """A Persian tokenizer that also splits guillemets and Persian punctuation off words."""

    def make(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        prefixes = list(defaults.prefixes or []) + _EXTRA
        suffixes = list(defaults.suffixes or []) + _EXTRA
        infixes = list(defaults.infixes or []) + [r"(?<=[^\d\s])[،؛:«»()](?=\S)", _GLUED_STOP]
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(prefixes).search,
            suffix_search=compile_suffix_regex(suffixes).search,
            infix_finditer=compile_infix_regex(infixes).finditer,
            token_match=defaults.token_match,
            url_match=_latin_url(defaults.url_match),
        )

    return make


def _latin_url(url_match: Callable[[str], object] | None) -> Callable[[str], object] | None:
    """spaCy's URL matcher, for words with a Latin letter or digit only: "کند.رزماری" is two words. (A compiled
    pattern's match method, as spaCy serialises it.)"""
    if url_match is None:
        return None
    pattern = url_match.__self__  # type: ignore[attr-defined]
    body = re.sub(r"^\(\?[a-z]+\)", "", pattern.pattern)  # inline flags stay first; they are in .flags too
    return re.compile(r"(?=\S*[A-Za-z0-9])" + body, pattern.flags).match
