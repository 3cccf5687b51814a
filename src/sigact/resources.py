"""Packaged data files: load a YAML lexicon once per process."""

from __future__ import annotations

import re
import threading
from importlib import resources
from typing import Any, Callable, TypeVar

import yaml

from sigact.errors import ConfigError

__all__ = ["load_yaml", "packaged_yaml_once"]

T = TypeVar("T")

#: libyaml's C parser when PyYAML was built with it (about 10x faster on the packaged lexicons), else the
#: pure-Python one; both use the safe constructor and the same resolver, so they build the same objects
_SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_lock = threading.RLock()  # re-entrant: one lexicon may build on another
_built: dict[tuple[str, str, Callable[..., Any]], Any] = {}


def load_yaml(text: str) -> Any:
    """Returns the Python objects of the YAML document ``text`` (``yaml.safe_load`` semantics, read with
    the C parser when available); raises ``yaml.YAMLError`` when it is malformed."""
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader


def packaged_yaml_once(package: str, path: str, build: Callable[[Any], T], what: str) -> T:
    """``build(load_yaml(<package>/<path>))``, computed once per process and then shared.

    Raises :class:`ConfigError` ("cannot load the <what>: ...") when the file is missing or
    malformed.
    """
    key = (package, path, build)
    with _lock:
        if key not in _built:
            try:
                text = resources.files(package).joinpath(path).read_text("utf-8")
                _built[key] = build(load_yaml(text))
            except (OSError, yaml.YAMLError, KeyError, re.error) as exc:
                raise ConfigError(f"cannot load the {what}: {exc}") from exc
        return _built[key]
