"""sigact.geo: places.  Country lookup, an offline gazetteer, toponym resolution.

Public API (lazy: importing this package loads no data)::

    from sigact.geo import GeoResolver, DocGeo, PlaceMention, Gazetteer
    from sigact.geo.countries import to_iso3, demonym_to_iso3, country_name, haversine_km
"""

from __future__ import annotations

from typing import Any

__all__ = ["GeoResolver", "DocGeo", "PlaceMention", "Gazetteer", "to_iso3", "demonym_to_iso3",
           "country_name", "haversine_km"]


def __getattr__(name: str) -> Any:
    if name == "GeoResolver":
        from sigact.geo.resolver import GeoResolver

        return GeoResolver
    if name in ("DocGeo", "PlaceMention"):
        from sigact.geo import docgeo

        return getattr(docgeo, name)
    if name == "Gazetteer":
        from sigact.geo.gazetteer import Gazetteer

        return Gazetteer
    if name in ("to_iso3", "demonym_to_iso3", "country_name", "haversine_km"):
        from sigact.geo import countries

        return getattr(countries, name)
    raise AttributeError(name)
