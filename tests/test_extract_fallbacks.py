"""sigact.extract.fallbacks: the stand-in UCDP typing uses the shared actor-type groups of
sigact.model (state forces, armed actors).  Texts written for these tests."""

from __future__ import annotations

from sigact.extract.fallbacks import SimpleActorResolver, simple_ucdp_type
from sigact.model import ARMED_ACTOR_TYPES, STATE_ACTOR_TYPES, Actor


def _a(typ: str | None) -> Actor:
    return Actor(text=typ or "someone", type=typ)


def test_actor_type_groups() -> None:
    assert STATE_ACTOR_TYPES == {"military", "police", "government"}
    assert ARMED_ACTOR_TYPES - STATE_ACTOR_TYPES == {"rebel", "militia", "terrorist", "unidentified armed group"}
    assert "government" not in ARMED_ACTOR_TYPES


def test_simple_ucdp_type() -> None:
    assert simple_ucdp_type(_a("rebel"), _a("government"), "Battles") == 1     # a state side
    assert simple_ucdp_type(_a("militia"), _a("rebel"), "Battles") == 2        # two armed non-state sides
    assert simple_ucdp_type(_a("militia"), _a("civilians"), "Battles") == 3    # civilians targeted
    assert simple_ucdp_type(_a("protesters"), None, "Protests") is None        # not political violence
    assert simple_ucdp_type(_a("other"), _a("other"), "Explosions/Remote violence") is None


def test_simple_actor_resolver_types_keywords() -> None:
    r = SimpleActorResolver()
    assert r.resolve("the soldiers").type == "military"
    assert r.resolve("Gunmen", context_country="NGA").name == "Gunmen"
    assert r.resolve("a committee").type is None
