"""The event extractor: spaCy Doc + place/date analyses -> coded :class:`Event` records.

Steps (one pass over the document, no model loads per sentence):

1. :class:`~sigact.extract.triggers.TriggerFinder` finds trigger words/phrases and
   groups those of one sentence that describe one incident; a mention that only frames the
   sentence's act ("amid clashes", an earlier dated act) is split off as background
   (:mod:`sigact.extract.background`).
2. Each group gets a factuality flag (:mod:`sigact.extract.factuality`), actors from its
   dependency arguments (resolved by the actor stage), a place and a date from the
   geo/time stages, tolls from :func:`sigact.extract.tolls.find_tolls` given to the incident
   they count (:mod:`sigact.extract.toll_assign`).
3. The ACLED sub-event type is chosen among the trigger's candidate types by
   :mod:`sigact.extract.coding` (rule prior from weapon/context cues and actor types, with the
   means, property, crowd and demonstration rules of :mod:`~sigact.extract.means`,
   :mod:`~sigact.extract.property`, :mod:`~sigact.extract.crowds` and
   :mod:`~sigact.extract.demonstrations`, combined with the TF-IDF classifier when its artifact
   is present), then ACLED's special-case conventions (:mod:`sigact.extract.conventions`);
   PLOVER and CAMEO codes come from the same table (``taxonomy.yaml``).
4. The article-level incident model (:mod:`sigact.extract.incidents`) merges the mentions of one
   incident told in several sentences (headline, lead, quote, "the attack"), splits a mention that
   lists several towns, and gives places across sentences; the event's own date decides whether it is
   news or background (:meth:`EventExtractor._date_scope`); a short text without any trigger gets one
   event from the classifier alone, and a short dated note ("On 3 May 2020, ...") whose events are all hedged (threat,
   plan, denial, aggregate) one of a non-violent type (``ExtractorSettings.hedged_fallback_max_chars``).
5. A UCDP GED source list ("Outlet, 2020-01-28: headline" lines, or one raw citation string) yields
   its one incident, placed, dated and counted list-wide (:mod:`sigact.extract.headlines`).

Confidence (0..1) = 0.40 x type score (the combined probability of the chosen
sub-event type) + 0.25 x trigger weight + 0.10 each for actor1, place and a dated
(non-"reported") date + 0.05 for an actor2, + 0.10 when the type agrees with the
whole-text classifier, + ``ExtractorSettings.lead_bonus`` for the first asserted incident of a
text of several (:func:`sigact.extract.primary.mark_lead`); capped at 1, then mapped through the isotonic calibration in
``data/confidence_calibration.json`` (:mod:`sigact.extract.calibration`; fitted on train records:
the share of asserted events with that raw score whose event type is right), and halved for
non-asserted events.  The map is strictly increasing, so it keeps the ranking of events.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from sigact.extract.background import in_other_relative_clause, split_background
from sigact.extract.coding import Coder, Coding
from sigact.extract.conventions import load_conventions
from sigact.extract.factuality import FactualityJudge, Judgement
from sigact.extract.headlines import CITATION as _CITATION, finish_headline_list
from sigact.extract.headlines import is_citation_list
from sigact.extract.lexicon import Lexicon, english_months, load_lexicon
from sigact.extract.incidents import IncidentMerger, make_evidence, place_for
from sigact.extract.merge import IncidentCues, in_cause_phrase, is_distinct, refers_back, sent_distance
from sigact.extract.primary import mark_lead, non_violent, wants_hedged_fallback
from sigact.extract.toll_assign import assign_tolls, follow_up_tolls
from sigact.extract.triggers import Trigger, TriggerFinder, TriggerGroup
from sigact.model import Actor, Article, DateSpan, Event, Evidence, Place

log = logging.getLogger(__name__)

__all__ = ["EventExtractor", "ExtractorSettings"]

_YEAR_RX = re.compile(r"^(\d{4})")
_TOLL_FIELDS = {"killed": "fatalities", "injured": "injuries", "abducted": "abducted", "arrested": "arrested"}


@dataclass(frozen=True)
class ExtractorSettings:
    """Tunable knobs of the extractor."""

    use_classifier: bool = True
    # blend the TF-IDF classifier with the sentence-embedding LR (embed_classifier.py): off by default
    # (+1 point ACLED event type on dev, not significant, for 40 % less throughput; docs/benchmarks.md);
    # SIGACT_EMBED_CLASSIFIER=1 turns it on for a whole run
    use_embeddings: bool = field(default_factory=lambda: os.environ.get("SIGACT_EMBED_CLASSIFIER", "0") == "1")
    fallback_max_chars: int = 2500  # texts up to this size get a classifier-only event when no trigger fires
    fallback_min_prob: float = 0.15
    # a short dated event note ("On 3 May 2020, ...") whose events are all hedged (threat, plan, denial,
    # aggregate) gets a classifier-only non-violent event too: ACLED codes such notes as strategic developments
    hedged_fallback_max_chars: int = 600
    # raw-score bonus of a text's first asserted incident (the primary-event choice, see
    # sigact.extract.primary.mark_lead; chosen by train country-CV, docs/benchmarks.md)
    lead_bonus: float = 0.10
    doc_classifier_chars: int = 1200
    calibrate: bool = True  # map the raw score through confidence_calibration.json (False: the raw score)


@dataclass
class _Draft:
    """An event under construction."""

    group: TriggerGroup
    judgement: Judgement
    coding: Coding | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    actor1_span: Span | None = None
    actor2_span: Span | None = None
    place: Place | None = None
    date: DateSpan | None = None
    evidence: list[Evidence] = field(default_factory=list)
    tolls: list[Any] = field(default_factory=list)
    alias_of: int | None = None
    extra_evidence: list[Evidence] = field(default_factory=list)
    doc_agree: bool = False
    fallback: bool = False
    distinct: bool = False  # "a second strike", "in a separate incident": never a mention of an earlier one
    refers: bool = False  # its sentence names an incident told before ("the blast")
    split_key: str = ""  # set on the events split from one mention by its list of places
    headline: bool = False  # told in a headline line
    responds: bool = False  # its sentence tells it "in response to" / "after" another incident
    pub_day: str | None = None
    lead: bool = False  # the first asserted incident of a text of several (the report's main one)
    # perpetrator mentions found in its sentence, by (event type, country, date, excluded actor)
    perp_cache: dict[tuple[Any, ...], Any] = field(default_factory=dict)


class EventExtractor:
    """Turns a parsed article into events (see module docstring)."""

    def __init__(self, actors: Any = None, *, classifier: Any = None, settings: ExtractorSettings | None = None,
                 ucdp_classifier: Any = None):
        self.settings = settings or ExtractorSettings()
        self.lex: Lexicon = load_lexicon()
        self.finder = TriggerFinder(self.lex)
        self.judge = FactualityJudge(self.lex)
        self.cues = IncidentCues(self.lex)
        self.incidents = IncidentMerger(self.lex, self.cues)
        if actors is None:
            actors = _default_actors()
        self.actors = actors
        if classifier is None and self.settings.use_classifier:
            from sigact.extract.classifier import EventClassifier
            from sigact.extract.embed_classifier import EmbedEnsemble

            classifier = (EmbedEnsemble.default() if self.settings.use_embeddings else None) or EventClassifier.default()
        self.classifier = classifier if self.settings.use_classifier else None
        self.coder = Coder(self.lex, self.classifier)
        self.conventions = load_conventions(self.lex)
        self.ucdp_classifier = ucdp_classifier
        if self.ucdp_classifier is None and self.settings.use_classifier:
            from sigact.extract.classifier import UCDP_ARTIFACT, EventClassifier

            self.ucdp_classifier = EventClassifier.default(UCDP_ARTIFACT)
        self._ucdp = _ucdp_function()
        self._find_tolls, self._summarize = _toll_functions()
        from sigact.extract.calibration import Calibrator

        self.calibrator = Calibrator.default()

    # ------------------------------------------------------------------ public
    def extract(self, doc: Doc, article: Article, *, geo: Any = None, dates: Any = None) -> list[Event]:
        """Returns the events of one parsed article, in text order (threats and aggregates included, flagged)."""
        text = doc.text
        if not text.strip():
            return []
        pub_year = _year(article.published)
        headlines = _headline_spans(doc)
        # the first line of a text of several lines (a headline or a standfirst) announces the main incident
        stripped = text.lstrip()
        first_line = len(text) - len(stripped) + stripped.find("\n") if "\n" in stripped.strip() else -1
        triggers = [t for t in self.finder.find(doc) if not _date_word(t)]
        groups = split_background(_split_causes(self.finder.group(triggers)))
        doc_probs = self._doc_probs(text)
        drafts: list[_Draft] = []
        for g in groups:
            in_headline = any(a <= g.start < b for a, b in headlines)
            j = self.judge.judge(g, published_year=pub_year, headline=in_headline)
            d = _Draft(g, j, pub_day=str(article.published)[:10] if article.published else None,
                       headline=in_headline or g.start < first_line)
            d.distinct = is_distinct(d, self.cues)
            drafts.append(d)
        for d in drafts:  # an incident told "in response to" / "after" another one is a new incident
            if not in_cause_phrase(d.group.main.head) and any(
                    o is not d and o.group.sent.start_char == d.group.sent.start_char and in_cause_phrase(o.group.main.head)
                    for o in drafts):
                d.responds = True
        self._attach_outcomes(drafts)
        drafts = [d for d in drafts if d.alias_of is None]
        for d in drafts:
            self._fill(d, doc, geo, dates, pub_year, article.published)
        tolls = self._tolls(text)
        sents = list(doc.sents)
        assign_tolls(drafts, tolls, sents)
        for d in drafts:
            if d.group.main.cls.name in _VIOLENT_CLASSES:
                self._victim_actor2(d, force=True)  # "a soldier was killed": the victim decides battle vs attack
            d.coding = self.conventions.apply(self.coder.code(  # then ACLED's fixed rules for special cases
                d.group, self._coding_actor1(d), d.actor2, doc_probs=None, actor1_group=_collective(d.actor1_span),
                extent=self.finder.extent(d.group)), d.group, d.actor1)
            if d.coding and doc_probs and d.coding.sub_event_type:
                top = max(doc_probs, key=doc_probs.get)
                d.doc_agree = top == d.coding.sub_event_type
        for d in drafts:
            self._final_actors(d)
            self._victim_actor2(d)
        follow_up_tolls(drafts, self.lex.fighting_event_types, sents)
        self.incidents.inherit_outcomes(drafts)
        drafts = self.incidents.split_places(drafts, geo, dates)
        self.incidents.resolve_anaphora(drafts)
        self.incidents.coreference(drafts)
        for d in drafts:  # a sentence that names an incident with "the blast" elaborates it, at any distance
            d.refers = refers_back(d) or any(refers_back(o) for o in drafts
                                             if o is not d and o.group.sent.start_char == d.group.sent.start_char)
        self.incidents.elaboration(drafts)
        self.incidents.bare_mentions(drafts)
        self.incidents.headline_summaries(drafts)
        self.incidents.merge_threats(drafts)
        drafts = [d for d in drafts if d.alias_of is None]
        self.incidents.share_places(drafts)
        self.incidents.background_by_date(drafts, self.judge.days_before_lead)
        if not drafts and doc_probs and len(text) <= self.settings.fallback_max_chars:
            fb = self._fallback(doc, doc_probs, geo, dates, pub_year, tolls)
            if fb is not None:
                drafts.append(fb)
        elif doc_probs and wants_hedged_fallback(text, drafts, self.settings.hedged_fallback_max_chars):
            fb = self._fallback(doc, non_violent(self.lex, doc_probs), geo, dates, pub_year, tolls)
            if fb is not None:
                drafts.append(fb)
        mark_lead(drafts)
        events = [self._event(d, article, doc) for d in drafts if d.coding is not None]
        events.sort(key=lambda e: min((x.start for x in e.evidence if x.field == "trigger"), default=0))
        if is_citation_list(text):  # a UCDP GED source list: its one incident (sigact.extract.headlines)
            events = finish_headline_list(self, events, doc, article, geo=geo, dates=dates, doc_probs=doc_probs,
                                          tolls=tolls)
        return events

    # ------------------------------------------------------------------ steps
    def _doc_probs(self, text: str) -> dict[str, float] | None:
        if self.classifier is None:
            return None
        return self.classifier.proba(text[: self.settings.doc_classifier_chars])

    def _attach_outcomes(self, drafts: list[_Draft]) -> None:
        """An outcome-only group ("The officer died.") without an actor joins the incident just before it."""
        for k, d in enumerate(drafts):
            if not d.group.outcome_only or d.judgement.flag != "asserted":
                continue
            a1, _ = self.finder.arguments(d.group)
            if a1 is not None and (a1.root.lemma_.lower() in self.lex.violence_cues or a1.root.ent_type_ in ("ORG", "NORP")):
                continue
            for prev in reversed(drafts[:k]):
                if prev.alias_of is not None or prev.group.outcome_only:
                    continue
                gap = d.group.sent.start - prev.group.sent.end
                if prev.judgement.flag == "asserted" and 0 <= gap and sent_distance(prev.group.sent, d.group.sent) <= 2:
                    d.alias_of = drafts.index(prev)
                    prev.group.extra_sents.append(d.group.sent)
                    prev.extra_evidence.append(make_evidence("trigger", d.group.main.start, d.group.main.end, d.group.main.text))
                break

    def _fill(self, d: _Draft, doc: Doc, geo: Any, dates: Any, pub_year: int | None,
              published: str | None = None) -> None:
        g = d.group
        s1, s2 = self.finder.arguments(g)
        d.actor1_span, d.actor2_span = s1, s2
        span_start, span_end = self.finder.extent(g)
        country = None
        if geo is not None:
            got = place_for(geo, span_start, span_end)
            if got:
                d.place, pev = got
                if pev is not None:
                    d.evidence.append(pev if pev.field == "location" else make_evidence("location", pev.start, pev.end, pev.text))
            try:
                country = geo.country_near(span_start, span_end) or getattr(geo, "focus_country", None)
            except Exception as exc:
                log.warning("geo.country_near failed: %s", exc)
        if country is None and d.place is not None:
            country = d.place.country
        if dates is not None:
            try:
                span, dev = dates.date_for(span_start, span_end)
            except Exception as exc:
                log.warning("dates.date_for failed: %s", exc)
                span, dev = None, None
            if dev is not None and span is not None and _dates_other_clause(doc, dev.start, g.main.head):
                pub = _pub_span(getattr(dates, "dateline", None) or getattr(dates, "published", None))
                span, dev = (pub, None) if pub is not None else (span, dev)
            d.date = span
            if dev is not None:
                d.evidence.append(dev if dev.field == "date" else make_evidence("date", dev.start, dev.end, dev.text))
        if d.judgement.flag == "asserted":
            d.judgement = self._date_scope(d, pub_year, published)
        for fld, sp in (("actor1", s1), ("actor2", s2)):
            if sp is None:
                continue
            actor = self._resolve_actor(_actor_text(sp), country)
            setattr(d, fld, actor)
            d.evidence.append(make_evidence(fld, sp.start_char, sp.end_char, sp.text))

    def _date_scope(self, d: _Draft, pub_year: int | None, published: str | None) -> Judgement:
        """Returns the judgement an asserted draft gets from its own date: ``historical`` when the date
        ends ``days_before`` days (factuality.yaml) or more before publication ("on November 24" in a
        December report, "last year") or is a whole month or year before the publication month ("last
        month"), ``hypothetical`` when it starts after publication ("by mid-March");
        else the draft's judgement unchanged."""
        span = d.date
        if span is None or span.precision in (None, "reported") or not span.start:
            return d.judgement
        dev = next((e for e in d.evidence if e.field == "date"), None)
        cue = (dev.start, dev.end, dev.text) if dev is not None else (None, None, span.text)
        pub = _iso_day(published)
        end, start = _iso_day(span.end or span.start), _iso_day(span.start)
        if pub is not None and end is not None and start is not None:
            if (pub - end).days >= self.judge.days_before:
                return Judgement("historical", *cue)
            if span.precision in ("month", "year") and (end.year, end.month) < (pub.year, pub.month):
                return Judgement("historical", *cue)  # "last month", "in April" in a May report
            if (start - pub).days > 1:
                return Judgement("hypothetical", *cue)
            return d.judgement
        y = _year(span.end or span.start)
        if pub_year and y is not None and y <= pub_year - 2:
            return Judgement("historical", *cue)
        return d.judgement

    def _resolve_actor(self, text: str, country: str | None) -> Actor | None:
        try:
            return self.actors.resolve(text, context_country=country)
        except Exception as exc:
            log.warning("actor resolution failed for %r: %s", text, exc)
            return Actor(text=text, name=text)

    def _tolls(self, text: str) -> list[Any]:
        try:
            return list(self._find_tolls(text, 0))
        except Exception as exc:
            log.warning("find_tolls failed: %s", exc)
            return []

    def _final_actors(self, d: _Draft) -> None:
        """Re-resolves the actors with the event type, role and date; names the generic actor ACLED
        codes when the text names nobody (Protesters/Rioters (country), Unidentified Armed Group)."""
        c = d.coding
        if c is None or c.event_type is None:
            return
        country, date = self._country_date(d)
        for fld, sp in (("actor1", d.actor1_span), ("actor2", d.actor2_span)):
            if sp is None:
                continue
            try:
                setattr(d, fld, self.actors.resolve(_actor_text(sp), context_country=country, date=date,
                                                    event_type=c.event_type, role=fld))
            except TypeError:  # a resolver without the keyword arguments
                pass
            except Exception as exc:
                log.warning("actor resolution failed for %r: %s", sp.text, exc)
        kind = None
        a1 = d.actor1
        # ACLED codes the demonstrators themselves as actor1 of Protests ("Protesters (X)") and Riots
        # ("Rioters (X)"), naming a party or union only as an associated actor
        if c.event_type == "Protests" and c.sub_event_type != "Excessive force against protesters":
            if a1 is None or a1.type != "protesters":
                kind = "protesters"
        elif c.event_type == "Riots":
            if a1 is None or a1.type != "rioters":
                kind = "rioters"
        elif (c.event_type in self.lex.violent_event_types or c.event_type == "Strategic developments") \
                and (a1 is None or a1.type is None) and d.judgement.flag == "asserted":
            # nobody (or nothing known) parsed as actor1: an armed actor named elsewhere in the
            # sentence ("a Saudi-led coalition airstrike"), else ACLED's unnamed perpetrator
            m = self._perpetrator(d, country, date, c.event_type)
            if m is not None:
                d.actor1 = m.actor
                d.evidence = [e for e in d.evidence if e.field != "actor1"] + [make_evidence("actor1", m.start, m.end, m.text)]
            elif c.event_type in self.lex.violent_event_types:
                kind = "unidentified_armed_group"
        generic = getattr(self.actors, "generic_actor", None)
        if kind == "unidentified_armed_group" and hasattr(self.actors, "default_perpetrator"):
            generic = lambda _k, iso3, when, text=None: self.actors.default_perpetrator(  # noqa: E731
                iso3, when, event_type=c.event_type)
        if kind and generic is not None and country:
            try:
                actor = generic(kind, country, date, text=a1.text if a1 else None)
            except (ValueError, TypeError) as exc:
                log.debug("no generic actor %s: %s", kind, exc)
            else:
                d.actor1 = actor

    @staticmethod
    def _country_date(d: _Draft) -> tuple[str | None, Any]:
        """Returns the country (the place's, else actor1's) and the date an actor of ``d`` is resolved with."""
        country = d.place.country if d.place and d.place.country else (d.actor1.country if d.actor1 else None)
        date = d.date.start if d.date else None
        return country, date

    def _perpetrator(self, d: _Draft, country: str | None, date: Any, event_type: str | None) -> Any:
        """Returns the armed actor mention (``ActorResolver.perpetrator``) that ``d``'s sentence names,
        else the one the sentence before names ("Police raided X. A shoot-out broke out."); ``None``
        when neither names one.  Memoised on the draft, so coding and final actors share one call."""
        perp = getattr(self.actors, "perpetrator", None)
        if perp is None:
            return None
        excl = (d.actor2.acled_name or d.actor2.name) if d.actor2 is not None else None
        key = (event_type, country, str(date), excl)
        if key in d.perp_cache:
            return d.perp_cache[key]
        sent = d.group.sent
        m = perp(sent.text, country, date=date, event_type=event_type, exclude=d.actor2, offset=sent.start_char)
        if m is None and sent.start > 0:
            prev = sent.doc[sent.start - 1].sent
            m = perp(sent.doc.text[prev.start_char:sent.start_char], country, date=date, event_type=event_type,
                     exclude=d.actor2, offset=prev.start_char)
        d.perp_cache[key] = m
        return m

    def _coding_actor1(self, d: _Draft) -> Actor | None:
        """Returns the actor1 the coder should see: the parsed one, else (asserted violent or strategic
        triggers) the perpetrator ``_final_actors`` will name, looked up with the event type of the
        trigger's first candidate.  ``d.actor1`` itself is left as it is."""
        a1 = d.actor1
        if a1 is not None and a1.type is not None:
            return a1
        if d.judgement.flag != "asserted" or not d.group.main.cls.candidates:
            return a1
        head = d.group.main.head
        if head.dep_ in ("pobj", "pcomp") and head.head.lower_ == "without":
            return a1  # "handed over the town without fighting": no act, so no perpetrator of it
        et = self.lex.event_type_of(d.group.main.cls.candidates[0])
        if et not in self.lex.violent_event_types and et != "Strategic developments":
            return a1
        country, date = self._country_date(d)
        m = self._perpetrator(d, country, date, et)
        if m is not None:
            return m.actor
        if et in self.lex.violent_event_types and country and hasattr(self.actors, "default_perpetrator"):
            try:  # nobody named: ACLED's unnamed perpetrator of the country, as _final_actors will name it
                return self.actors.default_perpetrator(country, date, event_type=et)
            except (ValueError, TypeError) as exc:
                log.debug("no default perpetrator for %s: %s", country, exc)
        return a1

    def _victim_actor2(self, d: _Draft, *, force: bool = False) -> None:
        """A violent event without a target takes the victims of its toll ("four US personnel") as actor2."""
        if d.actor2 is not None or not d.tolls:
            return
        if not force and (d.coding is None or d.coding.event_type not in self.lex.violent_event_types):
            return
        victim = next((t for t in d.tolls if getattr(t, "victim_text", None)), None)
        if victim is None:
            return
        d.actor2 = self._resolve_actor(victim.victim_text, d.place.country if d.place else None)
        d.evidence.append(make_evidence("actor2", victim.start, victim.end, victim.text))

    def _fallback(self, doc: Doc, probs: dict[str, float], geo: Any, dates: Any, pub_year: int | None,
                  tolls: list[Any]) -> _Draft | None:
        """One event for a short text with no trigger, typed by the classifier alone."""
        sub = max(probs, key=probs.get)
        if probs[sub] < self.settings.fallback_min_prob:
            return None
        if probs[sub] < 0.5 and not self._has_cue(doc):
            return None  # "Hello world." is no event, whatever the classifier's best guess
        root = next(iter(doc.sents)).root
        cue = self.coder.cue_token(doc, sub)  # the word that carries the type, when there is one
        d = self.draft_on(cue if cue is not None else root, sub, probs, doc, geo, dates, pub_year, tolls,
                          judge=cue is not None, doc_agree=True)
        d.coding = self.conventions.apply(d.coding, d.group, d.actor1)  # ACLED's fixed rules (a note's label ...)
        return d

    def draft_on(self, anchor: Any, sub: str, probs: dict[str, float], doc: Doc, geo: Any, dates: Any,
                 pub_year: int | None, tolls: list[Any], *, judge: bool = False, **flags: Any) -> _Draft:
        """A draft for an event no trigger found, anchored on token ``anchor`` and typed ``sub`` from the
        classifier's ``probs``: filled (actors, place, date), with the text's non-aggregate ``tolls``.
        ``judge`` runs the factuality judge on the anchor (else the draft is asserted); ``flags`` are
        further :class:`_Draft` fields (``headline``, ``doc_agree``).  Used by the short-text fallback and
        by UCDP headline lists (``sigact.extract.headlines``)."""
        g = TriggerGroup([Trigger(anchor, anchor.idx, anchor.idx + len(anchor.text), anchor.text,
                                  _FALLBACK_CLASS(self.lex, sub))], anchor.sent)
        j = self.judge.judge(g, published_year=pub_year) if judge else Judgement("asserted")
        d = _Draft(g, j, fallback=True, **flags)
        self._fill(d, doc, geo, dates, pub_year)
        d.tolls = [t for t in tolls if not getattr(t, "aggregate", False)]
        d.coding = self.coder.from_probs(sub, probs, d.actor1, d.actor2, text=doc.text)
        self._final_actors(d)
        return d

    def _has_cue(self, doc: Doc) -> bool:
        """True when the text holds a conflict cue word (violence, weapons, demonstrations, context cues)."""
        cues = self._cue_words()
        return any(t.lemma_.lower() in cues or t.lower_ in cues for t in doc)

    def _cue_words(self) -> frozenset[str]:
        """Returns the single cue words of the lexicon (built once per extractor)."""
        words = getattr(self, "_cue_cache", None)
        if words is None:
            ctx = {w for ws in self.lex.context_cues.values() for w in ws if " " not in w}
            words = frozenset(self.lex.violence_cues | ctx | set(self.lex.word_index) | set(self.lex.verb_index)
                              | set(self.lex.noun_index))
            self._cue_cache = words
        return words

    # ------------------------------------------------------------------ output
    def _event(self, d: _Draft, article: Article, doc: Doc) -> Event:
        from sigact.pipeline import PIPELINE_VERSION

        g = d.group
        main = g.main
        c = d.coding or Coding(None, None, None, None, None, 0.0, "rules")
        counts = self._toll_counts(d)
        ev: list[Evidence] = [
            make_evidence("event", g.sent.start_char, g.sent.end_char, g.sent.text),
            make_evidence("trigger", main.start, main.end, main.text),
        ]
        for t in g.triggers:
            if t is not main:
                ev.append(make_evidence("trigger", t.start, t.end, t.text))
        ev.extend(d.extra_evidence)
        ev.extend(d.evidence)
        if c.evidence is not None:
            ev.append(c.evidence)
        if d.judgement.flag != "asserted" and d.judgement.cue_start is not None:
            ev.append(make_evidence("factuality", d.judgement.cue_start, d.judgement.cue_end or d.judgement.cue_start,
                          d.judgement.cue_text or ""))
        for t in d.tolls:
            fld = _TOLL_FIELDS.get(t.kind)
            if fld and counts.get(fld) is not None:
                ev.append(make_evidence(fld, t.start, t.end, t.text))
        actor2 = d.actor2
        ucdp = None
        if d.judgement.flag != "threat" and (c.event_type in self.lex.violent_event_types or counts.get("fatalities")
                                             or g.main.cls.name in _VIOLENT_CLASSES):
            try:  # actors and text decide (sigact.extract.ucdp); the GED classifier only when they say nothing
                ucdp = self._ucdp(d.actor1, actor2, c.event_type, text=g.sent.text + " " + doc.text[:600],
                                  sub_event_type=c.sub_event_type, fatalities=counts.get("fatalities"),
                                  context_country=d.place.country if d.place else None,
                                  classifier=self.ucdp_classifier, date=d.date.start if d.date else None)
            except Exception as exc:
                log.warning("ucdp_type failed: %s", exc)
        conf = self._confidence(d, c, actor2)
        key = f"{article.id}|{main.start}|{main.end}" + (f"|{d.split_key}" if d.split_key else "")
        eid = "ev:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
        seen: set[tuple[str, int, int]] = set()
        uniq = []
        src = article.text if len(article.text) == len(doc.text) else doc.text
        # evidence quotes the stored article text (the parsed text may have blanked sentences)
        ev = [e if src[e.start:e.end] == e.text else Evidence(e.field, e.start, e.end, src[e.start:e.end])
              for e in ev if 0 <= e.start <= e.end <= len(src)]
        for e in ev:
            key = (e.field, e.start, e.end)
            if key not in seen:
                seen.add(key)
                uniq.append(e)
        return Event(
            id=eid,
            article_id=article.id,
            factuality=d.judgement.flag,
            acled_event_type=c.event_type,
            acled_sub_event_type=c.sub_event_type,
            plover_type=c.plover_type,
            plover_mode=c.plover_mode,
            cameo_root=c.cameo_root,
            ucdp_type=ucdp,
            actor1=d.actor1,
            actor2=actor2,
            location=d.place,
            date=d.date,
            fatalities=counts.get("fatalities"),
            injuries=counts.get("injuries"),
            abducted=counts.get("abducted"),
            arrested=counts.get("arrested"),
            trigger=main.text if not d.fallback else None,
            evidence=tuple(uniq),
            confidence=conf,
            version=PIPELINE_VERSION,
        )

    def _toll_counts(self, d: _Draft) -> dict[str, int | None]:
        if not d.tolls:
            return {}
        mentions = d.tolls if d.judgement.flag != "asserted" else [t for t in d.tolls if not getattr(t, "aggregate", False)]
        if d.judgement.flag != "asserted":
            mentions = [_unaggregated(t) for t in mentions]
        try:
            summ = self._summarize(mentions)
        except Exception as exc:
            log.warning("summarize_tolls failed: %s", exc)
            return {}
        return {fld: summ.get(kind) for kind, fld in _TOLL_FIELDS.items()}

    def _confidence(self, d: _Draft, c: Coding, actor2: Actor | None) -> float:
        weight = d.group.main.cls.weight if not d.fallback else 0.3
        score = 0.40 * c.score + 0.25 * weight
        score += 0.10 * (d.actor1 is not None) + 0.05 * (actor2 is not None)
        score += 0.10 * (d.place is not None)
        score += 0.10 * (d.date is not None and d.date.precision not in (None, "reported"))
        score += 0.10 * d.doc_agree
        score += self.settings.lead_bonus * d.lead
        score = min(score, 1.0)
        if self.settings.calibrate:
            score = self.calibrator.apply(score)
        if d.judgement.flag != "asserted":
            score *= 0.5
        return round(score, 4)


# ---------------------------------------------------------------------- helpers
def _FALLBACK_CLASS(lex: Lexicon, sub: str):  # noqa: N802 - a tiny factory
    from sigact.extract.lexicon import TriggerClass

    return TriggerClass(name="_classifier", weight=0.3, candidates=(sub,), verbs=frozenset(), nouns=frozenset(),
                        phrases=())


_VIOLENT_CLASSES = {"attack", "shoot", "kill", "injure", "clash", "fight", "ambush", "fire", "target", "explosion", "bomb",
                    "ied", "grenade", "shelling", "air_strike", "strike", "suicide"}
_COLLECTIVE = {"group", "mob", "crowd", "gang", "band", "horde", "family", "members", "dozens", "hundreds", "scores"}


def _collective(span: Span | None) -> bool:
    """True when an actor phrase names several people ("residents", "a group of people", "a mob")."""
    if span is None:
        return False
    root = span.root
    return root.tag_ in ("NNS", "NNPS") or root.lemma_.lower() in _COLLECTIVE


def _actor_text(span: Span) -> str:
    """Returns the text to resolve for an actor phrase: a lone nationality adjective on an attack
    noun ("Russian missile strike") stands for that country's forces."""
    if len(span) == 1 and span[0].ent_type_ == "NORP" and span[0].dep_ in ("amod", "compound"):
        return f"{span.text} forces"
    return span.text


def _unaggregated(t: Any) -> Any:
    try:
        from dataclasses import replace

        return replace(t, aggregate=False)
    except TypeError:
        return t


def _split_causes(groups: list[TriggerGroup]) -> list[TriggerGroup]:
    """A group whose triggers include the incident it responds to ("fired rockets ... in response to the
    strikes", "came a day after gunmen killed ...") becomes two: the sentence's own incident and the cause."""
    out: list[TriggerGroup] = []
    for g0 in groups:
        for g in _split_at_semicolons(g0):
            _split_cause(g, out)
    return out


def _split_at_semicolons(g: TriggerGroup) -> list[TriggerGroup]:
    """A headline or sentence of two clauses joined by ";" ("Strikes kill 9 in Lebanon; Hezbollah fires
    rockets") tells two incidents: one group per clause holding triggers."""
    cuts = [g.sent.start_char + i for i, ch in enumerate(g.sent.text) if ch == ";"]
    if not cuts or len(g.triggers) < 2:
        return [g]
    parts: dict[int, list[Trigger]] = {}
    for t in g.triggers:
        parts.setdefault(sum(1 for c in cuts if c < t.start), []).append(t)
    if len(parts) < 2:
        return [g]
    return [TriggerGroup(ts, g.sent) for _, ts in sorted(parts.items())]


def _split_cause(g: TriggerGroup, out: list[TriggerGroup]) -> None:
    """Appends ``g`` to ``out``, as two groups when it holds the incident it responds to."""
    cause = [t for t in g.triggers if in_cause_phrase(t.head)]
    own = [t for t in g.triggers if t not in cause]
    if cause and own and not all(t.cls.outcome for t in own):
        out.append(TriggerGroup(own, g.sent))
        out.append(TriggerGroup(cause, g.sent))
    else:
        out.append(g)


def _date_word(t: Trigger) -> bool:
    """True for a trigger that is part of a date ("mid-March", "March 2019", "March 05, 2016" where the
    parser tagged no date): no event."""
    head = t.head
    if not head.is_title or t.end - t.start != len(head.text):
        return False
    if head.ent_type_ in ("DATE", "TIME"):
        return True
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    return nxt is not None and nxt.like_num and head.lower_ in english_months()[0]


def _iso_day(iso: str | None):
    """Returns the ``datetime.date`` of an ISO ``YYYY-MM-DD...`` string, or None."""
    import datetime as _dt

    if not iso:
        return None
    try:
        return _dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return None


def _year(iso: str | None) -> int | None:
    if not iso:
        return None
    m = _YEAR_RX.match(str(iso))
    return int(m.group(1)) if m else None


def _headline_spans(doc: Doc) -> list[tuple[int, int]]:
    """Returns the ``(start, end)`` of headline lines: lines without final punctuation in a text
    of several lines (titles, headline lists such as UCDP's sources) and "Outlet, 2020-01-28:
    headline" citation lines."""
    text = doc.text
    spans: list[tuple[int, int]] = []
    pos = 0
    first = True
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            unpunctuated = len(stripped) < 250 and stripped[-1] not in ".!?\"”'"
            if _CITATION.match(stripped) or (unpunctuated and (first or "\n" in text.strip())):
                spans.append((pos, pos + len(line)))
            first = False
        pos += len(line) + 1
    return spans


_REPORTING = {"say", "tell", "announce", "report", "confirm", "state", "add", "claim", "declare", "write", "post",
              "tweet", "note", "explain", "disclose", "reveal", "indicate"}
_SEP = {"after", "before", "following", "since", "amid", "despite", "until", "ahead", "prior"}


def _dates_other_clause(doc: Doc, pos: int, head: Any) -> bool:
    """True when the date phrase at ``pos`` sits in an "after ..."/"before ..." adjunct that does not hold the trigger."""
    tok = next((t for t in doc if t.idx <= pos < t.idx + len(t.text) + 1), None)
    if tok is None or tok.sent != head.sent:
        return False
    if in_other_relative_clause(tok, head):
        return True  # "an activist, who was arrested on 16 April, said he was beaten": the arrest's date
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is not None and verb.lemma_.lower() in _REPORTING and verb.i != head.i:
        return True  # "..., the ministry said on Wednesday": the date of the report
    for anc in [tok, *tok.ancestors]:
        if anc.lower_ in _SEP and anc.dep_ in ("prep", "mark", "advmod"):
            scope = anc.head if anc.dep_ == "mark" else anc
            return not any(t.i == head.i for t in scope.subtree)
    return False


def _pub_span(published: str | None) -> DateSpan | None:
    if not published or not re.match(r"^\d{4}-\d{2}-\d{2}", str(published)):
        return None
    day = str(published)[:10]
    return DateSpan(day, day, "reported", None)


def _default_actors() -> Any:
    try:
        from sigact.extract.actors import ActorResolver

        return ActorResolver.default()
    except ImportError:
        from sigact.extract.fallbacks import SimpleActorResolver

        log.info("sigact.extract.actors not available; using the keyword fallback")
        return SimpleActorResolver()


def _ucdp_function() -> Any:
    try:
        from sigact.extract.ucdp import ucdp_type

        return ucdp_type
    except ImportError:
        from sigact.extract.fallbacks import simple_ucdp_type

        return simple_ucdp_type


def _toll_functions() -> tuple[Any, Any]:
    from sigact.extract.tolls import find_tolls, summarize_tolls

    return find_tolls, summarize_tolls
