"""Roles and admin chains of the detected toponyms of one article.

:func:`assign_roles` decides, for each :class:`~sigact.geo.detect.Span`, whether it names where
something happens (``role="place"``, ``site`` when a locative preposition or attack verb cues it), an
attribute or actor ("Iraq's", "the US launched", "forces of Artsakh": ``modifier``), an organisation
(``org``) or a neighbour for orientation ("near the border with Nigeria": ``neighbour``); and links
"Town, Admin1" / "Town (Admin2, Admin1)" chains (``parents``, ``is_parent``, ``paren_tail``).
"""

from __future__ import annotations

import re
from typing import Any

from sigact.geo.detect import Span, lookup
from sigact.geo.docgeo import DATELINE_TAIL
from sigact.geo.gazetteer import Gazetteer
from sigact.geo.lexicon import FACILITY_NOUN, MODIFIED_NOUNS, PARENT_GAP, REPORTING


def assign_roles(doc: Any, spans: list[Span], org_ranges: list[tuple[int, int]], gaz: Gazetteer) -> list[Span]:
    """Sets the roles, site cues and admin-chain links of ``spans`` (found in ``doc``; ``org_ranges``:
    the char ranges of ORG/NORP entities) in place.  Returns the spans sorted by start, without those
    that are a currency ("US dollar")."""
    text = doc.text
    spans.sort(key=lambda s: s.start)
    for sp in spans:
        after = text[sp.end:sp.end + 25].lower()
        nxt = re.match(r"^\s*(?:'s|’s|-based|-backed|-born|\s*-?\s*allied)?\s*([a-z'-]+)", after)
        admin_word = nxt is not None and nxt.group(1) == "state" and any(
            c.kind == "admin1" for c in lookup(gaz, sp.text))  # "Plateau state": a cue, not "the US state"
        poss = re.match(r"^(?:'s|’s)\s+(\S+)", text[sp.end:sp.end + 40])
        # "Iraq's", "Kano's governor", "Syria's Idlib": an attribute; "Afrin's entrances", "Kabul's
        # airport": the place itself
        poss_mod = poss is not None and (poss.group(1)[:1].isupper() or poss.group(1).lower() in MODIFIED_NOUNS
                                         or any(c.kind == "country" and c.quality == 0 for c in lookup(gaz, sp.text)))
        if poss_mod or (nxt and nxt.group(1) in MODIFIED_NOUNS and not sp.site
                                                       and sp.kind_hint != "admin" and not admin_word):
            if sp.role == "place" and not sp.site:
                sp.role = "modifier"
        head = _head_dep(doc, sp.start, sp.end)
        if not sp.site and head in ("nsubj", "nsubjpass", "poss", "compound", "amod", "nmod") and sp.role == "place" \
                and any(c.kind == "country" and c.quality == 0 for c in lookup(gaz, sp.text)):
            sp.role = "modifier"
        in_org = any(oa <= sp.start and sp.end <= ob and (ob - oa) > (sp.end - sp.start) for oa, ob in org_ranges)
        if in_org and not sp.site and sp.source == "ent":
            sp.role = "org"
    for k, sp in enumerate(spans):
        for nk in range(k + 1, min(k + 4, len(spans))):
            nx = spans[nk]
            gap = text[spans[nk - 1].end:nx.start]
            if PARENT_GAP.fullmatch(gap) or (nk > k + 1 and re.fullmatch(r"\s*,\s*", gap)):
                sp.parents.append(nx)
            else:
                break
        for par in sp.parents:
            par.is_parent = True
        # "in Aleppo, Idlib and Hama" is a list, not "town, admin1"
        if sp.parents and re.match(r"^\s*,?\s*(?:and|or)\s+[A-Z]", text[sp.parents[-1].end:sp.parents[-1].end + 12]):
            sp.parents = []
    for sp in spans:  # "DOHA, Qatar —", "KYIV (Reuters) -": a dateline names where the report is from
        if (sp.start == 0 or text[sp.start - 1] == "\n") and DATELINE_TAIL.match(text, sp.end):
            sp.site, sp.role = True, "place"
    # site cue carries along lists and hierarchies: "in Iraq and Syria", "in Beni, Nord-Kivu"
    for prev, sp in zip(spans, spans[1:]):
        gap = text[prev.end:sp.start]
        if prev.site and not sp.site and re.fullmatch(r"\s*(?:,|\(|and|or|,\s*and|,\s*or)\s*", gap):
            sp.site = True
    for sp in spans:  # "raided Jenin in the West Bank": the child of a site-cued parent is the site
        if not sp.site and any(p.site for p in sp.parents):
            sp.site = True
        if sp.site and _is_speaker(doc, sp.start, sp.end):
            sp.site = False  # "the ministry in Baghdad said": where the speaker sits
            sp.role = "modifier"
    spans = [sp for sp in spans if not re.match(r"^\s+dollars?\b", text[sp.end:sp.end + 10])]  # "US dollar"
    _facility_names(text, spans)
    for sp in spans:
        sp.paren_tail = text[sp.end:sp.end + 1] == ")" and bool(
            re.search(r"\([^()\n]{1,60},\s*$", text[max(0, sp.start - 62):sp.start]))
    for sp in spans:  # "military forces of Artsakh": the place names an actor
        if sp.role == "place" and re.search(
                r"\b(?:forces|army|troops|militia|militias|soldiers|police|government|authorities|ministry|"
                r"president|governor|people|residents|citizens|natives|members|navy|units?)\s+of\s+(?:the\s+)?$",
                text[max(0, sp.start - 30):sp.start], re.I):
            sp.role, sp.site = "modifier", False
    for sp in spans:  # "near the border with Nigeria", "close to the Niger border": a neighbour for orientation
        if (re.search(r"\bborders?\s+(?:with|of)\s+(?:the\s+)?$", text[max(0, sp.start - 25):sp.start])
                or re.match(r"\s*(?:'s\s+|’s\s+)?borders?\b(?!\s+(?:town|city|village|region|province|"
                            r"district|area|state|post|crossing)s?\b)", text[sp.end:sp.end + 30])) and \
                any(c.kind == "country" and c.quality == 0 for c in lookup(gaz, sp.text)):
            sp.role, sp.site = "neighbour", False
    for sp in spans:
        if not sp.site and not sp.paren_tail and sp.role == "place" and sp.start > 0 and \
                any(c.kind == "country" and c.quality == 0 for c in lookup(gaz, sp.text)):
            sp.role = "modifier"  # "the US launched", "US dollar": an actor or attribute, not a location
    return spans


def _facility_names(text: str, spans: list[Span]) -> None:
    """"Los Angeles cemetery", "Black Sea neighbourhood": a place name that names a facility or
    street is not where the event is when the text names another place as a site; otherwise it
    stays what it was ("in Eldoret church").  Sets ``role``/``site`` in place."""
    named = [sp for sp in spans if FACILITY_NOUN.match(text, sp.end)]
    if not named:
        return
    # "in Tegucigalpa ... in Los Angeles cemetery": another place named as a site wins;
    # "Kenya: ... in Eldoret church": the church is in Eldoret, which stays the site
    other = any(sp not in named and sp.role == "place" and sp.site for sp in spans)
    for sp in named:
        if other:
            sp.site, sp.role = False, "modifier"


def _is_speaker(doc: Any, start: int, end: int) -> bool:
    """True when chars [start, end) sit inside the subject of a reporting verb."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    seen_prep = False
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX") and anc.dep_ not in ("amod", "acl"):
            return False
        if anc.dep_ == "prep":
            seen_prep = True
        if anc.dep_ in ("nsubj", "nsubjpass") and anc.head.lemma_ in REPORTING:
            return seen_prep  # "the ministry in Baghdad said", not a misparse of "in Mandalay, ... said"
    return False


def _head_dep(doc: Any, start: int, end: int) -> str:
    """Dependency label of the syntactic head of chars [start, end) ('' when unknown)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    try:
        return span.root.dep_
    except (ValueError, AttributeError):
        return ""
