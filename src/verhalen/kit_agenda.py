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
from verhalen.i18n import t
from verhalen.kit import file_name, write_document
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
                t("kit_unknown_exercise", lang, name=name, choices=", ".join(EXERCISES))
            )
        if key not in out:
            out.append(key)
    return out


def exercises(lang: str) -> dict[str, Exercise]:
    n = lambda piece: file_name(piece, lang)  # noqa: E731
    return {
        "landscape": Exercise(
            "landscape",
            t("kit_ex_landscape", lang),
            40,
            t(
                "kit_ex_landscape_materials",
                lang,
                blank=n("blank"),
                landscape=n("landscape"),
                legend=n("legend"),
            ),
            [
                t("kit_ex_landscape_lay", lang),
                t("kit_ex_landscape_place", lang),
                t("kit_ex_landscape_compare", lang),
                t("kit_ex_landscape_look", lang),
                t("kit_ex_landscape_explain", lang),
            ],
        ),
        "timeline": Exercise(
            "timeline",
            t("kit_ex_timeline", lang),
            40,
            t("kit_ex_timeline_materials", lang, timeline=n("timeline")),
            [
                t("kit_ex_timeline_cut", lang),
                t("kit_ex_timeline_walk", lang),
                t("kit_ex_timeline_stickers", lang),
                t("kit_ex_timeline_events", lang),
                t("kit_ex_timeline_changes", lang),
            ],
        ),
        "elements": Exercise(
            "elements",
            t("kit_ex_elements", lang),
            45,
            t("kit_ex_elements_materials", lang, elements=n("elements")),
            [
                t("kit_ex_elements_read", lang),
                t("kit_ex_elements_kinds", lang),
                t("kit_ex_elements_cluster", lang),
                t("kit_ex_elements_name", lang),
            ],
        ),
        "composite": Exercise(
            "composite",
            t("kit_ex_composite", lang),
            40,
            t("kit_ex_composite_materials", lang, composite=n("composite")),
            [
                t("kit_ex_composite_choose", lang),
                t("kit_ex_composite_build", lang),
                t("kit_ex_composite_possible", lang),
                t("kit_ex_composite_tell", lang),
                t("kit_ex_proposals", lang),
            ],
        ),
        "perspectives": Exercise(
            "perspectives",
            t("kit_ex_perspectives", lang),
            50,
            t("kit_ex_perspectives_materials", lang),
            [
                t("kit_ex_perspectives_read", lang),
                t("kit_ex_perspectives_discuss", lang),
                t("kit_ex_perspectives_name", lang),
                t("kit_ex_proposals", lang),
            ],
        ),
    }


def agenda(chosen: list[str], lang: str) -> list[tuple[str, str, str]]:
    """(time, part, what) rows: welcome, reading, the exercises with a break near the middle,
    and a closing round."""
    ex = exercises(lang)
    parts: list[tuple[int, str, str]] = [
        (15, t("kit_welcome", lang), t("kit_welcome_what", lang)),
        (20, t("kit_reading", lang), t("kit_reading_what", lang)),
    ]
    total = sum(ex[k].minutes for k in chosen)
    done, paused = 0, len(chosen) < 2
    for k in chosen:
        parts.append((ex[k].minutes, ex[k].name.lower(), ex[k].materials))
        done += ex[k].minutes
        if not paused and done * 2 >= total and k != chosen[-1]:
            parts.append((15, t("kit_break", lang), ""))
            paused = True
    parts.append((15, t("kit_closing", lang), t("kit_closing_what", lang)))
    rows, at = [], 0
    for minutes, name, what in parts:
        end = at + minutes
        rows.append((f"{at // 60}:{at % 60:02d} – {end // 60}:{end % 60:02d}", name, what))
        at = end
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
        P(markup(t("kit_agenda_title", lang)), st["h1"]),
        P(markup(f"{project.name} · " + t("kit_workshop", lang)), st["small"]),
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
            P(markup(t("kit_exercise", lang, name=e.name, minutes=e.minutes)), st["h2"]),
            P(
                f"<b>{markup(t('kit_materials', lang))}</b>: {markup(e.materials)}",
                st["body"],
            ),
        ]
        block += [
            P(markup(step), st["bullet"], bulletText=f"{i}.") for i, step in enumerate(e.steps, 1)
        ]
        out.append(KeepTogether(block))
    reminder = t("kit_reminder", lang)
    note = Table([[P(markup(reminder), st["small"])]], colWidths=[frame])
    note.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), HexColor(LIGHT))]))
    out += [Spacer(1, 10), note]
    write_document(path, out, t("kit_agenda_title", lang), margin)
    return path
