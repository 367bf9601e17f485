"""The agenda and the chosen exercises' instructions, as one printable A4 document.

The exercises follow Kurtz's *Working with Stories* and the facilitator guide
`workshops/handleiding-sensemaking.md` (which describes the story lines and the perspective
round in Dutch). Their texts live here, in both languages, so an English kit is English
throughout; the agenda puts a break near the middle and ends with a closing round.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from verhalen.errors import VerhalenError
from verhalen.i18n import say
from verhalen.kit import file_name, pick, write_document
from verhalen.project import Project


@dataclass
class Exercise:
    key: str
    name: str
    minutes: int
    materials: str
    steps: list[str]


EXERCISES = ("landscape", "timeline", "elements", "composite", "perspectives")
DEFAULT_EXERCISES = ("landscape", "timeline", "elements", "composite")


def check_exercises(names: list[str] | None, lang: str) -> list[str]:
    """The chosen exercises in the order given; an unknown one is one line."""
    if not names:
        return list(DEFAULT_EXERCISES)
    out = []
    for name in names:
        key = name.strip().casefold()
        if key not in EXERCISES:
            raise VerhalenError(
                say(
                    lang,
                    f"--exercises {name}: onbekende opdracht (kies uit: {', '.join(EXERCISES)})",
                    f"--exercises {name}: unknown exercise (choose from: {', '.join(EXERCISES)})",
                )
            )
        if key not in out:
            out.append(key)
    return out


def exercises(lang: str) -> dict[str, Exercise]:
    n = lambda piece: file_name(piece, lang)  # noqa: E731
    return {
        "landscape": Exercise(
            "landscape",
            say(lang, "Landschap", "Landscape"),
            40,
            say(
                lang,
                f"{n('blank')} (A3), {n('landscape')}, {n('legend')}, verhaalkaarten, post-its",
                f"{n('blank')} (A3), {n('landscape')}, {n('legend')}, story cards, sticky notes",
            ),
            pick(
                lang,
                [
                    "Leg het lege landschap op tafel en lees de twee vragen en hun uitersten "
                    "hardop.",
                    "Iedereen legt een paar kaarten waar de groep vindt dat ze horen, en zegt in "
                    "één zin waarom daar.",
                    "Leg het landschap met de antwoorden van de vertellers ernaast. Waar verschilt "
                    "de plek van de groep van die van de verteller?",
                    "Kijk naar drukke hoeken en lege plekken: welke verhalen ontbreken? Schrijf "
                    "waarnemingen op post-its: wat je ziet, nog zonder uitleg.",
                    "Zoek bij elke waarneming twee uitleggen die elkaar tegenspreken, en noteer de "
                    "verhaalnummers. Maak een foto voordat de kaarten van tafel gaan.",
                ],
                [
                    "Lay the empty landscape on the table; read the two questions and their ends "
                    "aloud.",
                    "Everyone places a few cards where the group thinks they belong, and says in "
                    "one sentence why there.",
                    "Put the landscape with the storytellers' own answers beside it. Where does "
                    "the group's place differ from the storyteller's?",
                    "Look at crowded corners and empty places: which stories are missing? Write "
                    "observations on sticky notes: what you see, no explanation yet.",
                    "Find two explanations that contradict each other for every observation, and "
                    "note the story numbers. Take a photo before the cards leave the table.",
                ],
            ),
        ),
        "timeline": Exercise(
            "timeline",
            say(lang, "Tijdlijn", "Timeline"),
            40,
            say(
                lang,
                f"{n('timeline')}, schaar, plakband, gekleurde stickers, stiften",
                f"{n('timeline')}, scissors, tape, coloured stickers, markers",
            ),
            pick(
                lang,
                [
                    "Knip de stroken los en plak ze op volgorde aan elkaar (strook 2 op het lipje "
                    "van strook 1): één lange lijn aan de muur.",
                    "Loop langs de lijn en lees per periode een paar titels; pak de kaart erbij "
                    "als je meer wilt weten.",
                    "Plak stickers: groen waar het goed ging, rood waar het wrong, geel bij een "
                    "keerpunt.",
                    "Schrijf boven de lijn wat er in die tijd speelde: gebeurtenissen, besluiten, "
                    "veranderingen.",
                    "Wat verandert er door de tijd, en wat blijft hetzelfde? Schrijf waarnemingen "
                    "en bij elk twee uitleggen op.",
                ],
                [
                    "Cut the strips apart and tape them together in order (strip 2 on the tab of "
                    "strip 1): one long line on the wall.",
                    "Walk along the line and read a few titles per period; take the card when you "
                    "want to know more.",
                    "Add stickers: green where things went well, red where they chafed, yellow at "
                    "a turning point.",
                    "Write above the line what was going on at the time: events, decisions, "
                    "changes.",
                    "What changes over time, and what stays the same? Write observations with two "
                    "explanations each.",
                ],
            ),
        ),
        "elements": Exercise(
            "elements",
            say(lang, "Verhaalelementen", "Story elements"),
            45,
            say(
                lang,
                f"{n('elements')} op etiketvellen 70 × 37 mm, verhaalkaarten, grote vellen papier",
                f"{n('elements')} on 70 × 37 mm label sheets, story cards, large sheets of paper",
            ),
            pick(
                lang,
                [
                    "Elke tafel neemt 6 tot 10 kaarten. Lees een verhaal en schrijf op een etiket "
                    "één element dat je erin vindt, met het verhaalnummer.",
                    "Personage: wie komt erin voor (een rol, geen naam)? Situatie: welk moment of "
                    "probleem? Waarde: wat vindt iemand belangrijk? Thema: waar gaat het over?",
                    "Plak de etiketten op een groot vel en schuif ze in groepjes die bij elkaar "
                    "horen.",
                    "Geef elk groepje een naam in jullie eigen woorden: dat zijn de nieuwe "
                    "elementen ('het wachten', 'de regelvaste ambtenaar').",
                ],
                [
                    "Each table takes 6 to 10 cards. Read a story and write one element you find "
                    "in it on a label, with the story number.",
                    "Character: who is in it (a role, not a name)? Situation: which moment or "
                    "problem? Value: what does someone find important? Theme: what is it about?",
                    "Stick the labels on a large sheet and move them into clusters that belong "
                    "together.",
                    "Name each cluster in your own words: these are the new elements ('the "
                    "waiting', 'the by-the-book official').",
                ],
            ),
        ),
        "composite": Exercise(
            "composite",
            say(lang, "Samengesteld verhaal", "Composite story"),
            40,
            say(
                lang,
                f"{n('composite')} (A3), de etiketten uit de vorige opdracht",
                f"{n('composite')} (A3), the labels from the previous exercise",
            ),
            pick(
                lang,
                [
                    "Kies per tafel een perspectief, thema of vraag.",
                    "Bouw met de etiketten een nieuw verhaal op het sjabloon: wie, waar en "
                    "wanneer, wat er gebeurt, het keerpunt, de afloop, wat er op het spel staat.",
                    "Het verhaal hoeft niet echt gebeurd te zijn, maar moet kunnen: elk deel komt "
                    "uit de verhalen (noteer de nummers).",
                    "Vertel het verhaal aan de andere tafels. Herkennen zij het? Wat zou er anders "
                    "moeten?",
                    "Schrijf verandervoorstellen op: wat, wie pakt het op, en waarom.",
                ],
                [
                    "Each table chooses a perspective, theme or question.",
                    "Build a new story on the template from the labels: who, where and when, what "
                    "happens, the turning point, the outcome, what is at stake.",
                    "The story need not have happened, but it must be possible: every part comes "
                    "from the stories (note the numbers).",
                    "Tell the story to the other tables. Do they recognise it? What should change?",
                    "Write change proposals: what, who takes it up, and why.",
                ],
            ),
        ),
        "perspectives": Exercise(
            "perspectives",
            say(lang, "Perspectievenronde", "Perspective round"),
            50,
            say(
                lang,
                "perspectiefbladen en de kaarten van die perspectieven",
                "perspective sheets and the cards of those perspectives",
            ),
            pick(
                lang,
                [
                    "Elke tafel krijgt twee of drie perspectiefbladen. Lees het blad en de "
                    "fragmenten hardop voor.",
                    "Bespreek de drie vragen op het blad, één voor één.",
                    "Klopt de naam? Geef het perspectief een naam en een beschrijving in de "
                    "woorden van de groep; noteer kaarten die bij een ander perspectief horen.",
                    "Schrijf verandervoorstellen op: wat, wie pakt het op, en waarom.",
                ],
                [
                    "Each table gets two or three perspective sheets. Read the sheet and the "
                    "fragments aloud.",
                    "Discuss the three questions on the sheet, one at a time.",
                    "Does the name fit? Name the perspective and describe it in the group's own "
                    "words; note cards that belong to another perspective.",
                    "Write change proposals: what, who takes it up, and why.",
                ],
            ),
        ),
    }


def agenda(chosen: list[str], lang: str) -> list[tuple[str, str, str]]:
    """(time, part, what) rows: welcome, reading, the exercises with a break near the middle,
    and a closing round."""
    ex = exercises(lang)
    parts: list[tuple[int, str, str]] = [
        (
            15,
            say(lang, "welkom", "welcome"),
            say(lang, "doel, spelregels, privacy", "aim, ground rules, privacy"),
        ),
        (
            20,
            say(lang, "verhalen lezen", "reading stories"),
            say(
                lang,
                "iedereen leest in stilte 8 tot 10 kaarten",
                "everyone reads 8 to 10 cards in silence",
            ),
        ),
    ]
    total = sum(ex[k].minutes for k in chosen)
    done, paused = 0, len(chosen) < 2
    for k in chosen:
        parts.append((ex[k].minutes, ex[k].name.lower(), ex[k].materials))
        done += ex[k].minutes
        if not paused and done * 2 >= total and k != chosen[-1]:
            parts.append((15, say(lang, "pauze", "break"), ""))
            paused = True
    parts.append(
        (
            15,
            say(lang, "terugblik", "closing"),
            say(
                lang,
                "elke tafel deelt haar sterkste inzicht; vervolgafspraken",
                "each table shares its strongest insight; next steps",
            ),
        )
    )
    rows, t = [], 0
    for minutes, name, what in parts:
        rows.append(
            (f"{t // 60}:{t % 60:02d} – {(t + minutes) // 60}:{(t + minutes) % 60:02d}", name, what)
        )
        t += minutes
    return rows


def write_agenda(
    project: Project, path: Path, chosen: list[str] | None = None, lang: str | None = None
) -> Path:
    """The agenda and the chosen exercises' instructions, A4 portrait."""

    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle
    from reportlab.platypus import Paragraph as P

    from verhalen.report.theme import LIGHT, RULE, markup, register_fonts, styles

    lang = lang or project.lang
    chosen = check_exercises(chosen, lang)
    register_fonts()
    st = styles()
    margin = 1.8 * cm
    frame = A4[0] - 2 * margin
    ex = exercises(lang)
    out: list = [
        P(markup(say(lang, "Programma", "Agenda")), st["h1"]),
        P(
            markup(f"{project.name} · " + say(lang, "duidingsbijeenkomst", "sensemaking workshop")),
            st["small"],
        ),
        Spacer(1, 6),
    ]
    rows = [
        [P(markup(a), st["cell"]), P(f"<b>{markup(b)}</b>", st["cell"]), P(markup(c), st["cell"])]
        for a, b, c in agenda(chosen, lang)
    ]
    table = Table(rows, colWidths=[2.4 * cm, 3.6 * cm, frame - 6.0 * cm])
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, HexColor(RULE)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    out.append(table)
    for k in chosen:
        e = ex[k]
        block = [
            P(
                markup(say(lang, "Opdracht: ", "Exercise: ") + e.name + f" ({e.minutes} min)"),
                st["h2"],
            ),
            P(
                f"<b>{markup(say(lang, 'Materiaal', 'Materials'))}</b>: {markup(e.materials)}",
                st["body"],
            ),
        ]
        block += [
            P(markup(step), st["bullet"], bulletText=f"{i}.") for i, step in enumerate(e.steps, 1)
        ]
        out.append(KeepTogether(block))
    reminder = say(
        lang,
        "Er zijn geen foute verhalen. Schrijf waarnemingen eerst zonder uitleg op, en zoek "
        "daarna bij elke waarneming minstens twee uitleggen. Meer in de handleiding: "
        "workshops/handleiding-sensemaking.md.",
        "There are no wrong stories. Write observations down without explanation first, then "
        "find at least two explanations for each. More in the facilitator guide: "
        "workshops/handleiding-sensemaking.md.",
    )
    note = Table([[P(markup(reminder), st["small"])]], colWidths=[frame])
    note.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), HexColor(LIGHT))]))
    out += [Spacer(1, 10), note]
    write_document(path, out, say(lang, "Programma", "Agenda"), margin)
    return path
