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
