"""Perspectives in a project: clustering runs and the facilitator's edits to them.

Every `verhalen cluster` is stored as a run (configuration, embedder, versions, seed, the model's
assignments, labels); one run is active. Facilitators rename, describe, merge, split, move and
delete perspectives of the active run. Every edit is logged, and the model's own assignment stays
beside the edited one, so a report shows the facilitator's perspectives and can still say what the
model proposed.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from verhalen import models as saved
from verhalen.atomic import sync
from verhalen.cluster import (
    EXEMPLARS,
    TOO_SHORT,
    UNASSIGNED,
    ClusterConfig,
    ClusterResult,
    Progress,
    closest_first,
    cluster_embeddings,
    config_record,
    versions,
)
from verhalen.embed import embed_cached, select_embedder
from verhalen.errors import VerhalenError
from verhalen.i18n import say
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


def collection(
    project: Project, config: ClusterConfig, progress: Progress | None = None
) -> Collection:
    """(story ids, texts, lemmatised docs, embeddings, embedder) of the stories to cluster: every
    story but those excluded from the analysis and those too short to group (fewer real words
    than `[cluster] min_words`; their ids are in `.too_short`)."""
    from verhalen.autotag import strip_placeholders
    from verhalen.cluster import MIN_STORIES
    from verhalen.stories import too_short
    from verhalen.text import lemmas

    embedder = select_embedder(config.embedder, config.lang, config.seed)  # a bad name first
    with project.store() as store:
        analysed = store.stories(excluded=False)
        short = too_short(project, analysed)
        left_out = set(short)
        stories = [s for s in analysed if s.id not in left_out]
        if len(stories) < MIN_STORIES:
            excluded = len(store.exclusions())
            why = [
                say(project.lang, f"{n} {nl}", f"{n} {en}")
                for n, nl, en in (
                    (len(short), "te kort om te groeperen", "too short to group"),
                    (excluded, "uitgesloten", "excluded"),
                )
                if n
            ]
            told = f" ({', '.join(why)})" if why else ""
            raise VerhalenError(
                say(
                    project.lang,
                    f"{len(stories)} verhalen om te groeperen{told}: groeperen kan pas vanaf "
                    f"{MIN_STORIES} verhalen",
                    f"{len(stories)} stories to cluster{told}: clustering needs at least "
                    f"{MIN_STORIES}",
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


def _run_config(config: dict[str, Any]) -> ClusterConfig:
    """What a stored run needs to gather its stories again: embedder, seed and language."""
    return ClusterConfig(
        embedder=config["embedder"], seed=config["seed"], lang=config.get("lang", "nl")
    )


def load_model(project: Project, run_id: int | None = None) -> Any:
    """A run's perspectives as a BERTopic model, with our own embedder as its backend.

    The run's saved folder holds which story went where (checked against its manifest); the
    BERTopic model is built from that and the cached embeddings, so `verhalen cluster` never
    has to import BERTopic, torch and transformers (about 9 s) for a model it does not use."""
    with project.store() as store:
        run = _run(store, run_id, project.lang)
    lang = project.lang
    if not run["model_path"]:
        raise VerhalenError(
            say(
                lang,
                f"run {run['id']} heeft geen opgeslagen model; voer 'verhalen cluster' opnieuw "
                "uit voor een run met model",
                f"run {run['id']} has no saved model; run 'verhalen cluster' again for a run "
                "with one",
            )
        )
    path = project.root / run["model_path"]
    damaged = VerhalenError(
        say(
            lang,
            f"het opgeslagen model van run {run['id']} ({run['model_path']}) is onvolledig of "
            "beschadigd; voer 'verhalen cluster' opnieuw uit",
            f"the saved model of run {run['id']} ({run['model_path']}) is incomplete or "
            "damaged; run 'verhalen cluster' again",
        )
    )
    if not saved.model_complete(path):
        raise damaged
    from verhalen.cluster import SavedPerspectives, bertopic_model

    config = json.loads(run["config"])
    cfg = _run_config(config)
    if (path / SavedPerspectives.FILE).is_file():
        try:
            placed = SavedPerspectives.read(path)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise damaged from exc
    else:  # saved by an older verhalen as BERTopic's own files: the run's own assignment
        with project.store() as store:
            placed = {
                a["story_id"]: a["model_number"]
                for a in store.assignments(run["id"], analysed=False)
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
            return say(lang, "Past nergens bij", "Fits nowhere")
        if self.number == TOO_SHORT:
            return say(lang, "Te kort om te groeperen", "Too short to group")
        return (
            self.name
            or self.label
            or say(lang, f"Perspectief {self.number}", f"Perspective {self.number}")
        )

    @property
    def proposed(self) -> bool:
        """Whether the title is the model's proposal (the facilitator gave no name)."""
        return self.number > 0 and not self.name


def _run(store: Store, run_id: int | None, lang: str):
    run = (
        store.active_run()
        if run_id is None
        else next((r for r in store.runs() if r["id"] == run_id), None)
    )
    if run is None:
        raise VerhalenError(
            say(
                lang,
                "nog geen perspectieven: voer eerst 'verhalen cluster' uit",
                "no perspectives yet: run 'verhalen cluster' first",
            )
            if run_id is None
            else say(lang, f"run {run_id} bestaat niet", f"run {run_id} does not exist")
        )
    return run


def perspectives(project: Project, run_id: int | None = None) -> list[PerspectiveView]:
    """The perspectives of the active (or given) run, as the facilitator left them."""
    with project.store() as store:
        run = _run(store, run_id, project.lang)
        members: dict[int, list[int]] = {}
        for a in store.assignments(run["id"], analysed=True):
            members.setdefault(a["number"], []).append(a["story_id"])
        out = []
        for p in store.perspectives(run["id"]):
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
    raise VerhalenError(
        say(
            project.lang,
            f"perspectief {number} bestaat niet",
            f"perspective {number} does not exist",
        )
    )


def runs(project: Project) -> list[dict[str, Any]]:
    with project.store() as store:
        return [dict(r) for r in store.runs()]


def assignment(project: Project) -> dict[int, int]:
    """Story id -> perspective number in the active run (empty when there is none): stories
    excluded from the analysis since the run are left out (`TOO_SHORT`: too short to group)."""
    with project.store() as store:
        run = store.active_run()
        if run is None:
            return {}
        return {a["story_id"]: a["number"] for a in store.assignments(run["id"], analysed=True)}


def activate(project: Project, run_id: int) -> None:
    with project.store() as store:
        _run(store, run_id, project.lang)
        with store.transaction():
            store.set_active_run(run_id)
            store.log("activate", f"run:{run_id}", {})


# -- edits -----------------------------------------------------------------------------------


def _edit(project: Project):
    store = project.store()
    run = _run(store, None, project.lang)
    return store, run["id"]


def _check(store: Store, run_id: int, number: int, lang: str) -> None:
    if not any(p["number"] == number for p in store.perspectives(run_id)):
        raise VerhalenError(
            say(lang, f"perspectief {number} bestaat niet", f"perspective {number} does not exist")
        )


def _no_too_short(project: Project, numbers: tuple[int, ...], nl: str, en: str) -> None:
    """'Te kort om te groeperen' is no perspective: the rule ([cluster] min_words) fills it."""
    if TOO_SHORT in numbers:
        raise VerhalenError(
            say(
                project.lang,
                f"'te kort om te groeperen' ({TOO_SHORT}) is geen perspectief en kan niet {nl}",
                f"'too short to group' ({TOO_SHORT}) is no perspective and cannot be {en}",
            )
        )


def _set_text(project: Project, number: int, field: str, value: str) -> None:
    """Set a perspective's own name or description; the old value goes into the history."""
    store, run_id = _edit(project)
    with store:
        _check(store, run_id, number, project.lang)
        old = next(p for p in store.perspectives(run_id) if p["number"] == number)
        with store.transaction():
            store.update_perspective(run_id, number, **{field: value.strip() or None})
            action = "rename" if field == "name" else "describe"
            store.log(
                action, f"run:{run_id}", {"perspective": number, "old": old[field], "new": value}
            )


def rename(project: Project, number: int, name: str) -> None:
    if number == UNASSIGNED:
        raise VerhalenError(
            say(project.lang, "'past nergens bij' houdt zijn naam", "'fits nowhere' keeps its name")
        )
    _no_too_short(project, (number,), "hernoemd worden", "renamed")
    _set_text(project, number, "name", name)


def describe(project: Project, number: int, text: str) -> None:
    _set_text(project, number, "description", text)


def set_texts(
    project: Project,
    names: Sequence[tuple[int, str]] = (),
    descriptions: Sequence[tuple[int, str]] = (),
    before_commit: Callable[[Store], None] | None = None,
) -> None:
    """Several names and descriptions in one transaction, each with its history entry as
    `rename` and `describe` write it: all of them are stored, or none.

    `before_commit` runs inside the transaction, after the changes and before the commit (the
    store's write lock is held), with the store to add its own changes: if it raises, nothing
    is stored.
    `workshop_results.import_results` writes its files there, so they change together with the
    store."""
    for number, _ in names:
        if number == UNASSIGNED:
            raise VerhalenError(
                say(
                    project.lang,
                    "'past nergens bij' houdt zijn naam",
                    "'fits nowhere' keeps its name",
                )
            )
        _no_too_short(project, (number,), "hernoemd worden", "renamed")
    store, run_id = _edit(project)
    with store, store.transaction():
        for field_name, changes in (("name", names), ("description", descriptions)):
            for number, value in changes:
                _check(store, run_id, number, project.lang)
                old = next(p for p in store.perspectives(run_id) if p["number"] == number)
                store.update_perspective(run_id, number, **{field_name: value.strip() or None})
                action = "rename" if field_name == "name" else "describe"
                detail = {"perspective": number, "old": old[field_name], "new": value}
                store.log(action, f"run:{run_id}", detail)
        if before_commit is not None:
            before_commit(store)


def move(project: Project, story_id: int, number: int) -> int:
    """Move one story to perspective `number` (0: past nergens bij). Returns where it was.

    A story too short to group may be moved into a perspective (the facilitator knows where it
    belongs), but none can be moved to 'te kort om te groeperen', and an excluded story not at
    all (include it first)."""
    _no_too_short(
        project,
        (number,),
        "het doel van een verplaatsing zijn",
        "the target of a move",
    )
    store, run_id = _edit(project)
    with store:
        if story_id in store.exclusions():
            raise VerhalenError(
                say(
                    project.lang,
                    f"verhaal {story_id} is uitgesloten van de analyse; neem het eerst weer op: "
                    f"verhalen stories include {story_id}",
                    f"story {story_id} is excluded from the analysis; include it first: "
                    f"verhalen stories include {story_id}",
                )
            )
        current = {a["story_id"]: a["number"] for a in store.assignments(run_id)}
        if story_id not in current:
            raise VerhalenError(
                say(
                    project.lang,
                    f"verhaal {story_id} zit niet in deze run",
                    f"story {story_id} is not in this run",
                )
            )
        if number != UNASSIGNED:
            _check(store, run_id, number, project.lang)
        with store.transaction():
            if number == UNASSIGNED and not any(
                p["number"] == UNASSIGNED for p in store.perspectives(run_id)
            ):
                store.save_perspective(run_id, UNASSIGNED, "", [], [], None)
            store.move(run_id, [story_id], number)
            store.log(
                "move",
                f"run:{run_id}",
                {"story": story_id, "from": current[story_id], "to": number},
            )
        _refresh(project, store, run_id, [current[story_id], number])
    return current[story_id]


def merge(project: Project, keep: int, other: int) -> None:
    """Merge perspective `other` into `keep`; `other` disappears."""
    _no_too_short(project, (keep, other), "samengevoegd worden", "merged")
    if keep == other or UNASSIGNED in (keep, other):
        raise VerhalenError(
            say(
                project.lang,
                "kies twee verschillende perspectieven",
                "choose two different perspectives",
            )
        )
    store, run_id = _edit(project)
    with store:
        _check(store, run_id, keep, project.lang)
        _check(store, run_id, other, project.lang)
        moving = [a["story_id"] for a in store.assignments(run_id) if a["number"] == other]
        with store.transaction():
            store.move(run_id, moving, keep)
            store.delete_perspective(run_id, other)
            store.update_perspective(run_id, keep, origin="edited")
            store.log("merge", f"run:{run_id}", {"keep": keep, "merged": other, "stories": moving})
        _refresh(project, store, run_id, [keep])


def delete(project: Project, number: int) -> None:
    """Dissolve a perspective: its stories go to 'past nergens bij'."""
    _no_too_short(project, (number,), "opgeheven worden", "deleted")
    move_all = []
    store, run_id = _edit(project)
    with store:
        _check(store, run_id, number, project.lang)
        if number == UNASSIGNED:
            raise VerhalenError(
                say(
                    project.lang,
                    "'past nergens bij' kan niet weg",
                    "'fits nowhere' cannot be deleted",
                )
            )
        move_all = [a["story_id"] for a in store.assignments(run_id) if a["number"] == number]
        with store.transaction():
            if not any(p["number"] == UNASSIGNED for p in store.perspectives(run_id)):
                store.save_perspective(run_id, UNASSIGNED, "", [], [], None)
            store.move(run_id, move_all, UNASSIGNED)
            store.delete_perspective(run_id, number)
            store.log("delete", f"run:{run_id}", {"perspective": number, "stories": move_all})


def split(project: Project, number: int, parts: int = 2) -> list[int]:
    """Split a perspective in `parts` by clustering its own stories again (k-means on their
    embeddings). Returns the new perspective numbers (the first keeps `number`)."""
    from sklearn.cluster import KMeans

    _no_too_short(project, (number,), "gesplitst worden", "split")
    store, run_id = _edit(project)
    with store:
        _check(store, run_id, number, project.lang)
        run = _run(store, run_id, project.lang)
        config = json.loads(run["config"])
        members = [
            a["story_id"] for a in store.assignments(run_id, analysed=True) if a["number"] == number
        ]
        if len(members) < 2 * parts:
            raise VerhalenError(
                say(
                    project.lang,
                    f"perspectief {number} heeft te weinig verhalen om te splitsen",
                    f"perspective {number} has too few stories to split",
                )
            )
    cfg = _run_config(config)
    ids, _texts, _docs, vectors, _ = collection(project, cfg)
    index = {sid: i for i, sid in enumerate(ids)}
    # a story too short to group that the facilitator moved here has no embedding to split on:
    # it stays with the part that keeps the number
    members = [s for s in members if s in index]
    sub = vectors[[index[s] for s in members]]
    labels = KMeans(parts, random_state=cfg.seed, n_init=20).fit_predict(sub)
    # the largest part keeps the number
    sizes = np.bincount(labels, minlength=parts)
    order = sorted(range(parts), key=lambda k: (-sizes[k], k))
    with project.store() as store:
        existing = [p["number"] for p in store.perspectives(run_id)]
        new_numbers = [number] + [max(existing) + i for i in range(1, parts)]
        with store.transaction():
            for rank, part in enumerate(order):
                target = new_numbers[rank]
                story_ids = [members[i] for i in range(len(members)) if labels[i] == part]
                if target != number:
                    store.save_perspective(run_id, target, "", [], [], None, origin="split")
                store.move(run_id, story_ids, target)
            store.update_perspective(run_id, number, origin="split", name=None)
            store.log("split", f"run:{run_id}", {"perspective": number, "into": new_numbers})
        _refresh(project, store, run_id, new_numbers)
    return new_numbers


def _refresh(project: Project, store: Store, run_id: int, numbers: list[int]) -> None:
    """New proposed name, phrases, summary, near miss, key terms and exemplars for perspectives
    whose stories changed (verhalen.naming, weighed against all perspectives as they are now).

    The proposal goes into `label`; a facilitator's own name and description are kept and
    always win.
    """
    from verhalen.naming import name_perspectives

    numbers = [n for n in set(numbers) if n > 0]
    if not numbers:
        return
    run = _run(store, run_id, project.lang)
    config = json.loads(run["config"])
    members: dict[int, list[int]] = {}
    for a in store.assignments(run_id, analysed=True):
        members.setdefault(a["number"], []).append(a["story_id"])
    cfg = _run_config(config)
    ids, _t, _d, vectors, embedder = collection(project, cfg)
    index = {sid: i for i, sid in enumerate(ids)}
    number_of = {sid: n for n, sids in members.items() for sid in sids}
    shown = {s.id: s.shown_text for s in store.stories()}
    named = name_perspectives(
        ids,
        [shown[i] for i in ids],
        [number_of.get(i, UNASSIGNED) for i in ids],
        vectors,
        embedder,
        cfg.lang,
        only=set(numbers),
    )
    with store.transaction():
        for n in numbers:
            # stories too short to group that were moved here have no embedding
            embedded = [s for s in members.get(n, []) if s in index]
            if not embedded:
                continue
            order, _ = closest_first(vectors[[index[s] for s in embedded]])
            ranked = [embedded[j] for j in order]
            words = named.get(n)
            store.update_perspective(
                run_id,
                n,
                terms=words.terms if words else [],
                label=words.name if words else "",
                phrases=words.phrases if words else [],
                summary=words.summary if words else [],
                near_miss=words.near_miss if words else None,
                exemplars=ranked[:EXEMPLARS],
                stability=None,  # measured on other stories; unknown until clustered again
            )


def history(project: Project) -> list[dict[str, Any]]:
    """Every clustering and edit, oldest first."""
    with project.store() as store:
        return [
            dict(r) | {"detail": json.loads(r["detail"] or "{}")}
            for r in store.history()
            if (r["target"] or "").startswith("run:")
        ]
