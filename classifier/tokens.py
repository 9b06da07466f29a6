"""spaCy's tokenizer without the special cases whose only effect is to switch its cache off.

spaCy's tokenizer remembers how it split each chunk of text between spaces, except in a text
where a special case (a tokenizer exception) has matched: from that chunk to the end of the text
it remembers nothing (explosion/spaCy#13950). The English rules list " ", "\\t" and "\\n" as special
cases that split them just as plain tokenizing does, so in every text of more than one line each
chunk after the first line break went through the prefix, suffix and infix rules again: on the
bench's articles, tokenizing took seven times as long. Without those rules the tokens are the
same. (Other exceptions, such as "Inc." or "can't", still switch the cache off for the rest of
their text; they change the tokens and stay.)
"""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer


def without_plain_whitespace_rules(nlp: Language) -> Language:
    """The pipeline, its tokenizer rid of the whitespace rules that split as plain tokenizing.

    A tokenizer other than spaCy's own is left as it is.
    """
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return nlp
    rules = tokenizer.rules or {}
    plain = [text for text, split in rules.items() if text.isspace() and split == [{ORTH: text}]]
    if plain:
        tokenizer.rules = {text: split for text, split in rules.items() if text not in plain}
    return nlp
