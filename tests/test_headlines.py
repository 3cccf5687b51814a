"""Headline lists (UCDP GED source lists): the one incident of a list of cited reports, its
country, date and toll (sigact.extract.headlines).  Every headline here was written for these
tests; outlet names, places and armed groups are facts."""

from __future__ import annotations

import pytest

from sigact.extract.headlines import citation_lines, is_citation_list, periodic_title, violence_match


@pytest.fixture(scope="module")
def pipe():
    from sigact.pipeline import get_pipeline

    return get_pipeline()


def _events(pipe, text):
    from sigact.model import Article

    return [e for e in pipe.process(Article.create(text)) if e.factuality == "asserted"]


def _one(pipe, text):
    evs = _events(pipe, text)
    assert len(evs) == 1, [(e.trigger, e.factuality) for e in evs]
    return evs[0]


# ------------------------------------------------------------------ reading the list

def test_formatted_lines_give_outlet_date_and_headline_start():
    text = "AFP, 2019-03-03: Gunmen kill 12 in Mopti\nRFI, 2019-03-02: Mali : 8 morts à Mopti"
    cites = citation_lines(text)
    assert [(c.outlet, c.date) for c in cites] == [("AFP", "2019-03-03"), ("RFI", "2019-03-02")]
    assert text[cites[1].head:cites[1].end] == "Mali : 8 morts à Mopti"


@pytest.mark.parametrize("text, outlet, date", [
    ("AFP 2009-03-20 Rebels say they clashed with the army in the north", "AFP", "2009-03-20"),
    ("All Africa, 27 November 2002, Rebels driven out of northern town.", "All Africa", "2002-11-27"),
    ("Reuters28 April 1989 ROCKETS HIT THE CAPITAL", "Reuters", "1989-04-28"),
    ("Hindustan Times (23 January 2003): Border post attacked .", "Hindustan Times", "2003-01-23"),
    ("All Africa 14/6-10, Soldiers killed in border raid", "All Africa", "2010-06-14"),
    ("Reuters11/02/1991 REBELS SAY THEY DOWNED AN ARMY PLANE.", "Reuters", "1991-11-02"),
    ("BBC Monitoring, 24-04-02, Rebels report heavy shelling in the south.", "BBC Monitoring", "2002-04-24"),
    ("Radio Tirana, Tirana 1999-03-11/ BBC Rebels report clashes near the border", "Radio Tirana, Tirana",
     "1999-03-11"),
    # BBC Monitoring's source line: station, city, language, time, date
    ("Radio Kabul, Kabul, in Dari 1530 gmt 9 Mar 01. Rebels attack a district centre", "Radio Kabul, Kabul",
     "2001-03-09"),
    # numbered citations, the headline first
    ("(1) Four soldiers killed in roadside blast 17 February 2010 BBC Monitoring (2) Militants attack checkpoint "
     "18 February 2010 Reuters", "BBC Monitoring", "2010-02-17"),
    ("Rebels shell the airport, Reuters News, 2010-08-13", "Reuters News", "2010-08-13"),
    ("Troops kill 15 militants in the north 8 March 2011 BBC Monitoring", "BBC Monitoring", "2011-03-08"),
])
def test_raw_citation_strings_are_read(text, outlet, date):
    cites = citation_lines(text)
    assert len(cites) == 1
    assert (cites[0].outlet, cites[0].date) == (outlet, date)
    headline = text[cites[0].head:cites[0].end]
    assert outlet not in headline and date[:4] not in headline


@pytest.mark.parametrize("text", [
    "On 28 April 2020, in Kidal, gunmen shot dead a trader.",
    "As reported on 1 May 2020, a policeman was wounded by a roadside bomb in Kandahar.",
    "KABUL, 3 May 2020 (Reuters) - Taliban fighters killed six soldiers overnight.",
    "Gunmen killed 12 villagers. Soldiers killed four rebels elsewhere.",
    "AFP, 2019-03-03: Gunmen kill 12\nIn a separate attack, soldiers died.",
])
def test_notes_prose_and_datelines_are_no_citation_list(text):
    assert not is_citation_list(text)


@pytest.mark.parametrize("headline, periodic", [
    ("Central African Republic MAY 2020", True),
    ("Afghan War Casualty Report: April 2020", True),
    ("CAR Daily SITREP 2014.05.14", False),  # a daily report dates its day
    ("Mapping human rights violations 2003-2015", True),
    ("ARB - January 1st–31st 2014", True),
    ("Annual report on human rights in Syria", True),
    ("République centrafricaine : Aperçu humanitaire (au 30 mai 2018)", True),
    ("Rebels kill five soldiers near Bria", False),
    ("Centrafrique : 12 morts dans une attaque à Bambari le 3 mai 2020", False),
])
def test_periodic_report_titles(headline, periodic):
    assert periodic_title(headline) is periodic


@pytest.mark.parametrize("headline", [
    "Fresh deadly unrest in the north",
    "Nouvelle flambée de violences à Bangui",
    "Balacera en la colonia centro",
    "Chacina na periferia da cidade",
    "Enfrentamiento armado en la sierra",
    "Two shaheed in the village",
])
def test_violence_words_in_several_languages(headline):
    assert violence_match(headline) is not None


@pytest.mark.parametrize("headline", ["Government presents annual budget", "Le président inaugure un pont",
                                      "El gobierno aprueba el presupuesto"])
def test_no_violence_word_in_ordinary_headlines(headline):
    assert violence_match(headline) is None


# ------------------------------------------------------------------ one event per list

@pytest.mark.parametrize("text, country", [
    # no verb at all: a violent noun phrase
    ("Agence France Presse, 2015-02-10: Fresh deadly violence in Mali's Gao region", "MLI"),
    # French, no trigger verb
    ("RJDH, 2017-04-15: Centrafrique : regain de violences meurtrières à Bambari", "CAF"),
    # Spanish, a noun phrase headline
    ("El Debate, 2019-05-02: Jornada violenta en Culiacán", "MEX"),
])
def test_verbless_violent_headline_gives_one_event(pipe, text, country):
    ev = _one(pipe, text)
    assert ev.location is not None and ev.location.country == country
    assert ev.ucdp_type in (1, 2, 3)
    assert ev.fatalities == 1  # no number read: UCDP's one-death threshold


def test_aggregate_toll_headline_still_reports_the_incident(pipe):
    ev = _one(pipe, "Reuters 1996-04-20 DEATH TOLL FROM KABUL ROCKET ATTACKS RISES TO 12.")
    assert ev.location is not None and ev.location.country == "AFG"
    assert ev.fatalities == 12
    assert ev.ucdp_type is not None


def test_list_without_violence_gives_no_event(pipe):
    assert _events(pipe, "OCHA, 2018-05-16: Central African Republic: humanitarian funding update\n"
                         "ICG, 2018-06-01: Central African Republic MAY 2018") == []


# ------------------------------------------------------------------ country

@pytest.mark.parametrize("text, country", [
    ("Xinhua, 2015-06-02: Tatmadaw troops and rebels exchange fire, three dead", "MMR"),
    ("AFP, 2003-01-12: FARDC repel rebel assault", "COD"),
    ("Reuters 1991-02-07 ARMY SAYS 40 UNITA REBELS KILLED", "AGO"),
    ("Corbeau News, 2021-03-02: les forces armées centrafricaines reprennent le contrôle, deux rebelles tués",
     "CAF"),
])
def test_side_names_give_the_country_when_no_place_resolves(pipe, text, country):
    ev = _one(pipe, text)
    assert ev.location is not None and ev.location.country == country


@pytest.mark.parametrize("text, country, town", [
    ("Radio Ndeke Luka, 2020-01-25: Centrafrique : combats entre deux groupes armés à Bria", "CAF", "Bria"),
    ("Radio Ndeke Luka, 2020-01-25: RCA : trois civils tués dans la préfecture de la Ouaka", "CAF", None),
    ("RJDH, 2019-03-02: Centrafrique : cinq civils tués dans la sous-préfecture de Bambari", "CAF", "Bambari"),
    ("El Universal, 2019-03-02: Emboscada en Chilapa, Guerrero, deja cinco muertos", "MEX", None),
])
def test_french_and_spanish_place_phrases_are_read(pipe, text, country, town):
    ev = _one(pipe, text)
    assert ev.location is not None and ev.location.country == country
    if town:
        assert ev.location.name == town


# ------------------------------------------------------------------ date

@pytest.mark.parametrize("text, day", [
    ("CNC, 2021-06-14: RCA : deux soldats tués hier à Kaga-Bandoro", "2021-06-13"),
    # a running total "since Saturday" is dated by its report, as UCDP does
    ("Agence France Presse, 2014-03-25: At least 15 killed in Bangui since Saturday: aid group", "2014-03-25"),
    ("El Heraldo, 2020-04-01: Ayer asesinaron a dos hombres en Ciudad Juárez", "2020-03-31"),
    # a raw citation string: the day word resolved against the citation's own date
    ("Reuters 20 April 1996 Seven killed yesterday in rocket attack on Kabul", "1996-04-19"),
    # the weekday of another headline of the list dates the incident
    ("AFP, 2019-05-22: Armed group kills 26 in Paoua\nRFI, 2019-05-23: Centrafrique : 26 civils tués mardi près de Paoua",
     "2019-05-21"),
])
def test_headline_day_words_date_the_incident_from_their_own_report(pipe, text, day):
    ev = _one(pipe, text)
    assert ev.date is not None and (ev.date.start, ev.date.end) == (day, day)


def test_periodic_report_never_dates_the_incident(pipe):
    text = ("NYTimes.com Feed, 2020-04-02: Afghan War Casualty Report: April 2020\n"
            "Pajhwok News, 2020-04-22: 33 rebels killed in Kandahar clashes")
    ev = _one(pipe, text)
    assert ev.date is not None and ev.date.start == "2020-04-22"


def test_earliest_report_dates_an_incident_without_day_words(pipe):
    text = ("Reuters, 2019-03-04: Gunmen killed 20 villagers near Mopti\n"
            "RFI, 2019-03-03: Mali : des hommes armés attaquent un village près de Mopti")
    ev = _one(pipe, text)
    assert ev.date is not None and ev.date.start == "2019-03-03"


# ------------------------------------------------------------------ deaths

@pytest.mark.parametrize("text, deaths", [
    ("El Universal, 2019-03-02: Mueren tres policías en emboscada en Guerrero", 3),
    ("El Norte, 2019-03-02: Matan a dos hombres en Tijuana", 2),
    ("Folha, 2019-12-02: Tiroteio em Fortaleza: morrem quatro pessoas", 4),
    ("Corbeau News, 2021-07-14: Centrafrique : quatre rebelles neutralisés par les FACA à Bria", 4),
    ("RJDH, 2019-01-21: Centrafrique : 17 personnes tuées dans une attaque à Alindao", 17),
])
def test_tolls_in_french_spanish_portuguese_headlines(pipe, text, deaths):
    assert _one(pipe, text).fatalities == deaths


def test_incident_toll_not_a_cumulated_total(pipe):
    """A report of the incident ("8 killed") and a running total of the week ("the week's toll rises to
    40") : the incident's deaths, not the total."""
    text = ("AFP, 2019-03-03: Eight killed in attack on village near Mopti\n"
            "RFI, 2019-03-08: Mali : le bilan des violences de la semaine s'alourdit à 40 morts")
    assert _one(pipe, text).fatalities == 8


@pytest.mark.parametrize("text, deaths", [
    ("Bakhtar News Agency, 2020-07-11: Six Anti-Government Militias Kill During Clashes with the army", 6),
    ("BBC Monitoring Africa, 2013-03-14: Army confirms killing of four soldiers in the south-east", 4),
    ("RFI, 2020-01-01: Mali : la mort de quatre soldats confirmée à Kidal", 4),
    ("AFP, 2019-01-01: Two attacks in 2019 kill a peacekeeper", None),  # a year and no people: no count
    ("ICG, 2020-03-01: Twelve soldiers in the field: monthly report", None),  # nobody died
])
def test_headline_count_reads_people_counts_near_a_death_word(text, deaths):
    from sigact.extract.headlines import headline_count

    assert headline_count(text, citation_lines(text)) == deaths


def test_list_without_any_toll_gets_the_count_of_a_death_headline(pipe):
    ev = _one(pipe, "Bakhtar News Agency, 2020-07-11: Six Anti-Government Militias Kill During Clashes in Zabul")
    assert ev.fatalities == 6


def test_country_wide_total_is_not_the_incident_toll(pipe):
    """UCDP splits a ministry's nationwide total over many events: the total is no incident's toll."""
    ev = _one(pipe, "Bakhtar News Agency, 2021-06-24: 150 Taliban militants killed across the country in 24 hours")
    assert ev.fatalities == 1


def test_spanish_and_french_period_totals_are_not_the_incident_toll():
    from sigact.extract.tolls import find_tolls

    for text in ("Junio suma 122 muertos en Tijuana", "Le bilan de la semaine s'alourdit à 40 morts",
                 "Fighting kills 22 in 2 days", "En lo que va del año, 300 muertos en Guerrero"):
        tolls = [t for t in find_tolls(text, 0) if t.kind == "killed"]
        assert tolls and all(t.aggregate for t in tolls), text


def test_long_list_whose_only_violent_headline_is_spanish_reaches_the_parser(pipe):
    """The relevance stage blanks sentences without a violence stem; a list longer than its
    min_chars whose one violent headline is Spanish headlinese must keep that headline."""
    lines = [f"Boletín {i}, 2020-03-0{i}: Informe humanitario semanal número {i} sobre la región norte"
             for i in range(1, 6)]
    text = "\n".join(lines + ["El Debate, 2020-03-06: Balacera en Culiacán deja dos muertos"])
    assert len(text) > 300
    ev = _one(pipe, text)
    assert ev.location is not None and ev.location.country == "MEX"
    assert ev.fatalities == 2


def test_extractor_without_geo_and_date_stages_still_finishes_the_list(nlp):
    from sigact.extract import EventExtractor
    from sigact.model import Article

    text = "AFP, 2003-01-12: FARDC repel rebel assault"
    evs = [e for e in EventExtractor().extract(nlp(text), Article.create(text)) if e.is_incident]
    assert len(evs) == 1
    assert evs[0].location is not None and evs[0].location.country == "COD"
    assert evs[0].date is not None and evs[0].date.start == "2003-01-12"
    assert evs[0].fatalities == 1


@pytest.mark.parametrize("text, event_type, trigger", [
    ("El Tiempo, 2019-01-17: Explosión de un carro bomba en Bogotá deja 21 muertos", "Explosions/Remote violence",
     "Explosión"),
    ("RFI, 2019-01-17: Afghanistan : attentat kamikaze à Kaboul, 12 morts", "Explosions/Remote violence", "kamikaze"),
    ("RJDH, 2019-01-17: Centrafrique : des obus tombent sur Bambari", "Explosions/Remote violence", "obus"),
    ("El Norte, 2019-01-17: Mueren tres policías en Guerrero", None, "Mueren"),
])
def test_fr_es_pt_trigger_words(pipe, text, event_type, trigger):
    ev = _one(pipe, text)
    assert ev.trigger is not None and ev.trigger.lower() == trigger.lower()
    if event_type:
        assert ev.acled_event_type == event_type


def test_town_named_by_another_headline_places_a_country_level_incident(pipe):
    text = ("Agence France Presse, 2019-05-22: Armed group kills 26 in Central African Republic: UN\n"
            "RJDH, 2019-05-23: Centrafrique : 26 civils tués près de Paoua par des hommes armés")
    ev = _one(pipe, text)
    assert ev.location is not None and ev.location.country == "CAF"
    assert ev.location.name == "Paoua" and ev.location.precision == "town"
    loc = [e for e in ev.evidence if e.field == "location"]
    assert loc and text[loc[0].start:loc[0].end] == "Paoua"


@pytest.mark.parametrize("text, country, town", [
    ("Le Faso, 2019-12-25: Djibo : deux civils tués par des hommes armés", "BFA", "Djibo"),
    ("Le Faso, 2019-12-25: Kaya : deux civils tués par des hommes armés", "BFA", "Kaya"),
])
def test_francophone_headline_place_prefix_places_an_unplaced_incident(pipe, text, country, town):
    ev = _one(pipe, text)
    assert ev.location is not None and (ev.location.country, ev.location.name) == (country, town)
    assert any(e.field == "location" and text[e.start:e.end] == town for e in ev.evidence)


def test_headline_prefix_that_is_no_place_gives_nothing(geo, nlp):
    from sigact.extract.headlines import prefix_place

    text = "Le Faso, 2019-12-25: Flash info : deux civils tués par des hommes armés"
    assert prefix_place(geo.analyze(nlp(text)), text, citation_lines(text)) is None


def test_list_wide_date_and_count_carry_their_evidence(pipe):
    text = ("AFP, 2019-05-22: Armed group attacks villages near Paoua\n"
            "RFI, 2019-05-23: Centrafrique : six villageois tués mardi près de Paoua")
    ev = _one(pipe, text)
    assert ev.date is not None and ev.date.start == "2019-05-21"
    dates = [e for e in ev.evidence if e.field == "date"]
    assert [text[e.start:e.end] for e in dates] == [e.text for e in dates]
    assert any("mardi" in e.text for e in dates)
    tolls = [e for e in ev.evidence if e.field == "fatalities"]
    assert ev.fatalities == 6 and all(text[e.start:e.end] == e.text for e in tolls)


def test_raw_citation_outlet_seat_is_no_place_and_its_date_dates_the_incident(pipe):
    text = "Radio Iran, Mashhad, in Dari 1530 gmt 9 Mar 01. Taleban fighters kill 15 civilians"
    ev = _one(pipe, text)
    assert ev.location is not None and ev.location.country == "AFG"  # the Taliban, not the outlet's Mashhad
    assert ev.date is not None and ev.date.start == "2001-03-09"
