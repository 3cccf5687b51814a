"""Clause-level text tests shared by the coding rules (:mod:`sigact.extract.coding`) and the modules
that refine them (:mod:`sigact.extract.conventions`, :mod:`sigact.extract.property` ...).

:func:`clause_rx` builds, once per process, the clause patterns whose words live in
``triggers.yaml`` (an armed relative clause, "between A and B", "accused of", a negated casualty
mention); :func:`casualty` says whether a text tells a casualty that is not negated;
:func:`doc_text` caches a parsed document's text; :func:`head_word` guesses the head noun of a
mention without its parse.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from sigact.extract.lexicon import alternation as _alt, load_yaml

__all__ = ["CASUALTY_RX", "ClauseRx", "before_post_modifiers", "clause_rx", "casualty", "doc_text", "head_word"]

#: where a noun phrase's post-modifiers begin ("two farmers | from the village", "a man | who had ...")
_POST_MODIFIER = r"\s(?:of|who|which|that|from|in|at|on|near|with)\s"
_POST_MODIFIER_RX = re.compile(_POST_MODIFIER)
_HEAD_END_RX = re.compile(_POST_MODIFIER + r"|,|\(")

#: a casualty word stem (killed, dead, injured, wounded, shot, beaten, a body)
CASUALTY_RX = re.compile(r"(?i)\b(?:kill|dead|death|died|injur|wound|casualt|fatalit|hurt|beat|shot|body|bodies)")


@dataclass(frozen=True)
class ClauseRx:
    """Clause patterns built from the word lists in ``triggers.yaml`` (see :func:`clause_rx`)."""

    armed_clause: re.Pattern[str]
    between: re.Pattern[str]
    accused: re.Pattern[str]
    no_casualty: re.Pattern[str]
    person_violence: frozenset[str]


@functools.lru_cache(maxsize=1)
def clause_rx() -> ClauseRx:
    """Returns the clause patterns, built once per process from ``triggers.yaml``: ``armed_clause``
    (a relative clause saying the target fought or carried guns), ``between`` ("between A and B"),
    ``accused`` ("suspected of", "accused of"), ``no_casualty`` (a negated casualty mention, "no one
    was injured", "casualties were not reported", with the casualty words chained to it: "no one was
    killed or injured") and ``person_violence`` (trigger classes of person-on-person violence)."""
    data = load_yaml("triggers.yaml")
    ac = data.get("armed_clause") or {}
    nc = data.get("no_casualty") or {}
    cas = "(?:" + _alt(nc.get("stems")) + ")"
    hedges = "".join(re.escape(str(w)) + " |" for w in ac.get("hedges") or []).rstrip("|")
    fillers = "".join(re.escape(str(w)) + " |" for w in data.get("between_fillers") or []).rstrip("|")
    return ClauseRx(
        armed_clause=re.compile(
            r"(?i),? (?:who|that) (?:" + hedges + r")*(?:" + _alt(ac.get("acts")) + r"|"
            r"(?:was|were) (?:heavily )?armed|carried (?:a |an )?(?:" + _alt(ac.get("carried")) + r")s?)\b"),
        between=re.compile(r"(?i)\bbetween (?:" + fillers + r")*[^.;]{1,80}? and [^.;,]{1,60}"),
        accused=re.compile(r"(?i),? (?:who (?:was|were) )?(?:" + _alt(data.get("accused_words")) + r") of\b"),
        no_casualty=re.compile(
            r"(?i)(?:\b(?:" + _alt(nc.get("negators")) + r")\b(?![\s-]+(?:" + _alt(nc.get("not_negating")) + r")\b)"
            r"(?:[\s,-]+[\w']+){0,4}?[\s,-]+" + cas + r"\w*"
            r"|\bnot[\s-]+(?:been[\s-]+|be[\s-]+|any[\s-]+)?(?:(?:" + _alt(nc.get("causing")) + r")\w*[\s-]+"
            r"(?:in[\s-]+|to[\s-]+)?(?:any[\s-]+)?(?:\w+[\s-]+)?)?" + cas + r"\w*"
            r"|\b(?:" + _alt(nc.get("nouns")) + r")[\s-]+(?:were|was|have been|has been|are|is)[\s-]+"
            r"(?:not|yet to be)[\s-]+(?:" + _alt(nc.get("reported")) + r"))"
            r"(?:\s*(?:,|or|and|nor)\s+(?:\w+\s+){0,2}?" + cas + r"\w*)*"),
        person_violence=frozenset(str(w) for w in data.get("person_violence_classes") or []),
    )


def before_post_modifiers(phrase: str) -> str:
    """Returns the part of a noun phrase before its post-modifiers ("a police officer from the town" ->
    "a police officer"; the phrase itself when it has none)."""
    return _POST_MODIFIER_RX.split(phrase, maxsplit=1)[0]


def head_word(text: str) -> str:
    """Returns the lower-cased last word of a noun phrase before its post-modifiers ("two farmers from
    the village" -> "farmers"): a cheap head guess for an actor mention without its parse."""
    low = _HEAD_END_RX.split(text.lower(), maxsplit=1)[0]
    words = re.findall(r"[a-z][a-z'-]*", low)
    return words[-1] if words else ""


def doc_text(group: Any) -> str:
    """Returns the text of the group's document, built once per Doc (spaCy joins every token on each
    ``Doc.text`` access) and kept in ``doc.user_data``."""
    doc = group.sent.doc
    text = doc.user_data.get("sigact_text")
    if text is None:
        text = doc.text
        doc.user_data["sigact_text"] = text
    return text


def casualty(text: str) -> bool:
    """Returns True when the text mentions a casualty (killed, injured, dead, wounded, shot, beaten)
    that is not negated: "no one was injured", "without casualties", "there were no deaths" are no
    casualty (``clause_rx().no_casualty`` removes them before ``CASUALTY_RX`` is searched)."""
    if not CASUALTY_RX.search(text):
        return False
    return bool(CASUALTY_RX.search(clause_rx().no_casualty.sub(" ", text)))
