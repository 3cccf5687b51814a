"""The extractor's data: trigger lexicon, weapon cues, factuality cues and the type table.

Everything is read from YAML files in ``sigact/extract/data`` once per process
(:func:`load_lexicon` is cached); nothing here touches spaCy models.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from sigact.errors import ConfigError
from sigact.resources import load_yaml as parse_yaml

__all__ = ["TriggerClass", "Lexicon", "load_lexicon", "load_yaml", "phrase_regex", "regex_fragments", "words_regex",
           "english_months"]

#: the end of a whole word for :func:`words_regex`: a regex word boundary, or no word character nor hyphen next
WORD_END = r"\b"
HYPHEN_END = r"(?![\w-])"


def load_yaml(name: str) -> dict[str, Any]:
    """Returns the parsed YAML data file ``sigact/extract/data/<name>``."""
    try:
        text = resources.files("sigact.extract").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"missing extractor data file {name}") from exc
    data = parse_yaml(text)
    if not isinstance(data, dict):
        raise ConfigError(f"extractor data file {name} is not a mapping")
    return data


def phrase_regex(phrases: list[str]) -> re.Pattern[str] | None:
    """Returns one case-insensitive regex matching any phrase at a word start, or None."""
    items = sorted({p.lower() for p in phrases if p}, key=len, reverse=True)
    if not items:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in items) + r")", re.IGNORECASE)


def words_regex(words: Any, *, suffixes: tuple[str, ...] = ("s", "es"), tail: str = WORD_END
                ) -> re.Pattern[str] | None:
    """Returns one case-insensitive regex matching any of ``words`` (a YAML list, may be None) as a whole
    word: no word character nor hyphen before it, longest word first, one of the optional ``suffixes``
    (a plural -s / -es by default) and then ``tail`` (``WORD_END``, or ``HYPHEN_END``: "mine" finds
    "mines", never "miners" nor "mine-clearing"); None for no words."""
    items = sorted({str(w).lower() for w in words or () if w}, key=len, reverse=True)
    if not items:
        return None
    return re.compile(r"(?<![\w-])(?:" + alternation(items) + ")(?:" + "|".join(suffixes) + ")?" + tail,
                      re.IGNORECASE)


def regex_fragments(words: Any, name: str) -> str:
    """Returns a YAML list of regex fragments (``"guns?"``, ``"\\d+"``) as one alternation in their order,
    unescaped; raises ConfigError when the list (``name``, for the message) is missing or empty."""
    if not isinstance(words, list) or not words:
        raise ConfigError(f"extractor data: {name} must be a non-empty list")
    return "|".join(str(w) for w in words)


def alternation(words: Any) -> str:
    """Returns the words (a YAML list, may be None) as a regex alternation in their order (a regex tries
    its alternatives in order), regex characters escaped and spaces kept readable."""
    return "|".join(re.escape(str(w)).replace("\\ ", " ") for w in words or ())


@lru_cache(maxsize=1)
def english_months() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Returns the English month names of the time package's date lexicon (``sigact/time/data/
    date_lexicon.yaml``, lowercased): the twelve full names in calendar order (each month's first name
    there) and their abbreviations (the month's other names that begin its full name: "jan", "sep",
    "sept"), in calendar order, shorter first."""
    from sigact.time.lexicon import get_lexicon  # the time package is loaded only when months are needed

    by_month: dict[int, list[str]] = {}
    for name, num in get_lexicon().month_of.items():
        by_month.setdefault(num, []).append(name)
    if sorted(by_month) != list(range(1, 13)):
        raise ConfigError("date lexicon: months 1..12 expected")
    full = tuple(by_month[n][0] for n in range(1, 13))
    abbrev = tuple(a for n in range(1, 13) for a in sorted(
        (x for x in by_month[n][1:] if full[n - 1].startswith(x)), key=lambda x: (len(x), x)))
    return full, abbrev

@dataclass(frozen=True)
class TriggerClass:
    """One class of trigger words (see ``triggers.yaml``)."""

    name: str
    weight: float
    candidates: tuple[str, ...]
    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[str, ...]
    weak: bool = False
    outcome: bool = False
    special: str | None = None
    switch_class: dict[str, frozenset[str]] = field(default_factory=dict)
    overrides: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    object_words: frozenset[str] = frozenset()
    exclude_objects: frozenset[str] = frozenset()

    @property
    def default(self) -> str | None:
        """The rule default sub-event type (first candidate), None for special classes."""
        return self.candidates[0] if self.candidates else None


@dataclass(frozen=True)
class Lexicon:
    """All extractor data, parsed and indexed."""

    classes: dict[str, TriggerClass]
    verb_index: dict[str, tuple[str, ...]]
    noun_index: dict[str, tuple[str, ...]]
    word_index: dict[str, tuple[str, ...]]
    weapons: dict[str, tuple[str, tuple[str, ...]]]  # key -> (plover mode, words)
    weapon_words: frozenset[str]
    violence_cues: frozenset[str]
    light_verbs: frozenset[str]
    weapon_heads: frozenset[str]
    place_heads: frozenset[str]
    civilian_words: frozenset[str]
    context_cues: dict[str, tuple[str, ...]]
    taxonomy: dict[str, dict[str, Any]]
    non_acled: dict[str, dict[str, Any]]
    violent_event_types: frozenset[str]
    factuality: dict[str, dict[str, Any]]

    @property
    def fighting_event_types(self) -> frozenset[str]:
        """Returns ``violent_event_types`` plus Riots: the types of a fight, a blast or an assault
        ("the fighting continued" may be coded a riot), as against protests and strategic developments."""
        return self.violent_event_types | {"Riots"}

    def event_type_of(self, sub_event_type: str | None) -> str | None:
        """Returns the ACLED event type of a sub-event type (None if unknown)."""
        row = self.taxonomy.get(sub_event_type or "")
        return row["event_type"] if row else None


def _words(items: Any) -> tuple[str, ...]:
    return tuple(str(x).lower() for x in (items or ()))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Returns the process-wide :class:`Lexicon` built from the YAML data files."""
    trig = load_yaml("triggers.yaml")
    tax = load_yaml("taxonomy.yaml")
    fact = load_yaml("factuality.yaml")
    classes: dict[str, TriggerClass] = {}
    verb_index: dict[str, list[str]] = {}
    noun_index: dict[str, list[str]] = {}
    word_index: dict[str, list[str]] = {}
    subs = set(tax["sub_event_types"])
    for name, spec in (trig.get("classes") or {}).items():
        cands = tuple(spec.get("candidates") or ())
        unknown = [c for c in cands if c not in subs]
        if unknown:
            raise ConfigError(f"triggers.yaml class {name}: unknown sub-event types {unknown}")
        tc = TriggerClass(
            name=name,
            weight=float(spec.get("weight", 0.5)),
            candidates=cands,
            verbs=frozenset(_words(spec.get("verbs"))),
            nouns=frozenset(_words(spec.get("nouns"))),
            phrases=_words(spec.get("phrases")),
            weak=bool(spec.get("weak", False)),
            outcome=bool(spec.get("outcome", False)),
            special=spec.get("special"),
            switch_class={k: frozenset(_words(v)) for k, v in (spec.get("switch_class") or {}).items()},
            overrides=frozenset(_words(spec.get("overrides"))),
            words=frozenset(_words(spec.get("words"))),
            object_words=frozenset(_words(spec.get("object_words"))),
            exclude_objects=frozenset(_words(spec.get("exclude_objects"))),
        )
        classes[name] = tc
        for v in tc.verbs:
            verb_index.setdefault(v, []).append(name)
        for n in tc.nouns:
            noun_index.setdefault(n, []).append(name)
        for w in tc.words:
            word_index.setdefault(w, []).append(name)
    weapons = {k: (v.get("mode"), _words(v.get("words"))) for k, v in (trig.get("weapons") or {}).items()}
    weapon_words = frozenset(w for _, ws in weapons.values() for w in ws)
    nah = trig.get("not_actor_heads") or {}
    ctx = {k: _words(v) for k, v in (trig.get("context_cues") or {}).items()}
    for k in ctx:
        if k not in subs:
            raise ConfigError(f"triggers.yaml context_cues: unknown sub-event type {k}")
    return Lexicon(
        classes=classes,
        verb_index={k: tuple(v) for k, v in verb_index.items()},
        noun_index={k: tuple(v) for k, v in noun_index.items()},
        word_index={k: tuple(v) for k, v in word_index.items()},
        weapons=weapons,
        weapon_words=weapon_words,
        violence_cues=frozenset(_words(trig.get("violence_cues"))) | weapon_words,
        light_verbs=frozenset(_words(trig.get("light_verbs"))),
        weapon_heads=frozenset(_words(nah.get("weapons"))),
        place_heads=frozenset(_words(nah.get("places"))),
        civilian_words=frozenset(_words(trig.get("civilian_words"))),
        context_cues=ctx,
        taxonomy=dict(tax["sub_event_types"]),
        non_acled=dict(tax.get("non_acled") or {}),
        violent_event_types=frozenset(tax.get("violent_event_types") or ()),
        factuality=fact,
    )
