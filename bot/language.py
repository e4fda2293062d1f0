"""Which of the bot's languages a message is written in.

Thai is told by its script. For English, French and Spanish the words the bot understood vote
(each lexicon term and small word belongs to its languages); a tie, or a message with no such
word, is settled by py3langid (a naive Bayes classifier over byte n-grams, restricted to the three)
when it is confident. Otherwise the message says nothing of its language and the caller falls
back to the user's Slack locale. Same text, same answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Protocol

THAI_SCRIPT = re.compile("[\u0e00-\u0e7f]")
LATIN_LANGUAGES = ("en", "fr", "es")
CONFIDENT = 0.9
MIN_WORDS = 3  # langid alone is not trusted with fewer words


class Classifier(Protocol):
    def classify(self, text: str) -> tuple[str, float]: ...


def load_classifier() -> Classifier:
    """py3langid's model (about a second to load: built once, by the bot's factory)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LATIN_LANGUAGES))
    classifier: Classifier = identifier
    return classifier


class LanguageDetector:
    def __init__(self, classifier: Classifier | None) -> None:
        self._classifier = classifier

    def detect(self, text: str, votes: Iterable[Iterable[str]]) -> str | None:
        """The language of `text`, given the languages each understood word belongs to; None
        when the text does not say."""
        if THAI_SCRIPT.search(text):
            return "th"
        tally: Counter[str] = Counter()
        for languages in votes:
            for language in set(languages) & set(LATIN_LANGUAGES):
                tally[language] += 1
        if tally:
            best = max(tally.values())
            leaders = sorted(lang for lang, n in tally.items() if n == best)
            if len(leaders) == 1:
                return leaders[0]
            guess = self._guess(text, require_words=False)
            return guess if guess in leaders else leaders[0]
        return self._guess(text, require_words=True)

    def _guess(self, text: str, *, require_words: bool) -> str | None:
        if self._classifier is None:
            return None
        if require_words and len(text.split()) < MIN_WORDS:
            return None
        language, confidence = self._classifier.classify(text)
        if require_words and confidence < CONFIDENT:
            return None
        return language if language in LATIN_LANGUAGES else None
