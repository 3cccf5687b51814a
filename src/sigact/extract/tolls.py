"""Finding tolls (killed, injured, abducted, arrested, missing) in text.

:func:`find_tolls` returns every toll statement of a text as a :class:`TollMention`
with character offsets; :func:`summarize_tolls` folds the mentions of one event's text
into one number per kind (ACLED conventions).  Patterns are built from the lexicons
``data/tolls.yaml`` (verbs, victim nouns, zero/aggregate/annotation patterns) and
``data/toll_numbers.yaml`` (numbers), so no vocabulary lives in code.

The forms recognised:

* active: "killed four soldiers", "killing 3 and wounding 5", "abducted 10 students",
  "killed a civilian" (1), "killing himself" (1), "killing three soldiers and two civilians" (5);
* passive / number first: "four soldiers were killed", "3 injured", "at least 12 people died",
  "leaving two dead and three others missing", "two civilians and a soldier were killed" (3),
  "a policeman was killed" (1), "the officer died" (1), "1 fatality";
* "four US personnel suffered traumatic brain injuries" (injured 4); "beat a thief to death" (1);
  "took 20 villagers hostage" (abducted 20); "he was killed" (1); "12 arrests" (arrested 12);
  "20 soldiers killed or wounded" (split unknown: ACLED's unknown-count 10 for killed);
* totals: "the death toll rose to eight" (``toll=True``);
* zero: "no casualties were reported", "no one was hurt" (value 0);
* ACLED coder annotations: "Fatalities coded as 0 (...)", "Unknown fatalities coded as 10"
  (``annotation=True``; they override the prose);
* aggregates: a toll whose sentence has a running-total cue ("since October", "so far",
  "last year", "the war has killed") gets ``aggregate=True``.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any, Iterable

from sigact.extract.numbers import get_number_lexicon, parse_quantity
from sigact.resources import packaged_yaml_once

__all__ = ["TollMention", "TOLL_KINDS", "find_tolls", "summarize_tolls", "find_tolls_in_span"]

TOLL_KINDS = ("killed", "injured", "abducted", "arrested", "missing")


@dataclass(frozen=True, slots=True)
class TollMention:
    """One toll statement.

    ``kind`` is one of :data:`TOLL_KINDS`; ``value`` the count (``None`` when only a vague
    word gave it and the kind has no default); ``start``/``end`` offsets of the whole
    statement; ``text`` its text; ``victim_text`` the victim noun phrase when stated;
    ``aggregate`` marks running/aggregate totals; ``toll`` a "death toll rose to N" total
    for the event; ``vague`` a count from a vague word ("several killed" -> ACLED's 10);
    ``annotation`` an ACLED coder annotation; ``sentence`` the index of the sentence (in
    the text given to :func:`find_tolls`) that holds it; ``additive`` a count that comes on
    top of a toll stated elsewhere: its victims are the attacking side ("three of the attackers
    were also killed", ``attacker_victims``) or it says so ("two soldiers also died",
    ``additive_cues``).
    """

    kind: str
    value: int | None
    start: int
    end: int
    text: str
    victim_text: str | None = None
    aggregate: bool = False
    toll: bool = False
    vague: bool = False
    annotation: bool = False
    sentence: int = 0
    additive: bool = False


def _alt(words: Iterable[str]) -> str:
    uniq = sorted({w.lower() for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in uniq)


# words that cannot sit inside a victim noun phrase between the count and its head noun
_STOP = (r"were|was|are|is|have|has|had|been|be|being|in|on|at|and|or|by|from|after|during|when|who|which|while|as|"
         r"to|of|with|for|that|than|killed|injured|wounded|dead|died|including|among|ont|été|sont|et")
_UNIT_AFTER = (r"(?!\s*(?:km\b|kilomet|miles?\b|met(?:er|re)s?\b|hours?\b|days?\b|weeks?\b|months?\b|years?\b|minutes?\b|"
               r"%|percent|per\s+cent|am\b|pm\b|a\.m|p\.m|o'clock|times\b|vehicles?\b|houses?\b|homes?\b|"
               r"cattle\b(?!\s+[a-z]+ers?\b)|"
               r"(?:cows?|goats?|sheep|camels?)\b(?!\s+[a-z]+ers?\b)|weapons?\b|rifles?\b|guns?\b|rounds?\b|kg\b|tons?\b|tonnes?\b|"
               r"villages?\b|rockets?\b|missiles?\b|shells?\b|mortars?\b|drones?\b|bullets?\b|shots?\b|oxen\b|livestock\b|"
               r"animals?\b|donkeys?\b|horses?\b|chickens?\b|pigs?\b|dogs?\b|heads?\s+of\b|(?:jan|feb|mar|apr|may|jun|jul|"
               r"aug|sep|oct|nov|dec)[a-z]*\b))")


@dataclass(frozen=True)
class _Lex:
    passive_kind: dict[str, str]
    active_kind: dict[str, str]
    singular: frozenset[str]
    zero_nouns: dict[str, tuple[str, ...]]
    vague_values: dict[str, int]
    re_passive: re.Pattern[str]
    re_single: re.Pattern[str]
    re_single2: re.Pattern[str]
    re_found: re.Pattern[str]
    re_pron: re.Pattern[str]
    re_to_death: re.Pattern[str]
    re_hostage: re.Pattern[str]
    re_active: re.Pattern[str]
    re_suffer: re.Pattern[str]
    re_bodies: re.Pattern[str]
    re_item: re.Pattern[str]
    re_head_after: re.Pattern[str]
    re_tolls: tuple[re.Pattern[str], ...]
    re_zero: tuple[re.Pattern[str], ...]
    re_annot: tuple[re.Pattern[str], ...]
    re_aggr: re.Pattern[str]
    re_vague: re.Pattern[str]
    re_key: re.Pattern[str]
    re_subset: re.Pattern[str] | None = None
    attackers: frozenset[str] = frozenset()
    re_additive: re.Pattern[str] | None = None
    re_additive_before: re.Pattern[str] | None = None
    re_additive_block: re.Pattern[str] | None = None


def _build(raw: dict[str, Any]) -> _Lex:
    nl = get_number_lexicon()
    passive_kind: dict[str, str] = {}
    active_kind: dict[str, str] = {}
    suffer: list[str] = []
    for kind, spec in raw["kinds"].items():
        for w in spec.get("passive") or []:
            passive_kind.setdefault(re.sub(r"\s+", " ", w.lower()), kind)
        for w in spec.get("active") or []:
            active_kind.setdefault(re.sub(r"\s+", " ", w.lower()), kind)
        suffer += spec.get("suffer") or []
    plural = [v.lower() for v in raw["victims"]["plural"]]
    singular = [v.lower() for v in raw["victims"]["singular"]]
    head = _alt(plural + singular)
    sg_head = _alt(singular)
    stop = rf"(?-i:{_STOP})"  # lower-case function words only: "IS militants" is a victim phrase
    fill = rf"(?:(?!{stop}\b)(?![\d,.]+\s)\(?[#@]?[\w'’\-]+\)?\s+)"
    # French/Spanish adjectives follow the noun: "soldats FACA", "mercenaires russes"
    reporting = _alt(raw.get("reporting_verbs") or ["said"])
    tail = rf"(?:\s+(?!(?:{stop}|{_alt(passive_kind)}|{reporting})\b)[\w'’\-]+){{0,2}}?"
    # a victim phrase: up to 3 modifiers and a head noun, or 1-3 capitalised words ("two Fulani")
    proper = r"(?:(?-i:[A-Z])[\w'’\-]*(?:\s+(?-i:[A-Z])[\w'’\-]*){0,2})"
    # the last of several head words is the head: "an elderly man", "child soldiers" ("took 20 villagers
    # hostage": a predicate, not a head)
    head_next = _alt(w for w in plural + singular if w not in ("hostage", "hostages"))
    np_any = rf"(?:{fill}{{0,3}}?(?:{head})\b(?!\s+(?:{head_next})\b){tail}|{proper}(?=\s+(?:and|were|was|have|had|are|{_alt(passive_kind)})\b))"
    np_sg = rf"(?:{fill}{{0,3}}?(?:{sg_head})\b)"
    proper_np = rf"{proper}(?=\s+(?:were|was|have|had|are|{_alt(passive_kind)})\b)"
    pp = r"(?:\s+(?:of|from)\s+(?:the\s+)?[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)?)?"
    qty = nl.quantity_src
    vague = nl.vague_src
    count = rf"(?:(?!(?:1[89]|20)\d\d\b)(?:{qty})(?![\w-])|(?:{vague})|both)"
    aux = (r"(?:\s+(?:were|was|have\s+been|has\s+been|had\s+been|are|is|got|been|being|reportedly|reported|allegedly|also|later|"
           r"have|has|had|all|both|subsequently|eventually|initially|ultimately|others?|more|ont\s+été|sont|été|fueron|foram|"
           r"who\s+were|who\s+was))*")
    passive = _alt(passive_kind)
    active = _alt(active_kind)
    flags = re.IGNORECASE
    including = rf"(?:\s*,?\s+(?:including|among\s+them|among\s+whom)\s+(?:{count}|a|an|one|the)\s+{np_any},?)"
    # a listed noun phrase right before a reporting verb is the source, not a victim ("..., an officer said")
    no_source = rf"(?!\s*,?\s*(?:{reporting})\b)"
    item = (rf"(?:(?:{count})\s+{np_any}|(?:a|an|one|another|his|her|their)\s+(?:{np_sg}|{proper_np})){no_source}"
            rf"{including}?")
    # one lower-case word of any noun after a count ("1 sailor killed"), never a function word or toll verb
    generic_word = rf"(?!(?:{stop}|{passive})\b)(?-i:[a-z][\w'’\-]*)"
    generic = rf"{generic_word}(?:\s+{generic_word})?"
    first = (rf"(?:(?P<q>{count}){_UNIT_AFTER}(?:\s+(?P<np>{np_any}|{generic}))?|(?P<q1>a|an|his|her|their)\s+"
             rf"(?P<np1>{np_sg}))")
    # "was wounded by shrapnel and later died": up to five words, "and" and an adverb of time
    # (the victim "was wounded ... and later died": the death is the toll; "was abducted and killed": both;
    # no death word before "and": "15 were killed and injured" is one count of both)
    not_toll = _alt(w for w, k in passive_kind.items() if k == "killed")
    mid = rf"(?P<mid>(?:\s+(?!(?:{not_toll})\b)[a-z]+){{1,5}}?\s+and(?:\s+(?:later|subsequently|eventually|then))?)?"
    # a short aside between the victims and the verb: "3 fighters (including a commander) dead"
    paren = r"(?:\s*\([^()\n]{1,80}\))?"
    re_passive = re.compile(
        rf"(?<![\w-]){first}{including}?(?P<more>(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+){item})*"
        rf"(?:\s+and\s+{np_any})?{pp}{paren}(?P<aux>{aux}){mid}\s+(?P<v>{passive})\b", flags)
    re_single = re.compile(
        rf"\b(?P<q>a|an|one|another|the|this|that)\s+(?P<np>{np_sg}){pp}(?P<aux>{aux}){mid}\s+(?P<v>{passive})\b", flags)
    # "a teenager was stabbed to death": any singular noun phrase, but only with "was"
    re_single2 = re.compile(
        rf"\b(?P<q>a|an|one)\s+(?P<np>(?:(?!{stop}\b)[\w'’\-]+\s+){{0,2}}?(?!{stop}\b)[\w'’\-]+)\s+"
        rf"(?P<aux>was|has\s+been|had\s+been)(?:\s+(?:reportedly|allegedly|later|also|then))?{mid}\s+(?P<v>{passive})\b",
        flags)
    re_pron = re.compile(
        rf"\b(?P<q>he|she)\s+(?P<aux>was|has\s+been|had\s+been)(?:\s+(?:reportedly|allegedly|later|also|then))?{mid}"
        rf"\s+(?P<v>{passive})\b", flags)
    re_hostage = re.compile(
        rf"\b(?:took|taking|take|takes|held|holding|hold|holds)\s+(?P<q>{count}|a|an|one)\s+(?:(?P<np>{np_any})\s+)?"
        rf"(?:as\s+)?(?:hostages?|captives?)\b", flags)
    re_to_death = re.compile(
        rf"\b(?:beat|beaten|beating|stabbed|stabbing|hacked|hacking|burned|burnt|burning|shot|stoned|stoning|clubbed|"
        rf"tortured|torturing|lynched|lynching|whipped|kicked)\s+(?:(?P<pron>him|her|them)|(?P<q>{count}|a|an|one|the|his|"
        rf"her|their)\s+(?P<np>(?:(?!{stop}\b)[\w'’\-]+\s+){{0,3}}?[\w'’\-]+))\s+to\s+death\b", flags)
    re_found = re.compile(
        rf"\b(?P<q>{count}|a|an|the|one)\s+(?:[\w'’\-]+\s+){{0,3}}?(?P<np>bod(?:y|ies)|corpses?)\s+(?:[\w'’,\-]+\s+){{0,6}}?"
        rf"(?:was|were|have\s+been|has\s+been|had\s+been)\s+(?:\w+\s+)?(?:found|discovered|recovered|retrieved|dumped|"
        rf"located)\b", flags)
    obj = (rf"(?:(?P<pron>himself|herself|themselves|him)\b|(?P<q>{count}|the|a|an|one|another|his|her|their)"
           rf"{_UNIT_AFTER}(?![\w-])"
           rf"(?:\s+(?P<np>{np_any}))?(?P<more>(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+){item})*)")
    re_active = re.compile(
        rf"\b(?P<v>{active})(?:\s*(?:and|or|/|,)\s*(?:(?P<v2>{active})|(?-i:[a-z]+ed)))?\s+(?:at\s+least\s+)?{obj}",
        flags)
    re_suffer = re.compile(
        rf"(?<![\w-])(?P<q>{count}|a|an|one)\s+(?P<np>{np_any}){pp}\s+(?:\w+\s+){{0,2}}?(?:suffered|sustained|received|"
        rf"were\s+treated\s+for|was\s+treated\s+for)\s+(?:[\w-]+\s+){{0,3}}?(?P<v>{_alt(suffer)})\b", flags)
    re_bodies = re.compile(
        rf"\b(?:dead\s+)?(?:bodies|body|corpses|corpse|remains)\s+of\s+(?P<q>{count}|a|an|one|another)\s+(?P<np>{np_any})",
        flags)
    re_item = re.compile(rf"(?P<q>{count}|a|an|one|another|his|her|their)\s+(?P<np>{np_any}|{proper})", flags)
    qty_group = rf"(?:{qty})(?![\w-])"
    re_tolls = tuple(re.compile(p.replace("{QTY}", qty_group), flags) for p in raw["toll_patterns"])
    re_zero = tuple(re.compile(p, flags) for p in raw["zero_patterns"])
    re_annot = tuple(re.compile(p) for p in raw["annotation_patterns"])
    re_aggr = re.compile("|".join(f"(?:{p})" for p in raw["aggregate_cues"]), flags)
    return _Lex(
        passive_kind=passive_kind,
        active_kind=active_kind,
        singular=frozenset(singular),
        zero_nouns={re.sub(r"\s+", " ", k.lower()): tuple(v) for k, v in raw["zero_nouns"].items()},
        vague_values={k: int(v) for k, v in (raw.get("vague_values") or {}).items()},
        re_passive=re_passive, re_single=re_single, re_single2=re_single2, re_found=re_found, re_pron=re_pron, re_hostage=re_hostage, re_to_death=re_to_death, re_active=re_active, re_suffer=re_suffer, re_bodies=re_bodies,
        re_item=re_item, re_head_after=re.compile(rf"\s+(?:{head})\b", flags), re_tolls=re_tolls, re_zero=re_zero, re_annot=re_annot, re_aggr=re_aggr,
        re_vague=re.compile(rf"^(?:{vague})(?:\s+of)?$", flags),
        re_key=re.compile(rf"\b(?:{_alt(_key_words(passive_kind, active_kind, suffer))})\b", flags),
        re_subset=re.compile("|".join(f"(?:{p})" for p in raw["subset_patterns"]), flags)
        if raw.get("subset_patterns") else None,
        attackers=frozenset(re.sub(r"\s+", " ", w.lower()) for w in raw.get("attacker_victims") or ()),
        re_additive=re.compile("|".join(f"(?:{p})" for p in raw["additive_cues"]), flags)
        if raw.get("additive_cues") else None,
        re_additive_before=re.compile(r"(?:" + "|".join(f"(?:{p})" for p in raw["additive_cues"]) + r")\s+(?:\w+\s+)?$",
                                      flags) if raw.get("additive_cues") else None,
        re_additive_block=re.compile("|".join(f"(?:{p})" for p in raw["additive_blockers"]), flags)
        if raw.get("additive_blockers") else None,
    )


_KEY_STOP = frozenset("were was the a an of to and on in his her their its ont été a été sont foram fueron have has had "
                      "been for at".split())
_KEY_EXTRA = ("casualties", "casualty", "fatalities", "fatality", "deaths", "death", "dead", "victims", "victim", "toll",
              "bilan", "coded", "split", "total", "body", "bodies", "corpse", "corpses", "remains", "nobody", "none",
              "one", "injuries", "injury", "arrests", "hurt", "harmed", "loss", "lives", "died", "killed", "morts",
              "victimes", "blessés", "aucun", "aucune", "unharmed", "suffered", "sustained", "received", "treated")


def _key_words(*groups: Iterable[str]) -> list[str]:
    """Every word of the toll vocabulary: a sentence without one cannot hold a toll."""
    words = set(_KEY_EXTRA)
    for g in groups:
        for entry in g:
            words.update(w for w in entry.lower().split() if w not in _KEY_STOP)
    return sorted(words)


def _get_lex() -> _Lex:
    return packaged_yaml_once("sigact.extract", "data/tolls.yaml", _build, "toll lexicon")


_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9])|\n+")
# an active past form followed by its object: "3 gunmen killed a farmer" is not "3 killed"
_OBJECT_AFTER = re.compile(r"\s+(?:a|an|another|the|his|her|their|its|one|two|three|four|five|six|seven|eight|nine|ten|\d|him|"
                           r"them|several|dozens|scores|hundreds|at\s+least|more\s+than|some|many)\b", re.I)
_IRREALIS_BEFORE = re.compile(r"\b(?:to|will|would|could|might|must|should|not|never|threatened|vowed)\s+$", re.I)
_PASSIVE_AUX = re.compile(r"\b(?:were|was|been|are|is|got|sont|été|fueron|foram)\b", re.I)
# after an auxiliary-less participle ("3 soldiers killed in ..."): what may follow a passive reading
_PASSIVE_AFTER = re.compile(
    r"\s*(?:$|[,.;:)\]]|\s(?:in|on|at|by|during|near|when|after|while|as|amid|amidst|following|over|since|across|inside|"
    r"outside|from|with|overnight|yesterday|today|last|this|early|late|around|between|along|within|to|were|was|are|is|"
    r"have|has|had|and\s+(?:\S+\s+){0,3}?"
    r"(?:injured|wounded|hurt|missing|dead|\d+|one|two|three|four|five|six|seven|eight|nine|ten)|"
    # French headlines: "un tué et un blessé", "deux tués et trois disparus", "un blessé dans une attaque"
    r"dans|lors|près|pendant|par|au|aux|à|"
    r"et\s+(?:\S+\s+){0,2}?(?:blessée?s?|disparue?s?|capturée?s?|enlevée?s?|\d+|une?|deux|trois|quatre|cinq))\b)", re.I)
_INCLUDING = re.compile(r",?\s+(?:including|among\s+them|among\s+whom)\s+[^,]*?(?=\s+and\s+|,|$)", re.I)
_NOUN_AFTER = re.compile(r"\s+((?!(?:" + _STOP + r")\b)[A-Za-z][\w'’\-]*(?:\s+[a-z][\w'’\-]*)?)")
_KILLED_OR_INJURED = re.compile(r"\s*(?:or|and|/|and/or)\s*(?:wounded|injured|hurt)\b", re.I)
_YEARLIKE = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
_MONTH_BEFORE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$", re.I)


def _sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _SENT_SPLIT.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _mid_kinds(lex: _Lex, m: re.Match[str], kind: str) -> list[str]:
    """Returns the other toll kinds told between the auxiliary and the verb of a passive match ("one was
    injured and arrested": injured, beside arrested); an injury before a death is no toll of its own
    ("was wounded by a stray bullet and later died")."""
    mid = m.groupdict().get("mid")
    if not mid:
        return []
    kinds = [lex.passive_kind[w] for w in mid.lower().split() if w in lex.passive_kind]
    return [k for k in dict.fromkeys(kinds) if k != kind and not (kind == "killed" and k == "injured")]


def _active_reading(lex: _Lex, text: str, m: re.Match[str], verb: str) -> bool:
    """True when a "<count> <noun> <verb>" match reads as active voice ("3 gunmen killed a farmer",
    "a number of herders killed and stole sheep"): no passive auxiliary, a transitive verb,
    and no preposition or punctuation after it."""
    if _PASSIVE_AUX.search(m.group("aux") or "") or _KILLED_OR_INJURED.match(text, m.end()):
        return False
    if m.group("mid") or _OBJECT_AFTER.match(text, m.end()):
        return True
    return verb in lex.active_kind and not _PASSIVE_AFTER.match(text, m.end())


def _value(lex: _Lex, kind: str, q: str, np: str | None) -> tuple[int | None, bool]:
    """(value, vague) of a count phrase for ``kind``."""
    ql = re.sub(r"\s+", " ", q.strip().lower())
    if ql in ("the", "this", "that", "his", "her", "their"):
        return (1, False) if np and np.split()[-1].lower() in lex.singular else (None, False)
    if ql == "both":
        return 2, False
    if ql == "another":
        return 1, False
    if lex.re_vague.match(ql):
        return lex.vague_values.get(kind), True
    return parse_quantity(ql), False


def _list_value(lex: _Lex, kind: str, first: int | None, more: str | None) -> int | None:
    if not more or first is None:
        return first
    total = first
    more = _INCLUDING.sub(" ", more)
    for m in lex.re_item.finditer(more):
        v, vague = _value(lex, kind, m.group("q"), m.group("np"))
        if v is None or vague:
            return first
        total += v
    return total


def find_tolls(text: str, offset: int = 0) -> list[TollMention]:
    """Toll statements of ``text`` (a sentence, clause or whole note), left to right.

    Offsets are shifted by ``offset`` (pass the position of ``text`` in the article).
    A number is used by one statement at most.  Returns an empty list for empty text.
    """
    if not text:
        return []
    lex = _get_lex()
    sents = _sentences(text)
    sent_starts = [s for s, _ in sents]
    cands: list[tuple[int, tuple[int, int], TollMention]] = []  # (priority, number span, mention)

    def sent_of(pos: int) -> int:
        return max(bisect.bisect_right(sent_starts, pos) - 1, 0)

    def aggregate(pos: int) -> bool:
        s0, s1 = sents[sent_of(pos)]
        return bool(lex.re_aggr.search(text, s0, s1))

    def add(prio: int, kind: str, value: int | None, s: int, e: int, qspan: tuple[int, int], victim: str | None,
            *, toll: bool = False, vague: bool = False, annotation: bool = False, aggr: bool | None = None) -> None:
        if kind not in TOLL_KINDS:
            return
        cands.append((prio, qspan, TollMention(
            kind=kind, value=value, start=s + offset, end=e + offset, text=text[s:e],
            victim_text=victim.strip() if victim else None,
            aggregate=aggregate(s) if aggr is None else aggr, toll=toll, vague=vague, annotation=annotation,
            sentence=sent_of(s))))

    spans = [(s0, s1) for s0, s1 in sents if lex.re_key.search(text, s0, s1)]

    def scan(pat: re.Pattern[str]) -> Iterable[re.Match[str]]:
        # only sentences with a toll word; matches never cross a sentence boundary
        for s0, s1 in spans:
            yield from pat.finditer(text, s0, s1)

    def bad_number(m: re.Match[str]) -> bool:
        q = m.groupdict().get("q")
        if q is None:
            return False
        if _YEARLIKE.match(q.strip()):
            return True
        return bool(_MONTH_BEFORE.search(text[max(0, m.start("q") - 12):m.start("q")]))

    for pat in lex.re_annot:
        for m in scan(pat):
            add(0, "killed", int(m.group("n")), m.start(), m.end(), (m.start("n"), m.end("n")), None,
                annotation=True, aggr=False)
    for pat in lex.re_zero:
        for m in scan(pat):
            kinds: list[str] = []
            for g in ("what", "what2"):
                w = m.groupdict().get(g)
                if not w:
                    continue
                key = re.sub(r"\s+", " ", w.lower())
                key = key.split()[-1] if key not in lex.zero_nouns else key
                kinds += list(lex.zero_nouns.get(key, ()))
            for k in dict.fromkeys(kinds):
                add(1, k, 0, m.start(), m.end(), (m.start(), m.end()), None, aggr=False)
    for pat in lex.re_tolls:
        for m in scan(pat):
            if bad_number(m):
                continue
            v = parse_quantity(m.group("q"))
            if v is not None:
                add(2, "killed", v, m.start(), m.end(), m.span("q"), None, toll=True)
    for m in scan(lex.re_suffer):
        if bad_number(m):
            continue
        v, vague = _value(lex, "injured", m.group("q"), m.group("np"))
        add(3, "injured", v, m.start(), m.end(), m.span("q"), m.group("np"), vague=vague)
    for m in scan(lex.re_passive):
        if bad_number(m):
            continue
        verb = re.sub(r"\s+", " ", m.group("v").lower())
        if _active_reading(lex, text, m, verb):
            continue  # "3 gunmen killed a farmer": active voice, the count is the perpetrators
        kind = lex.passive_kind[verb]
        qg, npg = ("q", "np") if m.group("q") is not None else ("q1", "np1")
        v, vague = _value(lex, kind, m.group(qg), m.group(npg))
        if lex.re_head_after.match(text, m.end()):
            continue  # "one injured policeman later died": an adjective, not the toll
        if not vague and m.group("more"):
            v = _list_value(lex, kind, v, m.group("more"))
        qspan = (m.start(qg), m.start("v"))
        both = _KILLED_OR_INJURED.match(text, m.end()) if kind == "killed" else None
        if both and (v is None or v > 1 or vague):
            # "20 soldiers killed or wounded": the split is unknown -> ACLED's unknown count
            add(4, "killed", lex.vague_values.get("killed"), m.start(), both.end(), qspan, m.group(npg), vague=True)
            add(4, "injured", lex.vague_values.get("injured"), m.start(), both.end(), (qspan[0], qspan[0]),
                m.group(npg), vague=True)
            continue
        add(4, kind, v, m.start(), m.end(), qspan, m.group(npg), vague=vague)
        for k2 in _mid_kinds(lex, m, kind):
            add(4, k2, v, m.start(), m.end(), (qspan[0], qspan[0]), m.group(npg), vague=vague)
    for prio, pat in ((5, lex.re_single), (6, lex.re_single2), (6, lex.re_pron)):
        for m in scan(pat):
            verb = re.sub(r"\s+", " ", m.group("v").lower())
            if _active_reading(lex, text, m, verb):
                continue
            kind = lex.passive_kind[verb]
            v = 1 if prio == 6 else _value(lex, kind, m.group("q"), m.group("np"))[0]
            if v is not None:
                add(prio, kind, v, m.start(), m.end(), (m.start("q"), m.start("v")), m.groupdict().get("np") or m.group("q"))
                for k2 in _mid_kinds(lex, m, kind):
                    add(prio, k2, v, m.start(), m.end(), (m.start("q"), m.start("q")), m.groupdict().get("np") or m.group("q"))
    for m in scan(lex.re_to_death):
        if m.group("pron"):
            v: int | None = None if m.group("pron").lower() == "them" else 1
            vague, np_txt = False, m.group("pron")
        else:
            if bad_number(m):
                continue
            q, np_txt = m.group("q"), m.group("np")
            v, vague = (1, False) if q.lower() in ("a", "an", "one") else _value(lex, "killed", q, np_txt)
        if v is not None:
            add(7, "killed", v, m.start(), m.end(), (m.start(), m.end()), np_txt, vague=vague)
    for m in scan(lex.re_hostage):
        if bad_number(m):
            continue
        v, vague = _value(lex, "abducted", m.group("q"), m.group("np"))
        add(7, "abducted", v, m.start(), m.end(), (m.start("q"), m.end()), m.group("np"), vague=vague)
    for m in scan(lex.re_found):
        if bad_number(m):
            continue
        q = m.group("q").lower()
        if q == "the":
            continue  # "the body was found": the victim of a toll stated elsewhere
        v, vague = (1, False) if q in ("a", "an", "one") else _value(lex, "killed", q, None)
        add(8, "killed", v, m.start(), m.end(), (m.start("q"), m.end()), m.group("np"), vague=vague)
    for m in scan(lex.re_active):
        if _IRREALIS_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "attempted to kill a detainee", "threatened to kill"
        verb = re.sub(r"\s+", " ", m.group("v").lower())
        kind = lex.active_kind[verb]
        v2 = m.group("v2")
        kind2 = lex.active_kind.get(re.sub(r"\s+", " ", v2.lower())) if v2 else None
        if m.group("pron"):
            pron = m.group("pron").lower()
            value = None if pron in ("themselves",) else 1
            qspan = m.span("pron")
            victim, vague = m.group("pron"), False
        else:
            if bad_number(m):
                continue
            q, np = m.group("q"), m.group("np")
            if q.lower() in ("the", "a", "an") and not np:
                nxt = _NOUN_AFTER.match(text, m.end("q"))
                if q.lower() == "the" or not nxt:
                    continue
                np = nxt.group(1)
            value, vague = _value(lex, kind, q, np)
            if value is None and q.lower() == "the":
                continue
            qspan, victim = (m.start("q"), m.end()), np
            if not vague and m.group("more"):
                value = _list_value(lex, kind, value, m.group("more"))
        if kind2 and kind2 != kind:
            if {kind, kind2} == {"killed", "injured"} and (value is None or value > 1 or vague):
                # "killing and injuring 12 soldiers": the split is unknown -> ACLED's unknown count
                add(7, kind, lex.vague_values.get(kind), m.start(), m.end(), qspan, victim, vague=True)
                add(7, kind2, lex.vague_values.get(kind2), m.start(), m.end(), (qspan[0], qspan[0]), victim, vague=True)
            else:  # "abducted and killed a herder": both happened to the same victims
                add(7, kind, value, m.start(), m.end(), qspan, victim, vague=vague)
                add(7, kind2, value, m.start(), m.end(), (qspan[0], qspan[0]), victim, vague=vague)
            continue
        add(7, kind, value, m.start(), m.end(), qspan, victim, vague=vague)
    for m in scan(lex.re_bodies):
        if bad_number(m):
            continue
        v, vague = _value(lex, "killed", m.group("q"), m.group("np"))
        add(8, "killed", v, m.start(), m.end(), m.span("q"), m.group("np"), vague=vague)

    # one statement per number: earlier priority wins, then longer statements
    cands.sort(key=lambda c: (c[0], -(c[2].end - c[2].start)))
    used: list[tuple[int, int, str]] = []
    out: list[TollMention] = []
    for prio, (q0, q1), men in cands:
        clash = False
        for u0, u1, ukind in used:
            if q0 < u1 and u0 < q1 or (q0 == q1 == u0 == u1):
                clash = prio != 1 or ukind == men.kind
                if clash:
                    break
        if clash:
            continue
        used.append((q0, q1, men.kind))
        out.append(_mark_additive(lex, text, offset, men, sents[sent_of(men.start - offset)]))
    out.sort(key=lambda t: (t.start, t.kind))
    return out


def _attacker_victims(lex: _Lex, m: TollMention) -> bool:
    """True when the victims of ``m`` are the attacking side ("the gunman", "three of the attackers")."""
    if not m.victim_text:
        return False
    words = re.findall(r"[^\W\d_]+", m.victim_text.lower())
    return bool(words) and (words[-1] in lex.attackers or " ".join(words[-2:]) in lex.attackers)


def _mark_additive(lex: _Lex, text: str, offset: int, m: TollMention, sent: tuple[int, int]) -> TollMention:
    """``m`` with ``additive`` set when it counts the attacking side or carries an additive cue
    ("also", "as well") in its statement or in the two words before it, and its sentence ``sent``
    (local offsets) makes no unconfirmed claim; returns ``m`` unchanged else."""
    if m.toll or m.annotation or m.aggregate or not m.value:
        return m
    if lex.re_additive_block is not None and lex.re_additive_block.search(text, *sent):
        return m
    s = m.start - offset
    cue = lex.re_additive is not None and (
        lex.re_additive.search(m.text) is not None
        or lex.re_additive_before.search(text, max(0, s - 30), s) is not None)  # type: ignore[union-attr]
    if cue or _attacker_victims(lex, m):
        return replace(m, additive=True)
    return m


def summarize_tolls(mentions: Iterable[TollMention]) -> dict[str, int | None]:
    """One count per kind for the text of a single event (ACLED conventions).

    A coder annotation ("Fatalities coded as N") decides ``killed``.  Otherwise aggregate
    totals are ignored; statements in one sentence add up ("killing 3 soldiers ... and 2
    civilians were killed"), separate sentences restate the same toll (the largest wins), a
    "death toll rose to N" total is the largest candidate; a vague count ("several killed")
    is used only without a figure, and a "no casualties" zero only without any count; a part of a
    toll already counted ("nine of those killed", ``subset_patterns``) is never added to it.
    Deaths on the attacking side count too: a sentence whose counts are all ``additive``
    ("Three of the attackers were also killed", "the gunman was shot dead") adds to the
    largest other sentence's total instead of restating it (the attackers' own sentences
    restate each other: the largest is added once; not when that largest sentence already
    counts attackers).
    ``None`` means the text states nothing for that kind.
    """
    ms = list(mentions)
    out: dict[str, int | None] = {k: None for k in TOLL_KINDS}
    for kind in TOLL_KINDS:
        own = [m for m in ms if m.kind == kind and not m.aggregate and not m.annotation]
        figures = [m for m in own if m.value and not m.vague]
        if figures:
            out[kind] = _figure_total(figures)
            continue
        vague = [m.value for m in own if m.vague and m.value is not None]
        if vague:
            out[kind] = max(vague)
        elif any(m.value == 0 for m in own):
            out[kind] = 0
    annotations = [m for m in ms if m.annotation and m.kind == "killed" and m.value is not None]
    if annotations:
        out["killed"] = annotations[-1].value
    return out


def _figure_total(figures: list[TollMention]) -> int:
    """The toll of one kind from its stated figures (see :func:`summarize_tolls`)."""
    lex = _get_lex()
    subset = lex.re_subset
    parts = [m for m in figures if not m.toll and subset is not None and subset.search(m.text)]
    sentences: dict[int, list[TollMention]] = defaultdict(list)
    for m in figures:
        if not m.toll and m not in parts:
            sentences[m.sentence].append(m)
    total = {i: sum(m.value or 0 for m in ms) for i, ms in sentences.items()}
    extra = {i for i, ms in sentences.items() if all(m.additive for m in ms)}
    main = [i for i in sentences if i not in extra] or sorted(sentences)[:1]  # the first toll stated is the base
    best = max([total[i] for i in main] + [m.value or 0 for m in parts], default=0)
    if main and sentences:
        top = max(main, key=lambda i: total[i])
        top_attackers = any(_attacker_victims(lex, m) for m in sentences[top])
        # an attackers-only sentence restates the attackers a base sentence already counts
        restated = {i for i in extra if top_attackers and all(_attacker_victims(lex, m) for m in sentences[i])}
        adds = [total[i] for i in extra if i not in main and i not in restated]
        # additive sentences may restate one another ("two soldiers also died" twice): the largest adds once
        best = max([best + max(adds, default=0)] + [total[i] for i in restated])
    return max([best] + [m.value or 0 for m in figures if m.toll])


def find_tolls_in_span(doc: Any, start: int, end: int) -> list[TollMention]:
    """Toll statements inside characters ``[start, end)`` of a spaCy ``doc`` (or string),
    offsets relative to the whole document.  Returns ``find_tolls`` over that slice."""
    text = doc if isinstance(doc, str) else doc.text
    start = max(0, int(start))
    end = min(len(text), int(end))
    if end <= start:
        return []
    return find_tolls(text[start:end], offset=start)
