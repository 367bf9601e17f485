"""The facilitator's edits to the active run's perspectives: rename, describe, merge, split,
move and delete.

Every edit is logged with what it changed, and the model's own assignment stays beside the
edited one, so a report can still say what the model proposed. After stories change
perspective, the proposed names, phrases and exemplars of the perspectives touched are made
again, so a proposal never describes stories that left; the facilitator's own texts always win.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from verhalen.cluster import EXEMPLARS, TOO_SHORT, UNASSIGNED, ClusterConfig, closest_first
from verhalen.errors import VerhalenError
from verhalen.i18n import t
from verhalen.perspectives import collection, stored_run
from verhalen.project import Project
from verhalen.store import Store


def _edit(project: Project):
    """The store (not yet entered) and the active run's id: edits only touch the active run."""
    store = project.store()
    run = stored_run(store, None, project.lang)
    return store, run.id


def _check(store: Store, run_id: int, number: int, lang: str) -> None:
    if not any(p["number"] == number for p in store.perspectives(run_id)):
        raise VerhalenError(t("data_perspective_not_found", lang, number=number))


def _no_too_short(project: Project, numbers: tuple[int, ...], action: str) -> None:
    """'Te kort om te groeperen' is no perspective: the rule ([cluster] min_words) fills it.

    `action` names the edit refused: rename, move, merge, delete or split."""
    if TOO_SHORT in numbers:
        raise VerhalenError(t(f"data_too_short_{action}", project.lang, number=TOO_SHORT))


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
        raise VerhalenError(t("data_fits_nowhere_keeps_name", project.lang))
    _no_too_short(project, (number,), "rename")
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
    `workshop.results.import_results` writes its files there, so they change together with the
    store."""
    for number, _ in names:
        if number == UNASSIGNED:
            raise VerhalenError(t("data_fits_nowhere_keeps_name", project.lang))
        _no_too_short(project, (number,), "rename")
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
    _no_too_short(project, (number,), "move")
    store, run_id = _edit(project)
    with store:
        if story_id in store.exclusions():
            raise VerhalenError(t("data_move_excluded", project.lang, id=story_id))
        current = {a["story_id"]: a["number"] for a in store.assignments(run_id)}
        if story_id not in current:
            raise VerhalenError(t("data_story_not_in_run", project.lang, id=story_id))
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
    _no_too_short(project, (keep, other), "merge")
    if keep == other or UNASSIGNED in (keep, other):
        raise VerhalenError(t("data_merge_two_different", project.lang))
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
    _no_too_short(project, (number,), "delete")
    move_all = []
    store, run_id = _edit(project)
    with store:
        _check(store, run_id, number, project.lang)
        if number == UNASSIGNED:
            raise VerhalenError(t("data_fits_nowhere_stays", project.lang))
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

    _no_too_short(project, (number,), "split")
    store, run_id = _edit(project)
    with store:
        _check(store, run_id, number, project.lang)
        run = stored_run(store, run_id, project.lang)
        cfg = ClusterConfig.from_record(run.config)
        members = [
            a["story_id"] for a in store.assignments(run_id, analysed=True) if a["number"] == number
        ]
        if len(members) < 2 * parts:
            raise VerhalenError(t("data_split_too_few", project.lang, number=number))
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
    run = stored_run(store, run_id, project.lang)
    cfg = ClusterConfig.from_record(run.config)
    members: dict[int, list[int]] = {}
    for a in store.assignments(run_id, analysed=True):
        members.setdefault(a["number"], []).append(a["story_id"])
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
