"""Loading and indexing the actor dictionaries (``extract/data/*.yaml``).

Three files, all editable data:

* ``actors.yaml`` (hand-curated) and ``actors_mined.yaml`` (names collected from the
  training gold by ``tools/build_actor_dictionary.py``): known groups with aliases.
* ``governments.yaml``: per-country ACLED names, demonyms and government periods.
* ``generic_actors.yaml``: generic heads ("soldiers", "gunmen") -> kinds -> ACLED templates.

This module only parses and validates them into frozen records; the matching logic is
in :mod:`sigact.extract.actors`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Iterable

import yaml

from sigact.errors import ConfigError
from sigact.model import ACTOR_TYPES
from sigact.resources import load_yaml

__all__ = [
    "GroupEntry",
    "Umbrella",
    "CountryEntry",
    "GenericKind",
    "NamedPattern",
    "ActorData",
    "load_actor_data",
    "norm_tokens",
    "norm_key",
    "strip_period",
]

_PERIOD_RE = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def norm_tokens(text: str, *, keep_case: bool = False) -> list[str]:
    """Word tokens of ``text`` for dictionary keys: accents stripped, apostrophes and dots
    dropped inside words ("Hay'at" -> "hayat", "U.S." -> "us"), hyphens split words.

    Returns the tokens, casefolded unless ``keep_case``.
    """
    text = _fold(text).replace("’", "'").replace("‘", "'").replace("`", "'")
    text = re.sub(r"(?<=\w)['.](?=\w)", "", text)
    text = re.sub(r"(?<=\w)\.", "", text)
    toks = _TOKEN_RE.findall(text)
    return toks if keep_case else [t.casefold() for t in toks]


def norm_key(text: str, *, keep_case: bool = False) -> str:
    """One space-joined lookup key for a name (see :func:`norm_tokens`)."""
    return " ".join(norm_tokens(text, keep_case=keep_case))


def strip_period(name: str) -> str:
    """An ACLED name without its government period: "Military Forces of Mali (2013-)" -> "Military Forces of Mali"."""
    return re.sub(r"\s+", " ", _PERIOD_RE.sub(" ", name)).strip()


@dataclass(frozen=True, slots=True)
class GroupEntry:
    """A known group: canonical ``name``, ACLED name, ISO3 ``country``, actor ``type``.

    ``local_aliases`` only count when the context country is the group's country or in
    its ``region``; ``context_country`` (YAML ``country: context``) means the group takes
    the caller's context country ("pro-government militias");
    ``state_since`` (YAML "YYYY-MM") is when the group took power: from then on ACLED codes
    its forces as the country's military (the Taliban from August 2021).
    ``faction`` marks a state sub-unit that is a side of its own (Libya's rival
    governments, Yemen's Houthi-run forces) rather than a branch of the state forces.
    """

    name: str
    acled: str
    type: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    local_aliases: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    faction: bool = False
    context_country: bool = False
    state_since: tuple[int, int] | None = None
    source: str = "curated"

    def operates_in(self, iso3: str | None) -> bool:
        """Whether ``iso3`` is the group's country or in its ``region`` (where local aliases apply)."""
        return bool(iso3) and (iso3 == self.country or iso3 in self.region)

    @property
    def state_prefix(self) -> str | None:
        """"military"/"police"/"government" when the ACLED name is a state forces name, else None."""
        for prefix, kind in (("Military Forces of ", "military"), ("Police Forces of ", "police"),
                             ("Government of ", "government")):
            if self.acled.startswith(prefix):
                return kind
        return None


@dataclass(frozen=True, slots=True)
class CountryEntry:
    """A country (or ACLED state-like entity): names, demonyms, government periods."""

    key: str                     # the entity code in governments.yaml (ISO3 or pseudo code)
    iso3: str                    # the ISO3 country actors of it belong to
    name: str                    # ACLED country name
    the: bool = False
    ucdp: str | None = None
    demonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    periods: tuple[tuple[int, int, int | None, str], ...] = ()   # (start year, start month, end year, label)

    @property
    def forces_name(self) -> str:
        """The name as used after "Military Forces of": "the Philippines"."""
        return f"the {self.name}" if self.the else self.name

    def period(self, year: int | None, month: int | None = None) -> str | None:
        """ACLED period label ("2019-") in force at ``year``/``month`` (the newest when ``year`` is None).

        The newest period begun on or before the date wins; without a ``month`` a period
        begun during ``year`` counts as begun.
        """
        if not self.periods:
            return None
        if year is None:
            return self.periods[-1][3]
        when = (year, month if month is not None else 12)
        best = None
        for start, smonth, _end, label in self.periods:
            if (start, smonth) <= when:
                best = label
        return best if best is not None else self.periods[0][3]


@dataclass(frozen=True, slots=True)
class GenericKind:
    """A generic actor kind: its type, ACLED template and head words."""

    kind: str
    type: str
    acled: str
    heads: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NamedPattern:
    """"<Name> <word>" -> ACLED template with ``{name}``; ``names`` limits the accepted names."""

    words: tuple[str, ...]
    acled: str
    type: str
    names: str  # "ethnic", "clan" or "any"


@dataclass(frozen=True, slots=True)
class Umbrella:
    """A UCDP coalition name ("Syrian insurgents"): member groups, or any actor of ``types`` in ``country``."""

    name: str
    members: tuple[str, ...] = ()
    country: str | None = None
    types: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorData:
    groups: tuple[GroupEntry, ...]
    countries: tuple[CountryEntry, ...]
    kinds: tuple[GenericKind, ...]
    modifiers: tuple[str, ...]
    named_patterns: tuple[NamedPattern, ...]
    ethnic_groups: tuple[str, ...]
    clans: tuple[str, ...]
    umbrellas: dict[str, Umbrella] = field(default_factory=dict)
    armed_herders: dict[str, Any] = field(default_factory=dict)
    default_perpetrator: dict[str, dict[str, str]] = field(default_factory=dict)
    ignore_country_words: tuple[str, ...] = ()
    qualified_heads: tuple[str, ...] = ()
    event_roles: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    event_role_heads: dict[tuple[str, str, str], frozenset[str]] = field(default_factory=dict)
    people_modifiers: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _read_yaml(name: str, *, required: bool = True) -> Any:
    res = resources.files("sigact.extract").joinpath(f"data/{name}")
    if not res.is_file():
        if required:
            raise ConfigError(f"missing actor data file {name}", input=name)
        return None
    try:
        return load_yaml(res.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"bad YAML in {name}: {exc}", input=name) from exc


def _strs(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ConfigError(f"{where}: expected a list", input=where)
    return tuple(str(v) for v in value if v is not None and str(v).strip())


def _check_type(t: Any, where: str) -> str:
    if t not in ACTOR_TYPES:
        raise ConfigError(f"{where}: actor type {t!r} is not one of {ACTOR_TYPES}", input=where)
    return str(t)


def _groups(rows: Iterable[dict[str, Any]], source: str) -> list[GroupEntry]:
    out = []
    for i, row in enumerate(rows):
        where = f"{source}[{i}]"
        if not isinstance(row, dict) or not row.get("name") or not row.get("acled"):
            raise ConfigError(f"{where}: each actor needs name and acled", input=source)
        out.append(GroupEntry(
            name=str(row["name"]),
            acled=str(row["acled"]),
            type=_check_type(row.get("type"), where),
            country=None if row.get("country") in (None, "context") else str(row["country"]),
            aliases=_strs(row.get("aliases"), where),
            local_aliases=_strs(row.get("local_aliases"), where),
            region=_strs(row.get("region"), where),
            faction=bool(row.get("faction", False)),
            context_country=row.get("country") == "context",
            state_since=_year_month(row.get("state_since"), where),
            source=source,
        ))
    return out


def _year_month(value: Any, where: str) -> tuple[int, int] | None:
    if value is None:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})", str(value).strip())
    if not m:
        raise ConfigError(f"{where}: bad state_since {value!r} (want 'YYYY-MM')", input=where)
    return int(m.group(1)), int(m.group(2))


def _periods(values: Any, where: str) -> tuple[tuple[int, int, int | None, str], ...]:
    out = []
    for v in _strs(values, where):
        m = re.fullmatch(r"((\d{4})-(\d{4})?)(?:@(\d{4})-(\d{2}))?", v.strip())
        if not m:
            raise ConfigError(f"{where}: bad period {v!r} (want 'YYYY-', 'YYYY-YYYY', optional '@YYYY-MM')",
                              input=where)
        month = int(m.group(5)) if m.group(5) else 1
        out.append((int(m.group(2)), month, int(m.group(3)) if m.group(3) else None, m.group(1)))
    return tuple(out)


def _event_roles(rows: list[Any], kinds: set[str]) -> dict[tuple[str, str], dict[str, str]]:
    out: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows:
        key = (str(row.get("event_type", "")).casefold(), str(row.get("role", "")))
        table = {str(k): str(v) for k, v in (row.get("rename") or {}).items()}
        if key[1] not in ("actor1", "actor2") or not key[0]:
            raise ConfigError(f"event_roles: bad event_type/role {key}", input="generic_actors.yaml")
        for k, v in table.items():
            if v not in kinds or (k not in kinds):
                raise ConfigError(f"event_roles {key}: unknown kind in {k} -> {v}", input="generic_actors.yaml")
        out[key] = table
    return out


def _default_perpetrators(rows: dict[str, Any]) -> dict[str, dict[str, str]]:
    """``{ISO3: kind}`` or ``{ISO3: {<ACLED event type>: kind, default: kind}}`` ->
    ``{ISO3: {casefolded event type or "default": kind}}``."""
    out: dict[str, dict[str, str]] = {}
    for iso3, v in rows.items():
        table = v if isinstance(v, dict) else {"default": v}
        out[str(iso3)] = {str(k).casefold(): str(kind) for k, kind in table.items()}
    return out


def load_actor_data(*, include_mined: bool = True) -> ActorData:
    """Parse and validate the bundled actor YAML files; raises ConfigError when malformed.

    ``include_mined=False`` leaves out ``actors_mined.yaml`` (used when regenerating it).
    """
    actors = _read_yaml("actors.yaml") or {}
    mined = (_read_yaml("actors_mined.yaml", required=False) or {}) if include_mined else {}
    govs = _read_yaml("governments.yaml") or {}
    gen = _read_yaml("generic_actors.yaml") or {}

    groups = _groups(actors.get("actors") or [], "actors.yaml")
    curated_keys = {norm_key(strip_period(g.acled)) for g in groups}
    for g in _groups(mined.get("actors") or [], "actors_mined.yaml"):
        if norm_key(strip_period(g.acled)) not in curated_keys:
            groups.append(g)

    umbrellas = {}
    for u in actors.get("umbrellas") or []:
        types = _strs(u.get("types"), "umbrellas")
        for t in types:
            _check_type(t, f"umbrella {u.get('name')}")
        umbrellas[str(u["name"])] = Umbrella(name=str(u["name"]), members=_strs(u.get("members"), "umbrellas"),
                                             country=u.get("country"), types=types)

    countries = []
    for i, row in enumerate(govs.get("countries") or []):
        where = f"governments.yaml[{i}]"
        if not row.get("iso3") or not row.get("name"):
            raise ConfigError(f"{where}: each country needs iso3 and name", input="governments.yaml")
        countries.append(CountryEntry(
            key=str(row["iso3"]),
            iso3=str(row.get("country_iso3") or row["iso3"]),
            name=str(row["name"]),
            the=bool(row.get("the", False)),
            ucdp=row.get("ucdp"),
            demonyms=_strs(row.get("demonyms"), where),
            aliases=_strs(row.get("aliases"), where),
            periods=_periods(row.get("periods"), where),
        ))

    kinds = []
    for k, row in (gen.get("kinds") or {}).items():
        kinds.append(GenericKind(kind=str(k), type=_check_type(row.get("type"), f"generic kind {k}"),
                                 acled=str(row["acled"]), heads=_strs(row.get("heads"), f"generic kind {k}")))
    patterns = [NamedPattern(words=_strs(p.get("words"), "named_patterns"), acled=str(p["acled"]),
                             type=_check_type(p.get("type"), "named_patterns"), names=str(p.get("names", "any")))
                for p in gen.get("named_patterns") or []]
    return ActorData(
        groups=tuple(groups),
        countries=tuple(countries),
        kinds=tuple(kinds),
        modifiers=_strs(gen.get("modifiers"), "modifiers"),
        named_patterns=tuple(patterns),
        ethnic_groups=_strs(gen.get("ethnic_groups"), "ethnic_groups"),
        clans=_strs(gen.get("clans"), "clans"),
        umbrellas=umbrellas,
        armed_herders=dict(gen.get("armed_herders") or {}),
        default_perpetrator=_default_perpetrators(gen.get("default_perpetrator") or {}),
        ignore_country_words=_strs(gen.get("ignore_country_words"), "ignore_country_words"),
        qualified_heads=_strs(gen.get("qualified_heads"), "qualified_heads"),
        event_roles=_event_roles(gen.get("event_roles") or [], {k.kind for k in kinds}),
        event_role_heads={
            (str(row.get("event_type", "")).casefold(), str(row.get("role", "")), str(kind)):
                frozenset(norm_key(h) for h in _strs(heads, "event_roles only_heads"))
            for row in gen.get("event_roles") or [] for kind, heads in (row.get("only_heads") or {}).items()},
        people_modifiers={str(k): _strs(v, "people_modifiers") for k, v in (gen.get("people_modifiers") or {}).items()},
    )
