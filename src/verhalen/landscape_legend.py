"""The landscape's legend: each marker's number with its story's title, group and answers,
and the stories that could not be placed, so a group can find every card on the canvas and
knows which are missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verhalen.form import Question
from verhalen.i18n import t
from verhalen.kit import KitStory, write_document
from verhalen.landscape_axes import ends, landscape_key, value_range
from verhalen.landscape_place import Marker, axis_value


def spreading_note(lang: str) -> str:
    """How to read crowded markers; on the canvas and in the legend alike."""
    return t("kit_spreading_note", lang)


def results_note(qs: tuple[Question, ...], lang: str) -> str:
    """How the group's placements go back into the project (the results template)."""
    key = landscape_key(qs)
    if len(qs) == 1:
        return t("kit_results_triad", lang, key=key)
    lo_x, hi_x = value_range(qs[0])
    lo_y, hi_y = value_range(qs[1])
    return t("kit_results_axes", lang, key=key, lo_x=lo_x, hi_x=hi_x, lo_y=lo_y, hi_y=hi_y)


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
        long_table = LongTable(data, colWidths=widths, repeatRows=1)
        long_table.setStyle(
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
        return long_table

    group = t("kit_col_group", lang)
    title = t("kit_col_title", lang)
    out: list = [P(markup(t("kit_legend_title", lang)), st["h1"])]
    if len(qs) == 1:
        q = qs[0]
        corners = t("kit_corners", lang, top=q.anchors[0], left=q.anchors[1], right=q.anchors[2])
        out.append(
            P(
                f"<b>{markup(t('kit_triad', lang))}</b>: "
                f"{markup(q.question_text(lang))} · {markup(corners)}",
                st["body"],
            )
        )
        heads = [f"{a} (%)" for a in q.anchors]
        widths = [1.0 * cm, frame - 11.8 * cm, 2.4 * cm, 2.8 * cm, 2.8 * cm, 2.8 * cm]
    else:
        out.append(P(axis(qs[0], t("kit_across", lang)), st["body"]))
        out.append(P(axis(qs[1], t("kit_up", lang)), st["body"]))
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
        out.append(P(markup(t("kit_not_placed", lang)), st["subheading"]))
        why = t("kit_unplaced_triad" if len(qs) == 1 else "kit_unplaced_axes", lang)
        out.append(P(markup(why), st["small"]))
        if len(qs) == 1:
            rows = [[str(s.id), s.title, s.group] for s in unplaced]
            out.append(table(["#", title, group], rows, [widths[0], frame - 3.4 * cm, 2.4 * cm]))
        else:
            rows = []
            for s in unplaced:
                missing = [q.label(lang) for q in qs if axis_value(q, s.answers) is None]
                rows.append([str(s.id), s.title, s.group, ", ".join(missing)])
            miss = t("kit_no_answer_to", lang)
            out.append(table(["#", title, group, miss], rows, [*widths[:3], 4.8 * cm]))
    write_document(path, out, t("kit_legend_title", lang), margin)
