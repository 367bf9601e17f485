"""Texts of verhalen doctor (verhalen/doctor/): findings and advice."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # common
    "doctor_and_more": (" en {rest} meer", " and {rest} more"),
    "doctor_about_seconds": ("ongeveer {s} seconden", "about {s} seconds"),
    "doctor_about_minutes": ("ongeveer {n} minuten", "about {n} minutes"),
    "doctor_about_minutes_one": ("ongeveer {n} minuut", "about {n} minute"),
    "doctor_about_hours": ("ongeveer {hours} uur", "about {hours} hours"),
    # answer_values
    "doctor_answers": ("{n} antwoorden", "{n} answers"),
    "doctor_answers_one": ("{n} antwoord", "{n} answer"),
    "doctor_put_options_back": (
        "zet {gone} terug bij de options van '{qid}' in {form}",
        "put {gone} back among the options of '{qid}' in {form}",
    ),
    "doctor_widen_range": (
        "verruim min/max van '{qid}' in {form} zodat{span} er weer in past",
        "widen min/max of '{qid}' in {form} so that{span} fits again",
    ),
    "doctor_put_type_back": (
        "zet het vorige type van '{qid}' terug in {form}",
        "put back the previous type of '{qid}' in {form}",
    ),
    "doctor_outside_range_used": (
        "patronen en rapporten rekenen er nog mee, buiten de schaal van het formulier",
        "patterns and reports still use them, outside the form's range",
    ),
    "doctor_counted_missing": (
        "patronen en rapporten tellen ze als ontbrekend",
        "patterns and reports count them as missing",
    ),
    "doctor_answers_not_allowed": (
        "{form} staat {counted} op '{qid}' niet meer toe ({shown}; {whose}): {effect}",
        "{form} no longer allows {counted} to '{qid}' ({shown}; {whose}): {effect}",
    ),
    "doctor_give_allowed_answer": (
        "{form_fix}; of geef elk een toegestaan antwoord: verhalen tag set "
        "{first} {qid} ANTWOORD (of verhalen tag clear {first} {qid})",
        "{form_fix}; or give each an allowed answer: verhalen tag set {first} "
        "{qid} ANSWER (or verhalen tag clear {first} {qid})",
    ),
    "doctor_answers_differ": (
        "{counted} op '{qid}' anders opgeslagen dan {form} ze nu "
        "leest (bijv. {stored} waar het formulier {wanted} van maakt; "
        "{whose}): patronen kunnen ze missen",
        "{counted} to '{qid}' stored differently from how {form} "
        "reads them now (e.g. {stored} where the form makes {wanted}; "
        "{whose}): patterns may miss them",
    ),
    "doctor_give_again_like": (
        "geef ze opnieuw, zo: {command}",
        "give them again, like this: {command}",
    ),
    # answers
    "doctor_question_gone": (
        "{counted} op vraag '{qid}', die niet meer in {form} staat "
        "({whose}): ze blijven bewaard, maar patronen, exports en rapporten "
        "slaan ze over",
        "{counted} to question '{qid}', which is no longer in {form} "
        "({whose}): they are kept, but patterns, exports and reports skip them",
    ),
    "doctor_put_question_back": (
        "zet vraag '{qid}' terug in {form} als je ze wilt gebruiken (en wis "
        "ze dan eventueel met 'verhalen tag clear {first} {qid}'); anders "
        "is er niets te doen",
        "put question '{qid}' back in {form} if you want to use them (then "
        "'verhalen tag clear {first} {qid}' can clear them); otherwise "
        "nothing needs doing",
    ),
    "doctor_now_storyteller": ("de verteller", "the storyteller"),
    "doctor_now_story": ("het verhaal", "the story"),
    "doctor_question_moved": (
        "vraag '{qid}' gaat volgens {form} nu over {now}, maar "
        "{counted} staan nog bij {whose}; verhalen slaat ze over",
        "question '{qid}' is now about {now} in {form}, but "
        "{counted} are still stored for {whose}; verhalen skips them",
    ),
    "doctor_put_about_back": (
        "zet 'about: {about}' terug bij '{qid}' in {form}, of geef de "
        "antwoorden opnieuw over {now} met 'verhalen tag set ID {qid} ANTWOORD'",
        "put back 'about: {about}' for '{qid}' in {form}, or give the answers "
        "again about {now} with 'verhalen tag set ID {qid} ANSWER'",
    ),
    "doctor_answers_unreadable": (
        "{counted} op '{qid}' onleesbaar opgeslagen ({whose})",
        "{counted} to '{qid}' stored unreadably ({whose})",
    ),
    "doctor_give_again": (
        "geef ze opnieuw: verhalen tag set {first} {qid} ANTWOORD",
        "give them again: verhalen tag set {first} {qid} ANSWER",
    ),
    # config
    "doctor_config_missing": (
        "{config} ontbreekt in {root}: verhalen herkent de map niet als project",
        "{config} is missing in {root}: verhalen does not recognise the folder as a project",
    ),
    "doctor_config_restore": (
        "zet {config} terug uit een reservekopie, of maak een nieuwe met "
        "twee regels: printf '[project]\\nlanguage = \"nl\"\\n' > {config}",
        "restore {config} from a backup, or write a new one of two lines: "
        "printf '[project]\\nlanguage = \"en\"\\n' > {config}",
    ),
    "doctor_config_not_toml": (
        "{config} is geen geldige TOML: {exc}",
        "{config} is not valid TOML: {exc}",
    ),
    "doctor_config_correct": (
        "verbeter {config} op de genoemde plaats (tekst tussen "
        "aanhalingstekens, één [sectie] per kop); elke verhalen-opdracht weigert tot "
        "dan",
        "correct {config} at the place named (text in quotes, one [section] "
        "per heading); every verhalen command refuses until then",
    ),
    "doctor_refuses_until_then": (
        "{fix}; elke verhalen-opdracht weigert tot dan",
        "{fix}; every verhalen command refuses until then",
    ),
    # embeddings
    "doctor_embedder_unloadable": (
        "de actieve run {run_id} is gemaakt met embedder '{name}', die deze "
        "verhalen niet kan laden ({exc}); perspectieven splitsen, samenvoegen en "
        "verplaatsen lukt dan niet",
        "the active run {run_id} was made with embedder '{name}', which this "
        "verhalen cannot load ({exc}); splitting, merging and moving perspectives "
        "then fails",
    ),
    "doctor_new_run_embedder": (
        "maak een nieuwe run: verhalen cluster --embedder NAAM ({names})",
        "make a new run: verhalen cluster --embedder NAME ({names})",
    ),
    "doctor_model_gone": (
        "de actieve run {run_id} gebruikt het model {model}, dat niet meer "
        "op deze computer staat; splitsen en samenvoegen lukt dan niet",
        "the active run {run_id} uses the model {model}, which is no longer "
        "on this computer; splitting and merging then fail",
    ),
    "doctor_model_put_back": (
        "zet het model terug op {model}, of maak een nieuwe run: verhalen cluster",
        "put the model back at {model}, or make a new run: verhalen cluster",
    ),
    "doctor_older_vectors": (
        " (de opslag heeft wel vectoren van {older}: een andere versie)",
        " (the store does hold vectors of {older}: another version)",
    ),
    "doctor_no_vector": (
        "{stories} nog zonder vector van {key}, de "
        "embedder van de actieve run {run_id}{why} ({which})",
        "{stories} without a vector from {key} yet, the "
        "embedder of the active run {run_id}{why} ({which})",
    ),
    "doctor_cluster_computes": (
        "'verhalen cluster' berekent ze en bewaart ze; dat kost {takes} extra, daarna niet meer",
        "'verhalen cluster' computes and keeps them; that takes {takes} extra, once",
    ),
    # form
    "doctor_form_missing": (
        "{form} ontbreekt: verhalen werkt alsof het formulier geen vragen "
        "heeft, en negeert alle opgeslagen antwoorden",
        "{form} is missing: verhalen works as if the form had no questions "
        "and ignores every stored answer",
    ),
    "doctor_form_restore": (
        "zet {form} terug uit een reservekopie, of begin opnieuw met 'verhalen form new'",
        "restore {form} from a backup, or start again with 'verhalen form new'",
    ),
    "doctor_form_invalid": ("{form} klopt niet: {lines}", "{form} is not valid: {lines}"),
    "doctor_form_correct": (
        "verbeter {form} op de genoemde plaats; 'verhalen form check' controleert het opnieuw",
        "correct {form} at the place named; 'verhalen form check' checks it again",
    ),
    # integrity
    "doctor_rows_answers": ("antwoorden", "answers"),
    "doctor_rows_storyteller_answers": ("verteller-antwoorden", "storyteller answers"),
    "doctor_rows_flags": ("markeringen als mogelijk dubbel", "possible-duplicate flags"),
    "doctor_rows_tags": ("automatische kenmerken", "automatic tags"),
    "doctor_rows_assignments": ("indelingen in perspectieven", "perspective assignments"),
    "doctor_rows_perspectives": ("perspectieven", "perspectives"),
    "doctor_rows_stories": ("verhalen", "stories"),
    "doctor_parents_runs": ("runs", "runs"),
    "doctor_parents_storytellers": ("vertellers", "storytellers"),
    "doctor_parents_sources": ("bronbestanden", "source files"),
    "doctor_parents_sessions": ("sessies", "sessions"),
    "doctor_store_damaged_at": (
        "{store} is beschadigd{where} (PRAGMA integrity_check: {shown})",
        "{store} is damaged{where} (PRAGMA integrity_check: {shown})",
    ),
    "doctor_orphan_rows": (
        "{n} rijen in {table} ({child}) horen bij {parent} die niet meer bestaan ({column} {gone})",
        "{n} rows in {table} ({child}) belong to {parent} that no longer exist ({column} {gone})",
    ),
    "doctor_orphan_rows_one": (
        "{n} rij in {table} ({child}) hoort bij {parent} die niet meer bestaan ({column} {gone})",
        "{n} row in {table} ({child}) belongs to {parent} that no longer exist ({column} {gone})",
    ),
    "doctor_orphans_delete": (
        "ze hebben geen betekenis meer: maak een kopie (cp {store} "
        "{store}.bak) en ruim ze op met {delete}",
        "they mean nothing any more: make a copy (cp {store} "
        "{store}.bak) and remove them with {delete}",
    ),
    "doctor_orphans_new_run": (
        "; of maak een nieuwe run zonder ze met 'verhalen cluster'",
        "; or make a new run without them with 'verhalen cluster'",
    ),
    "doctor_register_storytellers": (
        "zet een reservekopie terug, of registreer vertellers {gone} opnieuw in "
        "een vertellerstabel bij de volgende 'verhalen ingest … --storytellers "
        "vertellers.csv'",
        "restore a backup, or register storytellers {gone} again in a "
        "storytellers table with the next 'verhalen ingest … --storytellers "
        "storytellers.csv'",
    ),
    "doctor_orphans_restore": (
        "zet een reservekopie van {store} terug: zonder die {parent} zijn deze {child} "
        "niet volledig",
        "restore a backup of {store}: without those {parent} these {child} are incomplete",
    ),
    # model_folders
    "doctor_model_new_run": (
        "zet de map terug uit een reservekopie, of maak een nieuwe run met model: "
        "{command} (dezelfde instellingen geven dezelfde perspectieven; je bewerkingen "
        "blijven in run {run_id})",
        "restore the folder from a backup, or make a new run with a model: "
        "{command} (the same settings give the same perspectives; your edits stay in "
        "run {run_id})",
    ),
    "doctor_model_unfinished": (
        "run {run_id}: het model in {models}/run-{run_id} is niet af "
        "(verhalen cluster stopte tijdens het opslaan)",
        "run {run_id}: the model in {models}/run-{run_id} is unfinished "
        "(verhalen cluster stopped while saving it)",
    ),
    "doctor_model_folder_gone": (
        "run {run_id}: de modelmap {path} bestaat niet meer; de "
        "perspectieven zelf staan in de opslag, maar het model kan geen nieuwe "
        "verhalen meer plaatsen",
        "run {run_id}: the model folder {path} no longer exists; the "
        "perspectives themselves are in the store, but the model can no longer "
        "place new stories",
    ),
    "doctor_model_incomplete": (
        "run {run_id}: de modelmap {path} is onvolledig (ontbreekt of beschadigd: {bad})",
        "run {run_id}: the model folder {path} is incomplete (missing or damaged: {bad})",
    ),
    "doctor_model_partial": (
        "{shown} is een half opgeslagen model van een 'verhalen cluster' die "
        "stopte (of nu nog loopt)",
        "{shown} is a half-saved model of a 'verhalen cluster' that stopped (or is running now)",
    ),
    "doctor_model_partial_repair": (
        "niets nodig: de volgende 'verhalen cluster' ruimt het na een uur op; "
        "weggooien mag ook: rm -r {shown}",
        "nothing needed: the next 'verhalen cluster' removes it after an hour; "
        "it may also go now: rm -r {shown}",
    ),
    "doctor_model_no_run": (
        "{shown} hoort bij geen enkele run in de opslag (een teruggezette reservekopie?)",
        "{shown} belongs to no run in the store (a restored backup?)",
    ),
    "doctor_model_may_go": (
        "niets nodig; weggooien mag: rm -r {shown}",
        "nothing needed; it may go: rm -r {shown}",
    ),
    # runs
    "doctor_no_active_run": (
        "geen run is actief (er zijn runs {runs}): perspectieven, "
        "patronen en rapporten zien geen perspectieven",
        "no run is active (there are runs {runs}): perspectives, "
        "patterns and reports see no perspectives",
    ),
    "doctor_choose_run": (
        "kies er een: verhalen perspectives use {run_id}",
        "choose one: verhalen perspectives use {run_id}",
    ),
    "doctor_many_active": (
        "runs {runs} staan alle als actief; verhalen gebruikt er maar één ({first})",
        "runs {runs} are all marked active; verhalen uses only one ({first})",
    ),
    "doctor_use_other_run": (
        "verhalen perspectives use {run_id}, of maak een nieuwe met 'verhalen cluster'",
        "verhalen perspectives use {run_id}, or make a new one with 'verhalen cluster'",
    ),
    "doctor_make_new_run": (
        "maak een nieuwe run met 'verhalen cluster'",
        "make a new run with 'verhalen cluster'",
    ),
    "doctor_run_assigns_nothing": (
        "de actieve run {run_id} deelt geen enkel verhaal in: er zijn geen perspectieven te zien",
        "the active run {run_id} assigns no story at all: there are no perspectives to see",
    ),
    "doctor_lost_perspective": (
        "run {run_id}: {stories} in perspectief "
        "{number}, dat niet bestaat, en dus in geen enkel perspectief te zien "
        "({whose})",
        "run {run_id}: {stories} in perspective "
        "{number}, which does not exist, and so shown in no perspective "
        "({whose})",
    ),
    "doctor_move_lost": (
        "verplaats ze naar een bestaand perspectief of naar 'past nergens bij': "
        "verhalen perspectives move {first} 0",
        "move them to an existing perspective or to 'fits nowhere': "
        "verhalen perspectives move {first} 0",
    ),
    "doctor_added_after_run": (
        "{stories} na run {run_id} toegevoegd en in "
        "geen enkel perspectief ingedeeld ({whose}); "
        "rapporten en patronen laten ze bij de perspectieven weg",
        "{stories} added after run {run_id} and in no "
        "perspective ({whose}); reports and patterns "
        "leave them out of the perspectives",
    ),
    "doctor_new_run_all": (
        "maak een nieuwe run met alle verhalen: verhalen cluster (je namen en "
        "bewerkingen blijven in run {run_id}; verhalen perspectives use {run_id} "
        "gaat terug)",
        "make a new run with every story: verhalen cluster (your names and edits "
        "stay in run {run_id}; verhalen perspectives use {run_id} goes back)",
    ),
    # schema
    "doctor_schema_newer": (
        "{store} heeft schemaversie {version}, deze verhalen kent tot "
        "{known}: een nieuwere verhalen heeft hem bijgewerkt",
        "{store} has schema version {version}; this verhalen knows up to "
        "{known}: a newer verhalen has upgraded it",
    ),
    "doctor_update_verhalen": (
        "werk verhalen bij tot de versie die het project maakte (in de map van "
        "verhalen: git pull en dan bash scripts/setup.sh); deze verhalen kan er "
        "niet mee werken",
        "update verhalen to the version that made the project (in verhalen's "
        "folder: git pull, then bash scripts/setup.sh); this verhalen cannot work "
        "with it",
    ),
    "doctor_empty_database": (
        "{store} is een lege SQLite-database zonder tabellen",
        "{store} is an empty SQLite database without tables",
    ),
    "doctor_foreign_database": (
        "{store} is een SQLite-database, maar geen opslag van verhalen (tabellen: {tables})",
        "{store} is an SQLite database, but not a verhalen store (tables: {tables})",
    ),
    "doctor_schema_ahead": (
        "{store} zegt schemaversie {version}, maar heeft al de tabellen van "
        "versie {ahead}: bijwerken zou mislukken",
        "{store} says schema version {version}, but already has the tables of "
        "version {ahead}: upgrading would fail",
    ),
    "doctor_set_version": (
        "maak eerst een kopie (cp {store} {store}.bak), dan: "
        'sqlite3 {store} "PRAGMA user_version = {ahead}"',
        "copy it first (cp {store} {store}.bak), then: "
        'sqlite3 {store} "PRAGMA user_version = {ahead}"',
    ),
    "doctor_tables_missing": (
        "in {store} ontbreken tabellen: {tables}",
        "tables are missing from {store}: {tables}",
    ),
    "doctor_make_tables": (
        "zet een reservekopie terug, of maak ze opnieuw (leeg): cp {store} "
        '{store}.bak, dan sqlite3 {store} "{statements}"',
        "restore a backup, or make them again (empty): cp {store} "
        '{store}.bak, then sqlite3 {store} "{statements}"',
    ),
    "doctor_schema_older": (
        "{store} heeft schemaversie {version}, deze verhalen gebruikt "
        "{known}; de volgende verhalen-opdracht werkt hem bij, en daarna "
        "kan een oudere verhalen hem niet meer openen",
        "{store} has schema version {version}, this verhalen uses "
        "{known}; the next verhalen command upgrades it, after which an "
        "older verhalen can no longer open it",
    ),
    "doctor_upgrade_store": (
        "maak een kopie (cp {store} {store}.v{version}) en draai "
        "'verhalen status': die werkt de opslag bij, alles blijft bewaard",
        "make a copy (cp {store} {store}.v{version}) and run "
        "'verhalen status': it upgrades the store, keeping everything",
    ),
    # sources
    "doctor_source_changed": (
        "{shown} is veranderd sinds het is ingelezen ({day})",
        "{shown} has changed since it was ingested ({day})",
    ),
    "doctor_ingest_changes": (
        "wil je de wijzigingen erin: verhalen ingest {shown} (verhalen die er "
        "al zijn worden herkend en overgeslagen; een veranderd verhaal komt er "
        "als nieuw verhaal bij)",
        "to take the changes in: verhalen ingest {shown} (stories already in "
        "the store are recognised and skipped; a changed story comes in as a "
        "new one)",
    ),
    "doctor_source_partly": (
        "{shown} is maar deels ingelezen: een deel werd afgewezen (--skip-invalid)",
        "{shown} was only partly ingested: some of it was rejected (--skip-invalid)",
    ),
    "doctor_ingest_rest": (
        "verbeter wat {rejects} noemt en draai verhalen ingest {shown}: de rest komt erbij",
        "correct what {rejects} lists and run verhalen ingest {shown}: the rest comes in",
    ),
    "doctor_sources_gone": (
        "{files} staan niet meer op de schijf: {shown}; de verhalen zelf staan in de opslag",
        "{files} are no longer on disk: {shown}; the stories themselves are in the store",
    ),
    "doctor_sources_gone_one": (
        "{files} staat niet meer op de schijf: {shown}; de verhalen zelf staan in de opslag",
        "{files} is no longer on disk: {shown}; the stories themselves are in the store",
    ),
    "doctor_sources_put_back": (
        "niets nodig; zet de bestanden terug als je ze later opnieuw wilt inlezen "
        "of wilt bewaren als bron",
        "nothing needed; put the files back if you want to ingest them again later "
        "or keep them as the source",
    ),
    # store_advice
    "doctor_restore_or_restart": (
        "zet een reservekopie van {store} terug; zonder kopie: zet het bestand opzij "
        "(mv {store} {store}.kapot) en lees de bronbestanden opnieuw in met "
        "'verhalen ingest' (later gegeven antwoorden en perspectieven moeten dan opnieuw)",
        "restore a backup of {store}; without one, move the file aside "
        "(mv {store} {store}.broken) and ingest the source files again with "
        "'verhalen ingest' (answers given later and perspectives must then be redone)",
    ),
    "doctor_recover": (
        "zet een reservekopie van {store} terug; zonder kopie redt SQLite wat er te "
        "redden valt: sqlite3 {store} .recover > herstel.sql, zet {store} opzij "
        "(mv {store} {store}.kapot), dan sqlite3 {store} < herstel.sql en "
        "'verhalen doctor' opnieuw",
        "restore a backup of {store}; without one SQLite saves what it can: "
        "sqlite3 {store} .recover > recovered.sql, move {store} aside "
        "(mv {store} {store}.broken), then sqlite3 {store} < recovered.sql "
        "and 'verhalen doctor' again",
    ),
    "doctor_store_unreadable": (
        "{store} is beschadigd en niet te lezen ({exc})",
        "{store} is damaged and cannot be read ({exc})",
    ),
    "doctor_store_busy": (
        "{store} is bezet: een andere verhalen-opdracht schrijft erin, "
        "dus niet alles is gecontroleerd",
        "{store} is busy: another verhalen command is writing to it, so not everything was checked",
    ),
    "doctor_run_again_later": (
        "voer 'verhalen doctor' opnieuw uit als die opdracht klaar is",
        "run 'verhalen doctor' again when that command has finished",
    ),
    # store_file
    "doctor_store_missing_wal": (
        "{store} ontbreekt, maar {wal} staat er nog: alleen de laatste wijzigingen zijn over",
        "{store} is missing, but {wal} is still there: only the latest changes are left",
    ),
    "doctor_store_missing": (
        "{store} ontbreekt: de verhalen, antwoorden en perspectieven van dit project zijn er niet",
        "{store} is missing: this project's stories, answers and perspectives are not there",
    ),
    "doctor_store_restore": (
        "zet {store} terug uit een reservekopie (met {wal} als die er "
        "bij hoort); zonder kopie maakt 'verhalen ingest' een nieuwe, lege opslag "
        "en lees je de bronbestanden opnieuw in",
        "restore {store} from a backup (with {wal} if it has one); "
        "without one, 'verhalen ingest' starts a new, empty store and you ingest "
        "the source files again",
    ),
    "doctor_store_not_file": ("{store} is geen bestand", "{store} is not a file"),
    "doctor_store_cannot_read": (
        "{store} is niet te lezen: {exc}",
        "{store} cannot be read: {exc}",
    ),
    "doctor_give_read_permission": (
        "geef jezelf leesrechten op het bestand (ls -l toont wie het mag lezen)",
        "give yourself read permission on the file (ls -l shows who may read it)",
    ),
    "doctor_store_empty": (
        "{store} is leeg (0 bytes): geen verhalen, geen tabellen",
        "{store} is empty (0 bytes): no stories, no tables",
    ),
    "doctor_store_not_sqlite": (
        "{store} is geen SQLite-database (het begin van het bestand is "
        "overschreven, afgekapt of het is een ander bestand; {size} bytes)",
        "{store} is not an SQLite database (the start of the file was "
        "overwritten or cut off, or it is another file; {size} bytes)",
    ),
    "doctor_store_cut_off": (
        "{store} is afgekapt: {size} van de {total} bytes zijn er",
        "{store} is cut off: {size} of its {total} bytes are there",
    ),
    "doctor_store_leftover": (
        "{leftover} staat nog naast {store}: een verhalen-opdracht "
        "loopt nu, of is halverwege gestopt (afgebroken, vastgelopen, stroom "
        "weg); de wijzigingen die al klaar waren staan in dat bestand",
        "{leftover} is still next to {store}: a verhalen command is "
        "running now, or stopped halfway (killed, crashed, power lost); the "
        "changes it had finished are in that file",
    ),
    "doctor_fold_leftover": (
        "draai, als er geen andere verhalen-opdracht loopt, 'verhalen status': "
        "die verwerkt {leftover} in de opslag; gooi het bestand nooit "
        "los weg en kopieer het mee bij een reservekopie",
        "when no other verhalen command is running, run 'verhalen status': it "
        "folds {leftover} into the store; never delete that file on its "
        "own, and copy it along with a backup",
    ),
    "doctor_read_only": (
        "de projectmap of {store} is alleen-lezen: verhalen kan het project "
        "lezen (status, stories list, perspectives list, report --out) maar niets "
        "veranderen; er is niets beschadigd",
        "the project folder or {store} is read-only: verhalen can read the "
        "project (status, stories list, perspectives list, report --out) but change "
        "nothing; nothing is damaged",
    ),
    "doctor_read_only_work": (
        "om te werken: kopieer de projectmap naar een plek waar je mag schrijven, of "
        "vraag schrijfrechten",
        "to work on it: copy the project folder to a place where you may write, or ask "
        "for write access",
    ),
    # versions
    "doctor_versions_changed": (
        "de actieve run {run_id} is gemaakt met andere versies dan er nu geïnstalleerd "
        "zijn ({changed}): dezelfde seed kan nu andere perspectieven geven",
        "the active run {run_id} was made with other versions than are installed now "
        "({changed}): the same seed may now give other perspectives",
    ),
    "doctor_install_constraints": (
        "installeer met constraints.txt (in de map van verhalen: bash scripts/setup.sh, "
        "of pip install -c constraints.txt -e .) of voer 'verhalen cluster' opnieuw uit: "
        "{command} (je bewerkingen blijven in run {run_id})",
        "install with constraints.txt (in verhalen's folder: bash scripts/setup.sh, or "
        "pip install -c constraints.txt -e .) or run 'verhalen cluster' again: "
        "{command} (your edits stay in run {run_id})",
    ),
    # workshop_files
    "doctor_correct_catalysis": (
        "verbeter {name} op die plaats: 'verhalen patterns list' toont de ids van "
        "de patronen, 'verhalen perspectives list' de perspectieven; tot dan weigert "
        "'verhalen report'",
        "correct {name} at that place: 'verhalen patterns list' shows the pattern "
        "ids, 'verhalen perspectives list' the perspectives; until then "
        "'verhalen report' refuses",
    ),
    "doctor_correct_proposals": (
        "verbeter {name} op die plaats: elk voorstel heeft perspectief "
        "(een nummer uit 'verhalen perspectives list'), voorstel en eventueel titel, "
        "wie en toelichting; tot dan weigeren 'verhalen report' en 'verhalen "
        "workshop import'",
        "correct {name} at that place: each proposal has perspectief (a "
        "number from 'verhalen perspectives list'), voorstel and optionally titel, "
        "wie and toelichting; until then 'verhalen report' and 'verhalen workshop "
        "import' refuse",
    ),
}
