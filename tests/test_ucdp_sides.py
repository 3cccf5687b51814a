"""UCDP type of violence across countries and languages (sigact.extract.ucdp, session 3 rules):
informally organised sides, communal cues, country names as places, and countries without a
state-based conflict. Every headline below was written for these tests."""

from __future__ import annotations

import pytest

from sigact.extract.actors import ActorResolver
from sigact.extract.ucdp import text_sides, ucdp_type
from sigact.model import Actor
from ucdp_helpers import FixedGedClassifier


@pytest.fixture(scope="module")
def r() -> ActorResolver:
    return ActorResolver.default()



@pytest.mark.parametrize("text, event_type, country, expected", [
    # state-based: a government's forces (any language) against an organised armed group
    ("FARDC et ADF s'affrontent près de Beni, neuf morts", "Battles", "COD", 1),
    ("Ejército y ELN combaten en zona rural de Arauca; cinco muertos", "Battles", "COL", 1),
    ("Les forces armées maliennes repoussent une attaque du JNIM à Boni", "Battles", "MLI", 1),
    ("Army repels al-Shabaab assault on a forward base in Lower Shabelle", "Battles", "SOM", 1),
    ("Tatmadaw troops and KIA fighters clash in Kachin State", "Battles", "MMR", 1),
    # non-state: two organised groups, or communities, clans, herders and farmers
    ("Clashes between Islamic State and the Taliban in Kunar leave 20 dead", "Battles", "AFG", 2),
    ("Al-Shabaab and ISIS fighters clash in the Cal Miskaad mountains", "Battles", "SOM", 2),
    ("Clan militias clash over a water point in Galgaduud, eight killed", "Battles", "SOM", 2),
    ("Revenge attacks between Nuer and Murle youths leave 30 dead", "Battles", "SSD", 2),
    ("Heurts intercommunautaires entre agriculteurs et éleveurs : 12 morts", "Battles", "TCD", 2),
    ("Enfrentamiento entre grupos criminales deja nueve muertos", "Battles", None, 2),
    ("Tiroteio entre facções rivais deixa quatro mortos", "Battles", None, 2),
    ("Sectarian clashes in Kurram kill 35 over a land dispute", "Battles", "PAK", 2),
    ("Cattle raiders kill 11 herders in a dawn raid", "Violence against civilians", "KEN", 2),
    # one-sided: a government or a formally organised group kills civilians
    ("Gunmen massacre 40 villagers in Djugu territory", "Violence against civilians", "COD", 3),
    ("Les FAMa exécutent douze civils près de Djenné", "Violence against civilians", "MLI", 3),
    ("Boko Haram militants kill 23 villagers in an overnight raid", "Violence against civilians", "NGA", 3),
])
def test_type_across_countries(r, text, event_type, country, expected):
    assert ucdp_type(None, None, event_type, text=text, context_country=country, resolver=r) == expected


def test_informal_perpetrators_make_non_state_violence(r):
    """UCDP: one-sided violence needs a government or a formally organised group; herders,
    tribesmen and ethnic militias attacking a village fight the other community (non-state)."""
    informal = "Fulani herdsmen kill 23 villagers in an overnight raid on a farming community"
    formal = "ISWAP fighters kill 23 villagers in an overnight raid on a farming community"
    assert ucdp_type(None, None, "Violence against civilians", text=informal, context_country="NGA", resolver=r) == 2
    assert ucdp_type(None, None, "Violence against civilians", text=formal, context_country="NGA", resolver=r) == 3
    s = text_sides("Tribesmen attacked a neighbouring village in a land dispute", resolver=r)
    assert s.informal >= 1 and s.communal_cue


def test_communal_cue_with_a_massacre_by_a_named_group_stays_one_sided(r):
    # a formally organised group named as the killer: the communal backdrop does not make it non-state
    text = "CODECO militiamen massacre 22 displaced people amid ethnic violence in Ituri"
    assert ucdp_type(None, None, "Violence against civilians", text=text, context_country="COD", resolver=r) == 3


def test_a_country_named_as_the_place_is_no_state_side(r):
    """A parsed 'military' read from a bare country name ("C. Africa") must not force a
    state-based type when the text names two non-state sides."""
    place = Actor(text="C. Africa", name="Military Forces of the Central African Republic",
                  acled_name="Military Forces of the Central African Republic", country="CAF", type="military")
    group = r.resolve("anti-Balaka", "CAF")
    text = "Fresh clashes between anti-Balaka and UPC fighters hit C. Africa"
    assert ucdp_type(group, place, "Battles", text=text, context_country="CAF", resolver=r) == 2
    # a real force mention still decides at once
    army = r.resolve("FACA soldiers", "CAF")
    assert ucdp_type(group, army, "Battles", text=text, context_country="CAF", resolver=r) == 1
    # the country mention is kept as the last word when the text says nothing about the sides
    assert ucdp_type(group, place, "Battles", text="Twelve dead in fighting near Bambari",
                     context_country="CAF", resolver=r, classifier=FixedGedClassifier("3")) == 1


@pytest.mark.parametrize("text, event_type, expected", [
    ("Shootout leaves seven dead near Culiacán", "Battles", 2),
    ("Soldiers clash with gunmen on a highway, six dead", "Battles", 2),
    ("Eleven bodies found in a ravine outside the city", "Violence against civilians", 2),
    ("Gunmen kill six civilians at a bar", "Violence against civilians", 3),
    ("Massacre at a family party leaves nine dead", "Violence against civilians", 3),
])
def test_countries_without_state_based_conflict(r, text, event_type, expected):
    """Mexico has had no state-based conflict in UCDP since the 1990s: killings are non-state
    (cartel wars) unless the text says civilians were targeted (one-sided)."""
    clf = FixedGedClassifier("1")
    assert ucdp_type(None, None, event_type, text=text, context_country="MEX", resolver=r, classifier=clf,
                     date="2019-05-04") == expected


def test_no_state_conflict_rule_respects_the_year(r):
    text = "Soldiers clash with Zapatista rebels in Chiapas, six dead"
    army = r.resolve("soldiers", "MEX")
    assert ucdp_type(army, None, "Battles", text=text, context_country="MEX", resolver=r, date="1994-01-02") == 1
    assert ucdp_type(army, None, "Battles", text=text, context_country="MEX", resolver=r, date="2015-01-02") == 2
    # elsewhere the same sides are a state-based conflict
    assert ucdp_type(army, None, "Battles", text="Soldiers clash with rebels, six dead",
                     context_country="COL", resolver=r, date="2015-01-02") == 1


def test_state_allies_with_an_end_month(r):
    """Sudan's RSF fought for the government until April 2023 and against it from then on."""
    text = "RSF paramilitaries clash with SLA rebels in North Darfur, 14 dead"
    rsf_vs_sla = ucdp_type(None, None, "Battles", text=text, context_country="SDN", resolver=r, date="2015-03-10")
    assert rsf_vs_sla == 1
    text = "Clashes between the RSF and the Sudanese army in Khartoum leave 40 dead"
    assert ucdp_type(None, None, "Battles", text=text, context_country="SDN", resolver=r, date="2023-06-01") == 1
    # after April 2023 the RSF is an armed group: RSF against the SLA is two non-state sides
    assert ucdp_type(None, None, "Battles", text="RSF paramilitaries clash with SLA rebels in North Darfur",
                     context_country="SDN", resolver=r, date="2023-09-01") == 2


def test_two_communities_clashing_are_non_state(r):
    # both sides of the clash are civilians by the actor dictionary: communities fighting each other
    text = "Clashes between farmers and fishermen leave six dead on the lake shore"
    assert text_sides(text, resolver=r).between == ("civilians", "civilians")
    assert ucdp_type(None, None, "Battles", text=text, context_country="TCD", resolver=r) == 2


def test_unknown_gunmen_against_a_named_group_is_non_state(r):
    text = "Unknown gunmen shot dead an SDF fighter at a checkpoint near Raqqa"
    assert ucdp_type(None, None, "Battles", text=text, context_country="SYR", resolver=r) == 2
    # a named group alone in a battle is still fighting the state it rebels against
    assert ucdp_type(None, None, "Battles", text="ADF fighters raided a base near Beni", context_country="COD",
                     resolver=r) == 1


def test_civilians_killed_in_a_fight_are_not_one_sided_by_themselves(r):
    text = "Eight civilians killed in heavy fighting on the outskirts of the town"
    # the text leaves the sides open: the classifier decides, not the word "civilians"
    assert ucdp_type(None, None, "Battles", text=text, context_country="SSD", resolver=r, classifier=FixedGedClassifier("1")) == 1
    # a massacre cue still makes it one-sided
    text = "Eight civilians executed after heavy fighting on the outskirts of the town"
    assert ucdp_type(None, None, "Battles", text=text, context_country="SSD", resolver=r, classifier=FixedGedClassifier("1")) == 3


def test_a_state_force_alone_attacking_a_person_is_one_sided(r):
    soldier = r.resolve("a soldier", "CMR")
    trader = Actor(text="a trader", name="Civilians (Cameroon)", acled_name="Civilians (Cameroon)",
                   country="CMR", type="civilians")
    text = "A soldier shot dead a trader at a roadblock in Bamenda"
    assert ucdp_type(soldier, trader, "Violence against civilians", text=text, context_country="CMR",
                     resolver=r) == 3
    # with an armed group in the text it is the state's conflict with that group
    text = "A soldier shot dead a trader suspected of supplying separatist fighters in Bamenda"
    assert ucdp_type(soldier, trader, "Battles", text=text, context_country="CMR", resolver=r) == 1


def test_a_bare_gunmen_killing_in_a_cartel_war_country_is_non_state(r):
    text = "Gunmen kill six at a car wash"
    assert ucdp_type(None, None, "Violence against civilians", text=text, context_country="BRA", resolver=r,
                     date="2018-02-01") == 2
    # elsewhere unnamed gunmen killing people is one-sided violence
    assert ucdp_type(None, None, "Violence against civilians", text=text, context_country="NER", resolver=r,
                     date="2018-02-01") == 3


def test_gunmen_in_a_battle_are_not_presumed_to_attack_people(r):
    # unnamed gunmen alone: an attack on people, unless the event is an armed exchange
    text = "Gunmen opened fire in the town centre overnight, four dead"
    assert ucdp_type(None, None, "Violence against civilians", text=text, context_country="NER", resolver=r) == 3
    assert ucdp_type(None, None, "Battles", text=text, context_country="NER", resolver=r,
                     classifier=FixedGedClassifier("1")) == 1


@pytest.mark.parametrize("mention, side", [
    ("les FDS", "state"), ("la Guardia Civil", "state"), ("tropas", "state"), ("fuerzas de seguridad", "state"),
    ("forças de segurança", "state"), ("la garde républicaine", "state"),
    ("pandilleros", "armed"), ("guerrilleros", "armed"), ("des coupeurs de route", "armed"), ("les miliciens", "armed"),
])
def test_state_and_armed_sides_in_french_spanish_portuguese(r, mention, side):
    from sigact.extract.ucdp import side_of

    found = r.find(mention)
    assert found and side_of(found[0].actor, found[0].text) == side


def test_a_parsed_person_attacked_in_a_cartel_war_country_stays_one_sided(r):
    gang = r.resolve("gunmen", "MEX")
    man = Actor(text="a man", name="Civilians (Mexico)", acled_name="Civilians (Mexico)", country="MEX",
                type="civilians")
    text = "A man was shot dead by gunmen on a motorbike"
    assert ucdp_type(gang, man, "Violence against civilians", text=text, context_country="MEX", resolver=r,
                     date="2021-03-03") == 3
    assert ucdp_type(gang, None, "Battles", text="Gunmen exchange fire in a shoot-out, three dead",
                     context_country="MEX", resolver=r, date="2021-03-03") == 2


def test_an_armed_groups_attack_on_named_civilians_with_police_responding_is_one_sided(r):
    gunmen = r.resolve("gunmen", "BFA")
    victims = r.resolve("two traders", "BFA")
    text = "Gunmen killed two traders on the road to Djibo; police opened an investigation"
    assert ucdp_type(gunmen, victims, "Violence against civilians", text=text, context_country="BFA",
                     resolver=r) == 3
    # traders caught in the crossfire of a fight with the police: the state's conflict with the group
    text = "Gunmen clashed with police on the road to Djibo; two traders died in the crossfire"
    assert ucdp_type(gunmen, victims, "Battles", text=text, context_country="BFA", resolver=r) == 1


def test_self_defence_groups_are_an_armed_side(r):
    text = "Affrontements entre les ex-Séléka et des groupes d'autodéfense près de Gaga, 50 morts"
    assert text_sides(text, resolver=r).between == ("armed", "armed")
    assert ucdp_type(None, None, "Battles", text=text, context_country="CAF", resolver=r) == 2
    text = "Enfrentamiento entre autodefensas y el CJNG deja seis muertos"
    assert ucdp_type(None, None, "Battles", text=text, context_country="MEX", resolver=r, date="2014-01-10") == 2


class _Probs:
    """A stand-in GED classifier with fixed probabilities."""

    def __init__(self, p1: float, p2: float, p3: float):
        self.p = {"1": p1, "2": p2, "3": p3}

    def proba(self, text: str) -> dict[str, float]:
        return dict(self.p)


def test_a_hesitant_classifier_leans_one_sided_for_an_attack_on_people(r):
    text = "Seven dead in Tuesday's attack in the north"
    close = _Probs(0.45, 0.1, 0.40)
    far = _Probs(0.65, 0.1, 0.25)
    assert ucdp_type(None, None, "Violence against civilians", text=text, resolver=r, classifier=close) == 3
    assert ucdp_type(None, None, "Violence against civilians", text=text, resolver=r, classifier=far) == 1
    # a battle keeps the classifier's answer
    assert ucdp_type(None, None, "Battles", text=text, resolver=r, classifier=close) == 1


def test_a_groups_own_dead_with_no_other_side_named_are_state_based(r):
    text = "Taliban fighters killed in overnight raids in Kandahar"
    assert text_sides(text, resolver=r, date="2019-09-22").armed_dead == 1
    assert ucdp_type(None, None, "Violence against civilians", text=text, context_country="AFG", resolver=r,
                     date="2019-09-22") == 1
    assert ucdp_type(None, None, "Battles", text="Douze terroristes neutralisés dans la région de Mopti",
                     context_country="MLI", resolver=r) == 1
    # the group killing people is not its own dead
    assert ucdp_type(None, None, "Violence against civilians", text="Taliban fighters killed five villagers",
                     context_country="AFG", resolver=r, date="2019-09-22") == 3


@pytest.mark.parametrize("text, country", [
    ("Herders attack farmers in South Darfur, 15 dead", "SDN"),
    ("Des éleveurs attaquent des agriculteurs près de Mongo : neuf tués", "TCD"),
    ("Farmers killed four pastoralists in a dispute over a water point", "KEN"),
])
def test_herders_and_farmers_attacking_each_other_is_non_state(r, text, country):
    assert ucdp_type(None, None, "Violence against civilians", text=text, context_country=country, resolver=r) == 2


def test_victims_suspected_of_something_are_not_a_source(r):
    text = "Maoists kill three villagers suspected of being police informers"
    assert text_sides(text, resolver=r, context_country="IND").civilians == 1
    assert ucdp_type(None, None, "Violence against civilians", text=text, context_country="IND", resolver=r) == 3


def test_executions_by_the_taliban_government_are_one_sided(r):
    text = "Taliban execute former soldiers in Helmand"
    assert ucdp_type(None, None, "Violence against civilians", text=text, context_country="AFG", resolver=r,
                     date="2022-03-01") == 3
    # before August 2021 the Taliban fighting IS-K was non-state, after it the state's conflict
    assert ucdp_type(None, None, "Battles", text="Taliban clash with ISIS-K in Nangarhar", context_country="AFG",
                     resolver=r, date="2019-03-01") == 2
    assert ucdp_type(None, None, "Battles", text="Taliban clash with ISIS-K in Nangarhar", context_country="AFG",
                     resolver=r, date="2022-03-01") == 1


@pytest.mark.parametrize("text", [
    "Militants shot dead four farmers in their fields",
    "Gunmen gunned down six passengers at a roadblock",
])
def test_shooting_named_civilians_is_one_sided(r, text):
    assert ucdp_type(None, None, "Violence against civilians", text=text, context_country="BFA", resolver=r) == 3
