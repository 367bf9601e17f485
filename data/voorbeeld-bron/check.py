"""Check a writer's YAML file of example stories against the brief (OPDRACHT.md)."""
import sys
from collections import Counter

import yaml

ANSWERS = {
    "afloop": {"goed", "gemengd", "slecht", "nog niet bekend"},
    "wanneer": {"afgelopen maand", "afgelopen jaar", "1 tot 3 jaar geleden", "langer geleden"},
    "hoe_vaak": {"bijna nooit", "soms", "vaak", "heel vaak"},
}
MULTI = {
    "betrokkenen": {"inwoners", "ambtenaren", "gemeenteraad of college",
                    "maatschappelijke organisaties", "ondernemers"},
    "nodig": {"vertrouwen", "tijd", "ruimte in de regels", "betere informatie", "elkaar kennen", "niets"},
}
THEMES = {"vertrouwen", "bewijzen", "wij_zij", "energie", "regels", "training", "geen"}
problems = []
stories = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
titles = Counter(s.get("title") for s in stories)
for i, s in enumerate(stories, 1):
    where = f"story {i} ({s.get('title')!r})"
    for key in ("title", "storyteller", "session", "theme", "answers", "text"):
        if key not in s:
            problems.append(f"{where}: missing {key}")
    if titles[s.get("title")] > 1:
        problems.append(f"{where}: title not unique")
    if s.get("theme") not in THEMES:
        problems.append(f"{where}: theme {s.get('theme')!r} unknown")
    if s.get("session") not in (1, 2):
        problems.append(f"{where}: session must be 1 or 2")
    sid = str(s.get("storyteller"))
    if not (sid.startswith("V") and sid[1:].isdigit() and 1 <= int(sid[1:]) <= 22):
        problems.append(f"{where}: storyteller {sid!r} unknown")
    text = s.get("text") or ""
    n = len(text.split())
    if not 60 <= n <= 250:
        problems.append(f"{where}: {n} words (60-250)")
    if any(line.strip() == "---" for line in text.splitlines()):
        problems.append(f"{where}: a line is exactly ---")
    a = s.get("answers") or {}
    for k, v in a.items():
        if k in ANSWERS and v not in ANSWERS[k]:
            problems.append(f"{where}: {k}={v!r} not allowed")
        elif k in MULTI and (not isinstance(v, list) or not set(v) <= MULTI[k] or not v):
            problems.append(f"{where}: {k}={v!r} not allowed")
        elif k in ("gevoel", "verrassing") and not (isinstance(v, int) and 0 <= v <= 100):
            problems.append(f"{where}: {k}={v!r} must be 0-100")
        elif k == "training" and not isinstance(v, bool):
            problems.append(f"{where}: training must be true/false")
        elif k not in ANSWERS and k not in MULTI and k not in ("gevoel", "verrassing", "training", "toelichting"):
            problems.append(f"{where}: unknown answer {k}")
    for ident in s.get("identifiers") or []:
        if ident.get("kind") not in ("naam", "telefoon", "email", "adres"):
            problems.append(f"{where}: identifier kind {ident.get('kind')!r}")
        if str(ident.get("value")) not in text:
            problems.append(f"{where}: identifier {ident.get('value')!r} not in text")
print("\n".join(problems) or "ok")
print(f"{len(stories)} stories; themes: {dict(Counter(s.get('theme') for s in stories))}")
print(f"words: min {min(len(s['text'].split()) for s in stories)}, max {max(len(s['text'].split()) for s in stories)}")
