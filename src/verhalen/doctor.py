"""`verhalen doctor`: what is wrong with a project, and how to repair it.

The doctor reads and never writes. The store is opened read-only with a connection of its own,
not through `Store`, which would migrate an older store and refuse a newer one: a damaged, foreign,
older or newer store gives findings, never a traceback. Each finding names what is wrong and where,
and the command or step that repairs it. Errors make the command exit 1; warnings and notes are
printed, but a project with only those is usable.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import struct
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Literal

from verhalen.errors import VerhalenError
from verhalen.form import AnswerError, StoryForm, load_form
from verhalen.i18n import count, say, t
from verhalen.models import MODEL_MANIFEST, MODELS_DIR
from verhalen.project import CONFIG_NAME, FORM_NAME, STORE_NAME, Project
from verhalen.settings import problems
from verhalen.store.schema import MIGRATIONS, SCHEMA_VERSION

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

SQLITE_HEADER = b"SQLite format 3\x00"

# What BERTopic's save(serialization="safetensors", save_ctfidf=True) writes (perspectives.py).
MODEL_FILES = (
    "config.json",
    "topics.json",
    "topic_embeddings.safetensors",
    "ctfidf.safetensors",
    "ctfidf_config.json",
)
# Stories embedded per second on an empty cache, 2 cores (docs/quality.md, embedder table).
EMBED_SPEED = {"use": 40.0, "sentence-transformers": 20.0}
SHOWN_IDS = 5


@dataclass(frozen=True)
class Finding:
    """One thing wrong: how bad (`severity`), which `check` found it, what and where
    (`message`), and how to repair it (`repair`)."""

    severity: Severity
    check: str
    message: str
    repair: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class Diagnosis:
    root: Path
    name: str
    lang: str
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def healthy(self) -> bool:
        """No errors (warnings and notes may remain)."""
        return self.count("error") == 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "project": str(self.root),
            "name": self.name,
            "healthy": self.healthy,
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "notes": self.count("info"),
            "findings": [f.as_dict() for f in self.findings],
        }


def find_root(start: Path | None = None, lang: str = "nl") -> Path:
    """The project folder holding `start` (default: the current folder), found like
    `find_project` but without reading `verhalen.toml`, which may be what is broken. A folder
    with a store or story form but no `verhalen.toml` counts: that is a finding too."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    if (here / STORE_NAME).exists() or (here / FORM_NAME).exists():
        return here
    raise VerhalenError(t("no_project", lang, path=here))


def check(project: Project | Path, lang: str | None = None) -> list[Finding]:
    """Every finding for a project (or a project folder), errors first."""
    return diagnose(project, lang).findings


def diagnose(project: Project | Path, lang: str | None = None) -> Diagnosis:
    if isinstance(project, Project):
        root, lang = project.root, lang or project.lang
    else:
        root = Path(project).resolve()
    doctor = _Doctor(root, lang)
    doctor.run()
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings = sorted(doctor.findings, key=lambda f: order[f.severity])
    return Diagnosis(root, doctor.name, doctor.lang, findings)


# -- helpers ---------------------------------------------------------------------------------


def _ids(values: Iterable[Any], lang: str) -> str:
    """'3, 7, 9' or '3, 7, 9, 12, 15 en 4 meer'."""
    items = sorted(set(values), key=lambda v: (str(type(v)), v))
    shown = ", ".join(str(v) for v in items[:SHOWN_IDS])
    rest = len(items) - SHOWN_IDS
    if rest > 0:
        shown += say(lang, f" en {rest} meer", f" and {rest} more")
    return shown


def _who(kind: str, ids: Iterable[Any], lang: str) -> str:
    """'verhaal 3', 'verhalen 3, 5', 'storytellers V01, V02'."""
    ids = list(ids)
    one = len(set(ids)) == 1
    words = {
        ("story", "nl"): ("verhaal", "verhalen"),
        ("story", "en"): ("story", "stories"),
        ("storyteller", "nl"): ("verteller", "vertellers"),
        ("storyteller", "en"): ("storyteller", "storytellers"),
    }[(kind, "en" if lang == "en" else "nl")]
    return f"{words[0] if one else words[1]} {_ids(ids, lang)}"


def _cluster_command(config: str | None) -> str:
    """The `verhalen cluster` that repeats a run, from its stored configuration."""
    try:
        cfg = json.loads(config or "{}")
    except ValueError:
        cfg = {}
    command = "verhalen cluster"
    for option, key in (
        ("--embedder", "embedder"),
        ("--perspectives", "perspectives"),
        ("--min-size", "min_size"),
        ("--seed", "seed"),
    ):
        if cfg.get(key) is not None:
            command += f" {option} {cfg[key]}"
    if cfg.get("guided"):
        command += " --guided THEMAS.yaml"
    return command


def _duration(seconds: float, lang: str) -> str:
    if seconds < 60:
        s = max(5, int(math.ceil(seconds / 5) * 5))
        return say(lang, f"ongeveer {s} seconden", f"about {s} seconds")
    minutes = round(seconds / 60)
    if minutes < 90:
        return say(
            lang,
            f"ongeveer {minutes} {'minuut' if minutes == 1 else 'minuten'}",
            f"about {minutes} minute{'s' if minutes != 1 else ''}",
        )
    hours = round(seconds / 3600, 1)
    shown = f"{hours:g}".replace(".", ",") if lang != "en" else f"{hours:g}"
    return say(lang, f"ongeveer {shown} uur", f"about {shown} hours")


def _same(stored: Any, parsed: Any) -> bool:
    """The stored answer is what the form makes of it (multiple choices in any order)."""
    if isinstance(stored, bool) or isinstance(parsed, bool):
        return type(stored) is type(parsed) and stored == parsed
    if isinstance(stored, int | float) and isinstance(parsed, int | float):
        return stored == parsed
    if isinstance(stored, list) and isinstance(parsed, list):
        return sorted(map(str, stored)) == sorted(map(str, parsed)) and all(
            isinstance(v, str) for v in stored
        )
    return type(stored) is type(parsed) and stored == parsed


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def _safetensors_ok(path: Path) -> bool:
    """A complete safetensors file: its header parses and its data is all there."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            (length,) = struct.unpack("<Q", fh.read(8))
            if length > size - 8:
                return False
            header = json.loads(fh.read(length))
        ends = [v["data_offsets"][1] for k, v in header.items() if k != "__metadata__"]
        return size == 8 + length + max(ends, default=0)
    except (OSError, ValueError, struct.error, KeyError, TypeError, IndexError):
        return False


def _model_damage(folder: Path) -> list[str]:
    """The files of a saved model that are missing or damaged. A model with a manifest (every
    file's size and hash, written last) is held to it; an older one to BERTopic's five files."""
    manifest = folder / MODEL_MANIFEST
    if manifest.is_file():
        try:
            files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
            expected = {str(k): (int(v["size"]), str(v["sha256"])) for k, v in files.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return [MODEL_MANIFEST]
        bad = []
        for name, (size, digest) in sorted(expected.items()):
            path = folder / name
            try:
                ok = path.stat().st_size == size and _sha256(path) == digest
            except OSError:
                ok = False
            if not ok:
                bad.append(name)
        return bad
    return [
        name
        for name in MODEL_FILES
        if not (folder / name).is_file()
        or not (
            _safetensors_ok(folder / name)
            if name.endswith(".safetensors")
            else _json_ok(folder / name)
        )
    ]


def _json_ok(path: Path) -> bool:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return True


def _tables_by_version() -> list[set[str]]:
    """The tables each schema version has (index: version)."""
    out: list[set[str]] = [set()]
    for migration in MIGRATIONS:
        out.append(out[-1] | set(re.findall(r"CREATE TABLE (\w+)", migration)))
    return out


TABLES = _tables_by_version()
# Without these the store has lost its stories; any other table can be made again, empty.
CORE_TABLES = {"sources", "sessions", "storytellers", "stories", "answers", "storyteller_answers"}


def _create_statement(table: str) -> str:
    """The migration's CREATE TABLE for `table`, on one line."""
    for migration in MIGRATIONS:
        m = re.search(rf"CREATE TABLE {table} \((.*?)\n\s*\);", migration, re.DOTALL)
        if m:
            return f"CREATE TABLE {table} (" + " ".join(m.group(1).split()) + ");"
    raise KeyError(table)


# Rows a foreign key check may find without a parent: the table and what it holds, in words.
CHILD_WORDS = {
    "answers": ("antwoorden", "answers"),
    "storyteller_answers": ("verteller-antwoorden", "storyteller answers"),
    "flags": ("markeringen als mogelijk dubbel", "possible-duplicate flags"),
    "tags": ("automatische kenmerken", "automatic tags"),
    "assignments": ("indelingen in perspectieven", "perspective assignments"),
    "perspectives": ("perspectieven", "perspectives"),
    "stories": ("verhalen", "stories"),
}
PARENT_WORDS = {
    "stories": ("verhalen", "stories"),
    "runs": ("runs", "runs"),
    "storytellers": ("vertellers", "storytellers"),
    "sources": ("bronbestanden", "source files"),
    "sessions": ("sessies", "sessions"),
}
DELETABLE = {"answers", "storyteller_answers", "flags", "tags", "assignments", "perspectives"}


class _Doctor:
    def __init__(self, root: Path, lang: str | None):
        self.root = root
        self.given_lang = lang
        self.lang = lang or "nl"
        self.name = root.name
        self.findings: list[Finding] = []
        self.form: StoryForm | None = None
        self.db: sqlite3.Connection | None = None
        self.tables: set[str] = set()

    def add(self, severity: Severity, check: str, message: str, repair: str) -> None:
        self.findings.append(Finding(severity, check, message, repair))

    def say(self, nl: str, en: str) -> str:
        return say(self.lang, nl, en)

    def run(self) -> None:
        self.check_config()
        self.check_form()
        if not self.check_store_file():
            return
        # immutable: on a read-only mount WAL's -shm file cannot be made, and `mode=ro` alone
        # fails with "unable to open", which is no damage at all.
        read_only = self.check_read_only()
        mode = "?mode=ro&immutable=1" if read_only else "?mode=ro"
        try:
            self.db = sqlite3.connect(self.store_path.as_uri() + mode, uri=True, timeout=5)
        except sqlite3.Error as exc:
            self.unreadable(exc)
            return
        try:
            if not self.check_schema():
                return
            if not self.check_integrity():
                return
            self.check_foreign_keys()
            self.check_answers()
            self.check_runs()
            self.check_embeddings()
            self.check_sources()
            self.check_workshop_files()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                self.add(
                    "warning",
                    "store",
                    self.say(
                        f"{STORE_NAME} is bezet: een andere verhalen-opdracht schrijft erin, "
                        "dus niet alles is gecontroleerd",
                        f"{STORE_NAME} is busy: another verhalen command is writing to it, so "
                        "not everything was checked",
                    ),
                    self.say(
                        "voer 'verhalen doctor' opnieuw uit als die opdracht klaar is",
                        "run 'verhalen doctor' again when that command has finished",
                    ),
                )
            else:
                self.unreadable(exc)
        except sqlite3.DatabaseError as exc:
            self.unreadable(exc)
        finally:
            self.db.close()

    # -- verhalen.toml ---------------------------------------------------------------------------

    def check_config(self) -> None:
        path = self.root / CONFIG_NAME
        if not path.is_file():
            self.add(
                "error",
                "config",
                self.say(
                    f"{CONFIG_NAME} ontbreekt in {self.root}: verhalen herkent de map niet als "
                    "project",
                    f"{CONFIG_NAME} is missing in {self.root}: verhalen does not recognise the "
                    "folder as a project",
                ),
                self.say(
                    f"zet {CONFIG_NAME} terug uit een reservekopie, of maak een nieuwe met "
                    f"twee regels: printf '[project]\\nlanguage = \"nl\"\\n' > {CONFIG_NAME}",
                    f"restore {CONFIG_NAME} from a backup, or write a new one of two lines: "
                    f"printf '[project]\\nlanguage = \"en\"\\n' > {CONFIG_NAME}",
                ),
            )
            return
        try:
            given = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            self.add(
                "error",
                "config",
                self.say(
                    f"{CONFIG_NAME} is geen geldige TOML: {exc}",
                    f"{CONFIG_NAME} is not valid TOML: {exc}",
                ),
                self.say(
                    f"verbeter {CONFIG_NAME} op de genoemde plaats (tekst tussen "
                    "aanhalingstekens, één [sectie] per kop); elke verhalen-opdracht weigert tot "
                    "dan",
                    f"correct {CONFIG_NAME} at the place named (text in quotes, one [section] "
                    "per heading); every verhalen command refuses until then",
                ),
            )
            return
        project = given.get("project") if isinstance(given.get("project"), dict) else {}
        language = project.get("language", "nl")
        if self.given_lang is None and language in ("nl", "en"):
            self.lang = language
        self.name = str(project.get("name") or "") or self.root.name
        self.check_settings(given)

    def check_settings(self, given: dict[str, Any]) -> None:
        """The checks every command makes when it opens the project (`verhalen.settings`)."""
        for problem in problems(given, self.lang):
            self.add(
                problem.severity,
                "config",
                f"{CONFIG_NAME}: {problem.message}",
                self.say(
                    f"{problem.fix}; elke verhalen-opdracht weigert tot dan",
                    f"{problem.fix}; every verhalen command refuses until then",
                ),
            )

    # -- storyform.yaml --------------------------------------------------------------------------

    def check_form(self) -> None:
        path = self.root / FORM_NAME
        if not path.exists():
            self.form = StoryForm()
            self.add(
                "warning",
                "form",
                self.say(
                    f"{FORM_NAME} ontbreekt: verhalen werkt alsof het formulier geen vragen "
                    "heeft, en negeert alle opgeslagen antwoorden",
                    f"{FORM_NAME} is missing: verhalen works as if the form had no questions "
                    "and ignores every stored answer",
                ),
                self.say(
                    f"zet {FORM_NAME} terug uit een reservekopie, of begin opnieuw met "
                    "'verhalen form new'",
                    f"restore {FORM_NAME} from a backup, or start again with 'verhalen form new'",
                ),
            )
            return
        try:
            self.form = load_form(path)
        except (VerhalenError, OSError, UnicodeDecodeError) as exc:
            lines = [line.replace(str(self.root) + "/", "") for line in str(exc).splitlines()]
            self.add(
                "error",
                "form",
                self.say(
                    f"{FORM_NAME} klopt niet: {'; '.join(lines)}",
                    f"{FORM_NAME} is not valid: {'; '.join(lines)}",
                ),
                self.say(
                    f"verbeter {FORM_NAME} op de genoemde plaats; 'verhalen form check' "
                    "controleert het opnieuw",
                    f"correct {FORM_NAME} at the place named; 'verhalen form check' checks it "
                    "again",
                ),
            )

    # -- the store file --------------------------------------------------------------------------

    @property
    def store_path(self) -> Path:
        return self.root / STORE_NAME

    def restore_or_restart(self) -> str:
        return self.say(
            f"zet een reservekopie van {STORE_NAME} terug; zonder kopie: zet het bestand opzij "
            f"(mv {STORE_NAME} {STORE_NAME}.kapot) en lees de bronbestanden opnieuw in met "
            "'verhalen ingest' (later gegeven antwoorden en perspectieven moeten dan opnieuw)",
            f"restore a backup of {STORE_NAME}; without one, move the file aside "
            f"(mv {STORE_NAME} {STORE_NAME}.broken) and ingest the source files again with "
            "'verhalen ingest' (answers given later and perspectives must then be redone)",
        )

    def recover(self) -> str:
        return self.say(
            f"zet een reservekopie van {STORE_NAME} terug; zonder kopie redt SQLite wat er te "
            f"redden valt: sqlite3 {STORE_NAME} .recover > herstel.sql, zet {STORE_NAME} opzij "
            f"(mv {STORE_NAME} {STORE_NAME}.kapot), dan sqlite3 {STORE_NAME} < herstel.sql en "
            "'verhalen doctor' opnieuw",
            f"restore a backup of {STORE_NAME}; without one SQLite saves what it can: "
            f"sqlite3 {STORE_NAME} .recover > recovered.sql, move {STORE_NAME} aside "
            f"(mv {STORE_NAME} {STORE_NAME}.broken), then sqlite3 {STORE_NAME} < recovered.sql "
            "and 'verhalen doctor' again",
        )

    def unreadable(self, exc: Exception) -> None:
        self.add(
            "error",
            "store",
            self.say(
                f"{STORE_NAME} is beschadigd en niet te lezen ({exc})",
                f"{STORE_NAME} is damaged and cannot be read ({exc})",
            ),
            self.recover(),
        )

    def check_read_only(self) -> bool:
        """A project that may not be written is healthy; say what still works."""
        if os.access(self.root, os.W_OK) and os.access(self.store_path, os.W_OK):
            return False
        self.add(
            "warning",
            "store",
            self.say(
                f"de projectmap of {STORE_NAME} is alleen-lezen: verhalen kan het project "
                "lezen (status, stories list, perspectives list, report --out) maar niets "
                "veranderen; er is niets beschadigd",
                f"the project folder or {STORE_NAME} is read-only: verhalen can read the "
                "project (status, stories list, perspectives list, report --out) but change "
                "nothing; nothing is damaged",
            ),
            self.say(
                "om te werken: kopieer de projectmap naar een plek waar je mag schrijven, of "
                "vraag schrijfrechten",
                "to work on it: copy the project folder to a place where you may write, or ask "
                "for write access",
            ),
        )
        return True

    def check_store_file(self) -> bool:
        """Whether the store file looks like SQLite; leftovers of a stopped process are noted."""
        path = self.store_path
        wal = path.with_name(STORE_NAME + "-wal")
        journal = path.with_name(STORE_NAME + "-journal")
        if not path.exists():
            if wal.exists():
                message = self.say(
                    f"{STORE_NAME} ontbreekt, maar {wal.name} staat er nog: alleen de laatste "
                    "wijzigingen zijn over",
                    f"{STORE_NAME} is missing, but {wal.name} is still there: only the latest "
                    "changes are left",
                )
            else:
                message = self.say(
                    f"{STORE_NAME} ontbreekt: de verhalen, antwoorden en perspectieven van dit "
                    "project zijn er niet",
                    f"{STORE_NAME} is missing: this project's stories, answers and perspectives "
                    "are not there",
                )
            self.add(
                "error",
                "store",
                message,
                self.say(
                    f"zet {STORE_NAME} terug uit een reservekopie (met {wal.name} als die er "
                    "bij hoort); zonder kopie maakt 'verhalen ingest' een nieuwe, lege opslag "
                    "en lees je de bronbestanden opnieuw in",
                    f"restore {STORE_NAME} from a backup (with {wal.name} if it has one); "
                    "without one, 'verhalen ingest' starts a new, empty store and you ingest "
                    "the source files again",
                ),
            )
            return False
        if not path.is_file():
            self.add(
                "error",
                "store",
                self.say(f"{STORE_NAME} is geen bestand", f"{STORE_NAME} is not a file"),
                self.restore_or_restart(),
            )
            return False
        try:
            size = path.stat().st_size
            with path.open("rb") as fh:
                header = fh.read(100)
        except OSError as exc:
            self.add(
                "error",
                "store",
                self.say(
                    f"{STORE_NAME} is niet te lezen: {exc}", f"{STORE_NAME} cannot be read: {exc}"
                ),
                self.say(
                    "geef jezelf leesrechten op het bestand (ls -l toont wie het mag lezen)",
                    "give yourself read permission on the file (ls -l shows who may read it)",
                ),
            )
            return False
        if size == 0:
            self.add(
                "error",
                "store",
                self.say(
                    f"{STORE_NAME} is leeg (0 bytes): geen verhalen, geen tabellen",
                    f"{STORE_NAME} is empty (0 bytes): no stories, no tables",
                ),
                self.restore_or_restart(),
            )
            return False
        if not header.startswith(SQLITE_HEADER) or len(header) < 100:
            self.add(
                "error",
                "store",
                self.say(
                    f"{STORE_NAME} is geen SQLite-database (het begin van het bestand is "
                    f"overschreven, afgekapt of het is een ander bestand; {size} bytes)",
                    f"{STORE_NAME} is not an SQLite database (the start of the file was "
                    f"overwritten or cut off, or it is another file; {size} bytes)",
                ),
                self.restore_or_restart(),
            )
            return False
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        # The page count in the header is valid when its 'valid for' number matches the
        # change counter; a file shorter than that many pages was cut off.
        if header[92:96] == header[24:28] and pages and size < pages * page_size:
            self.add(
                "error",
                "store",
                self.say(
                    f"{STORE_NAME} is afgekapt: {size} van de {pages * page_size} bytes zijn er",
                    f"{STORE_NAME} is cut off: {size} of its {pages * page_size} bytes are there",
                ),
                self.recover(),
            )
            return False
        for leftover in (wal, journal):
            if leftover.is_file() and leftover.stat().st_size > 0:
                self.add(
                    "warning",
                    "store",
                    self.say(
                        f"{leftover.name} staat nog naast {STORE_NAME}: een verhalen-opdracht "
                        "loopt nu, of is halverwege gestopt (afgebroken, vastgelopen, stroom "
                        "weg); de wijzigingen die al klaar waren staan in dat bestand",
                        f"{leftover.name} is still next to {STORE_NAME}: a verhalen command is "
                        "running now, or stopped halfway (killed, crashed, power lost); the "
                        "changes it had finished are in that file",
                    ),
                    self.say(
                        "draai, als er geen andere verhalen-opdracht loopt, 'verhalen status': "
                        f"die verwerkt {leftover.name} in de opslag; gooi het bestand nooit "
                        "los weg en kopieer het mee bij een reservekopie",
                        "when no other verhalen command is running, run 'verhalen status': it "
                        f"folds {leftover.name} into the store; never delete that file on its "
                        "own, and copy it along with a backup",
                    ),
                )
        return True

    # -- schema ----------------------------------------------------------------------------------

    def check_schema(self) -> bool:
        """Whether the data checks can run on this schema."""
        assert self.db is not None
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        self.tables = {
            r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if version > SCHEMA_VERSION:
            self.add(
                "error",
                "schema",
                self.say(
                    f"{STORE_NAME} heeft schemaversie {version}, deze verhalen kent tot "
                    f"{SCHEMA_VERSION}: een nieuwere verhalen heeft hem bijgewerkt",
                    f"{STORE_NAME} has schema version {version}; this verhalen knows up to "
                    f"{SCHEMA_VERSION}: a newer verhalen has upgraded it",
                ),
                self.say(
                    "werk verhalen bij tot de versie die het project maakte (in de map van "
                    "verhalen: git pull en dan bash scripts/setup.sh); deze verhalen kan er "
                    "niet mee werken",
                    "update verhalen to the version that made the project (in verhalen's "
                    "folder: git pull, then bash scripts/setup.sh); this verhalen cannot work "
                    "with it",
                ),
            )
            return False
        if version == 0:
            if not self.tables:
                self.add(
                    "error",
                    "schema",
                    self.say(
                        f"{STORE_NAME} is een lege SQLite-database zonder tabellen",
                        f"{STORE_NAME} is an empty SQLite database without tables",
                    ),
                    self.restore_or_restart(),
                )
            else:
                self.add(
                    "error",
                    "schema",
                    self.say(
                        f"{STORE_NAME} is een SQLite-database, maar geen opslag van verhalen "
                        f"(tabellen: {_ids(self.tables, self.lang)})",
                        f"{STORE_NAME} is an SQLite database, but not a verhalen store "
                        f"(tables: {_ids(self.tables, self.lang)})",
                    ),
                    self.restore_or_restart(),
                )
            return False
        ahead = next(
            (
                v
                for v in range(SCHEMA_VERSION, version, -1)
                if TABLES[v] - TABLES[v - 1] & self.tables
            ),
            None,
        )
        if ahead is not None:
            self.add(
                "error",
                "schema",
                self.say(
                    f"{STORE_NAME} zegt schemaversie {version}, maar heeft al de tabellen van "
                    f"versie {ahead}: bijwerken zou mislukken",
                    f"{STORE_NAME} says schema version {version}, but already has the tables of "
                    f"version {ahead}: upgrading would fail",
                ),
                self.say(
                    f"maak eerst een kopie (cp {STORE_NAME} {STORE_NAME}.bak), dan: "
                    f'sqlite3 {STORE_NAME} "PRAGMA user_version = {ahead}"',
                    f"copy it first (cp {STORE_NAME} {STORE_NAME}.bak), then: "
                    f'sqlite3 {STORE_NAME} "PRAGMA user_version = {ahead}"',
                ),
            )
            return False
        missing = TABLES[version] - self.tables
        if missing:
            message = self.say(
                f"in {STORE_NAME} ontbreken tabellen: {_ids(missing, self.lang)}",
                f"tables are missing from {STORE_NAME}: {_ids(missing, self.lang)}",
            )
            if missing & CORE_TABLES:
                self.add("error", "schema", message, self.restore_or_restart())
                return False
            statements = " ".join(_create_statement(table) for table in sorted(missing))
            self.add(
                "error",
                "schema",
                message,
                self.say(
                    f"zet een reservekopie terug, of maak ze opnieuw (leeg): cp {STORE_NAME} "
                    f'{STORE_NAME}.bak, dan sqlite3 {STORE_NAME} "{statements}"',
                    f"restore a backup, or make them again (empty): cp {STORE_NAME} "
                    f'{STORE_NAME}.bak, then sqlite3 {STORE_NAME} "{statements}"',
                ),
            )
        if version < SCHEMA_VERSION:
            self.add(
                "warning",
                "schema",
                self.say(
                    f"{STORE_NAME} heeft schemaversie {version}, deze verhalen gebruikt "
                    f"{SCHEMA_VERSION}; de volgende verhalen-opdracht werkt hem bij, en daarna "
                    "kan een oudere verhalen hem niet meer openen",
                    f"{STORE_NAME} has schema version {version}, this verhalen uses "
                    f"{SCHEMA_VERSION}; the next verhalen command upgrades it, after which an "
                    "older verhalen can no longer open it",
                ),
                self.say(
                    f"maak een kopie (cp {STORE_NAME} {STORE_NAME}.v{version}) en draai "
                    "'verhalen status': die werkt de opslag bij, alles blijft bewaard",
                    f"make a copy (cp {STORE_NAME} {STORE_NAME}.v{version}) and run "
                    "'verhalen status': it upgrades the store, keeping everything",
                ),
            )
        return True

    def check_integrity(self) -> bool:
        assert self.db is not None
        rows = [r[0] for r in self.db.execute("PRAGMA integrity_check(20)")]
        if rows == ["ok"]:
            return True
        lines = [
            line.strip()
            for row in rows
            for line in str(row).splitlines()
            if line.strip() and not line.startswith("***")
        ]
        shown = "; ".join(lines[:3]) + (" …" if len(lines) > 3 else "")
        roots = dict(self.db.execute("SELECT rootpage, name FROM sqlite_master WHERE rootpage > 0"))
        pages = {int(n) for n in re.findall(r"page (\d+)", " ".join(lines))}
        damaged = sorted({roots[n] for n in pages if n in roots})
        where = f" in {', '.join(damaged)}" if damaged else ""
        self.add(
            "error",
            "store",
            self.say(
                f"{STORE_NAME} is beschadigd{where} (PRAGMA integrity_check: {shown})",
                f"{STORE_NAME} is damaged{where} (PRAGMA integrity_check: {shown})",
            ),
            self.recover(),
        )
        return False

    def check_foreign_keys(self) -> None:
        assert self.db is not None
        rows = list(self.db.execute("PRAGMA foreign_key_check"))
        groups: dict[tuple[str, str, int], list[int]] = defaultdict(list)
        for table, rowid, parent, fkid in rows:
            groups[(table, parent, fkid)].append(rowid)
        for (table, parent, fkid), rowids in sorted(groups.items()):
            link = next(
                r for r in self.db.execute(f"PRAGMA foreign_key_list({table})") if r[0] == fkid
            )
            column, target = link[3], link[4] or "rowid"
            marks = ",".join("?" * len(rowids[:999]))
            values = [
                r[0]
                for r in self.db.execute(
                    f"SELECT DISTINCT {column} FROM {table} WHERE rowid IN ({marks})",
                    rowids[:999],
                )
            ]
            child_nl, child_en = CHILD_WORDS.get(table, (table, table))
            parent_nl, parent_en = PARENT_WORDS.get(parent, (parent, parent))
            gone = _ids(values, self.lang)
            n = len(rowids)
            message = self.say(
                f"{n} {'rij' if n == 1 else 'rijen'} in {table} ({child_nl}) "
                f"{'hoort' if n == 1 else 'horen'} bij {parent_nl} die niet meer bestaan "
                f"({column} {gone})",
                f"{n} row{'s' * (n != 1)} in {table} ({child_en}) belong{'s' * (n == 1)} to "
                f"{parent_en} that no longer exist ({column} {gone})",
            )
            delete = (
                f'sqlite3 {STORE_NAME} "DELETE FROM {table} WHERE {column} NOT IN '
                f'(SELECT {target} FROM {parent})"'
            )
            if table in DELETABLE:
                repair = self.say(
                    f"ze hebben geen betekenis meer: maak een kopie (cp {STORE_NAME} "
                    f"{STORE_NAME}.bak) en ruim ze op met {delete}",
                    f"they mean nothing any more: make a copy (cp {STORE_NAME} "
                    f"{STORE_NAME}.bak) and remove them with {delete}",
                )
                if table == "assignments":
                    repair += self.say(
                        "; of maak een nieuwe run zonder ze met 'verhalen cluster'",
                        "; or make a new run without them with 'verhalen cluster'",
                    )
            elif (table, parent) == ("stories", "storytellers"):
                repair = self.say(
                    f"zet een reservekopie terug, of registreer vertellers {gone} opnieuw in "
                    "een vertellerstabel bij de volgende 'verhalen ingest … --storytellers "
                    "vertellers.csv'",
                    f"restore a backup, or register storytellers {gone} again in a "
                    "storytellers table with the next 'verhalen ingest … --storytellers "
                    "storytellers.csv'",
                )
            else:
                repair = self.say(
                    f"zet een reservekopie van {STORE_NAME} terug: zonder die {parent_nl} zijn "
                    f"deze {child_nl} niet volledig",
                    f"restore a backup of {STORE_NAME}: without those {parent_en} these "
                    f"{child_en} are incomplete",
                )
            self.add("error", "store", message, repair)

    # -- form against answers --------------------------------------------------------------------

    def check_answers(self) -> None:
        if self.form is None:
            return  # the form did not parse: that is the finding
        assert self.db is not None
        rows = self.db.execute("SELECT story_id, question_id, value FROM answers")
        self._answers(list(rows), "story")
        rows = self.db.execute("SELECT storyteller_id, question_id, value FROM storyteller_answers")
        self._answers(list(rows), "storyteller")

    def _answers(self, rows: list[tuple[Any, str, str]], about: str) -> None:
        assert self.form is not None
        form = self.form
        lang = self.lang

        def who(owners: list[Any]) -> str:
            return _who(about, owners, lang)

        def answers(owners: list[Any]) -> str:
            n = len(owners)
            return say(
                lang,
                f"{n} antwoord" if n == 1 else f"{n} antwoorden",
                f"{n} answer" + "s" * (n != 1),
            )

        unknown: dict[str, list[Any]] = defaultdict(list)
        moved: dict[str, list[Any]] = defaultdict(list)
        broken: dict[str, list[Any]] = defaultdict(list)
        invalid: dict[str, list[tuple[Any, Any, str]]] = defaultdict(list)
        differs: dict[str, list[tuple[Any, Any, Any]]] = defaultdict(list)
        for owner, qid, raw in rows:
            question = form.get(qid)
            if question is None:
                unknown[qid].append(owner)
                continue
            if question.about != about:
                moved[qid].append(owner)
                continue
            try:
                value = json.loads(raw)
            except (TypeError, ValueError):
                broken[qid].append(owner)
                continue
            try:
                parsed = question.parse(value, lang)
            except AnswerError as exc:
                invalid[qid].append((owner, value, str(exc)))
                continue
            if not _same(value, parsed):
                differs[qid].append((owner, value, parsed))

        for qid, owners in sorted(unknown.items()):
            self.add(
                "warning",
                "answers",
                self.say(
                    f"{answers(owners)} op vraag '{qid}', die niet meer in {FORM_NAME} staat "
                    f"({who(owners)}): ze blijven bewaard, maar patronen, exports en rapporten "
                    "slaan ze over",
                    f"{answers(owners)} to question '{qid}', which is no longer in {FORM_NAME} "
                    f"({who(owners)}): they are kept, but patterns, exports and reports skip them",
                ),
                self.say(
                    f"zet vraag '{qid}' terug in {FORM_NAME} als je ze wilt gebruiken (en wis "
                    f"ze dan eventueel met 'verhalen tag clear {min(owners)} {qid}'); anders "
                    "is er niets te doen",
                    f"put question '{qid}' back in {FORM_NAME} if you want to use them (then "
                    f"'verhalen tag clear {min(owners)} {qid}' can clear them); otherwise "
                    "nothing needs doing",
                ),
            )
        for qid, owners in sorted(moved.items()):
            now_nl, now_en = (
                ("de verteller", "the storyteller")
                if about == "story"
                else ("het verhaal", "the story")
            )
            self.add(
                "warning",
                "answers",
                self.say(
                    f"vraag '{qid}' gaat volgens {FORM_NAME} nu over {now_nl}, maar "
                    f"{answers(owners)} staan nog bij {who(owners)}; verhalen slaat ze over",
                    f"question '{qid}' is now about {now_en} in {FORM_NAME}, but "
                    f"{answers(owners)} are still stored for {who(owners)}; verhalen skips them",
                ),
                self.say(
                    f"zet 'about: {about}' terug bij '{qid}' in {FORM_NAME}, of geef de "
                    f"antwoorden opnieuw over {now_nl} met 'verhalen tag set ID {qid} ANTWOORD'",
                    f"put back 'about: {about}' for '{qid}' in {FORM_NAME}, or give the answers "
                    f"again about {now_en} with 'verhalen tag set ID {qid} ANSWER'",
                ),
            )
        for qid, owners in sorted(broken.items()):
            self.add(
                "error",
                "answers",
                self.say(
                    f"{answers(owners)} op '{qid}' onleesbaar opgeslagen ({who(owners)})",
                    f"{answers(owners)} to '{qid}' stored unreadably ({who(owners)})",
                ),
                self.say(
                    f"geef ze opnieuw: verhalen tag set {min(owners)} {qid} ANTWOORD",
                    f"give them again: verhalen tag set {min(owners)} {qid} ANSWER",
                ),
            )
        for qid, items in sorted(invalid.items()):
            question = form.get(qid)
            assert question is not None
            owners = [o for o, _, _ in items]
            reasons: list[str] = []
            for _, _, why in items:
                if why not in reasons:
                    reasons.append(why)
            shown = "; ".join(reasons[:3]) + (" …" if len(reasons) > 3 else "")
            first = min(owners)
            if question.type in ("single", "multiple"):
                gone = []
                for _, value, _ in items:
                    for v in value if isinstance(value, list) else [value]:
                        if str(v) not in question.options and str(v) not in gone:
                            gone.append(str(v))
                form_fix = self.say(
                    f"zet {', '.join(repr(g) for g in gone[:5])} terug bij de options van "
                    f"'{qid}' in {FORM_NAME}",
                    f"put {', '.join(repr(g) for g in gone[:5])} back among the options of "
                    f"'{qid}' in {FORM_NAME}",
                )
            still_used = False
            if question.type in ("scale", "number"):
                numbers = [
                    v for _, v, _ in items if isinstance(v, int | float) and not isinstance(v, bool)
                ]
                still_used = len(numbers) == len(items)
                lo, hi = (_shown(min(numbers)), _shown(max(numbers))) if numbers else ("", "")
                span = f" {lo}–{hi}" if lo != hi else f" {lo}"
                form_fix = self.say(
                    f"verruim min/max van '{qid}' in {FORM_NAME} zodat{span} er weer in past",
                    f"widen min/max of '{qid}' in {FORM_NAME} so that{span} fits again",
                )
            elif question.type not in ("single", "multiple"):
                form_fix = self.say(
                    f"zet het vorige type van '{qid}' terug in {FORM_NAME}",
                    f"put back the previous type of '{qid}' in {FORM_NAME}",
                )
            effect = (
                self.say(
                    "patronen en rapporten rekenen er nog mee, buiten de schaal van het formulier",
                    "patterns and reports still use them, outside the form's range",
                )
                if still_used
                else self.say(
                    "patronen en rapporten tellen ze als ontbrekend",
                    "patterns and reports count them as missing",
                )
            )
            n = len(items)
            self.add(
                "error",
                "answers",
                self.say(
                    f"{FORM_NAME} staat {n} {'antwoord' if n == 1 else 'antwoorden'} op '{qid}' "
                    f"niet meer toe ({shown}; {who(owners)}): {effect}",
                    f"{FORM_NAME} no longer allows {n} answer{'s' if n != 1 else ''} to "
                    f"'{qid}' ({shown}; {who(owners)}): {effect}",
                ),
                self.say(
                    f"{form_fix}; of geef elk een toegestaan antwoord: verhalen tag set "
                    f"{first} {qid} ANTWOORD (of verhalen tag clear {first} {qid})",
                    f"{form_fix}; or give each an allowed answer: verhalen tag set {first} "
                    f"{qid} ANSWER (or verhalen tag clear {first} {qid})",
                ),
            )
        for qid, items in sorted(differs.items()):
            owner, value, parsed = min(items, key=lambda i: str(i[0]))
            owners = [o for o, _, _ in items]
            stored = json.dumps(value, ensure_ascii=False)
            wanted = json.dumps(parsed, ensure_ascii=False)
            command = (
                f"verhalen tag clear {owner} {qid}"
                if parsed is None
                else f'verhalen tag set {owner} {qid} "{_shown(parsed)}"'
            )
            self.add(
                "warning",
                "answers",
                self.say(
                    f"{answers(owners)} op '{qid}' anders opgeslagen dan {FORM_NAME} ze nu "
                    f"leest (bijv. {stored} waar het formulier {wanted} van maakt; "
                    f"{who(owners)}): patronen kunnen ze missen",
                    f"{answers(owners)} to '{qid}' stored differently from how {FORM_NAME} "
                    f"reads them now (e.g. {stored} where the form makes {wanted}; "
                    f"{who(owners)}): patterns may miss them",
                ),
                self.say(
                    f"geef ze opnieuw, zo: {command}",
                    f"give them again, like this: {command}",
                ),
            )

    # -- runs, models, assignments -----------------------------------------------------------------

    def check_runs(self) -> None:
        assert self.db is not None
        if not {"runs", "perspectives", "assignments"} <= self.tables:
            return
        runs = list(self.db.execute("SELECT id, config, model_path, active FROM runs ORDER BY id"))
        ids = [r[0] for r in runs]
        active = [r[0] for r in runs if r[3]]
        if runs and not active:
            self.add(
                "warning",
                "runs",
                self.say(
                    f"geen run is actief (er zijn runs {_ids(ids, self.lang)}): perspectieven, "
                    "patronen en rapporten zien geen perspectieven",
                    f"no run is active (there are runs {_ids(ids, self.lang)}): perspectives, "
                    "patterns and reports see no perspectives",
                ),
                self.say(
                    f"kies er een: verhalen perspectives use {ids[-1]}",
                    f"choose one: verhalen perspectives use {ids[-1]}",
                ),
            )
        if len(active) > 1:
            self.add(
                "error",
                "runs",
                self.say(
                    f"runs {_ids(active, self.lang)} staan alle als actief; verhalen gebruikt "
                    f"er maar één ({active[0]})",
                    f"runs {_ids(active, self.lang)} are all marked active; verhalen uses "
                    f"only one ({active[0]})",
                ),
                self.say(
                    f"kies er een: verhalen perspectives use {active[-1]}",
                    f"choose one: verhalen perspectives use {active[-1]}",
                ),
            )
        for run_id, config, model_path, is_active in runs:
            self.check_model(run_id, _cluster_command(config), model_path, bool(is_active))
        self.check_model_leftovers(set(ids))
        if active:
            self.check_active_run(active[0], [i for i in ids if i != active[0]])
            self.check_versions(active[0])

    def check_active_run(self, run_id: int, others: list[int]) -> None:
        assert self.db is not None
        numbers = {
            r[0]
            for r in self.db.execute("SELECT number FROM perspectives WHERE run_id = ?", (run_id,))
        }
        assigned = list(
            self.db.execute(
                "SELECT a.story_id, a.number FROM assignments a JOIN stories s "
                "ON s.id = a.story_id WHERE a.run_id = ?",
                (run_id,),
            )
        )
        stories = self.db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
        if not assigned and stories:
            use = (
                self.say(
                    f"verhalen perspectives use {others[-1]}, of maak een nieuwe met "
                    "'verhalen cluster'",
                    f"verhalen perspectives use {others[-1]}, or make a new one with "
                    "'verhalen cluster'",
                )
                if others
                else self.say(
                    "maak een nieuwe run met 'verhalen cluster'",
                    "make a new run with 'verhalen cluster'",
                )
            )
            self.add(
                "error",
                "runs",
                self.say(
                    f"de actieve run {run_id} deelt geen enkel verhaal in: er zijn geen "
                    "perspectieven te zien",
                    f"the active run {run_id} assigns no story at all: there are no "
                    "perspectives to see",
                ),
                use,
            )
            return
        lost: dict[int, list[int]] = defaultdict(list)
        for story_id, number in assigned:
            if number not in numbers:
                lost[number].append(story_id)
        for number, story_ids in sorted(lost.items()):
            self.add(
                "error",
                "runs",
                self.say(
                    f"run {run_id}: {count(len(story_ids), 'story', 'nl')} in perspectief "
                    f"{number}, dat niet bestaat, en dus in geen enkel perspectief te zien "
                    f"({_who('story', story_ids, self.lang)})",
                    f"run {run_id}: {count(len(story_ids), 'story', 'en')} in perspective "
                    f"{number}, which does not exist, and so shown in no perspective "
                    f"({_who('story', story_ids, self.lang)})",
                ),
                self.say(
                    f"verplaats ze naar een bestaand perspectief of naar 'past nergens bij': "
                    f"verhalen perspectives move {min(story_ids)} 0",
                    f"move them to an existing perspective or to 'fits nowhere': "
                    f"verhalen perspectives move {min(story_ids)} 0",
                ),
            )
        # Stories excluded from the analysis are left out of a run on purpose.
        excluded = (
            " AND id NOT IN (SELECT story_id FROM exclusions)"
            if self.db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'exclusions'"
            ).fetchone()
            else ""
        )
        missing = [
            r[0]
            for r in self.db.execute(
                "SELECT id FROM stories WHERE id NOT IN "
                f"(SELECT story_id FROM assignments WHERE run_id = ?){excluded} ORDER BY id",
                (run_id,),
            )
        ]
        if missing:
            self.add(
                "warning",
                "runs",
                self.say(
                    f"{count(len(missing), 'story', 'nl')} na run {run_id} toegevoegd en in "
                    f"geen enkel perspectief ingedeeld ({_who('story', missing, self.lang)}); "
                    "rapporten en patronen laten ze bij de perspectieven weg",
                    f"{count(len(missing), 'story', 'en')} added after run {run_id} and in no "
                    f"perspective ({_who('story', missing, self.lang)}); reports and patterns "
                    "leave them out of the perspectives",
                ),
                self.say(
                    "maak een nieuwe run met alle verhalen: verhalen cluster (je namen en "
                    f"bewerkingen blijven in run {run_id}; verhalen perspectives use {run_id} "
                    "gaat terug)",
                    "make a new run with every story: verhalen cluster (your names and edits "
                    f"stay in run {run_id}; verhalen perspectives use {run_id} goes back)",
                ),
            )

    def check_versions(self, run_id: int) -> None:
        """The packages the active run recorded (cluster.versions()) against those installed now:
        with another numpy, UMAP or embedder the same seed can give other perspectives."""
        assert self.db is not None
        row = self.db.execute(
            "SELECT versions, config FROM runs WHERE id = ?", (run_id,)
        ).fetchone()
        try:
            recorded = json.loads(row[0] or "{}") if row else {}
        except (TypeError, ValueError):
            return
        if not isinstance(recorded, dict):
            return
        changed = []
        for package, then in sorted(recorded.items()):
            try:
                now = version(str(package))
            except (PackageNotFoundError, ValueError):
                now = "-"  # as cluster.versions() records a package that is not installed
            if str(then) != now:
                changed.append(f"{package} {then} → {now}")
        if not changed:
            return
        command = _cluster_command(row[1])
        self.add(
            "warning",
            "versions",
            self.say(
                f"de actieve run {run_id} is gemaakt met andere versies dan er nu geïnstalleerd "
                f"zijn ({', '.join(changed)}): dezelfde seed kan nu andere perspectieven geven",
                f"the active run {run_id} was made with other versions than are installed now "
                f"({', '.join(changed)}): the same seed may now give other perspectives",
            ),
            self.say(
                "installeer met constraints.txt (in de map van verhalen: bash scripts/setup.sh, "
                "of pip install -c constraints.txt -e .) of voer 'verhalen cluster' opnieuw uit: "
                f"{command} (je bewerkingen blijven in run {run_id})",
                "install with constraints.txt (in verhalen's folder: bash scripts/setup.sh, or "
                "pip install -c constraints.txt -e .) or run 'verhalen cluster' again: "
                f"{command} (your edits stay in run {run_id})",
            ),
        )

    def check_model(self, run_id: int, command: str, model_path: str | None, active: bool) -> None:
        level: Severity = "warning" if active else "info"
        new_run = self.say(
            f"zet de map terug uit een reservekopie, of maak een nieuwe run met model: "
            f"{command} (dezelfde instellingen geven dezelfde perspectieven; je bewerkingen "
            f"blijven in run {run_id})",
            f"restore the folder from a backup, or make a new run with a model: "
            f"{command} (the same settings give the same perspectives; your edits stay in "
            f"run {run_id})",
        )
        if not model_path:
            folder = self.root / MODELS_DIR / f"run-{run_id}"
            if folder.is_dir():
                self.add(
                    level,
                    "runs",
                    self.say(
                        f"run {run_id}: het model in {MODELS_DIR}/run-{run_id} is niet af "
                        "(verhalen cluster stopte tijdens het opslaan)",
                        f"run {run_id}: the model in {MODELS_DIR}/run-{run_id} is unfinished "
                        "(verhalen cluster stopped while saving it)",
                    ),
                    new_run,
                )
            return  # a run saved without a model (notebooks do that): nothing wrong
        folder = Path(model_path) if Path(model_path).is_absolute() else self.root / model_path
        if not folder.is_dir():
            self.add(
                level,
                "runs",
                self.say(
                    f"run {run_id}: de modelmap {model_path} bestaat niet meer; de "
                    "perspectieven zelf staan in de opslag, maar het model kan geen nieuwe "
                    "verhalen meer plaatsen",
                    f"run {run_id}: the model folder {model_path} no longer exists; the "
                    "perspectives themselves are in the store, but the model can no longer "
                    "place new stories",
                ),
                new_run,
            )
            return
        bad = _model_damage(folder)
        if bad:
            self.add(
                level,
                "runs",
                self.say(
                    f"run {run_id}: de modelmap {model_path} is onvolledig (ontbreekt of "
                    f"beschadigd: {', '.join(bad)})",
                    f"run {run_id}: the model folder {model_path} is incomplete (missing or "
                    f"damaged: {', '.join(bad)})",
                ),
                new_run,
            )

    def check_model_leftovers(self, run_ids: set[int]) -> None:
        folder = self.root / MODELS_DIR
        if not folder.is_dir():
            return
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".run-") and path.name.endswith(".partial"):
                self.add(
                    "info",
                    "runs",
                    self.say(
                        f"{MODELS_DIR}/{path.name} is een half opgeslagen model van een "
                        "'verhalen cluster' die stopte (of nu nog loopt)",
                        f"{MODELS_DIR}/{path.name} is a half-saved model of a 'verhalen "
                        "cluster' that stopped (or is running now)",
                    ),
                    self.say(
                        f"niets nodig: de volgende 'verhalen cluster' ruimt het na een uur op; "
                        f"weggooien mag ook: rm -r {MODELS_DIR}/{path.name}",
                        f"nothing needed: the next 'verhalen cluster' removes it after an hour; "
                        f"it may also go now: rm -r {MODELS_DIR}/{path.name}",
                    ),
                )
                continue
            m = re.fullmatch(r"run-(\d+)", path.name)
            if m and path.is_dir() and int(m.group(1)) not in run_ids:
                self.add(
                    "info",
                    "runs",
                    self.say(
                        f"{MODELS_DIR}/{path.name} hoort bij geen enkele run in de opslag "
                        "(een teruggezette reservekopie?)",
                        f"{MODELS_DIR}/{path.name} belongs to no run in the store "
                        "(a restored backup?)",
                    ),
                    self.say(
                        f"niets nodig; weggooien mag: rm -r {MODELS_DIR}/{path.name}",
                        f"nothing needed; it may go: rm -r {MODELS_DIR}/{path.name}",
                    ),
                )

    # -- embeddings ------------------------------------------------------------------------------

    def check_embeddings(self) -> None:
        assert self.db is not None
        if "embeddings" not in self.tables:
            return
        found = self.db.execute(
            "SELECT id, embedder, seed, config FROM runs WHERE active = 1 ORDER BY id"
        ).fetchone()
        if found is None:
            return
        run = dict(zip(("id", "embedder", "seed", "config"), found, strict=True))
        try:
            config = json.loads(run["config"] or "{}")
        except ValueError:
            config = {}
        name = run["embedder"]
        from verhalen.embed import NAMES, select_embedder

        try:
            embedder = select_embedder(name, config.get("lang", "nl"), run["seed"])
            parts = [(p.key, p.name) for p in embedder.parts() if not p.corpus_dependent]
        except Exception as exc:  # an unknown name, or its package is gone
            self.add(
                "warning",
                "embeddings",
                self.say(
                    f"de actieve run {run['id']} is gemaakt met embedder '{name}', die deze "
                    f"verhalen niet kan laden ({exc}); perspectieven splitsen, samenvoegen en "
                    "verplaatsen lukt dan niet",
                    f"the active run {run['id']} was made with embedder '{name}', which this "
                    f"verhalen cannot load ({exc}); splitting, merging and moving perspectives "
                    "then fails",
                ),
                self.say(
                    f"maak een nieuwe run: verhalen cluster --embedder NAAM ({', '.join(NAMES)})",
                    f"make a new run: verhalen cluster --embedder NAME ({', '.join(NAMES)})",
                ),
            )
            return
        if name.startswith("sentence-transformers:"):
            model = name.split(":", 1)[1]
            if model != "minilm" and not Path(model).expanduser().exists():
                self.add(
                    "warning",
                    "embeddings",
                    self.say(
                        f"de actieve run {run['id']} gebruikt het model {model}, dat niet meer "
                        "op deze computer staat; splitsen en samenvoegen lukt dan niet",
                        f"the active run {run['id']} uses the model {model}, which is no longer "
                        "on this computer; splitting and merging then fail",
                    ),
                    self.say(
                        f"zet het model terug op {model}, of maak een nieuwe run: verhalen cluster",
                        f"put the model back at {model}, or make a new run: verhalen cluster",
                    ),
                )
        stored = dict(
            self.db.execute(
                "SELECT embedder, COUNT(*) FROM embeddings GROUP BY embedder"
            ).fetchall()
        )
        # Stories excluded from the analysis and those too short to group are never embedded.
        skipped = " AND s.id NOT IN (SELECT story_id FROM assignments WHERE run_id = ? AND "
        skipped += "model_number = -1)"
        if "exclusions" in self.tables:
            skipped += " AND s.id NOT IN (SELECT story_id FROM exclusions)"
        for key, part_name in parts:
            missing = [
                r[0]
                for r in self.db.execute(
                    "SELECT s.id FROM stories s WHERE NOT EXISTS (SELECT 1 FROM embeddings e "
                    f"WHERE e.text_hash = s.text_hash AND e.embedder = ?){skipped} ORDER BY s.id",
                    (key, run["id"]),
                )
            ]
            if not missing:
                continue
            speed = next((v for k, v in EMBED_SPEED.items() if part_name.startswith(k)), 20.0)
            older = [k for k in stored if k != key and k.split(":")[0] == key.split(":")[0]]
            why = (
                self.say(
                    f" (de opslag heeft wel vectoren van {', '.join(older)}: een andere versie)",
                    f" (the store does hold vectors of {', '.join(older)}: another version)",
                )
                if older
                else ""
            )
            which = _who("story", missing, self.lang)
            self.add(
                "info",
                "embeddings",
                self.say(
                    f"{count(len(missing), 'story', 'nl')} nog zonder vector van {key}, de "
                    f"embedder van de actieve run {run['id']}{why} ({which})",
                    f"{count(len(missing), 'story', 'en')} without a vector from {key} yet, the "
                    f"embedder of the active run {run['id']}{why} ({which})",
                ),
                self.say(
                    "'verhalen cluster' berekent ze en bewaart ze; dat kost "
                    f"{_duration(len(missing) / speed, self.lang)} extra, daarna niet meer",
                    "'verhalen cluster' computes and keeps them; that takes "
                    f"{_duration(len(missing) / speed, self.lang)} extra, once",
                ),
            )

    # -- source files ----------------------------------------------------------------------------

    def check_sources(self) -> None:
        assert self.db is not None
        if "sources" not in self.tables:
            return
        columns = {r[1] for r in self.db.execute("PRAGMA table_info(sources)")}
        complete = "src.complete" if "complete" in columns else "1"  # since schema version 3
        rows = list(
            self.db.execute(
                f"""SELECT src.path, src.sha256, src.size, {complete}, src.ingested_at,
                          (SELECT COUNT(*) FROM stories s WHERE s.source_id = src.id)
                   FROM sources src ORDER BY src.path, src.id"""
            )
        )
        by_path: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for row in rows:
            by_path[row[0]].append(row)
        gone: list[tuple[str, int]] = []
        for shown, versions in by_path.items():
            stories = sum(v[5] for v in versions)
            latest = versions[-1]
            path = Path(shown) if Path(shown).is_absolute() else self.root / shown
            if not path.is_file():
                if stories:
                    gone.append((shown, stories))
                continue
            try:
                size = path.stat().st_size
                known = {v[1] for v in versions if v[2] == size}
                digest = _sha256(path) if known else None
            except OSError:
                continue
            if digest not in known:
                self.add(
                    "info",
                    "sources",
                    self.say(
                        f"{shown} is veranderd sinds het is ingelezen ({latest[4][:10]})",
                        f"{shown} has changed since it was ingested ({latest[4][:10]})",
                    ),
                    self.say(
                        f"wil je de wijzigingen erin: verhalen ingest {shown} (verhalen die er "
                        "al zijn worden herkend en overgeslagen; een veranderd verhaal komt er "
                        "als nieuw verhaal bij)",
                        f"to take the changes in: verhalen ingest {shown} (stories already in "
                        "the store are recognised and skipped; a changed story comes in as a "
                        "new one)",
                    ),
                )
            elif not latest[3]:
                self.add(
                    "info",
                    "sources",
                    self.say(
                        f"{shown} is maar deels ingelezen: een deel werd afgewezen "
                        "(--skip-invalid)",
                        f"{shown} was only partly ingested: some of it was rejected "
                        "(--skip-invalid)",
                    ),
                    self.say(
                        f"verbeter wat afgewezen.csv noemt en draai verhalen ingest {shown}: "
                        "de rest komt erbij",
                        f"correct what afgewezen.csv lists and run verhalen ingest {shown}: "
                        "the rest comes in",
                    ),
                )
        if gone:
            shown = ", ".join(f"{p} ({count(n, 'story', self.lang)})" for p, n in gone[:SHOWN_IDS])
            if len(gone) > SHOWN_IDS:
                shown += self.say(
                    f" en {len(gone) - SHOWN_IDS} meer", f" and {len(gone) - SHOWN_IDS} more"
                )
            self.add(
                "info",
                "sources",
                self.say(
                    f"{count(len(gone), 'file', 'nl')} {'staat' if len(gone) == 1 else 'staan'}"
                    f" niet meer op de schijf: {shown}; de verhalen zelf staan in de opslag",
                    f"{count(len(gone), 'file', 'en')} {'is' if len(gone) == 1 else 'are'} no "
                    f"longer on disk: {shown}; the stories themselves are in the store",
                ),
                self.say(
                    "niets nodig; zet de bestanden terug als je ze later opnieuw wilt inlezen "
                    "of wilt bewaren als bron",
                    "nothing needed; put the files back if you want to ingest them again later "
                    "or keep them as the source",
                ),
            )

    # -- catalyse.yaml and the workshop's change proposals ---------------------------------------

    def check_workshop_files(self) -> None:
        """catalyse.yaml and verandervoorstellen.yaml checked as `report` and `workshop import`
        read them (`catalysis.problems`, `proposals.proposal_problems`): one finding per mistake.

        Pattern ids come from the stories, read through `Store`; that writes to a store of an
        older schema (it migrates it) or one not in WAL mode, so then this check waits until the
        findings above are repaired."""
        from verhalen.catalysis import find_file
        from verhalen.catalysis import problems as catalysis_problems
        from verhalen.proposals import PROPOSALS_FILE, proposal_problems

        assert self.db is not None
        catalysis = find_file(self.root)
        if catalysis is None and not (self.root / PROPOSALS_FILE).is_file():
            return
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        journal = self.db.execute("PRAGMA journal_mode").fetchone()[0]
        if version != SCHEMA_VERSION or str(journal).lower() != "wal":
            return
        try:
            project = Project.open(self.root, self.given_lang)
            found = catalysis_problems(project, lang=self.lang)
            proposals = proposal_problems(project, self.lang)
        except (VerhalenError, sqlite3.Error):
            return  # verhalen.toml, the form or the store: the findings above say what to do
        name = catalysis.name if catalysis is not None else ""
        for problem in found:
            self.add(
                "error",
                "catalysis",
                str(problem),
                self.say(
                    f"verbeter {name} op die plaats: 'verhalen patterns list' toont de ids van "
                    "de patronen, 'verhalen perspectives list' de perspectieven; tot dan weigert "
                    "'verhalen report'",
                    f"correct {name} at that place: 'verhalen patterns list' shows the pattern "
                    "ids, 'verhalen perspectives list' the perspectives; until then "
                    "'verhalen report' refuses",
                ),
            )
        for problem in proposals:
            self.add(
                "error",
                "proposals",
                str(problem),
                self.say(
                    f"verbeter {PROPOSALS_FILE} op die plaats: elk voorstel heeft perspectief "
                    "(een nummer uit 'verhalen perspectives list'), voorstel en eventueel titel, "
                    "wie en toelichting; tot dan weigeren 'verhalen report' en 'verhalen "
                    "workshop import'",
                    f"correct {PROPOSALS_FILE} at that place: each proposal has perspectief (a "
                    "number from 'verhalen perspectives list'), voorstel and optionally titel, "
                    "wie and toelichting; until then 'verhalen report' and 'verhalen workshop "
                    "import' refuse",
                ),
            )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
