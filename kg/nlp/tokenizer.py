"""spaCy's Persian tokenizer with the punctuation Persian news needs split off words."""
from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

# Guillemets, brackets and Persian punctuation glued to a word ("کردیم»." or "«ما").
_EXTRA = [r"«", r"»", r"\[", r"\]", r"\(", r"\)", r"،", r"؛", r"؟", r"!", r":", r"\.", r'"']


@registry.tokenizers("kg.fa_tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """A Persian tokenizer that also splits guillemets and Persian punctuation off words."""

    def make(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        prefixes = list(defaults.prefixes or []) + _EXTRA
        suffixes = list(defaults.suffixes or []) + _EXTRA
        infixes = list(defaults.infixes or []) + [r"(?<=[^\d\s])[،؛:«»()](?=\S)"]
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(prefixes).search,
            suffix_search=compile_suffix_regex(suffixes).search,
            infix_finditer=compile_infix_regex(infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return make
