"""The facilitator's observations, each with its patterns and competing interpretations, and the
same interpretations grouped by perspective: the starting questions of the sensemaking workshop.
"""

from __future__ import annotations

from verhalen.cluster import UNASSIGNED
from verhalen.i18n import t
from verhalen.report.data import ReportData
from verhalen.report.model import Bullets, Heading, Paragraph, Section
from verhalen.report.perspective_chapters import interpretations_by_perspective


def perspective_name(data: ReportData, perspective: int | str | None) -> str:
    lang = data.lang
    if perspective is None:
        return t("no_perspective", lang)
    if isinstance(perspective, str):
        return t("new_perspective", lang, name=perspective)
    if perspective <= UNASSIGNED:  # 'past nergens bij', 'te kort om te groeperen'
        return data.title(perspective)
    return t("perspective_title", lang, number=perspective, title=data.title(perspective))


def observations_chapter(data: ReportData) -> Section:
    from verhalen.patterns import sentence

    lang = data.lang
    observations = data.catalysis.observations
    if not observations:
        return Section(
            t("observations", lang),
            "observations",
            [Paragraph(t("observations_none", lang), "note")],
        )
    by_id = {p.id: p for p in data.patterns}
    blocks: list = [Paragraph(t("observations_intro", lang))]
    for n, obs in enumerate(observations, 1):
        blocks.append(Heading(t("observation", lang, n=n), note=obs.id))
        blocks.append(Paragraph(obs.text, "lead"))
        if obs.patterns:
            blocks.append(Paragraph(t("based_on", lang), "subheading"))
            blocks.append(
                Bullets(
                    tuple(f"{sentence(by_id[pid], lang)}. ({pid})" for pid in obs.patterns),
                    "small",
                )
            )
        blocks.append(Paragraph(t("interpretations", lang), "subheading"))
        if obs.interpretations:
            blocks.append(
                Bullets(
                    tuple(
                        i.text
                        + (
                            f" — {perspective_name(data, i.perspective)}"
                            if i.perspective is not None
                            else ""
                        )
                        for i in obs.interpretations
                    )
                )
            )
        else:
            blocks.append(Paragraph(t("interpretations_none", lang), "note"))
    grouped = interpretations_by_perspective(data)
    order: list[int | str | None] = [v.number for v in data.views if v.number in grouped]
    order += [k for k in grouped if isinstance(k, str)]
    order += [k for k in grouped if isinstance(k, int) and k not in order]
    if None in grouped:
        order.append(None)
    by_perspective: list = []
    for key in order:
        by_perspective.append(Heading(perspective_name(data, key)))
        by_perspective.append(Bullets(tuple(grouped[key])))
    return Section(
        t("observations", lang),
        "observations",
        blocks,
        [
            Section(
                t("by_perspective", lang),
                "observations-by-perspective",
                by_perspective,
                new_page=False,
            )
        ],
    )
