"""sigact.time stage: finding date phrases and dating events.

Public API: :class:`DateResolver` (``.default()``, ``.analyze(doc, published)``),
:class:`DocDates` (``.date_for(start, end)``), :class:`DateMention`,
:func:`resolve_date` and :func:`find_date_mentions`.
"""

from sigact.time.phrases import DateMention, find_date_mentions
from sigact.time.resolver import DateResolver, DocDates, analyze_text, resolve_date

__all__ = ["DateResolver", "DocDates", "DateMention", "resolve_date", "find_date_mentions", "analyze_text"]
