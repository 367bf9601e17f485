"""The landscape's legend: each marker's number with its story's title, group and answers,
and the stories that could not be placed, so a group can find every card on the canvas and
knows which are missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verhalen.form import Question
from verhalen.i18n import say
from verhalen.kit import KitStory, write_document
from verhalen.landscape_axes import ends, landscape_key, value_range
from verhalen.landscape_place import Marker, axis_value


def spreading_note(lang: str) -> str:
    """How to read crowded markers; on the canvas and in the legend alike."""
    return say(
        lang,
        "Nummer = verhaalnummer (zoals op de kaarten). Verhalen met (bijna) dezelfde antwoorden "
        "liggen zo dicht mogelijk rond hun punt (•), het laagste nummer waar het kan op het punt; "
        "een nummer dat verder dan één plaats opschoof, heeft een dun lijntje naar zijn punt.",
        "Number = story number (as on the cards). Stories with (nearly) the same answers lie as "
        "close as they can around their point (•), the lowest number on the point where it fits; a "
        "number moved further than one place has a thin line to its point.",
    )


def results_note(qs: tuple[Question, ...], lang: str) -> str:
    """How the group's placements go back into the project (the results template)."""
    key = landscape_key(qs)
    if len(qs) == 1:
        return say(
            lang,
            f"In het resultatensjabloon (blad landschap): landschap {key}, het verhaalnummer en "
            "de drie delen zoals de groep het verhaal legde (bijvoorbeeld 60/30/10).",
            f"In the results template (sheet landschap): landscape {key}, the story number and "
            "the three shares as the group placed the story (for example 60/30/10).",
        )
    lo_x, hi_x = value_range(qs[0])
    lo_y, hi_y = value_range(qs[1])
    return say(
        lang,
        f"In het resultatensjabloon (blad landschap): landschap {key}, het verhaalnummer en x "
        f"({lo_x:g}–{hi_x:g}) en y ({lo_y:g}–{hi_y:g}) zoals de groep het verhaal legde.",
        f"In the results template (sheet landschap): landscape {key}, the story number and x "
        f"({lo_x:g}–{hi_x:g}) and y ({lo_y:g}–{hi_y:g}) as the group placed the story.",
    )


def write_legend(
    path: Path,
    qs: tuple[Question, ...],
    markers: list[Marker],
    unplaced: list[KitStory],
    lang: str,
    project_name: str,
) -> None:
    """The legend PDF at `path`: the placed stories by number, then those left out and why."""

    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import LongTable, Spacer, TableStyle
    from reportlab.platypus import Paragraph as P

    from verhalen.report.theme import LIGHT, RULE, markup, register_fonts, styles

    register_fonts()
    st = styles()
    margin = 1.6 * cm
    frame = A4[0] - 2 * margin

    def axis(q: Question, name: str) -> str:
        (low, high), (lo, hi) = ends(q), value_range(q)
        span = f"{lo:g} ({low}) – {hi:g} ({high})"
        return f"<b>{name}</b>: {markup(q.question_text(lang))} · {markup(span)}"

    def table(head: list[str], rows: list[list[str]], widths: list[float]) -> Any:
        data = [[P(markup(h), st["cell_head"]) for h in head]]
        data += [[P(markup(v), st["cell"]) for v in row] for row in rows]
        t = LongTable(data, colWidths=widths, repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), HexColor(LIGHT)),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, HexColor(RULE)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return t

    group = say(lang, "groep", "group")
    title = say(lang, "titel", "title")
    out: list = [P(markup(say(lang, "Legenda bij het landschap", "Landscape legend")), st["h1"])]
    if len(qs) == 1:
        q = qs[0]
        corners = say(
            lang,
            f"{q.anchors[0]} (boven), {q.anchors[1]} (linksonder), {q.anchors[2]} (rechtsonder)",
            f"{q.anchors[0]} (top), {q.anchors[1]} (bottom left), {q.anchors[2]} (bottom right)",
        )
        out.append(
            P(
                f"<b>{markup(say(lang, 'Driehoek', 'Triad'))}</b>: "
                f"{markup(q.question_text(lang))} · {markup(corners)}",
                st["body"],
            )
        )
        heads = [f"{a} (%)" for a in q.anchors]
        widths = [1.0 * cm, frame - 11.8 * cm, 2.4 * cm, 2.8 * cm, 2.8 * cm, 2.8 * cm]
    else:
        out.append(P(axis(qs[0], say(lang, "Horizontaal", "Across")), st["body"]))
        out.append(P(axis(qs[1], say(lang, "Verticaal", "Up")), st["body"]))
        heads = [q.label(lang) for q in qs]
        widths = [1.2 * cm, frame - 9.4 * cm, 3.4 * cm, 2.4 * cm, 2.4 * cm]
    out += [
        P(markup(spreading_note(lang)), st["small"]),
        P(markup(results_note(qs, lang)), st["small"]),
        P(markup(project_name), st["small"]),
        Spacer(1, 6),
    ]
    rows = [
        [str(m.story.id), m.story.title, m.story.group, *(f"{round(v, 1):g}" for v in m.values)]
        for m in sorted(markers, key=lambda m: m.story.id)
    ]
    out.append(table(["#", title, group, *heads], rows, widths))
    if unplaced:
        out.append(P(markup(say(lang, "Niet geplaatst", "Not placed")), st["subheading"]))
        why = (
            say(
                lang,
                "Deze verhalen hebben de driehoek niet ingevuld of 'niet van toepassing' gekozen.",
                "These stories left the triad empty or chose 'not applicable'.",
            )
            if len(qs) == 1
            else say(
                lang,
                "Deze verhalen hebben geen antwoord op een van de twee vragen.",
                "These stories have no answer to one of the two questions.",
            )
        )
        out.append(P(markup(why), st["small"]))
        if len(qs) == 1:
            rows = [[str(s.id), s.title, s.group] for s in unplaced]
            out.append(table(["#", title, group], rows, [widths[0], frame - 3.4 * cm, 2.4 * cm]))
        else:
            rows = []
            for s in unplaced:
                missing = [q.label(lang) for q in qs if axis_value(q, s.answers) is None]
                rows.append([str(s.id), s.title, s.group, ", ".join(missing)])
            miss = say(lang, "geen antwoord op", "no answer to")
            out.append(table(["#", title, group, miss], rows, [*widths[:3], 4.8 * cm]))
    write_document(path, out, say(lang, "Legenda bij het landschap", "Landscape legend"), margin)
