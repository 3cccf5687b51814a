"""ACLED coding conventions for special cases, applied to an incident's coding after the coder.

Some incidents read like violence (a bomb, an attack, gunmen "arresting" people) but the ACLED
codebook codes them by a fixed rule: a bomb defused or a drone shot down is Strategic developments /
Disrupted weapons use, an attack that was repelled is an Armed clash, police seizing drugs is
Looting/property destruction, an armed group "arresting" civilians is an Abduction.  The rules live
in ``data/conventions.yaml`` (cue patterns, conditions, result and the reason); this module compiles
them once and :meth:`Conventions.apply` recodes one incident: the first convention that fires
replaces the sub-event type (event type, PLOVER and CAMEO from ``taxonomy.yaml``), names itself in
``Coding.method`` (``convention:<name>``) and gives its matched cue as the coding's evidence
(field ``convention``).  Nothing is parsed here: a few precompiled regexes per incident.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Any

from sigact.errors import ConfigError
from sigact.extract.clauses import casualty, doc_text
from sigact.extract.coding import Coding
from sigact.extract.lexicon import Lexicon, load_yaml
from sigact.model import ACTOR_TYPES, Actor, Evidence

__all__ = ["Convention", "Conventions", "load_conventions", "parse_conventions"]

#: a text up to this size is one short report (an event note): the ``note`` scope reads all of it
NOTE_CHARS = 600
#: characters at the start of a text read for the ``lead`` scope (a note's category label)
LEAD_CHARS = 60
_SCOPES = ("sentence", "note", "lead")


@dataclass(frozen=True)
class Convention:
    """One coding convention (see ``data/conventions.yaml`` for the meaning of each field)."""

    name: str
    result: str
    why: str
    applies_to: frozenset[str]
    cues: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...] = ()
    scope: str = "sentence"
    no_casualty: bool = False
    needs_casualty: bool = False
    keys: tuple[str, ...] = ()
    actor1_types: frozenset[str] = frozenset()
    actor1_not_acled: tuple[str, ...] = ()

    def fires(self, coding: Coding, spans: list[tuple[int, str]], text: str,
              actor1: Actor | None) -> Evidence | None:
        """Returns the evidence (the first cue match, in document offsets) when this convention recodes
        an incident whose coding is ``coding``, whose sentences are ``spans`` ((start offset, text)
        pairs) and whose scope text is ``text``; None when it does not fire."""
        if coding.sub_event_type == self.result or not (
                coding.sub_event_type in self.applies_to or coding.event_type in self.applies_to):
            return None
        if self.keys:
            low = text.lower()
            if not any(k in low for k in self.keys):
                return None
        if self.actor1_types:
            if actor1 is None or actor1.type not in self.actor1_types:
                return None
            name = actor1.acled_name or ""
            if any(name.startswith(p) for p in self.actor1_not_acled):
                return None
        ev = None
        for start, chunk in spans:
            for rx in self.cues:
                m = rx.search(chunk)
                if m is not None and (ev is None or start + m.start() < ev.start):
                    ev = Evidence("convention", start + m.start(), start + m.end(), m.group(0))
        if ev is None:
            return None
        if any(rx.search(text) for rx in self.unless):
            return None
        if self.no_casualty or self.needs_casualty:
            rest = text.replace("and/or", "or")  # "no fatalities and/or injuries reported"
            for rx in self.cues:  # the cue itself is no casualty ("shot down a drone")
                rest = rx.sub(" ", rest)
            if casualty(rest) != self.needs_casualty:
                return None
        return ev


class Conventions:
    """The conventions of ``data/conventions.yaml`` in file order, with the type table to recode by."""

    def __init__(self, lex: Lexicon, rules: tuple[Convention, ...]):
        self.lex = lex
        self.rules = rules

    def apply(self, coding: Coding | None, group: Any, actor1: Actor | None = None) -> Coding | None:
        """Returns ``coding`` recoded by the first convention that fires on the incident of trigger group
        ``group`` (its sentence and the sentences merged into it; ``actor1``: the incident's parsed
        actor1), or ``coding`` itself when none fires (or it has no sub-event type)."""
        if coding is None or coding.sub_event_type is None or not self.rules:
            return coding
        spans = [(s.start_char, s.text) for s in (group.sent, *getattr(group, "extra_sents", ()))]
        sent_text = " ".join(t for _, t in spans)
        note: tuple[list[tuple[int, str]], str] | None = None
        for rule in self.rules:
            scoped, text = spans, sent_text
            if rule.scope == "lead":
                lead = doc_text(group)[:LEAD_CHARS]
                scoped, text = [(0, lead)], lead
            elif rule.scope == "note":
                if note is None:
                    whole = doc_text(group)
                    note = ([(0, whole)], whole) if len(whole) <= NOTE_CHARS else (spans, sent_text)
                scoped, text = note
            ev = rule.fires(coding, scoped, text, actor1)
            if ev is not None:
                return self._recode(coding, rule, ev)
        return coding

    def _recode(self, coding: Coding, rule: Convention, ev: Evidence) -> Coding:
        """Returns ``coding`` with the convention's sub-event type and the codes of its taxonomy row."""
        row = self.lex.taxonomy.get(rule.result) or {}
        mode = row.get("mode")
        if mode is None and row.get("plover") == coding.plover_type:
            mode = coding.plover_mode  # same PLOVER type (an ASSAULT stays with its weapon's mode)
        return replace(coding, sub_event_type=rule.result, event_type=row.get("event_type"),
                       plover_type=row.get("plover"), plover_mode=mode, cameo_root=row.get("cameo"),
                       method=f"convention:{rule.name}", evidence=ev)


def _compile(pattern: str, shared: dict[str, str], where: str) -> re.Pattern[str]:
    """Returns the case-insensitive regex of ``pattern`` with its ``{name}`` sub-patterns filled in
    from ``shared``; raises ConfigError when a name is unknown or the regex is invalid."""
    def fill(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in shared:
            raise ConfigError(f"conventions.yaml: {where}: unknown shared pattern {{{key}}}")
        return shared[key]

    try:
        return re.compile(re.sub(r"\{([a-z_]+)\}", fill, pattern), re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"conventions.yaml: {where}: bad pattern {pattern!r}: {exc}") from exc


def parse_conventions(data: dict[str, Any], lex: Lexicon) -> Conventions:
    """Returns the conventions described by ``data`` (the parsed ``conventions.yaml`` mapping);
    raises ConfigError on a missing field, an unknown type, scope or actor type, or a bad pattern."""
    shared = {str(k): str(v) for k, v in (data.get("shared") or {}).items()}
    known = set(lex.taxonomy) | {row.get("event_type") for row in lex.taxonomy.values()}
    rules = []
    for i, item in enumerate(data.get("conventions") or []):
        name = str(item.get("name") or f"#{i}")
        result = item.get("result")
        if result not in lex.taxonomy:
            raise ConfigError(f"conventions.yaml: {name}: result {result!r} is not an ACLED sub-event type")
        applies = frozenset(str(x) for x in item.get("applies_to") or [])
        if not applies or applies - known:
            raise ConfigError(
                f"conventions.yaml: {name}: applies_to must name ACLED types, got {sorted(applies - known)}")
        scope = str(item.get("scope") or "sentence")
        if scope not in _SCOPES:
            raise ConfigError(f"conventions.yaml: {name}: scope must be one of {_SCOPES}")
        if item.get("no_casualty") and item.get("needs_casualty"):
            raise ConfigError(f"conventions.yaml: {name}: no_casualty and needs_casualty exclude each other")
        types = frozenset(str(x) for x in item.get("actor1_types") or [])
        if types - set(ACTOR_TYPES):
            raise ConfigError(f"conventions.yaml: {name}: unknown actor types {sorted(types - set(ACTOR_TYPES))}")
        cues = tuple(_compile(str(p), shared, name) for p in item.get("cues") or [])
        if not cues:
            raise ConfigError(f"conventions.yaml: {name}: no cues")
        rules.append(Convention(
            name=name, result=str(result), why=" ".join(str(item.get("why") or "").split()),
            applies_to=applies, cues=cues,
            unless=tuple(_compile(str(p), shared, name) for p in item.get("unless") or []),
            scope=scope, no_casualty=bool(item.get("no_casualty")), needs_casualty=bool(item.get("needs_casualty")),
            keys=tuple(str(k).lower() for k in item.get("keys") or []), actor1_types=types,
            actor1_not_acled=tuple(str(x) for x in item.get("actor1_not_acled") or [])))
    return Conventions(lex, tuple(rules))


@functools.lru_cache(maxsize=1)
def _default_data() -> dict[str, Any]:
    """Returns the parsed ``data/conventions.yaml`` (read once per process)."""
    return load_yaml("conventions.yaml")


def load_conventions(lex: Lexicon) -> Conventions:
    """Returns the conventions of ``data/conventions.yaml`` (the file is read once per process)."""
    return parse_conventions(_default_data(), lex)
