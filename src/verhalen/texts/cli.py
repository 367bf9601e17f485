"""Texts of the command line (verhalen/cli/): command output, prompts and errors."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # shared: parameter errors and table columns
    "cli_nl_or_en": ("nl of en", "nl or en"),
    # usage errors (cli/usage.py)
    "usage_line": ("{what}; zie '{help}'", "{what}; see '{help}'"),
    "usage_no_such_option": ("onbekende optie {name}", "no such option {name}"),
    "usage_did_you_mean": (" (bedoel je {names}?)", " (did you mean {names}?)"),
    "usage_no_such_command": ("onbekende opdracht '{name}'", "no such command '{name}'"),
    "usage_missing": ("{name} ontbreekt", "{name} is missing"),
    "usage_bad_value": ("ongeldige waarde voor {name}: {why}", "invalid value for {name}: {why}"),
    "usage_not_a_number": ("'{value}' is geen getal", "'{value}' is not a number"),
    "usage_not_one_of": (
        "'{value}' is geen van {choices}",
        "'{value}' is none of {choices}",
    ),
    "cli_a4_or_a3": ("a4 of a3", "a4 or a3"),
    "cli_col_when": ("wanneer", "when"),
    "cli_col_who": ("wie", "who"),
    "cli_col_what": ("wat", "what"),
    "cli_col_target": ("waarop", "target"),
    "cli_col_story": ("verhaal", "story"),
    "cli_col_stories": ("verhalen", "stories"),
    "cli_col_reason": ("reden", "reason"),
    "cli_col_title": ("titel", "title"),
    "cli_col_storyteller": ("verteller", "storyteller"),
    "cli_col_group": ("groep", "group"),
    "cli_col_session": ("sessie", "session"),
    "cli_col_words": ("woorden", "words"),
    "cli_col_perspective": ("perspectief", "perspective"),
    "cli_col_perspectives": ("perspectieven", "perspectives"),
    "cli_col_key_phrases": ("kernzinnen", "key phrases"),
    "cli_col_stability": ("stabiliteit", "stability"),
    "cli_col_nowhere": ("nergens", "nowhere"),
    "cli_col_question": ("vraag", "question"),
    "cli_col_type": ("soort", "type"),
    "cli_col_answers": ("antwoorden", "answers"),
    "cli_col_variables": ("variabelen", "variables"),
    "cli_col_test": ("toets", "test"),
    "cli_col_total": ("totaal", "total"),
    "cli_col_mean": ("gemiddeld", "mean"),
    "cli_col_median": ("mediaan", "median"),
    "cli_col_missing": ("zonder waarde", "missing"),
    # anonymize
    "cli_anonymize_progress": ("pseudonimiseren", "pseudonymising"),
    "cli_anonymize_deduce": ("deduce (zonder Frog)", "deduce (without Frog)"),
    "cli_anonymize_none": ("geen", "none"),
    "cli_anonymize_done": (
        "{changed} van {stories} verhalen gepseudonimiseerd ({replacements} vervangingen; "
        "{kinds}); namen herkend met {engine}",
        "{changed} of {stories} stories pseudonymised ({replacements} replacements; "
        "{kinds}); names recognised with {engine}",
    ),
    "cli_anonymize_kept": (
        "Blijven staan ([privacy] replace in verhalen.toml): {kept}",
        "Left in place ([privacy] replace in verhalen.toml): {kept}",
    ),
    "cli_anonymize_review": (
        "Controleer de vervangingen in {path} en pas ze toe met "
        "'verhalen anonymize --review {name}'",
        "Review the replacements in {path} and apply them with "
        "'verhalen anonymize --review {name}'",
    ),
    # cluster
    "cli_cluster_progress": ("perspectieven zoeken", "clustering"),
    "cli_cluster_done": (
        "run {run_id}: {found}, {share:.0%} past nergens bij",
        "run {run_id}: {found}, {share:.0%} fit nowhere",
    ),
    "cli_cluster_runner_up": (
        " (het aantal met de duidelijkste groepen; daarna {runner_up})",
        " (the number with the clearest groups; next best {runner_up})",
    ),
    "cli_cluster_too_short": (
        ", {short} te kort om te groeperen",
        ", {short} too short to group",
    ),
    "cli_perspective_proposal": (
        "(voorstel; geef een eigen naam met verhalen perspectives rename {number} ...)",
        "(proposal; name it with verhalen perspectives rename {number} ...)",
    ),
    "cli_perspective_model_proposal": (
        "voorstel van het model: {label}",
        "the model's proposal: {label}",
    ),
    "cli_perspective_phrases": ("kernzinnen: {phrases}", "key phrases: {phrases}"),
    "cli_perspective_terms": ("kernwoorden: {terms}", "key terms: {terms}"),
    "cli_perspective_stories": ("verhalen: {stories}", "stories: {stories}"),
    "cli_perspective_stability": (" · stabiliteit {stability}", " · stability {stability}"),
    "cli_perspective_told_by": ("verteld door: {groups}", "told by: {groups}"),
    "cli_perspective_now_in": ("(nu in perspectief {where})", "(now in perspective {where})"),
    "cli_perspective_exemplars": ("Voorbeeldverhalen", "Exemplar stories"),
    # demo
    "cli_demo_created": ("Voorbeeldproject gemaakt in ", "Example project created in "),
    "cli_demo_ingested": ("ingelezen: {stored} verhalen", "ingested: {stored} stories"),
    "cli_demo_answers": (
        "antwoorden: {changed} uit antwoorden.xlsx",
        "answers: {changed} from antwoorden.xlsx",
    ),
    "cli_demo_pseudonymised": (
        "gepseudonimiseerd: {stories}, {replacements} vervangingen (controleer {name})",
        "pseudonymised: {stories}, {replacements} replacements (review {name})",
    ),
    "cli_demo_perspectives": (
        "perspectieven: {found} kandidaten, {share:.0%} past nergens bij",
        "perspectives: {found} candidates, {share:.0%} fit nowhere",
    ),
    "cli_demo_report": ("rapport: {path}", "report: {path}"),
    "cli_demo_next": ("Verder:", "Next:"),
    "cli_demo_step_list": ("verhalen stories list --group ambtenaar", "verhalen stories list"),
    # doctor (the severity words; `_one` for a single finding)
    "cli_doctor_all_well": (
        "Alles in orde: geen problemen gevonden.",
        "All is well: no problems found.",
    ),
    "cli_doctor_error": ("fouten", "errors"),
    "cli_doctor_error_one": ("fout", "error"),
    "cli_doctor_warning": ("waarschuwingen", "warnings"),
    "cli_doctor_warning_one": ("waarschuwing", "warning"),
    "cli_doctor_info": ("opmerkingen", "notes"),
    "cli_doctor_info_one": ("opmerking", "note"),
    # form (question types by their id in storyform.yaml)
    "cli_type_single": ("één keuze", "single choice"),
    "cli_type_multiple": ("meer keuzes", "multiple choice"),
    "cli_type_scale": ("schaal", "scale"),
    "cli_type_boolean": ("ja/nee", "yes/no"),
    "cli_type_number": ("getal", "number"),
    "cli_type_text": ("vrije tekst", "free text"),
    "cli_type_triad": ("driehoek", "triad"),
    "cli_type_dyad": ("dyade (schuif)", "dyad (slider)"),
    "cli_type_stones": ("stenen", "stones"),
    "cli_form_missing": (
        "{path} ontbreekt; maak een nieuw formulier met: verhalen form new (of uit een "
        "NarraFirma-formulier: verhalen form from-narrafirma FORMULIER.csv)",
        "{path} is missing; make a new one with: verhalen form new (or from a "
        "NarraFirma form: verhalen form from-narrafirma FORM.csv)",
    ),
    "cli_form_no_questions": (
        "{name} heeft geen vragen: verhalen kan geen antwoorden lezen (uit "
        "tabelkolommen of met verhalen tag import) tot er vragen in staan; een begin: "
        "verhalen form new",
        "{name} has no questions: verhalen cannot read answers (from table "
        "columns or with verhalen tag import) until questions are added; to start: "
        "verhalen form new",
    ),
    "cli_form_triad_answers": (" (3 delen, samen 100; of nvt)", " (3 shares, sum 100; or n/a)"),
    "cli_form_or_na": ("; of nvt", "; or n/a"),
    "cli_form_group": (" (groep)", " (group)"),
    "cli_form_valid": (
        "{name} is in orde: {questions} vragen",
        "{name} is valid: {questions} questions",
    ),
    "cli_form_has_questions": (
        "{target} heeft al vragen; --force vervangt het",
        "{target} has questions already; use --force to replace it",
    ),
    "cli_form_new_done": (
        "{target}: {questions} vragen uit het sjabloon '{template}'; pas ze aan voor dit "
        "project (verhalen form show toont ze)",
        "{target}: {questions} questions from the template '{template}'; adapt them to "
        "this project (verhalen form show lists them)",
    ),
    "cli_form_questions": ("{target}: {questions} vragen", "{target}: {questions} questions"),
    "cli_form_sensemaker_done": (
        "{target}: {questions} vragen ({made}); het verhaal is '{story}'",
        "{target}: {questions} questions ({made}); the story is '{story}'",
    ),
    "cli_form_sensemaker_title": (", de titel '{title}'", ", the title '{title}'"),
    # ingest, init
    "cli_ingest_map_item": ("'{item}': gebruik veld=Kolom", "'{item}': use field=Column"),
    "cli_init_hint": (
        "Pas storyform.yaml aan en lees verhalen in met: verhalen ingest MAP",
        "Edit storyform.yaml, then read stories with: verhalen ingest FOLDER",
    ),
    # patterns (test names by their id)
    "cli_test_chi2": ("chi²", "chi²"),
    "cli_test_fisher": ("Fisher", "Fisher"),
    "cli_test_mannwhitney": ("Mann-Whitney", "Mann-Whitney"),
    "cli_test_kruskal": ("Kruskal-Wallis", "Kruskal-Wallis"),
    "cli_test_spearman": ("Spearman", "Spearman"),
    "cli_test_describe": ("beschrijving", "description"),
    "cli_test_none": ("niet getoetst", "not tested"),
    "cli_patterns_none": (
        "geen patronen met q < {alpha}; 'verhalen patterns --all' toont alles",
        "no patterns with q < {alpha}; 'verhalen patterns --all' shows everything",
    ),
    "cli_patterns_hold": (
        "{significant} van {tested} toetsen blijven overeind (q < {alpha})",
        "{significant} of {tested} tests hold (q < {alpha})",
    ),
    "cli_patterns_left_out": (
        "buiten de toets (te weinig verhalen): {left}",
        "left out of the test (too few stories): {left}",
    ),
    "cli_patterns_monte_carlo": (
        "Monte Carlo ({samples} trekkingen)",
        "Monte Carlo ({samples} samples)",
    ),
    "cli_patterns_observed": ("waargenomen", "observed"),
    "cli_patterns_expected": ("verwacht", "expected"),
    "cli_patterns_residual": (
        "gecorrigeerd residu (voorbij ±2 valt op)",
        "adjusted residual (beyond ±2 stands out)",
    ),
    # status
    "cli_status_words": (
        "{words} (mediaan {median} per verhaal)",
        "{words} (median {median} per story)",
    ),
    "cli_status_per_session": ("per sessie", "per session"),
    "cli_status_no_session": ("geen sessie", "no session"),
    "cli_status_formats": ("formaten", "formats"),
    "cli_status_languages": ("talen", "languages"),
    "cli_status_not_detected": ("nog niet bepaald", "not detected yet"),
    "cli_status_to_review": ("te bekijken", "to review"),
    "cli_status_duplicates": (
        "{flagged} mogelijk dubbele verhalen (verhalen stories list --flagged)",
        "{flagged} possible duplicates (verhalen stories list --flagged)",
    ),
    "cli_status_clustering": ("groeperen", "clustering"),
    "cli_status_too_short": (
        "te kort om te groeperen: {too_short} (minder dan {min_words} "
        "echte woorden; [cluster] min_words)",
        "too short to group: {too_short} (fewer than {min_words} real words; [cluster] min_words)",
    ),
    "cli_status_privacy": (
        "{replacements} vervangingen in {changed} verhalen, "
        "{unreviewed} nog niet gecontroleerd ({command})",
        "{replacements} replacements in {changed} stories, "
        "{unreviewed} not yet reviewed ({command})",
    ),
    "cli_status_excluded_label": ("uitgesloten", "excluded"),
    "cli_status_excluded": (
        "{excluded} uitgesloten van de analyse, niet meegeteld (verhalen stories list --excluded)",
        "{excluded} excluded from the analysis, not counted (verhalen stories list --excluded)",
    ),
    # stories
    "cli_stories_excluded_reason": ("uitgesloten (reden)", "excluded (reason)"),
    "cli_stories_of_them_excluded": (", {shown} uitgesloten", ", {shown} excluded"),
    "cli_stories_untitled": ("(zonder titel)", "(untitled)"),
    "cli_stories_unknown": ("onbekend", "unknown"),
    "cli_stories_teller": ("verteller: {teller}", "storyteller: {teller}"),
    "cli_stories_source": ("bron: {path}:{location}", "source: {path}:{location}"),
    "cli_stories_excluded_note": (
        "uitgesloten van de analyse: {reason} (verhalen stories include {id} neemt het weer op)",
        "excluded from the analysis: {reason} (verhalen stories include {id} takes it back)",
    ),
    "cli_stories_resembles": (
        "lijkt op verhaal {other} ({score:.0%} overlap)",
        "resembles story {other} ({score:.0%} overlap)",
    ),
    "cli_stories_excluded_now": (
        "{stories} uitgesloten van de analyse",
        "{stories} excluded from the analysis",
    ),
    "cli_stories_new_reason": ("al uitgesloten, nieuwe reden", "already excluded, new reason"),
    "cli_stories_same_reason": (
        "al uitgesloten om deze reden",
        "already excluded for this reason",
    ),
    "cli_stories_cluster_again": (
        "voer 'verhalen cluster' opnieuw uit voor perspectieven zonder deze verhalen; rapport"
        ", patronen en workshop laten ze nu al weg",
        "run 'verhalen cluster' again for perspectives without these stories; the "
        "report, patterns and workshop leave them out already",
    ),
    "cli_stories_included": (
        "{stories} weer opgenomen in de analyse",
        "{stories} included in the analysis again",
    ),
    "cli_stories_not_excluded": (
        "verhaal {sid} was niet uitgesloten; niets veranderd",
        "story {sid} was not excluded; nothing changed",
    ),
    "cli_stories_no_history": (
        "nog geen verhalen uitgesloten of weer opgenomen",
        "no stories excluded or included yet",
    ),
    "cli_action_exclude": ("uitgesloten", "excluded"),
    "cli_action_include": ("opgenomen", "included"),
    # tag
    "cli_tag_rejected": ("{problems}; niets ingelezen", "{problems}; nothing imported"),
    "cli_tag_imported": (
        "{rows} rijen: {changed} antwoorden gezet, {unchanged} waren al zo",
        "{rows} rows: {changed} answers set, {unchanged} already were",
    ),
    "cli_tag_progress": ("kenmerken", "tagging"),
    "cli_tag_auto_done": (
        "{stories} gekenmerkt (talen: {langs})",
        "{stories} tagged (languages: {langs})",
    ),
    "cli_tag_unanswered": ("{missing} zonder antwoord", "{missing} unanswered"),
    "cli_tag_answered": (
        "({id}; {answered} antwoorden, {missing})",
        "({id}; {answered} answers, {missing})",
    ),
    "cli_tag_mean": ("{name}: gemiddeld {mean}", "{name}: mean {mean}"),
    "cli_tag_not_applicable": ("nvt: {count}", "n/a: {count}"),
    "cli_tag_numbers": (
        "gemiddeld {mean} · mediaan {median} · sd {sd}",
        "mean {mean} · median {median} · sd {sd}",
    ),
    # workshop
    "cli_workshop_cards_file": ("verhaalkaarten.pdf", "story-cards.pdf"),
    "cli_workshop_sheets_file": ("perspectiefbladen.pdf", "perspective-sheets.pdf"),
    "cli_workshop_renamed": ("hernoemd: {renamed} perspectieven", "renamed: {renamed}"),
    "cli_workshop_described": ("beschreven: {described}", "described: {described}"),
    "cli_workshop_observations": (
        "waarnemingen: {observations}",
        "observations: {observations}",
    ),
    "cli_workshop_interpretations": (
        "interpretaties: {interpretations}",
        "interpretations: {interpretations}",
    ),
    "cli_workshop_proposals": ("verandervoorstellen: {proposals}", "change proposals: {proposals}"),
    "cli_workshop_placements": (
        "plaatsingen op landschappen: {placements}",
        "placements: {placements}",
    ),
    "cli_workshop_unchanged": ("al bekend: {unchanged}", "already known: {unchanged}"),
}
