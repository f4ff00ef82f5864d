"""Counted nouns in English: '1 error', '2 errors', '1 backup entry', '3 backup entries'.

Every count a message or page shows next to a noun goes through `counted`, so a count of one
never reads "1 errors". A noun of several words is counted by its last one ('operations spec',
'Critical/High alert').
"""

from __future__ import annotations

_VOWELS = frozenset("aeiou")
_SIBILANT_ENDS = ("s", "x", "z", "ch", "sh")


def plural(noun: str) -> str:
    """The plural of `noun` (its last word): 'entry' -> 'entries', 'box' -> 'boxes',
    'SLO' -> 'SLOs', 'GUID' -> 'GUIDs'."""
    head, sep, last = noun.rpartition(" ")
    if last.isupper():  # an acronym: SLO, GUID, RTO
        many = last + "s"
    elif len(last) > 1 and last.endswith("y") and last[-2].lower() not in _VOWELS:
        many = last[:-1] + "ies"
    elif last.endswith(_SIBILANT_ENDS):
        many = last + "es"
    else:
        many = last + "s"
    return f"{head}{sep}{many}"


def counted(count: int, noun: str, many: str | None = None) -> str:
    """'1 error', '0 errors', '2 errors'; `many` is the plural when `plural` gets it wrong."""
    return f"{count} {noun if count == 1 else (many or plural(noun))}"
