"""Fire going both ways, and small arms among observed explosions, make an armed clash (ACLED), not
remote violence (extract/means.py ``Means.two_sided``, the small-arms rule of extract/coding.py); an
attack on a peacekeeping mission's base is an attack on an armed target (triggers.yaml:
``armed_targets``).

Texts written for these tests.  The sentence cases run with the rules alone and with the packaged
classifier; the helper cases test the pattern directly.
"""

from __future__ import annotations

import pytest

from sigact.extract.means import means
from test_extract_support import extractor_for, primary, run

ERV = "Explosions/Remote violence"

CASES = [
    # fire told as going both ways: an exchange of fire, whatever weapons are named
    ("On 4 June 2024, ceasefire monitors recorded 35 explosions and shots in both directions of the contact line "
     "near Petrivka.", "Battles", "Armed clash"),
    ("On 4 June 2024, the monitoring mission counted a total of 12 projectiles/explosions involving unknown weapons "
     "in both directions of the line near Zaitseve.", "Battles", "Armed clash"),
    # small arms among the observed explosions: infantry fire, an armed clash
    ("On 4 June 2024, the monitoring mission counted a total of 18 explosions/shots involving small arms/unknown "
     "weapons near Zaitseve.", "Battles", "Armed clash"),
    # ... but explosions and heavy weapons alone stay remote violence
    ("On 4 June 2024, the monitoring mission counted a total of 40 explosions involving mortars near Zaitseve.",
     ERV, None),
    ("On 4 June 2024, rebels fired mortars at army positions near Zaitseve.", ERV, "Shelling/artillery/missile attack"),
    # a peacekeeping mission's camp or base is an armed target: the attack on it is a battle
    ("On 4 June 2024, JNIM militants attacked a MINUSMA camp near Aguelhok. After heavy gunfire, the militants "
     "withdrew.", "Battles", "Armed clash"),
    ("On 4 June 2024, ADF rebels carried out an attack against a MONUSCO base near Oicha.", "Battles", "Armed clash"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,event_type,sub", CASES, ids=[f"{k}-{c[1][:8]}" for k, c in enumerate(CASES)])
@pytest.mark.parametrize("mode", ["rules", "classifier"])
def test_two_sided_fire(text, event_type, sub, mode):
    ev = primary(run(text, "2024-06-05", extractor=extractor_for(mode)))
    assert ev.acled_event_type == event_type, (mode, ev.acled_event_type, ev.acled_sub_event_type, ev.trigger)
    if sub is not None:
        assert ev.acled_sub_event_type == sub, (mode, ev.acled_sub_event_type, ev.trigger)


def test_two_sided_pattern():
    m = means()
    assert m.two_sided("heavy gunfire from both sides lasted an hour")
    assert m.two_sided("shots and bursts of fire in both directions of the frontline")
    assert m.two_sided("The shelling came from both directions.")
    # the sides phrase must follow a fire word in the same clause
    assert not m.two_sided("demonstrators blocked the coastal highway in both directions")
    assert not m.two_sided("an explosion was heard. Traffic was stopped in both directions.")
    assert not m.two_sided("casualties were reported on both sides")
    # whole words: "fireman" and "shotgun" are no fire
    assert not m.two_sided("firemen worked from both sides of the building")
