"""ACLED coding conventions for special cases (``sigact.extract.conventions``, ``data/conventions.yaml``).

Two levels: the convention engine on a hand-made coding and incident (no parsing), and the whole
extractor on report sentences written for these tests, each convention with a case it recodes and a
look-alike it must leave alone (a bomb that killed people stays an explosion, police arrests stay
arrests, a clash with warning shots stays a clash).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from sigact.errors import ConfigError
from sigact.extract.coding import Coding
from sigact.extract.conventions import Conventions, load_conventions, parse_conventions
from sigact.extract.lexicon import load_lexicon
from sigact.model import Actor
from test_extract_support import primary, run

SD = "Strategic developments"
DWU = "Disrupted weapons use"
ABD = "Abduction/forced disappearance"


# ------------------------------------------------------------------ the engine, without parsing
@dataclass
class _Doc:
    text: str
    user_data: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Sent:
    doc: _Doc
    start_char: int
    end_char: int

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char:self.end_char]


@dataclass
class _Group:
    sent: _Sent
    extra_sents: list[_Sent] = field(default_factory=list)


def _group(text: str, sentence: str | None = None) -> _Group:
    """Returns an incident told by ``sentence`` (default: the whole ``text``) inside ``text``."""
    sentence = sentence or text
    i = text.index(sentence)
    return _Group(_Sent(_Doc(text), i, i + len(sentence)))


@pytest.fixture(scope="module")
def conv() -> Conventions:
    return load_conventions(load_lexicon())


def _coding(sub: str) -> Coding:
    row = load_lexicon().taxonomy[sub]
    return Coding(sub, row["event_type"], row.get("plover"), row.get("mode"), row.get("cameo"), 0.7, "rules")


def test_every_convention_is_complete(conv: Conventions) -> None:
    lex = load_lexicon()
    names = [r.name for r in conv.rules]
    assert len(names) == len(set(names)) >= 5
    for r in conv.rules:
        assert r.result in lex.taxonomy and r.why and r.cues and r.applies_to


_ENGINE_CASES = [
    ("Remote explosive/landmine/IED", "Sappers defused a pressure-plate mine buried under the track near Tessit."),
    ("Grenade", "A grenade tossed into a courtyard in Gitega did not explode."),
    ("Air/drone strike", "Two drones were shot down over Marib before reaching their target."),
    ("Remote explosive/landmine/IED", "An IED went off prematurely while two fighters were planting it near Bulo Burte."),
    (DWU, "Troops beat back an assault by armed bandits on the camp at Zurmi."),
    ("Arrests", "Police killed two Red Command gang members and arrested three more in Mare."),
    ("Arrests", "Federal police impounded 80 kg of marijuana at a toll booth near Cascavel."),
    ("Agreement", "The junta freed 300 political prisoners on Independence Day."),
    ("Attack", "Security measures: troops sealed the roads into Ben Gardane."),
]


def test_keys_gate_changes_no_outcome(conv: Conventions) -> None:
    """The ``keys`` pre-check only skips conventions that could not fire: with it or without, the same result."""
    ungated = Conventions(conv.lex, tuple(replace(r, keys=()) for r in conv.rules))
    for sub, text in _ENGINE_CASES:
        got, ref = conv.apply(_coding(sub), _group(text), None), ungated.apply(_coding(sub), _group(text), None)
        assert got.method.startswith("convention:"), text
        assert (got.sub_event_type, got.method, got.evidence) == (ref.sub_event_type, ref.method, ref.evidence)


def test_defused_bomb_recoded_with_method_and_evidence(conv: Conventions) -> None:
    text = "Sappers defused a pressure-plate mine buried under the track near Tessit. Nobody was hurt."
    got = conv.apply(_coding("Remote explosive/landmine/IED"), _group(text), None)
    assert got.sub_event_type == DWU and got.event_type == SD
    assert got.method == "convention:defused_device"
    assert got.evidence is not None and got.evidence.field == "convention"
    assert text[got.evidence.start:got.evidence.end] == got.evidence.text
    assert got.evidence.text.lower().startswith("defused")
    assert got.plover_type == load_lexicon().taxonomy[DWU]["plover"]


def test_defused_device_with_casualties_is_left_alone(conv: Conventions) -> None:
    text = "A mine exploded under a minibus near Tessit, killing four passengers; a second mine was defused."
    before = _coding("Remote explosive/landmine/IED")
    assert conv.apply(before, _group(text), None) is before


def test_convention_only_touches_the_types_it_applies_to(conv: Conventions) -> None:
    text = "Residents marched to demand that the army defuse the bombs left on the road."
    before = _coding("Peaceful protest")
    assert conv.apply(before, _group(text), None) is before


def test_evidence_offsets_in_a_later_sentence(conv: Conventions) -> None:
    text = "Fighting went on in the north. Pro-government forces repelled an incursion by rebels near Kaya."
    sentence = text[text.index("Pro-"):]
    got = conv.apply(_coding(DWU), _group(text, sentence), None)
    assert got.sub_event_type == "Armed clash"
    assert text[got.evidence.start:got.evidence.end].startswith("repelled")


@pytest.mark.parametrize("actor, expected", [
    (Actor(text="KIA fighters", name="KIA", acled_name="KIA: Kachin Independence Army", type="rebel"), ABD),
    (Actor(text="police", acled_name="Police Forces of Myanmar (2021-)", type="police"), "Arrests"),
    # a de facto authority that ACLED names as state forces keeps its arrests
    (Actor(text="Houthi police", acled_name="Police Forces of Yemen (2016-) Supreme Political Council", type="rebel"),
     "Arrests"),
])
def test_arrests_by_who(conv: Conventions, actor: Actor, expected: str) -> None:
    text = "The group arrested six traders in Bhamo, accusing them of paying taxes to the junta."
    got = conv.apply(_coding("Arrests"), _group(text), actor)
    assert got.sub_event_type == expected


@pytest.mark.parametrize("label, sub", [
    ("Movement of forces", "Change to group/activity"),
    ("Security measures", "Change to group/activity"),
    ("Looting", "Looting/property destruction"),
    ("Defusal", DWU),
    ("Non-violent activity", "Other"),
])
def test_note_label_decides(conv: Conventions, label: str, sub: str) -> None:
    text = f"{label}: On 2 June 2023, soldiers of the 4th battalion arrived in Kalale after a deadly attack nearby."
    got = conv.apply(_coding("Armed clash"), _group(text), None)
    assert got.sub_event_type == sub and got.method.startswith("convention:label_")
    assert got.evidence.start == 0 and got.evidence.text.startswith(label)


def test_label_only_at_the_start(conv: Conventions) -> None:
    text = "On 2 June 2023, soldiers clashed with gunmen in Kalale. Looting: none was reported."
    before = _coding("Armed clash")
    assert conv.apply(before, _group(text), None) is before


def test_weapons_seized_in_a_deadly_raid_is_a_clash(conv: Conventions) -> None:
    text = "Soldiers seized four assault rifles in Culiacan after an operation in which two cartel gunmen died."
    got = conv.apply(_coding(DWU), _group(text), None)
    assert got.sub_event_type == "Armed clash" and got.method == "convention:weapons_seized_in_fight"
    calm = "Soldiers seized four assault rifles from an empty warehouse in Culiacan. Nobody was hurt."
    before = _coding(DWU)
    assert conv.apply(before, _group(calm), None) is before


def test_members_of_needs_a_proper_name(conv: Conventions) -> None:
    # "members of the community" are no combatants: police killing them and arresting others is no armed clash
    text = "Police shot dead two members of the community in Kisumu and arrested five others."
    before = _coding("Arrests")
    assert conv.apply(before, _group(text), None) is before
    named = "Soldiers shot dead two members of Al Shabaab near Jowhar and arrested five others."
    assert conv.apply(_coding("Arrests"), _group(named), None).method == "convention:arrests_in_combat"


def test_arrests_with_shooting_are_not_recoded(conv: Conventions) -> None:
    text = "Gunmen opened fire on a checkpoint in Bhamo and then arrested two guards."
    before = _coding("Arrests")
    actor = Actor(text="Gunmen", acled_name="Unidentified Armed Group (Myanmar)", type="unidentified armed group")
    assert conv.apply(before, _group(text), actor) is before


@pytest.mark.parametrize("data, msg", [
    ({"conventions": [{"name": "x", "result": "No such type", "applies_to": ["Arrests"], "cues": ["a"]}]}, "result"),
    ({"conventions": [{"name": "x", "result": "Arrests", "applies_to": ["Nope"], "cues": ["a"]}]}, "applies_to"),
    ({"conventions": [{"name": "x", "result": "Arrests", "applies_to": ["Attack"], "cues": ["{missing}"]}]}, "missing"),
    ({"conventions": [{"name": "x", "result": "Arrests", "applies_to": ["Attack"], "cues": ["(unclosed"]}]}, "bad pattern"),
    ({"conventions": [{"name": "x", "result": "Arrests", "applies_to": ["Attack"], "cues": []}]}, "no cues"),
    ({"conventions": [{"name": "x", "result": "Arrests", "applies_to": ["Attack"], "cues": ["a"], "scope": "page"}]},
     "scope"),
    ({"conventions": [{"name": "x", "result": "Arrests", "applies_to": ["Attack"], "cues": ["a"], "no_casualty": True,
                       "needs_casualty": True}]}, "exclude"),
])
def test_bad_conventions_file_is_a_config_error(data: dict[str, Any], msg: str) -> None:
    with pytest.raises(ConfigError, match=msg):
        parse_conventions(data, load_lexicon())


# ------------------------------------------------------------------ the whole extractor
def _primary(text: str):
    return primary(run(text, "2023-06-20"))


@pytest.mark.parametrize("text, sub, method", [
    # disrupted weapons use: the device did not go off, or was made safe, and nobody was hurt
    ("On 12 June 2023, a grenade thrown at a bar in Ngozi failed to explode.", DWU, "defused_device"),
    ("On 12 June 2023, army engineers defused a roadside bomb planted on the highway near Marka. No one was hurt.",
     DWU, None),
    ("On 12 June 2023, Saudi air defences intercepted a drone launched by the Houthis toward Abha. "
     "No casualties were reported.", DWU, None),
    # a bomb going off in its makers' hands, even a deadly one
    ("On 12 June 2023, a bomb being assembled by Ansar al-Sunna militants accidentally exploded in a hideout "
     "near Macomia, killing two of them.", DWU, "accidental_detonation"),
    # a repelled attack is a battle
    ("On 12 June 2023, government troops repelled an attack by ISWAP fighters on a military base in Monguno.",
     "Armed clash", None),
    # arrests by a non-state armed group are abductions
    ("On 12 June 2023, members of the Arakan Army detained ten villagers in Kyauktaw, accusing them of informing "
     "for the military.", ABD, "non_state_arrest"),
    # an abduction that ends in killing is an attack
    ("On 12 June 2023, gunmen kidnapped two traders on the road to Kaduna. Their bodies were found the next day.",
     "Attack", "abduction_with_killing"),
    # a side freeing prisoners on its own is no agreement
    ("On 12 June 2023, the Colombian government freed 45 ELN detainees to advance the ceasefire deal.", "Other",
     "prisoner_release"),
    # combatants killed and others arrested: the fight is the event
    ("On 12 June 2023, soldiers killed three al Shabaab fighters and arrested two others near Jowhar.",
     "Armed clash", "arrests_in_combat"),
    # state seizure of drugs is a seizure of property
    ("On 12 June 2023, customs officers seized 300 kg of cocaine at the port of Guayaquil. Two men were arrested.",
     "Looting/property destruction", "contraband_seizure"),
])
def test_conventions_recode(text: str, sub: str, method: str | None) -> None:
    e = _primary(text)
    assert e.acled_sub_event_type == sub
    if method is not None:
        conv = [x for x in e.evidence if x.field == "convention"]
        assert conv and conv[0].text.lower() in text.lower()


@pytest.mark.parametrize("text, event_type, sub", [
    # a real IED attack on a patrol stays an explosion
    ("On 12 June 2023, an IED struck an army patrol near Marka, killing two soldiers.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    # a deadly blast stays the event even when a second device was defused
    ("On 12 June 2023, a bomb exploded at a market in Maiduguri, killing five people. Police defused a second "
     "device nearby.", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    # remnants of past wars going off stay remote explosives (ACLED, checked on train)
    ("On 12 June 2023, a child was killed when an unexploded mortar shell from past fighting exploded near Misrata.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    # a clash with warning shots stays a clash
    ("On 12 June 2023, soldiers clashed with gunmen near Kidal and fired warning shots. Two gunmen were killed.",
     "Battles", "Armed clash"),
    # police arrests stay arrests; a de facto authority's too
    ("On 12 June 2023, police arrested ten villagers in Kyauktaw on charges of theft.", SD, "Arrests"),
    ("On 12 June 2023, Houthi forces arrested 20 teachers in Sanaa for unknown reasons.", SD, "Arrests"),
    # an abduction with nobody hurt stays an abduction ("and/or" negated too)
    ("On 12 June 2023, gunmen kidnapped two traders on the road to Kaduna and demanded a ransom. No fatalities "
     "and/or injuries reported.", "Violence against civilians", ABD),
    # an agreed exchange of prisoners stays an agreement
    ("On 12 June 2023, the army and the ELN exchanged 20 prisoners near Arauca as part of the ceasefire deal.",
     SD, "Agreement"),
    # a drug raid with a shoot-out stays a fight
    ("On 12 June 2023, police seized drugs in Rosario after a shoot-out with traffickers in which one officer "
     "was wounded.", "Battles", None),
])
def test_look_alikes_are_left_alone(text: str, event_type: str, sub: str | None) -> None:
    e = _primary(text)
    assert e.acled_event_type == event_type
    if sub is not None:
        assert e.acled_sub_event_type == sub
    assert not [x for x in e.evidence if x.field == "convention"]
