"""Texts of clustering, perspectives, pseudonymisation, answers, settings, exploring and the
other data modules."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # answer_text
    # answers
    "data_answers_no_match_column": (
        "geen kolom id, titel of verteller om de rijen aan verhalen te koppelen",
        "no id, title or storyteller column to match rows to stories",
    ),
    "data_answers_no_question_column": (
        "geen kolom hoort bij een vraag uit het verhalenformulier",
        "no column matches a question of the story form",
    ),
    "data_answers_conflict": (
        "{qid}: '{value}' wijkt af van het antwoord in rij {row}; kies er één",
        "{qid}: '{value}' differs from the answer in row {row}; choose one",
    ),
    "data_answers_no_storyteller": (
        "{qid}: geen verteller bij deze rij",
        "{qid}: no storyteller",
    ),
    "data_title_not_found": ("titel '{title}' bestaat niet", "title '{title}' not found"),
    "data_title_not_unique": (
        "titel '{title}' komt vaker voor; gebruik id",
        "title '{title}' is not unique; use id",
    ),
    "data_question_not_in_form": (
        "vraag '{question}' staat niet in het formulier ({known})",
        "question '{question}' is not in the form ({known})",
    ),
    "data_storyteller_not_found": (
        "verteller {id} bestaat niet",
        "storyteller {id} does not exist",
    ),
    # cluster
    "data_cluster_too_few": (
        "{n} verhalen: groeperen kan pas vanaf {minimum} verhalen",
        "{n} stories: clustering needs at least {minimum}",
    ),
    "data_cluster_seed": (
        "--seed {seed}: kies een geheel getal van 0 tot en met {most}",
        "--seed {seed}: choose a whole number from 0 to {most}",
    ),
    "data_cluster_runs": (
        "--runs {runs}: de consensus heeft minstens 2 herhalingen nodig",
        "--runs {runs}: the consensus needs at least 2 runs",
    ),
    "data_cluster_size_range": (
        "{option} {value}: kies een getal van 2 tot en met {half} "
        "(de helft van de {total} verhalen)",
        "{option} {value}: choose a number from 2 to {half} (half of the {total} stories)",
    ),
    # explore
    "data_stories": ("verhalen", "stories"),
    "data_open_question": ("open vraag", "open question"),
    "data_answered_missing": (
        "{answered} antwoorden, {missing} zonder antwoord",
        "{answered} answers, {missing} unanswered",
    ),
    "data_too_few_stories": ("te weinig verhalen", "too few stories"),
    "data_map_method": (
        "methode '{method}': kies pca of umap",
        "method '{method}': choose pca or umap",
    ),
    "data_not_a_question": ("'{by}' is geen vraag ({known})", "'{by}' is not a question ({known})"),
    "data_col_number": ("nummer", "number"),
    "data_col_title": ("titel", "title"),
    "data_col_stability": ("stabiliteit", "stability"),
    "data_col_key_phrases": ("kernzinnen", "key phrases"),
    "data_col_tellers": ("vertellers", "tellers"),
    "data_col_examples": ("voorbeelden", "examples"),
    "data_col_when": ("wanneer", "when"),
    "data_col_what": ("wat", "what"),
    "data_col_perspective": ("perspectief", "perspective"),
    "data_col_text": ("tekst", "text"),
    "data_col_sentence": ("zin", "sentence"),
    # explore_map
    "data_map_choose_story": ("(kies een verhaal)", "(choose a story)"),
    "data_map_story": ("Verhaal", "Story"),
    "data_map_hint_hover": (
        "Wijs een punt aan: je ziet het nummer, de titel en het perspectief. Kies hieronder"
        " een verhaal om het te lezen.",
        "Point at a dot to see its number, title and perspective. Choose a story below to read it.",
    ),
    "data_map_hint_click": (
        "Wijs een punt aan: je ziet het nummer, de titel en het perspectief. Klik erop, of"
        " kies hieronder een verhaal, om het te lezen.",
        "Point at a dot to see its number, title and perspective. Click it, or choose a story"
        " below, to read it.",
    ),
    "data_map_title": (
        "Kaart van de verhalen (kleur: {name})",
        "Map of the stories (colour: {name})",
    ),
    "data_map_axes": (
        "Verhalen die op elkaar lijken liggen dicht bij elkaar; de assen zelf betekenen niets.",
        "Stories that are alike lie close together; the axes themselves mean nothing.",
    ),
    "data_map_no_perspective": ("geen perspectief", "no perspective"),
    "data_map_no_answer": ("geen antwoord", "no answer"),
    # faults
    "data_fault_read_only": (
        "alleen-lezen: hier mag niets geschreven worden (een beveiligde schijf of gedeelde "
        "map); kies met --out een map waar je mag schrijven, of kopieer het project daarheen",
        "read-only: nothing may be written here (a protected disk or shared folder); choose "
        "a folder where you may write with --out, or copy the project there",
    ),
    "data_fault_no_permission": (
        "geen toestemming om dit te schrijven of te lezen; vraag de eigenaar om rechten, of "
        "werk in een kopie in een eigen map",
        "no permission to write or read this; ask its owner for access, or work on a copy "
        "in a folder of your own",
    ),
    "data_fault_full": (
        "de schijf is vol; er is niets half weggeschreven: maak ruimte vrij en doe het opnieuw",
        "the disk is full; nothing was half-written: free some space and run it again",
    ),
    "data_fault_too_large": (
        "het bestand wordt groter dan dit systeem toestaat; er is niets half weggeschreven: "
        "kies een andere schijf of verhoog de limiet",
        "the file grows larger than this system allows; nothing was half-written: choose "
        "another disk or raise the limit",
    ),
    "data_fault_io": (
        "schrijven naar de schijf mislukte (vol, een limiet, of een schijffout); er is "
        "niets half weggeschreven: controleer de schijf en doe het opnieuw",
        "writing to the disk failed (full, a limit, or a disk fault); nothing was "
        "half-written: check the disk and run it again",
    ),
    "data_fault_missing": (
        "bestaat niet (of de map erboven niet); controleer de naam",
        "does not exist (or the folder above it does not); check the name",
    ),
    "data_fault_is_folder": (
        "is een map; geef hier een bestandsnaam",
        "is a folder; give a file name here",
    ),
    "data_fault_not_folder": (
        "is een bestand, geen map; geef hier een map",
        "is a file, not a folder; give a folder here",
    ),
    "data_fault_no_folder_here": (
        "de map waarin je werkt bestaat niet meer; ga naar een bestaande map en doe het opnieuw",
        "the folder you are working in no longer exists; go to an existing folder and run it again",
    ),
    "data_demo_not_empty": (
        "{path} bestaat al en is niet leeg; kies een andere map of ruim deze eerst op",
        "{path} exists and is not empty; choose another folder or remove it first",
    ),
    "data_demo_no_example": (
        "{path} bestaat niet: geef met --from een map met een voorbeeldproject",
        "{path} does not exist: give a folder with an example project with --from",
    ),
    "data_fault_damaged": (
        "de opslag is beschadigd; 'verhalen doctor' zegt wat er mis is en hoe je herstelt",
        "the store is damaged; 'verhalen doctor' says what is wrong and how to repair it",
    ),
    # perspective_edits
    "data_perspective_not_found": (
        "perspectief {number} bestaat niet",
        "perspective {number} does not exist",
    ),
    "data_too_short_rename": (
        "'te kort om te groeperen' ({number}) is geen perspectief en kan niet hernoemd worden",
        "'too short to group' ({number}) is no perspective and cannot be renamed",
    ),
    "data_too_short_move": (
        "'te kort om te groeperen' ({number}) is geen perspectief en kan niet het doel van een "
        "verplaatsing zijn",
        "'too short to group' ({number}) is no perspective and cannot be the target of a move",
    ),
    "data_too_short_merge": (
        "'te kort om te groeperen' ({number}) is geen perspectief en kan niet samengevoegd worden",
        "'too short to group' ({number}) is no perspective and cannot be merged",
    ),
    "data_too_short_delete": (
        "'te kort om te groeperen' ({number}) is geen perspectief en kan niet opgeheven worden",
        "'too short to group' ({number}) is no perspective and cannot be deleted",
    ),
    "data_too_short_split": (
        "'te kort om te groeperen' ({number}) is geen perspectief en kan niet gesplitst worden",
        "'too short to group' ({number}) is no perspective and cannot be split",
    ),
    "data_fits_nowhere_keeps_name": (
        "'past nergens bij' houdt zijn naam",
        "'fits nowhere' keeps its name",
    ),
    "data_move_excluded": (
        "verhaal {id} is uitgesloten van de analyse; neem het eerst weer op: "
        "verhalen stories include {id}",
        "story {id} is excluded from the analysis; include it first: verhalen stories include {id}",
    ),
    "data_story_not_in_run": (
        "verhaal {id} zit niet in deze run",
        "story {id} is not in this run",
    ),
    "data_merge_two_different": (
        "kies twee verschillende perspectieven",
        "choose two different perspectives",
    ),
    "data_fits_nowhere_stays": (
        "'past nergens bij' kan niet weg",
        "'fits nowhere' cannot be deleted",
    ),
    "data_split_too_few": (
        "perspectief {number} heeft te weinig verhalen om te splitsen",
        "perspective {number} has too few stories to split",
    ),
    # perspectives
    "data_left_out_too_short": ("{count} te kort om te groeperen", "{count} too short to group"),
    "data_left_out_excluded": ("{count} uitgesloten", "{count} excluded"),
    "data_cluster_too_few_left": (
        "{count} verhalen om te groeperen{told}: groeperen kan pas vanaf {minimum} verhalen",
        "{count} stories to cluster{told}: clustering needs at least {minimum}",
    ),
    "data_run_no_model": (
        "run {run} heeft geen opgeslagen model; voer 'verhalen cluster' opnieuw "
        "uit voor een run met model",
        "run {run} has no saved model; run 'verhalen cluster' again for a run with one",
    ),
    "data_run_model_damaged": (
        "het opgeslagen model van run {run} ({path}) is onvolledig of "
        "beschadigd; voer 'verhalen cluster' opnieuw uit",
        "the saved model of run {run} ({path}) is incomplete or damaged; run 'verhalen cluster' "
        "again",
    ),
    "data_title_fits_nowhere": ("Past nergens bij", "Fits nowhere"),
    "data_title_too_short": ("Te kort om te groeperen", "Too short to group"),
    "data_title_perspective": ("Perspectief {number}", "Perspective {number}"),
    "data_no_perspectives_yet": (
        "nog geen perspectieven: voer eerst 'verhalen cluster' uit",
        "no perspectives yet: run 'verhalen cluster' first",
    ),
    "data_run_not_found": ("run {run} bestaat niet", "run {run} does not exist"),
    # qdpx
    "data_qdpx_key_phrases": ("Kernwoorden: {phrases}", "Key phrases: {phrases}"),
    "data_qdpx_story_number": ("verhaalnummer", "story number"),
    "data_qdpx_storyteller": ("verteller", "storyteller"),
    "data_qdpx_group": ("groep", "group"),
    "data_qdpx_session": ("sessie", "session"),
    "data_qdpx_patterns": ("Patronen: {patterns}", "Patterns: {patterns}"),
    "data_qdpx_interpretations": ("Interpretaties:", "Interpretations:"),
    "data_qdpx_observation": ("Waarneming: {id}", "Observation: {id}"),
    "data_qdpx_of_observation": ("Bij waarneming: {id}", "Of observation: {id}"),
    "data_qdpx_perspective": ("Perspectief: {number}. {title}", "Perspective: {number}. {title}"),
    "data_qdpx_interpretation": ("Interpretatie: {id} {k}", "Interpretation: {id} {k}"),
    "data_qdpx_description": (
        "{count} verhalen uit verhalen-project '{name}'",
        "{count} stories from verhalen project '{name}'",
    ),
    "data_qdpx_description_codes": (
        "; codes: de perspectieven van run {run}",
        "; codes: the perspectives of run {run}",
    ),
    # signifier_answers
    "data_not_applicable": ("nvt", "n/a"),
    "data_dyad_help": (
        "'{raw}': een dyade is één getal 0–100 tussen '{left}' en '{right}', of nvt",
        "'{raw}': a dyad is one number 0–100 between '{left}' and '{right}', or n/a",
    ),
    "data_triad_no_anchor": (
        "'{name}' is geen hoek van de driehoek (hoeken: {anchors})",
        "'{name}' is not an anchor of the triad (anchors: {anchors})",
    ),
    "data_triad_sum": (
        "'{raw}': de drie delen tellen op tot {total}, niet tot 100",
        "'{raw}': the three shares add up to {total}, not 100",
    ),
    "data_triad_help": (
        "'{raw}': een driehoek krijgt drie delen die samen 100 zijn, zoals 30/50/20 "
        "({anchors}), of nvt",
        "'{raw}': a triad takes three shares adding up to 100, like 30/50/20 ({anchors}), or n/a",
    ),
    "data_stones_unknown": (
        "'{name}' is geen steen op dit veld (stenen: {stones})",
        "'{name}' is not a stone on this canvas (stones: {stones})",
    ),
    "data_stone_twice": ("steen '{stone}' staat er twee keer", "stone '{stone}' is twice"),
    "data_stones_help": (
        "'{raw}': zet een steen als steen=x,y met x en y 0–100 ({names}), stenen gescheiden door ;",
        "'{raw}': place a stone as stone=x,y with x and y 0–100 ({names}), stones separated by ;",
    ),
    "data_triad_centre": ("midden", "centre"),
    # signifier_answers: checks of storyform.yaml
    "data_form_triad_anchors": (
        "{where}: een triad heeft anchors nodig: 3 teksten, voor zijn drie hoeken",
        "{where}: a triad needs anchors: 3 texts, for its three corners",
    ),
    "data_form_dyad_anchors": (
        "{where}: een dyad heeft anchors nodig: 2 teksten, voor zijn twee uiteinden",
        "{where}: a dyad needs anchors: 2 texts, for its two ends",
    ),
    "data_form_anchors_repeat": ("{where}: anchors herhalen zich", "{where}: anchors repeat"),
    "data_form_anchors_only": (
        "{where}: anchors horen alleen bij triad of dyad",
        "{where}: anchors only go with triad or dyad",
    ),
    "data_form_stones_axes": (
        "{where}: stones heeft axes nodig: twee teksten, voor de x- en de y-as",
        "{where}: stones need axes: two texts, for the x and the y axis",
    ),
    "data_form_stones_stones": (
        "{where}: stones heeft stones nodig: een lijst van hun namen",
        "{where}: stones need stones: a list of their names",
    ),
    "data_form_stones_repeat": ("{where}: stones herhalen zich", "{where}: stones repeat"),
    "data_form_stone_name": (
        "{where}: de naam van een steen mag geen = of ; bevatten",
        "{where}: a stone's name may not hold = or ;",
    ),
    "data_form_only_stones": (
        "{where}: {key} horen alleen bij stones",
        "{where}: {key} only go with stones",
    ),
    # stories
    "data_stories_not_found": (
        "verhalen {ids} bestaan niet; niets veranderd",
        "stories {ids} do not exist; nothing changed",
    ),
    "data_stories_not_found_one": (
        "verhaal {ids} bestaat niet; niets veranderd",
        "story {ids} does not exist; nothing changed",
    ),
    "data_exclude_reason": (
        'geef een reden: --reason "..." (die komt in het rapport)',
        'give a reason: --reason "..." (it goes into the report)',
    ),
    "data_give_story_ids": ("geef een of meer verhaalnummers", "give one or more story ids"),
    "data_export_suffix": (
        "{path} heeft een andere extensie dan --format {fmt}; kies een naam die op .{fmt} eindigt",
        "{path} has another extension than --format {fmt}; choose a name ending in .{fmt}",
    ),
    "data_export_format": (
        "onbekend formaat '{fmt}' (kies uit: {known})",
        "unknown format '{fmt}' (choose from: {known})",
    ),
    "data_export_needs_folder": (
        "{path} is een bestand; geef een map voor de NarraFirma-export",
        "{path} is a file; give a folder for the NarraFirma export",
    ),
    "data_export_needs_file": (
        "{path} is een map; geef een bestandsnaam",
        "{path} is a folder; give a file name",
    ),
    "data_export_parent_is_file": (
        "{above} is een bestand, geen map; {path} kan daar niet komen",
        "{above} is a file, not a folder; {path} cannot go there",
    ),
    # settings
    "data_settings_bad_toml": (
        "{path}: geen geldige TOML ({why})",
        "{path}: not valid TOML ({why})",
    ),
    "data_settings_not_utf8": ("{path}: geen UTF-8-tekst", "{path}: not UTF-8 text"),
    "data_setting_text": (
        "moet een tekst tussen aanhalingstekens zijn",
        "must be text in quotes",
    ),
    "data_setting_line": (
        'moet een niet-lege tekst zijn, bijv. "---"',
        'must be a non-empty text, e.g. "---"',
    ),
    "data_setting_language": ('toegestaan: "nl" of "en"', 'allowed: "nl" or "en"'),
    "data_setting_names": (
        'moet een lijst van teksten zijn, bijv. ["a", "b"]',
        'must be a list of texts, e.g. ["a", "b"]',
    ),
    "data_setting_choices": (
        'moet een lijst zijn met woorden uit {allowed}, bijv. ["person", "contact"]',
        'must be a list of words from {allowed}, e.g. ["person", "contact"]',
    ),
    "data_setting_regex": (
        "moet een reguliere expressie als tekst zijn",
        "must be a regular expression as text",
    ),
    "data_setting_bad_regex": (
        "geen geldige reguliere expressie ({why})",
        "not a valid regular expression ({why})",
    ),
    "data_setting_fraction": (
        "toegestaan: een getal groter dan 0 en hoogstens 1, bijv. 0.8",
        "allowed: a number above 0 and at most 1, e.g. 0.8",
    ),
    "data_setting_flag": (
        "toegestaan: true of false, zonder aanhalingstekens",
        "allowed: true or false, without quotes",
    ),
    "data_setting_count": (
        "toegestaan: een heel getal van 0 of meer",
        "allowed: a whole number of 0 or more",
    ),
    "data_setting_date": ("toegestaan: een datum als JJJJ-MM-DD", "allowed: a date as YYYY-MM-DD"),
    "data_settings_unknown_section": (
        "[{section}] is een onbekende sectie",
        "[{section}] is an unknown section",
    ),
    "data_settings_known_sections": (
        "verhalen kent {known}; hernoem of verwijder hem",
        "verhalen knows {known}; rename or remove it",
    ),
    "data_settings_not_a_section": (
        "{section} moet een [sectie] zijn",
        "{section} must be a [section]",
    ),
    "data_settings_write_section": (
        "schrijf [{section}] op een eigen regel met de instellingen eronder",
        "write [{section}] on a line of its own with its settings below it",
    ),
    "data_settings_unknown_key": (
        "[{section}] {key} is een onbekende instelling (een tikfout?)",
        "[{section}] {key} is an unknown setting (a typo?)",
    ),
    "data_settings_known_keys": ("verhalen kent daar {known}", "verhalen knows {known} there"),
    "data_settings_header": ("# verhalen projectinstellingen.", "# verhalen project settings."),
    # ingest
    "data_not_in_form": (
        "{qid}: staat niet in het verhalenformulier",
        "{qid}: not in the story form",
    ),
    "data_narrafirma_and_sensemaker": (
        "--narrafirma-form en --sensemaker gaan niet samen",
        "--narrafirma-form and --sensemaker do not go together",
    ),
    "data_columns_and_more": ("{shown} en {rest} meer", "{shown} and {rest} more"),
    "data_unread_columns": (
        "{where}: kolommen {names} horen bij geen vraag in storyform.yaml en zijn niet ingelezen "
        "(--map VRAAG=KOLOM koppelt een kolom aan een vraag)",
        "{where}: columns {names} match no question in storyform.yaml and were not read "
        "(--map QUESTION=COLUMN links a column to a question)",
    ),
    "data_unread_columns_one": (
        "{where}: kolom {names} hoort bij geen vraag in storyform.yaml en is niet ingelezen "
        "(--map VRAAG=KOLOM koppelt een kolom aan een vraag)",
        "{where}: column {names} matches no question in storyform.yaml and was not read "
        "(--map QUESTION=COLUMN links a column to a question)",
    ),
    "data_no_questions_hint_narrafirma": (
        "uit het NarraFirma-formulier: verhalen form from-narrafirma {start}",
        "from the NarraFirma form: verhalen form from-narrafirma {start}",
    ),
    "data_no_questions_hint_sensemaker": (
        "uit de SenseMaker-definitie: verhalen form from-sensemaker {start}",
        "from the SenseMaker definition: verhalen form from-sensemaker {start}",
    ),
    "data_no_questions_hint_new": ("een begin: verhalen form new", "to start: verhalen form new"),
    "data_form_missing": ("ontbreekt", "is missing"),
    "data_form_empty": ("heeft geen vragen", "has no questions"),
    "data_no_questions_column": ("kolommen", "columns"),
    "data_no_questions_column_one": ("kolom", "column"),
    "data_no_questions_question": ("die vragen", "those questions"),
    "data_no_questions_question_one": ("die vraag", "that question"),
    "data_no_questions": (
        "{form} {state}, dus de antwoorden in {files} kunnen niet worden gelezen "
        "({column}: {columns}); zet {question} in {form_name} ({hint}) of haal de "
        "{column} uit de tabel, en lees opnieuw in; er is niets opgeslagen",
        "{form} {state}, so the answers in {files} cannot be read ({column}: {columns}); "
        "add {question} to {form_name} ({hint}) or remove the {column} from the table, "
        "then ingest again; nothing was stored",
    ),
    # ingest: SenseMaker
    "data_sm_too_large": ("bestand is te groot", "file is too large"),
    "data_sm_unreadable": ("onleesbaar: {why}", "unreadable: {why}"),
    "data_sm_bad_json": ("geen geldige JSON ({why})", "not valid JSON ({why})"),
    "data_sm_not_a_definition": (
        "geen SenseMaker-frameworkdefinitie (geen 'sections' met signifiers)",
        "not a SenseMaker framework definition (no 'sections' with signifiers)",
    ),
    "data_sm_no_story_signifier": (
        "de definitie noemt geen vrije-tekst-signifier voor het verhaal (fragment_signifier_id)",
        "the definition names no free-text signifier for the story (fragment_signifier_id)",
    ),
    "data_sm_no_story_column": (
        "geen kolom voor het verhaal (signifier {id}, '{title}'); "
        "hoort deze export bij deze definitie?",
        "no column for the story (signifier {id}, '{title}'); "
        "does this export go with this definition?",
    ),
    "data_sm_unknown_choice": (
        "'{code}' staat niet bij de keuzes van '{title}' in de definitie; weggelaten",
        "'{code}' is not among the choices of '{title}' in the definition; left out",
    ),
    # ingest: tables
    "data_map_no_field": (
        "--map {name}=…: '{name}' is geen veld en geen vraag uit storyform.yaml",
        "--map {name}=…: '{name}' is no field and no question of storyform.yaml",
    ),
    "data_column_number": ("kolom {number}", "column {number}"),
    "data_cells_columns": (
        "{cells} cellen maar {columns} kolommen: staat er een komma of "
        "puntkomma in tekst zonder aanhalingstekens?",
        "{cells} cells but {columns} columns: a comma or semicolon in unquoted text?",
    ),
    # cluster: guided themes
    "data_guided_not_a_list": (
        "{path}: verwacht een lijst van thema's met 'naam' en 'woorden'",
        "{path}: expected a list of themes with 'name' and 'words'",
    ),
    "data_guided_not_a_theme": (
        "{path}: thema {i}: verwacht 'naam' en 'woorden'",
        "{path}: theme {i}: expected 'name' and 'words'",
    ),
    "data_guided_no_name": (
        "{path}: thema {i}: 'naam' ontbreekt",
        "{path}: theme {i}: missing 'name'",
    ),
    "data_guided_words": (
        "{path}: thema {i} ('{name}'): 'woorden' moet een lijst van woorden of een tekst zijn",
        "{path}: theme {i} ('{name}'): 'words' must be a list of words or a text",
    ),
    # form.py: checks of storyform.yaml
    "form_not_mapping": (
        "{source}: verwacht een lijst met 'questions'",
        "{source}: expected a mapping with 'questions'",
    ),
    "form_questions_list": (
        "{source}: 'questions' moet een lijst zijn",
        "{source}: 'questions' must be a list",
    ),
    "form_question_mapping": (
        "{source}: vraag {i}: verwacht sleutels en waarden",
        "{source}: question {i}: expected a mapping",
    ),
    "form_question_number": ("vraag {i}", "question {i}"),
    "form_missing_id": ("{where}: id ontbreekt", "{where}: missing id"),
    "form_id_characters": (
        "{where}: een id bevat alleen letters, cijfers en _",
        "{where}: id may hold only letters, digits and _",
    ),
    "form_id_twice": ("{where}: id komt twee keer voor", "{where}: id used twice"),
    "form_type": (
        "{where}: type moet een van deze zijn: {types}",
        "{where}: type must be one of {types}",
    ),
    "form_about": (
        "{where}: about moet story of storyteller zijn",
        "{where}: about must be story or storyteller",
    ),
    "form_options_list": (
        "{where}: 'options' is een lijst, één optie per regel die met '- ' begint",
        "{where}: 'options' is a list, one option per line starting with '- '",
    ),
    "form_two_options": (
        "{where}: een keuzevraag heeft minstens twee opties nodig",
        "{where}: a choice question needs at least two options",
    ),
    "form_options_repeat": ("{where}: opties komen dubbel voor", "{where}: options repeat"),
    "form_options_only": (
        "{where}: opties horen alleen bij single of multiple",
        "{where}: options only go with single or multiple",
    ),
    "form_bound_number": (
        "{where}: {name} moet een getal zijn",
        "{where}: {name} must be a number",
    ),
    "form_min_below_max": (
        "{where}: min moet kleiner zijn dan max",
        "{where}: min must be below max",
    ),
    "form_labels_two": (
        "{where}: labels zijn twee teksten, één voor elk uiteinde van de schaal",
        "{where}: labels must be two texts, one for each end of the scale",
    ),
    "form_signifier_bounds": (
        "{where}: min en max horen niet bij {type} (dat is 0–100)",
        "{where}: min and max do not go with {type} (it is 0–100)",
    ),
    "form_signifier_labels": (
        "{where}: labels horen niet bij {type}; gebruik anchors",
        "{where}: labels do not go with {type}; use anchors",
    ),
    "form_group_question": (
        "{source}: group_question '{group}' moet een keuzevraag (single) over de verteller zijn",
        "{source}: group_question '{group}' must name a single-choice storyteller question",
    ),
    "form_bad_yaml": ("{where}: geen geldige YAML ({why})", "{where}: not valid YAML ({why})"),
}
