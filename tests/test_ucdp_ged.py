"""UCDP GED-style headline lists ("Outlet, YYYY-MM-DD: headline"): the UCDP type, one event per
record, the report date, French/Spanish/Portuguese headlines.  Every headline here was written
for these tests."""

from __future__ import annotations

import pytest

from sigact.extract.actors import ActorResolver
from sigact.extract.ucdp import side_of, ucdp_type


@pytest.fixture(scope="module")
def r() -> ActorResolver:
    return ActorResolver.default()


# ------------------------------------------------------------------ sides of the state

@pytest.mark.parametrize("mention", ["Wagner mercenaries", "Russian mercenaries", "les mercenaires russes",
                                     "Africa Corps"])
def test_government_allied_mercenaries_are_a_state_side(r, mention):
    actor = r.resolve(mention, "CAF")
    assert actor.name == "Wagner Group"
    assert side_of(actor, mention) == "state"


@pytest.mark.parametrize("text, event_type, expected", [
    # Wagner against a rebel coalition: the government's conflict (state-based)
    ("Corbeau News, 2021-05-27: Centrafrique : trois rebelles de la CPC tués par les mercenaires russes près de Bria",
     "Battles", 1),
    # Wagner killing civilians: one-sided
    ("Corbeau News, 2021-06-02: Centrafrique : neuf civils tués par les mercenaires russes à Bambari",
     "Violence against civilians", 3),
    # a UN peacekeeper killed: the attack counts in the state-based conflict
    ("AP, 2015-03-10: UN peacekeeper killed in ambush in the Central African Republic", "Battles", 1),
    # two non-state groups and no state force: non-state
    ("RJDH, 2017-10-30: Centrafrique : affrontements entre anti-balaka et ex-Seleka à Batangafo", "Battles", 2),
    ("El Norte, 2019-03-02: Enfrentamiento entre el Cártel de Sinaloa y el CJNG deja 8 muertos", "Battles", 2),
    ("Pajhwok, 2020-02-02: Taliban and Islamic State fighters clash in Kunar, 14 dead", "Battles", 2),
])
def test_headline_types(r, text, event_type, expected):
    assert ucdp_type(None, None, event_type, text=text, resolver=r) == expected


def test_headline_attribution_is_no_side(r):
    """"...: police" closing a headline names the source, not a side of the fight."""
    text = ("AFP, 2015-08-21: Ten killed in religious clashes in the capital: police\n"
            "Reuters, 2015-08-22: Death toll from sectarian fighting rises to 12")
    assert ucdp_type(None, None, "Battles", text=text, resolver=r) == 2


def test_non_state_cue_beats_a_peacekeeping_mention(r):
    """Militias said to clash with each other stay non-state when peacekeepers are also named."""
    text = ("AFP, 2020-01-28: 40 killed in militia clashes in northern town\n"
            "Reuters, 2020-01-29: UN peacekeepers deploy to calm the town after rival militias fight")
    assert ucdp_type(None, None, "Battles", text=text, resolver=r) == 2
    # without a non-state cue the same peacekeepers and a rebel group read state-based
    text2 = "AFP, 2020-01-28: Rebels attack UN peacekeepers near Kaga-Bandoro, two killed"
    assert ucdp_type(None, None, "Battles", text=text2, resolver=r) == 1


# ------------------------------------------------------------------ French / Spanish / Portuguese headlines

@pytest.fixture(scope="module")
def pipe():
    from sigact.pipeline import get_pipeline

    return get_pipeline()


def _events(pipe, text):
    from sigact.model import Article

    return [e for e in pipe.process(Article.create(text)) if e.factuality == "asserted"]


@pytest.mark.parametrize("text, country, ucdp", [
    # an elided article glued to the trigger word ("l’assassinat")
    ("CNC, 2021-06-20: RCA : Bria, colère après l’assassinat de trois jeunes par des hommes armés", "CAF", 3),
    # a French past participle and present participle ("ont attaqué", "tuant")
    ("Journal de Bangui, 2018-01-05: Des rebelles de la LRA ont attaqué la localité de Nzako, tuant une personne",
     "CAF", None),
    ("El Tiempo, 2019-01-02: Hombres armados asesinan a cinco campesinos en Cauca", "COL", 3),
    ("G1, 2019-01-02: Homens armados matam quatro moradores em Belém, no Pará", "BRA", 3),
])
def test_non_english_headline_makes_an_event(pipe, text, country, ucdp):
    evs = _events(pipe, text)
    assert len(evs) == 1
    ev = evs[0]
    assert ev.location is not None and ev.location.country == country
    assert ev.ucdp_type in ((1, 2, 3) if ucdp is None else (ucdp,))


def test_attack_on_a_displaced_camp_is_one_sided(r):
    text = "AFP, 2017-06-10: Centrafrique : au moins 5 morts dans une attaque contre un camp de déplacés à Bria"
    assert ucdp_type(None, None, "Violence against civilians", text=text, resolver=r) == 3


def test_non_english_text_without_violence_gives_no_event(pipe):
    assert _events(pipe, "Le Monde, 2019-03-02: Le gouvernement présente son budget annuel au parlement") == []
    assert _events(pipe, "El País, 2019-03-02: El gobierno aprueba el presupuesto anual en el Congreso") == []


# ------------------------------------------------------------------ one incident per citation list

def test_citation_list_gives_one_incident_dated_by_the_first_report(pipe):
    text = ("AFP, 2019-03-03: Gunmen kill 12 villagers in central Mali\n"
            "Reuters, 2019-03-04: Gunmen killed 20 villagers in an attack on a village near Mopti\n"
            "RFI, 2019-03-02: Mali : des hommes armés attaquent un village près de Mopti, 8 morts")
    evs = _events(pipe, text)
    assert len(evs) == 1
    ev = evs[0]
    assert ev.fatalities == 20  # the fullest toll the reports give
    assert ev.date is not None and ev.date.start == "2019-03-02"  # the earliest report
    assert ev.location is not None and ev.location.country == "MLI"
    assert ev.ucdp_type == 3


def test_prose_with_several_incidents_keeps_them():
    from sigact.extract.headlines import formatted_list as _citation_list

    assert _citation_list("AFP, 2019-03-03: Gunmen kill 12\nRFI, 2019-03-02: 8 morts à Mopti")
    assert not _citation_list("AFP, 2019-03-03: Gunmen kill 12\nIn a separate attack, soldiers died.")
    assert not _citation_list("Gunmen killed 12 villagers. Soldiers killed four rebels elsewhere.")


def test_group_in_power_is_the_state_after_it_took_power(r):
    """UCDP codes the Taliban's fight against IS-K after August 2021 as the Afghan government's."""
    text = "Pajhwok, 2022-03-02: Taliban fighters clash with Islamic State militants in Nangarhar, 14 dead"
    assert ucdp_type(None, None, "Battles", text=text, resolver=r, date="2022-03-01") == 1
    assert ucdp_type(None, None, "Battles", text=text, resolver=r, date="2019-03-01") == 2


def test_bomb_that_kills_civilians_counts_in_the_conflict_unless_aimed_at_a_crowd(r):
    blast = "BBC Monitoring, 2012-05-06: Three civilians killed in booby-trapped car blast in Aleppo"
    assert ucdp_type(None, None, "Explosions/Remote violence", text=blast, resolver=r) == 1
    market = "AFP, 2012-05-06: Bomb attack on a crowded market kills 20 civilians in Baghdad"
    assert ucdp_type(None, None, "Explosions/Remote violence", text=market, resolver=r) == 3


def test_french_torture_headline_makes_an_event(pipe):
    text = "CNC, 2020-05-26: RCA : à Bouar, un homme torturé par des rebelles succombe de ses blessures"
    evs = _events(pipe, text)
    assert len(evs) == 1 and evs[0].location is not None and evs[0].location.country == "CAF"


def test_non_violent_type_with_fighting_and_named_sides_gets_a_type(r):
    """An event the ACLED typing calls a strategic development, in a text about rebels attacking the army."""
    text = "AFP, 2019-03-02: Rebels attack army positions and seize the town of Ndele"
    assert ucdp_type(None, None, "Strategic developments", text=text, resolver=r) == 1
    # nothing violent in the text: no UCDP type
    assert ucdp_type(None, None, "Strategic developments", text="AFP, 2019-03-02: Rebels sign peace deal in Khartoum",
                     resolver=r) is None


def test_non_violent_type_with_fighting_but_no_sides_asks_the_classifier(r):
    class _Clf:
        def proba(self, text):
            return {"1": 0.1, "2": 0.7, "3": 0.2}

    text = "AFP, 2019-03-02: Heavy fighting reported near the town"
    assert ucdp_type(None, None, "Strategic developments", text=text, resolver=r, classifier=_Clf()) == 2
    assert ucdp_type(None, None, "Protests", text=text, resolver=r, classifier=_Clf()) is None
