"""Perspectives in a project: clustering runs, the active one and what it holds.

Every `verhalen cluster` is stored as a run (configuration, embedder, versions, seed, the model's
assignments, labels); one run is active. The facilitator's edits to it live in
`perspective_edits`; every one is logged, and the model's own assignment stays beside the edited
one, so a report shows the facilitator's perspectives and can still say what the model proposed.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from verhalen import models as saved
from verhalen.atomic import sync
from verhalen.cluster import (
    TOO_SHORT,
    UNASSIGNED,
    ClusterConfig,
    ClusterResult,
    Progress,
    cluster_embeddings,
    config_record,
    versions,
)
from verhalen.embed import embed_cached, select_embedder
from verhalen.errors import VerhalenError
from verhalen.i18n import t
from verhalen.project import Project
from verhalen.store import Store


class Collection(tuple):
    """(story ids, texts, lemmatised docs, embeddings, embedder) of the stories to cluster, with
    `too_short`: the ids of the stories left out because they are too short to group."""

    too_short: list[int]

    def __new__(cls, items: tuple, too_short: list[int]) -> Collection:
        made = super().__new__(cls, items)
        made.too_short = too_short
        return made


def too_short(project: Project, stories: list[Any] | None = None) -> list[int]:
    """Ids of the stories too short to group: fewer real words (letters, not numbers or
    punctuation) than `[cluster] min_words` in their shown text. Without `stories`: of every
    story in the analysis (not excluded)."""
    from verhalen.text import real_words

    minimum = project.min_words
    if stories is None:
        with project.store() as store:
            stories = store.stories(excluded=False)
    return [s.id for s in stories if real_words(s.shown_text) < minimum]


def collection(
    project: Project, config: ClusterConfig, progress: Progress | None = None
) -> Collection:
    """(story ids, texts, lemmatised docs, embeddings, embedder) of the stories to cluster: every
    story but those excluded from the analysis and those too short to group (fewer real words
    than `[cluster] min_words`; their ids are in `.too_short`)."""
    from verhalen.cluster import MIN_STORIES
    from verhalen.text import lemmas, strip_placeholders

    embedder = select_embedder(config.embedder, config.lang, config.seed)  # a bad name first
    with project.store() as store:
        analysed = store.stories(excluded=False)
        short = too_short(project, analysed)
        left_out = set(short)
        stories = [s for s in analysed if s.id not in left_out]
        if len(stories) < MIN_STORIES:
            excluded = len(store.exclusions())
            why = [
                t(key, project.lang, count=n)
                for n, key in (
                    (len(short), "data_left_out_too_short"),
                    (excluded, "data_left_out_excluded"),
                )
                if n
            ]
            told = f" ({', '.join(why)})" if why else ""
            raise VerhalenError(
                t(
                    "data_cluster_too_few_left",
                    project.lang,
                    count=len(stories),
                    told=told,
                    minimum=MIN_STORIES,
                )
            )
        hashes = store.text_hashes()
        ids = [s.id for s in stories]
        texts = [s.text for s in stories]
        vectors = embed_cached(store, embedder, texts, [hashes[i] for i in ids], progress)
    # Labels and key terms come from what people may read: the pseudonymised text.
    shown = [strip_placeholders(s.shown_text) for s in stories]
    docs = [" ".join(words) for words in lemmas(shown, config.lang)]
    return Collection((ids, texts, docs, vectors, embedder), short)


def run_cluster(
    project: Project,
    config: ClusterConfig,
    progress: Progress | None = None,
    save_model: bool = True,
) -> tuple[int, ClusterResult]:
    """Cluster the project's stories, store the run and make it the active one.

    The run and its saved model arrive together or not at all: the model is written into a
    hidden folder first and renamed to `modellen/run-N` inside the run's transaction, so a killed
    process leaves either no run or a complete run whose model is complete.
    """
    with project.store() as store:
        store.check_writable()  # a read-only project is refused before minutes of work
    found = collection(project, config, progress)
    ids, _texts, docs, vectors, embedder = found
    result = cluster_embeddings(ids, docs, vectors, config, embedder, progress)
    named = _namings(project, ids, result.labels, vectors, embedder, config.lang)
    models = project.root / saved.MODELS_DIR
    staged = None
    if save_model and result.model is not None:
        staged = saved.save_model(result.model, models, config.embedder)
    try:
        with project.store() as store, store.transaction():
            run_id = store.add_run(
                config.seed,
                config.embedder,
                config_record(config),
                versions(),
                {
                    **result.metrics,
                    "too_short": len(found.too_short),
                    "min_words": project.min_words,
                },
                None,
            )
            for p in result.perspectives:
                words = named.get(p.number)
                store.save_perspective(
                    run_id,
                    p.number,
                    words.name if words else p.label,
                    words.terms if words else p.terms,
                    p.exemplars,
                    p.stability,
                    name=p.name,
                    phrases=words.phrases if words else [],
                    summary=words.summary if words else [],
                    near_miss=words.near_miss if words else None,
                )
            store.assign(
                run_id,
                [
                    (sid, label, label, round(sim, 4))
                    for sid, label, sim in zip(ids, result.labels, result.similarity, strict=True)
                ]
                + [(sid, TOO_SHORT, TOO_SHORT, None) for sid in found.too_short],
            )
            if found.too_short:  # their own group, never mixed into 'past nergens bij'
                store.save_perspective(run_id, TOO_SHORT, "", [], [], None)
            store.set_active_run(run_id)
            store.log(
                "cluster",
                f"run:{run_id}",
                {"config": config_record(config), "metrics": result.metrics},
            )
            if staged is not None:
                path = models / f"run-{run_id}"
                # Nothing refers to run-N before this commits: a folder there is what a process
                # killed between this rename and the commit left behind, under the same number.
                if path.exists():
                    shutil.rmtree(path)
                os.replace(staged, path)
                sync(models)
                store.db.execute(
                    "UPDATE runs SET model_path = ? WHERE id = ?", (project.relative(path), run_id)
                )
    finally:
        if staged is not None and staged.exists():
            shutil.rmtree(staged, ignore_errors=True)
    return run_id, result


def _namings(
    project: Project,
    ids: list[int],
    labels: list[int],
    vectors: np.ndarray,
    embedder: Any,
    lang: str,
    only: set[int] | None = None,
) -> dict[int, Any]:
    """Names, phrases, summary and near miss per perspective (verhalen.naming), from what people
    may read: the pseudonymised text."""
    from verhalen.naming import name_perspectives

    with project.store() as store:
        shown = {s.id: s.shown_text for s in store.stories()}
    return name_perspectives(ids, [shown[i] for i in ids], labels, vectors, embedder, lang, only)


def load_model(project: Project, run_id: int | None = None) -> Any:
    """A run's perspectives as a BERTopic model, with our own embedder as its backend.

    The run's saved folder holds which story went where (checked against its manifest); the
    BERTopic model is built from that and the cached embeddings, so `verhalen cluster` never
    has to import BERTopic, torch and transformers (about 9 s) for a model it does not use."""
    with project.store() as store:
        run = stored_run(store, run_id, project.lang)
    lang = project.lang
    if not run.model_path:
        raise VerhalenError(t("data_run_no_model", lang, run=run.id))
    path = project.root / run.model_path
    damaged = VerhalenError(t("data_run_model_damaged", lang, run=run.id, path=run.model_path))
    if not saved.model_complete(path):
        raise damaged
    from verhalen.cluster import SavedPerspectives, bertopic_model

    cfg = ClusterConfig.from_record(run.config)
    if (path / SavedPerspectives.FILE).is_file():
        try:
            placed = SavedPerspectives.read(path)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise damaged from exc
    else:  # saved by an older verhalen as BERTopic's own files: the run's own assignment
        with project.store() as store:
            placed = {
                a["story_id"]: a["model_number"]
                for a in store.assignments(run.id, analysed=False)
                if a["model_number"] >= 0
            }
    # The embedder is fitted on the project's stories again (TF-IDF depends on them), so the
    # model can place a new story; cached vectors make this cheap. Stories added after the run
    # are not part of it.
    ids, _texts, docs, vectors, embedder = collection(project, cfg)
    rows = [i for i, sid in enumerate(ids) if sid in placed]
    return bertopic_model(
        [docs[i] for i in rows],
        vectors[rows],
        [placed[ids[i]] for i in rows],
        cfg,
        embedder,
    )


# -- reading ---------------------------------------------------------------------------------


def stability_word(value: float | None, lang: str) -> str:
    """How far a perspective can be trusted, in a word: robust from a stability of 0.7, fair
    from 0.4, shaky below; "" without a stability. The CLI, the report and its sheets say it
    alike."""
    if value is None:
        return ""
    if value >= 0.7:
        return t("stability_word_robust", lang)
    if value >= 0.4:
        return t("stability_word_fair", lang)
    return t("stability_word_shaky", lang)


@dataclass
class PerspectiveView:
    number: int
    label: str
    name: str | None
    description: str | None
    terms: list[str]
    exemplars: list[int]
    stability: float | None
    story_ids: list[int]
    origin: str
    phrases: list[str] = field(default_factory=list)  # proposed key phrases, best first
    summary: list[dict[str, Any]] = field(default_factory=list)  # [{"story", "sentence"}]
    near_miss: int | None = None  # nearest story of another perspective

    def title(self, lang: str = "nl") -> str:
        """The facilitator's name, else the proposed one (`label`)."""
        if self.number == UNASSIGNED:
            return t("data_title_fits_nowhere", lang)
        if self.number == TOO_SHORT:
            return t("data_title_too_short", lang)
        return self.name or self.label or t("data_title_perspective", lang, number=self.number)

    @property
    def proposed(self) -> bool:
        """Whether the title is the model's proposal (the facilitator gave no name)."""
        return self.number > 0 and not self.name


def stored_run(store: Store, run_id: int | None, lang: str):
    """The active run (or run `run_id`) as stored; none is one line saying what to do."""
    run = store.active_run() if run_id is None else store.run(run_id)
    if run is None:
        raise VerhalenError(
            t("data_no_perspectives_yet", lang)
            if run_id is None
            else t("data_run_not_found", lang, run=run_id)
        )
    return run


def perspectives(project: Project, run_id: int | None = None) -> list[PerspectiveView]:
    """The perspectives of the active (or given) run, as the facilitator left them."""
    with project.store() as store:
        run = stored_run(store, run_id, project.lang)
        members: dict[int, list[int]] = {}
        for a in store.assignments(run.id, analysed=True):
            members.setdefault(a["number"], []).append(a["story_id"])
        out = []
        for p in store.perspectives(run.id):
            out.append(
                PerspectiveView(
                    p["number"],
                    p["label"],
                    p["name"],
                    p["description"],
                    json.loads(p["terms"]),
                    json.loads(p["exemplars"]),
                    p["stability"],
                    members.get(p["number"], []),
                    p["origin"],
                    json.loads(p["phrases"] or "[]"),
                    json.loads(p["summary"] or "[]"),
                    p["near_miss"],
                )
            )
    # numbered perspectives, then 'past nergens bij', then 'te kort om te groeperen'
    order = sorted(out, key=lambda v: (v.number <= 0, -v.number if v.number <= 0 else v.number))
    return [v for v in order if v.story_ids or v.number > 0]


def get(project: Project, number: int) -> PerspectiveView:
    for view in perspectives(project):
        if view.number == number:
            return view
    raise VerhalenError(t("data_perspective_not_found", project.lang, number=number))


def runs(project: Project) -> list[dict[str, Any]]:
    """Every run as a row of a table (`explore.Table`), its config and metrics decoded."""
    with project.store() as store:
        return [asdict(run) for run in store.runs()]


def assignment(project: Project) -> dict[int, int]:
    """Story id -> perspective number in the active run (empty when there is none): stories
    excluded from the analysis since the run are left out (`TOO_SHORT`: too short to group)."""
    with project.store() as store:
        run = store.active_run()
        if run is None:
            return {}
        return {a["story_id"]: a["number"] for a in store.assignments(run.id, analysed=True)}


def activate(project: Project, run_id: int) -> None:
    with project.store() as store:
        stored_run(store, run_id, project.lang)
        with store.transaction():
            store.set_active_run(run_id)
            store.log("activate", f"run:{run_id}", {})


def history(project: Project) -> list[dict[str, Any]]:
    """Every clustering and edit, oldest first."""
    with project.store() as store:
        return [
            dict(r) | {"detail": json.loads(r["detail"] or "{}")}
            for r in store.history()
            if (r["target"] or "").startswith("run:")
        ]
