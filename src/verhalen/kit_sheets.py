"""Story-element label sheets and the composite-story template: kit pages without stories.

The labels fit the common A4 label sheet of 3 × 8 labels of 70 × 37 mm (no margins); the first
page says so and is printed on plain paper. Each box of the composite template holds one label.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verhalen.i18n import t
from verhalen.kit import MM, file_name, fit, footer, page_size, pdf, wrap
from verhalen.project import Project

LABEL_W, LABEL_H, LABEL_COLS, LABEL_ROWS = 70.0, 37.0, 3, 8  # mm, on A4
ELEMENT_COLOURS = {
    "characters": "#2f6f8f",
    "situations": "#8f5a2f",
    "values": "#5a8f2f",
    "themes": "#7a2f8f",
}


def _elements(lang: str) -> list[tuple[str, str, str]]:
    """(key, name, prompt) for each kind of story element."""
    return [
        ("characters", t("kit_el_character", lang), t("kit_el_character_prompt", lang)),
        ("situations", t("kit_el_situation", lang), t("kit_el_situation_prompt", lang)),
        ("values", t("kit_el_value", lang), t("kit_el_value_prompt", lang)),
        ("themes", t("kit_el_theme", lang), t("kit_el_theme_prompt", lang)),
    ]


# -- labels and the composite template ------------------------------------------------------------
def write_elements(
    project: Project, folder: Path, *, paper: str = "a4", lang: str | None = None
) -> list[Path]:
    """The label sheets (always A4) and the composite-story template (`paper`)."""
    lang = lang or project.lang
    labels = write_labels(folder / file_name("elements", lang), lang)
    template = write_composite(folder / file_name("composite", lang), paper, lang)
    return [labels, template]


def write_labels(path: Path, lang: str) -> Path:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4

    from verhalen.report.theme import ACCENT, FONT, INK, RULE

    W, H = A4
    bold = f"{FONT}-Bold"
    lw, lh = LABEL_W * MM, LABEL_H * MM
    left = (W - LABEL_COLS * lw) / 2
    bottom = (H - LABEL_ROWS * lh) / 2
    kinds = _elements(lang)
    size = t("kit_labels_size", lang)
    with pdf(path, A4, t("kit_elements_doc", lang, size=size)) as c:
        # page 1, on plain paper: what the sheets are and how to print them
        c.setFillColor(HexColor(ACCENT))
        c.setFont(bold, 20)
        c.drawString(52, H - 80, t("kit_elements_title", lang))
        c.setFillColor(HexColor(INK))
        c.setFont(bold, 12)
        c.drawString(52, H - 108, size)
        lines = [
            t("kit_labels_plain", lang),
            t("kit_labels_print", lang),
            t("kit_labels_pages", lang),
            t("kit_labels_one", lang),
        ]
        y = H - 140
        c.setFont(FONT, 10)
        for line in lines:
            for part in wrap(line, FONT, 10, W - 104, 4):
                c.drawString(52, y, part)
                y -= 14
            y -= 6
        y -= 10
        for key, name, prompt in kinds:
            c.setFillColor(HexColor(ELEMENT_COLOURS[key]))
            c.rect(52, y - 3, 8, 12, stroke=0, fill=1)
            c.setFillColor(HexColor(INK))
            c.setFont(bold, 10)
            c.drawString(68, y, name)
            c.setFont(FONT, 9)
            c.drawString(160, y, fit(prompt, FONT, 9, W - 212))
            y -= 20
        c.showPage()
        for key, name, prompt in kinds:
            for row in range(LABEL_ROWS):
                for col in range(LABEL_COLS):
                    x = left + col * lw
                    y = bottom + (LABEL_ROWS - 1 - row) * lh
                    _label(c, x, y, lw, lh, key, name, prompt, lang)
            c.setStrokeColor(HexColor(RULE))
            c.setLineWidth(0.3)
            c.setDash(1, 2)
            for col in range(LABEL_COLS + 1):
                c.line(left + col * lw, bottom, left + col * lw, bottom + LABEL_ROWS * lh)
            for row in range(LABEL_ROWS + 1):
                c.line(left, bottom + row * lh, left + LABEL_COLS * lw, bottom + row * lh)
            c.setDash()
            c.showPage()
    return path


def _label(
    c: Any, x: float, y: float, w: float, h: float, key: str, name: str, prompt: str, lang: str
) -> None:
    from reportlab.lib.colors import HexColor

    from verhalen.report.theme import FONT, MUTED, RULE

    bold = f"{FONT}-Bold"
    pad = 5 * MM  # label printers rarely print the outer few millimetres
    colour = HexColor(ELEMENT_COLOURS[key])
    c.setFillColor(colour)
    c.rect(x + pad - 6, y + h - pad - 8, 3, 10, stroke=0, fill=1)
    c.setFont(bold, 8.5)
    c.drawString(x + pad, y + h - pad - 6, name)
    c.setFillColor(HexColor(MUTED))
    c.setFont(FONT, 7)
    c.drawRightString(x + w - pad, y + h - pad - 6, t("kit_label_story", lang) + "____")
    c.setFont(FONT, 5.6)
    for k, line in enumerate(wrap(prompt, FONT, 5.6, w - 2 * pad, 2)):
        c.drawString(x + pad, y + h - pad - 15 - k * 6.6, line)
    c.setStrokeColor(HexColor(RULE))
    c.setLineWidth(0.4)
    c.setDash(1, 2)
    for k in range(3):
        ly = y + pad + k * 12
        c.line(x + pad, ly, x + w - pad, ly)
    c.setDash()


def write_composite(path: Path, paper: str, lang: str) -> Path:
    """A template to build a new story from the element labels: six boxes that each hold one
    70 × 37 mm label, in story order, and lines for the title, the sources and one sentence."""
    from reportlab.lib.colors import HexColor

    from verhalen.report.theme import ACCENT, FONT, INK, LIGHT, MUTED, RULE

    W, H = page_size(paper, lang=lang)
    s = W / page_size("a4")[0]
    bold = f"{FONT}-Bold"
    m = 12 * MM * s
    title = t("kit_composite_title", lang)
    boxes = [
        (t("kit_box_who", lang), t("kit_box_who_prompt", lang)),
        (t("kit_box_where", lang), t("kit_box_where_prompt", lang)),
        (t("kit_box_what", lang), t("kit_box_what_prompt", lang)),
        (t("kit_box_turn", lang), t("kit_box_turn_prompt", lang)),
        (t("kit_box_outcome", lang), t("kit_box_outcome_prompt", lang)),
        (t("kit_box_stake", lang), t("kit_box_stake_prompt", lang)),
    ]
    with pdf(path, (W, H), title) as c:
        c.setFillColor(HexColor(ACCENT))
        c.setFont(bold, 18 * s)
        c.drawString(m, H - m - 14 * s, title)
        c.setFillColor(HexColor(INK))
        c.setFont(FONT, 9 * s)
        head = t("kit_composite_head", lang)
        c.drawRightString(W - m, H - m - 12 * s, head + " " + "_" * 40)
        top = H - m - 30 * s
        foot = m + 58 * s
        gap = 5 * MM * s
        bw = (W - 2 * m - 2 * gap) / 3
        bh = (top - foot - gap) / 2
        for k, (name, prompt) in enumerate(boxes):
            x = m + (k % 3) * (bw + gap)
            y = top - (k // 3 + 1) * bh - (k // 3) * gap
            c.setFillColor(HexColor(LIGHT))
            c.setStrokeColor(HexColor(RULE))
            c.setLineWidth(0.8)
            c.roundRect(x, y, bw, bh, 6, stroke=1, fill=1)
            c.setFillColor(HexColor(ACCENT))
            c.setFont(bold, 11 * s)
            c.drawString(x + 8 * s, y + bh - 16 * s, name)
            c.setFillColor(HexColor(MUTED))
            c.setFont(FONT, 8 * s)
            c.drawString(x + 8 * s, y + bh - 28 * s, fit(prompt, FONT, 8 * s, bw - 16 * s))
            # where a label goes: its own outline, dotted
            c.setStrokeColor(HexColor(RULE))
            c.setDash(2, 3)
            c.rect(x + (bw - LABEL_W * MM) / 2, y + 8 * s, LABEL_W * MM, LABEL_H * MM)
            c.setDash()
        c.setFillColor(HexColor(INK))
        c.setFont(FONT, 9 * s)
        c.drawString(
            m,
            m + 30 * s,
            t("kit_composite_sentence", lang) + " " + "_" * 90,
        )
        c.drawString(
            m,
            m + 10 * s,
            t("kit_composite_sources", lang) + " " + "_" * 60,
        )
        footer(
            c,
            (W, H),
            t("kit_composite_footer", lang),
            m * 0.8,
        )
        c.showPage()
    return path
