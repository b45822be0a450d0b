"""News agencies and outlets whose names appear in bylines, datelines and credits.

One display name per outlet, with the spellings scrapes use for it, so `(AP)`, `Associated
Press` and `The Associated Press` all give the source "AP".
"""

from __future__ import annotations

import re

AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "UPI": ("UPI", "United Press International"),
    "dpa": ("dpa", "Deutsche Presse-Agentur"),
    "ANSA": ("ANSA",),
    "EFE": ("EFE", "Agencia EFE"),
    "Kyodo": ("Kyodo", "Kyodo News", "Kyodo News Agency"),
    "Jiji": ("Jiji", "Jiji Press"),
    "Yonhap": ("Yonhap", "Yonhap News", "Yonhap News Agency"),
    "KCNA": ("KCNA", "Korean Central News Agency"),
    "Xinhua": ("Xinhua", "Xinhua News Agency", "Xinhuanet"),
    "CNA": ("CNA", "Central News Agency"),
    "TASS": ("TASS", "ITAR-TASS"),
    "Interfax": ("Interfax",),
    "RIA Novosti": ("RIA Novosti",),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS", "Indo-Asian News Service"),
    "Bernama": ("Bernama",),
    "Antara": ("Antara", "Antara News"),
    "Anadolu": ("Anadolu", "Anadolu Agency"),
    "AAP": ("AAP", "Australian Associated Press"),
    "PA": ("PA Media", "Press Association", "The Press Association"),
    "Canadian Press": ("Canadian Press", "The Canadian Press"),
    "BBC": ("BBC", "BBC News", "BBC World Service"),
    "CNN": ("CNN",),
    "NHK": ("NHK", "NHK World"),
    "NPR": ("NPR",),
    "Al Jazeera": ("Al Jazeera",),
    "Voice of America": ("Voice of America", "VOA"),
}

_BY_KEY: dict[str, str] = {variant.casefold(): name for name, variants in AGENCIES.items() for variant in variants}

# Every spelling, longest first so "Kyodo News" wins over "Kyodo"; for use inside other patterns.
AGENCY_PATTERN = "|".join(
    r"\s+".join(map(re.escape, v.split())) for v in sorted(_BY_KEY, key=len, reverse=True)
)


def canonical_agency(name: str) -> str | None:
    """The display name of a known agency ("the associated press" -> "AP"), else None."""
    return _BY_KEY.get(" ".join(name.split()).casefold())
