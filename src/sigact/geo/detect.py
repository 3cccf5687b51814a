"""Detection of candidate toponyms in one article: the :class:`Span` records that
:mod:`sigact.geo.roles` then gives roles and admin chains, and that :mod:`sigact.geo.scoring` resolves.

Sources, in order (a character claimed by one is never claimed again): the outlet of a source line
and group names glued to "-run"/"-held" (never places); cue phrases ("the village of X", "X province",
Spanish/French/Portuguese "en el municipio de X"); parenthesised admin chains ("(Baydhaba, Bay)");
the ends of a road; spaCy GPE/LOC/FAC entities; then capitalised n-grams the gazetteer knows (the
small model tags many towns ORG or PERSON), with a transliteration-tolerant skeleton match after a
locative preposition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sigact.geo.chains import admin1_abbreviations
from sigact.geo.countries import demonym_to_iso3
from sigact.geo.gazetteer import Candidate, Gazetteer, ascii_name
from sigact.geo.lexicon import (
    ADMIN_WORDS, ATTACK_VERBS, CONNECT, FACILITY_TAIL, GROUP_ADJ, LOC_PREPS, NOT_PLACE, ROAD_ENDS,
    LOWER_ARTICLES, NAME_HEAD_TITLES, ROMANCE_ADMIN, ROMANCE_CUE, ROMANCE_SETTLEMENT, SETTLEMENT_TITLES,
    SETTLEMENT_WORDS, SITE_PREPS,
    SKIP_BEFORE, SOURCE_LINE,
)

# " e Abdollah", " de Buga": a lower-case connector and one or two capitalised words after a name
_CONNECTED_TAIL = re.compile(r" ([a-z]{1,4}) ([A-Z][\w'’-]+)(?: [A-Z][\w'’-]+)?")
# a capitalised name of up to five words after a cue word ("the village of Tall Rifaat")
_NAME = r"((?:[A-Z][\w'’-]+|al-|el-)(?:[ -](?:[A-Z][\w'’-]+|al|el|de|del|la|ad|as|ash|an|ar|az|bin|of)){0,4})"


@dataclass
class Span:
    """A candidate toponym: its character range, how it was found (``source``), its role in the
    sentence, its admin-chain links, and (once resolved) its chosen candidate, score and support."""

    start: int
    end: int
    text: str
    source: str  # ent | ngram | cue
    kind_hint: str | None = None  # settlement | admin
    site: bool = False
    role: str = "place"
    parents: list["Span"] = field(default_factory=list)
    cands: tuple[Candidate, ...] = ()
    best: Candidate | None = None
    score: float = 0.0
    margin: float = 0.0
    own_weight: float = 0.0
    own_iso: str | None = None
    parent_mismatch: bool = False
    supported: bool = True
    is_parent: bool = False
    outside_ctx: bool = False
    paren_tail: bool = False  # "(Rafi LGA, Niger)": the last item of a parenthesised admin chain
    alias: str | None = None  # the admin1 an abbreviation stands for ("J&K" -> "Jammu and Kashmir")
    road_end: bool = False  # "the Sidon-Tyr highway": an end of a road, which sets no admin1 context


def lookup(gaz: Gazetteer, text: str) -> tuple[Candidate, ...]:
    """Gazetteer candidates for a mention (leading "the" dropped when needed); ``()`` when none."""
    t = text.strip(" ,.;:'\"()[]")
    if len(t) < 2:
        return ()
    cands = gaz.lookup(t)
    if not cands and t.lower().startswith("the "):
        cands = gaz.lookup(t[4:])
    if not cands and len(t) > 6 and t.lower().endswith("iyeh"):
        # Arabic final -iyeh, written -iye or -ieh elsewhere ("Nabatiyeh": Nabatiye / Nabatieh)
        cands = gaz.lookup(t[:-4] + "ieh") or gaz.lookup(t[:-1])
    return cands


class Detection:
    """One article's detection: ``Detection(doc, gaz).run()`` fills ``spans`` (candidate toponyms, in
    the order found), ``taken`` (per character: claimed by a span or by a name that is never a place),
    ``norp_taken`` (nationality entities, marked taken) and ``org_ranges`` (ORG/NORP entities).  Each
    pass method adds spans or claims characters; earlier passes win."""

    def __init__(self, doc: Any, gaz: Gazetteer):
        self.doc, self.gaz = doc, gaz
        self.text: str = doc.text
        self.spans: list[Span] = []
        self.taken = [False] * (len(self.text) + 1)
        self.norp_taken: list[tuple[int, int]] = []
        self.title_lines: list[tuple[int, int]] = []
        for m in re.finditer(r"[^\n]+", self.text):
            words = re.findall(r"[^\W\d_][\w'’-]{3,}", m.group(0))
            if len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) >= 0.6:
                self.title_lines.append((m.start(), m.end()))
        self.ents = list(doc.ents)
        self.org_ranges = [(e.start_char, e.end_char) for e in self.ents if e.label_ in ("ORG", "NORP")]
        self.person_ranges = [(e.start_char, e.end_char) for e in self.ents if e.label_ == "PERSON"]

    def run(self) -> None:
        """Runs the passes in order (the order matters: earlier passes claim characters first)."""
        self._blocked()
        self._cue_phrases()
        self._romance_cues()
        self._chains_and_roads()
        self._entities()
        self._ngrams()

    def _lookup(self, text: str) -> tuple[Candidate, ...]:
        """Returns :func:`lookup` of ``text`` in this article's gazetteer."""
        return lookup(self.gaz, text)

    def free(self, a: int, b: int) -> bool:
        """True when no character of [a, b) is claimed yet."""
        return not any(self.taken[a:b])

    def add(self, sp: Span) -> None:
        """Adds ``sp`` and claims its characters."""
        self.spans.append(sp)
        taken = self.taken
        for i in range(sp.start, sp.end):
            taken[i] = True

    def prev_word(self, char_start: int) -> str:
        """The word before a position, skipping articles and direction adjectives (lower-cased, "" if none)."""
        text = self.text
        words = re.findall(r"[^\W\d_][\w'-]*|[,;:()]", text[max(0, char_start - 60):char_start])
        while words and (words[-1].lower() in SKIP_BEFORE or GROUP_ADJ.fullmatch(words[-1])
                         or words[-1] in LOWER_ARTICLES):
            words.pop()  # "in Houthi-held Hodeidah": the group adjective says who holds it; "in el Hermel"
        if len(words) >= 2 and words[-1].lower() == "to" and words[-2].lower() in ("close", "next", "adjacent"):
            return "near"
        if len(words) >= 2 and words[-1].lower() in ("de", "d'", "d’") and words[-2].lower() in (
                "près", "proche", "proches", "autour", "environs", "ville", "localité", "région", "commune",
                "village", "quartier", "préfecture", "sous-préfecture", "périphérie", "sortie", "entrée"):
            return "near"  # French: "près de Kaga-Bandoro", "la localité de Simbolo"
        return words[-1].lower() if words else ""

    def in_title_line(self, pos: int) -> bool:
        """True when ``pos`` lies on a title-case line (a headline)."""
        return any(a <= pos < b for a, b in self.title_lines)

    def _blocked(self) -> None:
        """Marks what is never a place: a group glued to "-run"/"-held" ("Hamas-run"), the outlet of a source line."""
        text, taken = self.text, self.taken
        # 0a. "Hamas-run", "Taliban-controlled": a group glued to -run/-led/-held is never a place
        # (a country so glued, "Ethiopia-backed", stays: it is country evidence as a modifier)
        for m in GROUP_ADJ.finditer(text):
            if not any(c.kind == "country" and c.quality == 0 for c in self._lookup(m.group(1))):
                for k in range(m.start(), m.end()):
                    taken[k] = True

        # 0. source lines ("Agence France Presse, 2017-10-30: headline"): the outlet is no place
        for m in SOURCE_LINE.finditer(text):
            for k in range(m.start(1), m.end(1)):
                taken[k] = True

    def _cue_phrases(self) -> None:
        """Names in English cue phrases: "the village of X", "X province", "X village"."""
        text, taken, free, add, prev_word = self.text, self.taken, self.free, self.add, self.prev_word
        # 1. cue patterns: "the village of X", "X province", "X village"
        for m in re.finditer(rf"\b(?:the\s+)?((?i:{SETTLEMENT_WORDS}|{ADMIN_WORDS}))\s+of\s+{_NAME}", text):
            hint = "admin" if re.fullmatch(ADMIN_WORDS, m.group(1), re.I) else "settlement"
            a, b = m.start(2), m.end(2)
            if free(a, b) and self._lookup(m.group(2)):
                add(Span(a, b, m.group(2), "cue", hint, site=True))
            elif free(a, b) and self.gaz.fuzzy(m.group(2)):
                add(Span(a, b, m.group(2), "fuzzy", hint, site=True))
        for m in re.finditer(rf"{_NAME}\s+((?i:{SETTLEMENT_WORDS}|{ADMIN_WORDS}))\b", text):
            hint = "admin" if re.fullmatch(ADMIN_WORDS, m.group(2), re.I) else "settlement"
            a, b = m.start(1), m.end(1)
            full = text[a:m.end(2)]
            # "Bolivar state": the whole is one state's alternate name; the bare name keeps every unit so called,
            # when it closes a chain whose town lies in another unit of that name ("Cartagena, Bolivar state")
            whole = self._lookup(full)
            if hint == "admin" and whole:
                whole = self._chain_widened(text, a, whole, self._lookup(m.group(1)))
            if free(a, b) and (self._lookup(full) or self._lookup(m.group(1))):
                if whole:  # "Panama City", "Quezon City", "Gaza Strip": the whole name
                    fhint = "settlement" if all(c.kind == "city" for c in self._lookup(full)) else None
                    add(Span(a, m.end(2), full, "cue", fhint,
                              site=prev_word(a) in SITE_PREPS or (fhint is not None and hint == "settlement")))
                else:
                    add(Span(a, b, m.group(1), "cue", hint,
                                    site=hint == "settlement" or prev_word(a) in SITE_PREPS | ATTACK_VERBS))
            elif free(a, b) and hint == "settlement" and not demonym_to_iso3(m.group(1)) and self.gaz.fuzzy(m.group(1)):
                add(Span(a, b, m.group(1), "fuzzy", hint, site=True))
            else:  # "Russian Strikes Kill Three In Sumy Region": the name is the tail of the capitalised run
                for w in list(re.finditer(r"\S+", m.group(1)))[1:]:
                    a2 = m.start(1) + w.start()
                    sub = text[a2:b]
                    before = text[m.start(1):a2].split()[-1]
                    if sub.split()[0].lower() in CONNECT or not free(a2, b) or not (
                            before.lower() in LOC_PREPS or before.endswith(("'s", "’s"))):
                        continue
                    if self._lookup(sub) and not demonym_to_iso3(sub):
                        add(Span(a2, b, sub, "cue", hint, site=hint == "settlement"
                                  or prev_word(a2) in SITE_PREPS | ATTACK_VERBS))
                        break
                else:  # "in Mineral Chico municipality": a unit the gazetteer lacks; its words name no other place
                    # (not "in Beirut's Saifi district"; of "in Mogadishu-Hamar Weyne district" only the quarter)
                    a2 = a + m.group(1).rindex("-") + 1 if "-" in m.group(1) else a
                    if free(a2, b) and prev_word(a) in SITE_PREPS and " " in text[a2:b] \
                            and not demonym_to_iso3(m.group(1).split()[0]) and "'s" not in m.group(1) \
                            and "’s" not in m.group(1):
                        for k in range(a2, b):
                            taken[k] = True

    def _romance_cues(self) -> None:
        """Names in Spanish/French/Portuguese cue phrases ("en el municipio de Tame")."""
        text, free, add = self.text, self.free, self.add
        # Spanish/French/Portuguese: "en el municipio de Tame", "dans la préfecture de la Ouaka",
        # "dans le territoire de Beni", "no município de Altamira", "en la provincia del Guayas"
        low = text.lower()
        romance = any(w in low for w in ROMANCE_ADMIN) or any(w in low for w in ROMANCE_SETTLEMENT)
        for m in ROMANCE_CUE.finditer(text) if romance else ():
            hint = "admin" if m.group(1).lower() in ROMANCE_ADMIN else "settlement"
            a, b = m.start(2), m.end(2)
            if free(a, b) and self._lookup(m.group(2)):
                add(Span(a, b, m.group(2), "cue", hint, site=True))
            elif free(a, b) and self.gaz.fuzzy(m.group(2)):
                add(Span(a, b, m.group(2), "fuzzy", hint, site=True))

    def _chains_and_roads(self) -> None:
        """Parenthesised admin chains, slash-joined units, the ends of a road, possessives without
        their apostrophe ("Benins capital") and hyphenated names with lower-case parts."""
        text, taken, doc = self.text, self.taken, self.doc
        free, add, prev_word = self.free, self.add, self.prev_word
        for a, b, hint, alias in self._paren_chain(text):  # "(Baydhaba, Bay)": ACLED-style admin chains
            if free(a, b):
                add(Span(a, b, text[a:b], "cue", hint, alias=alias))

        # admin units whose name joins two towns with a slash ("Tunapuna/Piarco", "Diego Martin/..."): the whole
        for m in re.finditer(r"(?<![\w'’/-])[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?(?:/[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?)+", text):
            if free(m.start(), m.end()) and any(c.quality == 0 for c in self._lookup(m.group(0))):
                add(Span(m.start(), m.end(), m.group(0), "cue", None,
                          site=prev_word(m.start()) in SITE_PREPS | ATTACK_VERBS))

        # "the Sidon-Tyr highway", "the Gao - Ansongo road": both ends are places (no site of their own); an end
        # the gazetteer lacks ("Qabb Elias") is taken whole so that none of its words is read as a place
        for m in ROAD_ENDS.finditer(text):
            if self._lookup(text[m.start(1):m.end(2)]):
                continue  # a hyphenated name of its own
            for g in (1, 2):
                a, b = m.start(g), m.end(g)
                if not free(a, b):
                    continue
                cands = self._lookup(m.group(g))
                if any(c.kind == "country" and c.quality == 0 for c in cands):
                    for k in range(a, b):  # "the Mexico-Cuernavaca highway": the capital, not the country
                        taken[k] = True
                    continue
                if any(c.quality == 0 for c in cands) and not demonym_to_iso3(m.group(g)):
                    add(Span(a, b, m.group(g), "cue", None, road_end=True))
                elif " " in m.group(g):
                    for k in range(a, b):
                        taken[k] = True
        # "Benins capital": a country's possessive written without its apostrophe
        for m in re.finditer(r"\b([A-Z][a-z]{3,})s\b", text):
            a, b = m.start(1), m.end(1)
            if free(a, b + 1) and not self._lookup(m.group(0)) and any(
                    c.kind == "country" and c.quality == 0 and ascii_name(c.name).casefold() == m.group(1).casefold()
                    for c in self._lookup(m.group(1))):
                add(Span(a, b, m.group(1), "cue", None, role="modifier"))
                taken[b] = True

        # hyphenated names with lower-case parts ("Croix-des-Bouquets", "Port-au-Prince"): the whole word
        for m in re.finditer(r"(?<![\w'’-])[A-Z][\w'’]*(?:-[\w'’]+){2,5}(?![\w'’-])", text):
            a, b = m.start(), m.end()
            if free(a, b) and not demonym_to_iso3(m.group(0)) and any(
                    c.quality == 0 for c in self._lookup(m.group(0))):
                is_ent = any(e.start_char == a and e.end_char == b and e.label_ in ("GPE", "LOC", "FAC")
                             for e in doc.ents)
                add(Span(a, b, m.group(0), "ent" if is_ent else "ngram",
                          site=prev_word(a) in SITE_PREPS | ATTACK_VERBS))

    def _entities(self) -> None:
        """French settlement cues ("au village X"), spaCy GPE/LOC/FAC entities, and nationality (NORP)
        entities, which are marked taken (country evidence, not places)."""
        text, taken, norp_taken = self.text, self.taken, self.norp_taken
        free, add, prev_word = self.free, self.add, self.prev_word
        # French: "au village Nzakoundou", "la localité d'Ippy"
        for m in re.finditer(r"\b(?:village|localité|localite|ville|commune|quartier|sous-préfecture|préfecture)"
                             r"\s+(?:de\s+|d['’])?" + _NAME, text):
            a, b = m.start(1), m.end(1)
            if free(a, b) and self._lookup(m.group(1)):
                add(Span(a, b, m.group(1), "cue", "settlement", site=True))

        # 2. spaCy entities
        for e in self.ents:
            if e.label_ not in ("GPE", "LOC", "FAC"):
                continue
            a, b, t = e.start_char, e.end_char, e.text
            if t.lower().startswith("the "):
                a, t = a + 4, t[4:]
            t2 = t[:-2] if t.endswith("'s") or t.endswith("’s") else t
            b = a + len(t2)
            if "," in t2 or "(" in t2:
                continue  # "Nis, Serbia" as one entity: the n-gram pass takes the parts
            if not free(a, b):
                continue
            dm = re.search(r"\b(?:southern|northern|eastern|western|central|north|south|east|west)\s+$",
                           text[max(0, a - 12):a], re.I)
            if dm and free(a - len(dm.group(0)), a) and any(  # "southern Lebanon": a curated region
                    c.kind == "region" and c.quality == 0 for c in self._lookup(text[a - len(dm.group(0)):b])):
                a2 = a - len(dm.group(0))
                add(Span(a2, b, text[a2:b], "ent", site=prev_word(a2) in SITE_PREPS | ATTACK_VERBS))
                continue
            ext = self._extend_facility(text, a, b) or self._extend_connected(text, a, b)
            if ext:
                add(Span(a, ext, text[a:ext], "ent", site=prev_word(a) in SITE_PREPS | ATTACK_VERBS))
                continue
            if self._lookup(t2):
                add(Span(a, b, t2, "ent", site=prev_word(a) in SITE_PREPS | ATTACK_VERBS))
            elif e.label_ in ("GPE", "LOC") and self.gaz.fuzzy(t2):
                add(Span(a, b, t2, "fuzzy", site=prev_word(a) in SITE_PREPS | ATTACK_VERBS))

        for e in self.ents:
            if e.label_ == "NORP" and free(e.start_char, e.end_char) and demonym_to_iso3(e.text):
                norp_taken.append((e.start_char, e.end_char))
                for k in range(e.start_char, e.end_char):
                    taken[k] = True

    def _ngrams(self) -> None:
        """Capitalised n-grams the gazetteer knows (and towns the model tagged PERSON/ORG), with the
        transliteration-tolerant skeleton match after a locative preposition."""
        text, taken, doc = self.text, self.taken, self.doc
        free, add, prev_word, in_title_line = self.free, self.add, self.prev_word, self.in_title_line
        org_ranges, person_ranges = self.org_ranges, self.person_ranges
        # 3. capitalised n-grams (and towns the model tagged PERSON/ORG)
        toks = list(doc)
        i = 0
        while i < len(toks):
            tok = toks[i]
            if not self._cap(tok) or taken[tok.idx]:
                i += 1
                continue
            best: tuple[int, int, str] | None = None
            j_end = min(len(toks), i + 6)
            for j in range(j_end, i, -1):
                last = toks[j - 1]
                num_tail = last.like_num and j - 1 > i and self._cap(toks[j - 2])
                if not (self._cap(last) or num_tail) or any(
                        not (self._cap(t) or t.lower_ in CONNECT) for t in toks[i:j - 1 if num_tail else j]):
                    continue
                a, b = tok.idx, last.idx + len(last.text)
                if not free(a, b):
                    continue
                if j - i > 1 and (any(t.is_sent_start for t in toks[i + 1:j]) or any(
                        re.fullmatch(r"(?:[A-Z]\.){2,}", t.text) for t in toks[i:j])):
                    continue  # "... Acme Trading Co. S.A. At the market": no name across a sentence
                if j - i == 1 and re.fullmatch(r"(?:[A-Z]\.){2,}", tok.text) and not any(
                        c.kind == "country" and c.quality == 0 for c in self._lookup(tok.text)):
                    continue  # initials ("S.A.L.", a company form) are no place; "U.S." is a country
                ext = self._extend_facility(text, a, b)
                if ext:
                    best = (a, ext, text[a:ext])
                    break
                if self._lookup(text[a:b]):
                    best = (a, b, text[a:b])
                    break
            if best is None:
                # no exact name: after "in/at/near"/"attacked" and before ", Admin1" or "(", try the
                # transliteration-tolerant skeleton ("Tall Refaat" ~ "Tall Rif'at"); confirmed later by context
                k = i
                while k + 1 < len(toks) and (self._cap(toks[k + 1]) or toks[k + 1].text == "-") and k - i < 3:
                    k += 1
                a, b = tok.idx, toks[k].idx + len(toks[k].text)
                pw = prev_word(a)
                if (pw in SITE_PREPS or pw in ATTACK_VERBS) and free(a, b) and not tok.is_stop \
                        and text[a:b].lower() not in NOT_PLACE and not demonym_to_iso3(text[a:b]) \
                        and self.gaz.fuzzy(text[a:b]):
                    add(Span(a, b, text[a:b], "fuzzy", site=True))
                    i = k + 1
                    continue
                i += 1
                continue
            a, b, t = best
            run_end = i
            while run_end + 1 < len(toks) and self._cap(toks[run_end + 1]) and run_end - i < 3:
                run_end += 1
            rb = toks[run_end].idx + len(toks[run_end].text)
            if rb > b and free(a, rb) and not any(c.quality == 0 and c.kind != "city" for c in self._lookup(t)) \
                    and prev_word(a) in SITE_PREPS | ATTACK_VERBS and self.gaz.fuzzy(text[a:rb]):
                # "Tall Refaat": the whole capitalised run is a (transliterated) name, not "Tall" + "Refaat"
                add(Span(a, rb, text[a:rb], "fuzzy", site=True))
                i = run_end + 1
                continue
            dm = re.search(r"\b(southern|northern|eastern|western|central|north|south|east|west)\s+$", text[max(0, a - 12):a],
                           re.I)
            if dm and free(a - len(dm.group(0)), a):
                a2 = a - len(dm.group(0))
                if any(c.kind in ("water", "region") for c in self._lookup(text[a2:b])):
                    a, t = a2, text[a2:b]
            if a >= 3 and text[a - 3:a - 1] in LOWER_ARTICLES and text[a - 1] == " " and free(a - 3, a) \
                    and (a == 3 or not (text[a - 4].isalnum() or text[a - 4] in "-'’")):
                # "in el Hermel": the name with its lower-case article when the gazetteer knows it so
                if any(c.quality == 0 for c in self._lookup(text[a - 3:b])):
                    a, t = a - 3, text[a - 3:b]
            if t.lower() in NAME_HEAD_TITLES and re.match(r" [A-Z0-9]", text[b:b + 2]):
                # "Colonia Agricola Oriental": a neighbourhood's name the gazetteer lacks; neither its head
                # (Colonia, Uruguay) nor a word of it (Oriental, Morocco) is a place
                k = i + 1
                while k < len(toks) and k - i <= 5 and not toks[k].is_sent_start and (
                        self._cap(toks[k]) or toks[k].like_num or toks[k].lower_ in CONNECT):
                    k += 1
                while k - 1 > i and toks[k - 1].lower_ in CONNECT:
                    k -= 1  # "Colonia Centro de ...": no trailing connector
                for q in range(a, toks[k - 1].idx + len(toks[k - 1].text)):
                    taken[q] = True
                i = k
                continue
            pw = prev_word(a)
            single = " " not in t.strip() and "-" not in t
            # an ORG entity that is exactly a gazetteer name in a "Town, Admin" chain is a mis-tagged place
            in_org = any(oa <= a and b <= ob for oa, ob in org_ranges) and not (
                (a, b) in org_ranges and pw in (",", "(") and re.match(r"^\s*[,.)(]", text[b:b + 2]))
            cands = self._lookup(t)
            strong = any(c.quality == 0 and c.kind in ("country", "admin1", "region", "water", "site", "camp",
                                                       "crossing") for c in cands)
            big_town = any(c.kind == "city" and c.quality == 0 and c.population >= 300_000 for c in cands)
            sent_start = tok.is_sent_start
            ok = pw in LOC_PREPS or strong or (not single and not sent_start)
            if re.match(r"^\s*,\s*[A-Z]", text[b:b + 4]) or re.match(r"^\s*\(", text[b:b + 3]):
                ok = ok or not sent_start
            line_start = a == 0 or text[a - 1] == "\n"
            dateline = line_start and bool(
                re.match(r"^(?:,\s*[A-Z][\w .'-]+)?\s*(?:\([^)]{1,30}\))?\s*[-—–:]", text[b:b + 50]))
            ok = ok or dateline  # "MOGADISHU, Somalia (AP) —"
            if pw in ATTACK_VERBS:
                ok = True
            prev_tok = toks[i - 1] if i > 0 else None
            # "Kotwali Nagar", "Tal Ahmar": the tail of a longer name the gazetteer lacks
            run_tail = single and not strong and prev_tok is not None and bool(prev_tok.whitespace_) and \
                self._cap(prev_tok) and not prev_tok.is_sent_start and prev_tok.lower_ not in CONNECT and \
                not prev_tok.is_stop and not demonym_to_iso3(prev_tok.text) and not taken[prev_tok.idx] and \
                prev_tok.lower_ not in SETTLEMENT_TITLES
            if run_tail:
                ok = False
            if demonym_to_iso3(t) and pw not in SITE_PREPS:
                ok = False  # "Somali pirates": a nationality, not the Somali region
            if pw not in SITE_PREPS and any(pa <= a and b <= pb and (pb - pa) > (b - a) for pa, pb in person_ranges):
                ok = False  # "Gaston Zossou": part of a person's name
            if t.lower() in NOT_PLACE or (single and len(t) < 3 and not t.isupper()):
                ok = False
            if single and not t.isupper() and len(t) <= 4 and any(c.kind == "country" for c in cands) \
                    and all(ascii_name(c.name).casefold() != t.casefold() for c in cands if c.kind == "country") \
                    and not any(c.kind != "country" and c.population >= 1000 for c in cands):
                ok = False  # "Car Bomb": the code "CAR" written in capitals only
            if big_town and in_title_line(a):
                in_org = False  # "Mogadishu Car Bomb Kills Five": the model's ORG spans in headlines are noise
            if ok and not strong and not big_town and pw not in SITE_PREPS and pw not in ATTACK_VERBS \
                    and in_title_line(a):
                ok = False  # "Six Militias Kill During Clashes": capitals say nothing in a title-case line
            if ok:
                add(Span(a, b, t, "ngram", site=pw in SITE_PREPS or pw in ATTACK_VERBS or dateline,
                          role="org" if in_org and pw not in LOC_PREPS and pw not in ATTACK_VERBS and not strong
                          and not dateline else "place"))
            elif single and not run_tail and len(t) >= 4 and not tok.is_stop and t.lower() not in NOT_PLACE \
                    and not in_org \
                    and not demonym_to_iso3(t) and not any(pa <= a and b <= pb and (pb - pa) > (b - a)
                                                           for pa, pb in person_ranges) \
                    and (not sent_start or re.match(r"^\s*[,:]", text[b:b + 3])):
                # "Bria, quatre rebelles tués": kept only if the article's country evidence backs it
                add(Span(a, b, t, "weak", site=False))
            k = i + 1
            while k < len(toks) and toks[k].idx < b:
                k += 1
            i = max(k, i + 1)

    def _chain_widened(self, text: str, a: int, whole: tuple[Candidate, ...],
                       bare: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
        """``()`` when the admin name at ``a`` ("Bolivar state") closes a "Town, Admin" chain whose town
        lies only in another unit of the bare name (Cartagena: Colombia's Bolivar, not Venezuela's),
        so the bare name's units stand; else ``whole`` unchanged."""
        prev = re.search(r"([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}),\s*$", text[max(0, a - 60):a])
        if prev is None or not all(c.kind in ("admin1", "admin2", "region") for c in whole):
            return whole
        units = {(c.country, c.admin1_code) for c in bare if c.kind in ("admin1", "region") and c.quality == 0}
        have = {(c.country, c.admin1_code) for c in whole}
        towns = {(c.country, c.admin1_code) for c in self._lookup(prev.group(1)) if c.quality == 0}
        return () if towns & (units - have) and not towns & have else whole

    def _paren_chain(self, text: str) -> list[tuple[int, int, str | None, str | None]]:
        """Parts of parenthesised admin chains after a name: "X (Buur Hakaba, Bay)", "(Anzourou, Tillaberi)".

        Returns ``(start, end, kind_hint, alias)`` for each capitalised part the gazetteer knows; the last
        part of a chain of two or more is hinted ``admin`` when it names an admin unit (ACLED writes
        "(Admin2, Admin1)"), so a word such as "Bay" that is otherwise no place counts there.  A last
        part that is an admin1 abbreviation ("(Hyderabad, TS)", "(UP)") is hinted ``admin`` with the
        unit's name as ``alias``.
        """
        out: list[tuple[int, int, str | None, str | None]] = []
        abbrev = admin1_abbreviations()
        for m in re.finditer(r"(?<=[\w.'’\]]) ?\(([A-Z][^()\n\[\]]{1,80})\)", text):
            parts = [(p.start() + m.start(1), p.end() + m.start(1)) for p in re.finditer(r"[^,]+", m.group(1))]
            parts = [(a + len(text[a:b]) - len(text[a:b].lstrip()), a + len(text[a:b].rstrip())) for a, b in parts]
            if not 1 <= len(parts) <= 4 or any(not text[a:b][:1].isupper() or len(text[a:b].split()) > 5
                                              for a, b in parts):
                continue
            for k, (a, b) in enumerate(parts):
                if k == len(parts) - 1 and text[a:b] in abbrev:
                    units = [u for iso, name, alone in abbrev[text[a:b]] for u in self._lookup(name)
                             if u.kind == "admin1" and u.country == iso and (alone or len(parts) >= 2)]
                    if units:
                        out.append((a, b, "admin", abbrev[text[a:b]][0][1]))
                        continue
                cands = self._lookup(text[a:b])
                if not cands:
                    continue
                admin = any(c.kind in ("admin1", "admin2", "region") and c.quality == 0 for c in cands)
                if k == len(parts) - 1 and len(parts) >= 2 and admin:
                    out.append((a, b, "admin", None))
                elif len(parts) >= 2 or admin:
                    out.append((a, b, None, None))
        return out

    @staticmethod
    def _cap(tok: Any) -> bool:
        t = tok.text
        return bool(t) and (t[0].isupper() or (t.startswith(("al-", "el-", "ad-", "as-", "ash-")) and len(t) > 4)) \
            and any(ch.isalpha() for ch in t)

    def _extend_connected(self, text: str, a: int, b: int) -> int | None:
        """End of the longer name when the entity [a, b) goes on with a lower-case connector and a
        capitalised word ("Kut" of "Kut e Abdollah", an entity the model cut short) and the gazetteer
        knows the longer name under its own name; else None."""
        m = _CONNECTED_TAIL.match(text, b)
        if m is None or m.group(1) not in CONNECT:
            return None
        for end in (m.end(), m.end(2)) if m.group(2) else (m.end(),):
            if any(c.quality == 0 for c in self._lookup(text[a:end])):
                return end
        return None

    def _extend_facility(self, text: str, a: int, b: int) -> int | None:
        """End of "<name> airbase"-style span when the longer name is in the gazetteer, else None."""
        tail = text[b:b + 25].lower()
        for w in FACILITY_TAIL:
            if tail.startswith(" " + w) and not tail[len(w) + 1:len(w) + 2].isalpha():
                e = b + 1 + len(w)
                if any(c.kind in ("site", "camp", "crossing", "airport", "water") for c in self._lookup(text[a:e])):
                    return e
        return None
