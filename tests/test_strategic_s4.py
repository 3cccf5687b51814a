"""Strategic developments and the primary-event choice, on texts written for these tests.

ACLED codes the event, not its context: a bomb that was found and defused is a strategic
development (disrupted weapons use), not an explosion; houses set on fire with nobody hurt are
looting/property destruction, not an attack.  When a report tells several incidents, the one it
tells first is its main one (``primary.mark_lead``): a follow-up or background event told after
it must be clearly surer to become the primary event.
"""

from __future__ import annotations

import pytest

from test_extract_support import incidents, primary, run

SD = "Strategic developments"

CASES = [
    # Arrests (by police or soldiers, not at a demonstration)
    ("On 6 May 2020, police arrested three suspected members of Al Shabaab in Mombasa.", "Arrests"),
    # Looting/property destruction: property burnt or looted, nobody hurt
    ("On 3 May 2020, unidentified persons set fire to a car belonging to a local councillor in Odesa. "
     "No injuries were reported.", "Looting/property destruction"),
    ("On 2 May 2020, suspected Boko Haram militants burned down houses and a church in the village of "
     "Kautikari, Borno. No casualties were reported.", "Looting/property destruction"),
    ("On 4 May 2020, soldiers looted shops in the market of Bunia.", "Looting/property destruction"),
    ("On 1 May 2020, police demolished houses in an informal settlement in Freetown.", "Looting/property destruction"),
    # Disrupted weapons use: a bomb found or defused, weapons seized, an attack foiled
    ("On 3 May 2020, police defused a bomb found near a school in Quetta.", "Disrupted weapons use"),
    ("On 5 May 2020, a roadside bomb was found and defused by the army in Kunar.", "Disrupted weapons use"),
    ("On 2 May 2020, security forces seized weapons and ammunition in a raid in Jammu.", "Disrupted weapons use"),
    ("On 5 May 2020, an unexploded mortar shell was found by villagers in Marawi and safely detonated by the army.",
     "Disrupted weapons use"),
    ("On 4 May 2020, police foiled an attack by arresting a man carrying explosives in Kabul.",
     "Disrupted weapons use"),
    # Agreement
    ("On 4 May 2020, the government and the rebels signed a ceasefire agreement in Juba.", "Agreement"),
    # Headquarters or base established
    ("On 3 May 2020, the army established a new base in the village of Kidal.", "Headquarters or base established"),
    # Change to group/activity (surrender, defection, recruitment)
    ("On 2 May 2020, 40 militants of the ADF surrendered to the army in Beni.", "Change to group/activity"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,sub", CASES, ids=[c[1] + f"-{k}" for k, c in enumerate(CASES)])
def test_strategic_development_sub_types(text: str, sub: str) -> None:
    ev = primary(run(text, published="2020-05-06"))
    assert ev.acled_event_type == SD, (ev.acled_event_type, ev.acled_sub_event_type)
    assert ev.acled_sub_event_type == sub


@pytest.mark.slow
def test_thwarted_attack_with_deaths_is_a_battle() -> None:
    # ACLED codes the fight, not the disruption, when the foiled attack left people dead
    text = "On 30 April 2020, government forces thwarted a rebel attack near the military camp in Marib, killing several fighters."
    ev = primary(run(text, published="2020-05-01"))
    assert ev.acled_event_type == "Battles"


def _draft(start: int, flag: str = "asserted", event_type: str | None = "Battles"):
    """A stand-in with the three attributes ``mark_lead`` reads."""
    from types import SimpleNamespace

    coding = SimpleNamespace(event_type=event_type)
    return SimpleNamespace(coding=coding, judgement=SimpleNamespace(flag=flag),
                           group=SimpleNamespace(main=SimpleNamespace(start=start)), lead=False)


def test_mark_lead_picks_first_asserted_incident() -> None:
    from sigact.extract.primary import mark_lead

    drafts = [_draft(80), _draft(5, flag="hypothetical"), _draft(30), _draft(10, event_type=None)]
    mark_lead(drafts)
    assert [d.lead for d in drafts] == [False, False, True, False]


def test_mark_lead_leaves_a_single_incident_alone() -> None:
    from sigact.extract.primary import mark_lead

    drafts = [_draft(40), _draft(5, flag="negated")]
    mark_lead(drafts)
    assert not any(d.lead for d in drafts)


def test_lead_bonus_raises_confidence() -> None:
    from types import SimpleNamespace

    from sigact.extract.coding import Coding
    from sigact.extract.extractor import EventExtractor, ExtractorSettings

    assert 0 < ExtractorSettings().lead_bonus <= 0.1  # a tie-breaker between close events, never a veto
    ex = EventExtractor.__new__(EventExtractor)  # _confidence reads only settings and calibrator
    from sigact.extract.calibration import Calibrator

    ex.settings, ex.calibrator = ExtractorSettings(), Calibrator.default()
    c = Coding("Attack", "Violence against civilians", None, None, None, 0.5, "rules")

    def draft(lead: bool):
        return SimpleNamespace(group=SimpleNamespace(main=SimpleNamespace(cls=SimpleNamespace(weight=0.75))),
                               fallback=False, actor1=None, place=None, date=None, doc_agree=False, lead=lead,
                               judgement=SimpleNamespace(flag="asserted"))

    assert ex._confidence(draft(True), c, None) > ex._confidence(draft(False), c, None)


@pytest.mark.slow
def test_short_note_with_only_a_threat_is_a_strategic_development() -> None:
    # the attack is only threatened; what the note asserts is the armed group's order (ACLED: SD "Other")
    text = ("On 24 October 2022, an armed group gave the staff of a health centre in Banikoara three days to leave, "
            "threatening an attack otherwise.")
    evs = run(text, published="2022-10-25")
    ev = primary(evs)
    assert ev.acled_event_type == SD
    assert not any(e.factuality == "asserted" and e.acled_event_type == "Violence against civilians" for e in evs)


@pytest.mark.slow
def test_planned_offensive_stays_unasserted() -> None:
    # a plan is not an event: the fallback is judged on its cue and stays hypothetical
    evs = run("On 2 May 2020, the army announced that it plans to launch an offensive against the rebels in Kidal.",
              published="2020-05-03")
    assert not incidents(evs)


def test_non_violent_probabilities_renormalise() -> None:
    from sigact.extract.lexicon import load_lexicon
    from sigact.extract.primary import non_violent

    probs = {"Attack": 0.5, "Armed clash": 0.2, "Mob violence": 0.1, "Other": 0.15, "Peaceful protest": 0.05}
    out = non_violent(load_lexicon(), probs)
    assert set(out) == {"Other", "Peaceful protest"}
    assert out["Other"] == pytest.approx(0.75)
    assert sum(out.values()) == pytest.approx(1.0)
    assert load_lexicon().fighting_event_types == {"Battles", "Violence against civilians",
                                                   "Explosions/Remote violence", "Riots"}


@pytest.mark.parametrize("text,dated", [
    ("On 24 October 2022, an armed group ordered the closure of a school.", True),
    ("Looting: On 12 February 2022, youths ransacked a camp.", True),
    ("Around 1 May 2020 (as reported), refugees returned to the town.", True),
    ("As reported on 2 May 2020, a video called for attacks.", True),
    ("In the late 1990s the militia burned dozens of villages.", False),
    ("The rebels threatened to attack the capital.", False),
    ("On Monday, soldiers clashed with rebels.", False),
])
def test_is_dated_note(text: str, dated: bool) -> None:
    from sigact.extract.classifier import is_dated_note

    assert is_dated_note(text) is dated


@pytest.mark.slow
def test_undated_threat_gets_no_incident() -> None:
    # a news sentence, not a dated event note: the threat stays the only (non-asserted) event
    evs = run("The rebels threatened to attack the capital if the government did not release their commander.",
              published="2020-05-03")
    assert evs and not incidents(evs)
