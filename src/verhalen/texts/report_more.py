"""Texts of the catalysis report: patterns, observations, landscapes, appendix, spreadsheet,
signifiers, data integrity and progress."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # patterns
    "patterns": ("Patronen", "Patterns"),
    "patterns_intro": (
        "De opvallende patronen, sterkste eerst. Bij elk patroon staan een zin, een grafiek en "
        "de cijfers van de toets. Het id (grijs) gebruik je in catalyse.yaml.",
        "The notable patterns, strongest first. Each has a sentence, a chart and the numbers "
        "of its test. Use the id (grey) in catalyse.yaml.",
    ),
    "patterns_none": (
        "Geen enkel verband is opvallend na correctie voor het aantal toetsen. Met meer "
        "verhalen kan dat veranderen.",
        "No relation is notable after correcting for the number of tests. With more stories "
        "that may change.",
    ),
    "pattern_heading": ("{a} en {b}", "{a} and {b}"),
    "pattern_more": ("Meer opvallende patronen", "More notable patterns"),
    "pattern_more_intro": (
        "Deze patronen zijn ook opvallend; hun grafieken en tabellen staan in het XLSX-bestand.",
        "These patterns are notable too; their charts and tables are in the XLSX file.",
    ),
    "pattern_rest": (
        "Verder zijn {tested} verbanden getoetst zonder duidelijk verband, en hadden {untested} "
        "paren te weinig verhalen per groep om te toetsen. Alle cijfers staan op het blad "
        "'{sheet}' van het XLSX-bestand.",
        "Further, {tested} relations were tested without a clear result, and {untested} pairs "
        "had too few stories per group to test. Every number is on the sheet '{sheet}' of the "
        "XLSX file.",
    ),
    "answers_overview": ("De antwoorden op een rij", "The answers at a glance"),
    "left_out": (
        "Niet getoetst (minder dan {min} verhalen): {list}.",
        "Not tested (fewer than {min} stories): {list}.",
    ),
    "test_chi2": ("χ²-toets", "χ² test"),
    "test_fisher": ("exacte toets van Fisher", "Fisher's exact test"),
    "test_mannwhitney": ("Mann-Whitney-toets", "Mann-Whitney test"),
    "test_kruskal": ("Kruskal-Wallis-toets", "Kruskal-Wallis test"),
    "test_spearman": ("Spearman-correlatie", "Spearman correlation"),
    "test_describe": ("beschrijving", "description"),
    "test_none": ("niet getoetst", "not tested"),
    "percent_chosen": (
        "% verhalen met '{option}' bij {topic}",
        "% of stories with '{option}' for {topic}",
    ),
    "percent_yes": ("% verhalen met {label} = {yes}", "% of stories with {label} = {yes}"),
    "col_rank": ("#", "#"),
    "col_pattern": ("patroon", "pattern"),
    "col_sentence": ("zin", "sentence"),
    "col_q": ("gecorr. p", "corr. p"),
    "col_effect": ("effect", "effect"),
    # observations
    "observations": ("Waarnemingen en interpretaties", "Observations and interpretations"),
    "proposals": ("Verandervoorstellen", "Change proposals"),
    "proposals_intro": (
        "Wat de deelnemers aan de duidingsbijeenkomst voorstellen te veranderen, per perspectief.",
        "What the participants of the sensemaking workshop propose to change, per perspective.",
    ),
    # the group's landscapes (workshop placements; report/landscape_chapter.py)
    "landscapes": ("Landschappen van de bijeenkomst", "Landscapes from the workshop"),
    "land_intro": (
        "Waar de deelnemers aan de duidingsbijeenkomst de verhalen op een landschap legden, naast "
        "waar de vertellers ze zelf plaatsten met hun antwoorden. Waar de groep een verhaal "
        "verschuift, ziet ze het anders dan de verteller: een aanknopingspunt voor het gesprek.",
        "Where the participants of the sensemaking workshop laid the stories on a landscape, "
        "beside where the storytellers placed them with their own answers. Where the group moves "
        "a story, it sees it differently from its teller: a starting point for conversation.",
    ),
    "land_line": (
        "{group} legde {stories} op het landschap {landscape}; {own} daarvan hebben eigen "
        "antwoorden van de verteller.",
        "{group} laid {stories} on the landscape {landscape}; {own} of them have the teller's own "
        "answers.",
    ),
    "land_group": ("De groep", "The group"),
    "land_table_name": ("Tafel {table}", "Table {table}"),
    "land_placed_group": ("Zoals de groep ze legde", "As the group placed them"),
    "land_own": ("Volgens de vertellers", "As the storytellers answered"),
    "land_placed": ("Zoals {group} ze legde", "As {group} placed them"),  # {group}: Tafel A
    "land_caption": (
        "Links de eigen antwoorden van de vertellers, rechts waar de groep dezelfde verhalen "
        "legde; het getal bij een punt is het verhaalnummer.",
        "Left the storytellers' own answers, right where the group placed the same stories; the "
        "number by a dot is the story number.",
    ),
    "land_moved": (
        "Gemiddeld verschoof de groep een verhaal {mean} % van de breedte van het landschap.",
        "On average the group moved a story {mean} % of the landscape's width.",
    ),
    "land_table": ("Per verhaal", "Per story"),
    "land_title": ("titel", "title"),
    "land_own_col": ("verteller", "storyteller"),
    "land_group_col": ("groep", "group"),
    "land_shift": ("verschil (%)", "moved (%)"),
    "land_skipped": (
        "Niet getoond, want het formulier heeft deze vragen niet meer: {landscapes}.",
        "Not shown, as the form no longer has these questions: {landscapes}.",
    ),
    "observations_intro": (
        "Bij elke waarneming staan interpretaties die elkaar tegenspreken ('dit kan betekenen "
        "dat …, maar ook dat …'). Ze zijn een begin voor het gesprek, geen uitkomst.",
        "Each observation has interpretations that compete ('this may mean that …, but also "
        "that …'). They are a start for the conversation, not an outcome.",
    ),
    "observations_none": (
        "Er zijn nog geen waarnemingen vastgelegd. Schrijf ze in catalyse.yaml in de projectmap; "
        "'verhalen report --init-catalysis' maakt een begin met de ids van dit project.",
        "No observations have been written yet. Write them in catalyse.yaml in the project "
        "folder; 'verhalen report --init-catalysis' starts one with this project's ids.",
    ),
    "observation": ("Waarneming {n}", "Observation {n}"),
    "based_on": ("Bij de patronen", "Based on the patterns"),
    "interpretations": ("Mogelijke interpretaties", "Possible interpretations"),
    "interpretations_none": ("Nog geen interpretaties.", "No interpretations yet."),
    "by_perspective": ("Interpretaties per perspectief", "Interpretations by perspective"),
    "new_perspective": ("Nieuw perspectief: {name}", "New perspective: {name}"),
    "no_perspective": ("Zonder perspectief", "Without a perspective"),
    "from_observation": ("(waarneming {n})", "(observation {n})"),
    # appendix
    "appendix": ("Bijlage: alle verhalen", "Appendix: all stories"),
    "appendix_intro": (
        "Alle verhalen per perspectief, in de gepseudonimiseerde versie, met de antwoorden van "
        "de vertellers.",
        "All stories by perspective, in their pseudonymised version, with the storytellers' "
        "answers.",
    ),
    "appendix_all": ("Alle verhalen", "All stories"),
    "appendix_some": (
        "Bijlage: de meest kenmerkende verhalen",
        "Appendix: the most typical stories",
    ),
    "appendix_some_intro": (
        "Het project heeft {total} verhalen, te veel om af te drukken. Hier staan er {shown}: per "
        "perspectief de meest kenmerkende, naar verhouding van zijn grootte, in de "
        "gepseudonimiseerde versie en met de antwoorden van de vertellers. Alle verhalen staan in "
        "de spreadsheet, op het blad '{sheet}'. (Meer of minder: appendix_limit onder [report] "
        "in verhalen.toml.)",
        "The project has {total} stories, too many to print. Here are {shown}: for each "
        "perspective the most typical, in proportion to its size, in their pseudonymised version "
        "and with the storytellers' answers. All stories are in the spreadsheet, on the sheet "
        "'{sheet}'. (More or fewer: appendix_limit under [report] in verhalen.toml.)",
    ),
    "not_in_run": (
        "Niet ingedeeld (toegevoegd na het groeperen)",
        "Not grouped (added after clustering)",
    ),
    # spreadsheet
    "sheet_stories": ("verhalen", "stories"),
    "sheet_storytellers": ("vertellers", "storytellers"),
    "sheet_perspectives": ("perspectieven", "perspectives"),
    "sheet_patterns": ("patronen", "patterns"),
    "sheet_tables": ("tabellen", "tables"),
    "sheet_observations": ("waarnemingen", "observations"),
    "sheet_config": ("configuratie", "configuration"),
    "h_id": ("id", "id"),
    "h_title": ("titel", "title"),
    "h_text": ("tekst", "text"),
    "h_storyteller": ("verteller", "storyteller"),
    "h_group": ("groep", "group"),
    "h_session": ("sessie", "session"),
    "h_perspective": ("perspectief", "perspective"),
    "h_perspective_title": ("perspectief (titel)", "perspective (title)"),
    "h_language": ("taal", "language"),
    "h_words": ("woorden", "words"),
    "h_reading": ("leestijd (min)", "reading time (min)"),
    "h_key_terms": ("kernwoorden", "key terms"),
    "h_stories": ("verhalen", "stories"),
    "h_perspectives": ("perspectieven", "perspectives"),
    "h_number": ("nummer", "number"),
    "h_label": ("naam (voorstel van het model)", "name (the model's proposal)"),
    "h_phrases": ("kernzinnen", "key phrases"),
    "h_summary": ("samenvatting (verhaal: zin)", "summary (story: sentence)"),
    "h_near_miss": ("verhaal dat er bijna bij hoort", "story that almost belongs"),
    "h_description": ("beschrijving", "description"),
    "h_share": ("aandeel", "share"),
    "h_storytellers": ("vertellers", "storytellers"),
    "h_stability": ("stabiliteit", "stability"),
    "h_stability_word": ("stabiliteit in woorden", "stability in words"),
    "h_exemplars": ("voorbeeldverhalen", "example stories"),
    "h_origin": ("herkomst", "origin"),
    "h_rank": ("rang", "rank"),
    "h_variable_a": ("variabele A", "variable A"),
    "h_variable_b": ("variabele B", "variable B"),
    "h_test": ("toets", "test"),
    "h_statistic": ("toetsgrootheid", "statistic"),
    "h_p": ("p", "p"),
    "h_q": ("gecorrigeerde p (BH)", "corrected p (BH)"),
    "h_effect_name": ("effectmaat", "effect size measure"),
    "h_effect": ("effectgrootte", "effect size"),
    "h_n": ("n", "n"),
    "h_significant": ("opvallend", "notable"),
    "h_sentence": ("zin", "sentence"),
    "h_observation": ("waarneming", "observation"),
    "h_patterns": ("patronen", "patterns"),
    "h_interpretation": ("interpretatie", "interpretation"),
    "h_setting": ("instelling", "setting"),
    "h_value": ("waarde", "value"),
    "h_total": ("totaal", "total"),
    "h_residuals": (
        "Links van elke tabel de aantallen, rechts de aangepaste residuen (res.): buiten ±2 wijkt "
        "een cel duidelijk af van wat toeval zou geven.",
        "Left of each table the counts, right the adjusted residuals (res.): beyond ±2 a cell "
        "differs clearly from what chance would give.",
    ),
    "h_residual": ("res.", "res."),
    "stability_word_robust": ("stevig", "robust"),
    "stability_word_fair": ("redelijk", "fair"),
    "stability_word_shaky": ("wankel", "shaky"),
    "cfg_project": ("project", "project"),
    "cfg_date": ("stand van de verhalen", "stories as of"),
    "cfg_language": ("taal van het rapport", "report language"),
    "cfg_alpha": ("drempel gecorrigeerde p", "threshold corrected p"),
    "cfg_min_effect": ("kleinste effectgrootte", "smallest effect size"),
    "cfg_run": ("run", "run"),
    "cfg_run_date": ("run gemaakt op", "run made on"),
    "cfg_embedder": ("embeddings", "embedder"),
    "cfg_seed": ("startgetal (seed)", "seed"),
    "cfg_unassigned": ("past nergens bij (aandeel)", "fits nowhere (share)"),
    "cfg_too_short": ("te kort om te groeperen (verhalen)", "too short to group (stories)"),
    "sheet_excluded": ("uitgesloten", "excluded"),
    "h_reason": ("reden", "reason"),
    "h_when": ("wanneer", "when"),
    "cfg_catalysis": ("catalysebestand", "catalysis file"),
    "cfg_none": ("geen", "none"),
    # signifiers and scales (signifier_chapter.py)
    "signifiers": ("Betekenisgevers en schalen", "Signifiers and scales"),
    "sig_intro": (
        "Hier staat hoe de vertellers hun eigen verhalen duidden: waar ze een verhaal in een "
        "driehoek, op een lijn of op een veld plaatsten, en hoe hun antwoorden op de schalen "
        "samenhangen. Elke stip is een verhaal.",
        "How the storytellers gave meaning to their own stories: where they placed a story in "
        "a triangle, on a line or on a canvas, and how their answers on the scales go together. "
        "Each dot is a story.",
    ),
    "sig_triads": ("Driehoeken (triaden)", "Triads"),
    "sig_triads_intro": (
        "Bij een driehoek verdeelt de verteller 100 punten over drie hoeken: hoe dichter een "
        "stip bij een hoek, hoe meer die hoek woog. De stippellijnen scheiden de zeven zones: "
        "de hoeken (één aandeel van 60 of meer), de randen (het kleinste aandeel onder 20) en "
        "het midden.",
        "In a triad the storyteller shares 100 points among three corners: the closer a dot is "
        "to a corner, the more that corner weighed. The dashed lines divide the seven zones: "
        "the corners (one share of 60 or more), the edges (the smallest share below 20) and "
        "the centre.",
    ),
    "sig_placed": (
        "{placed} plaatsten een stip; {na} niet van toepassing, {missing} zonder antwoord.",
        "{placed} placed a dot; {na} not applicable, {missing} without an answer.",
    ),
    "sig_zones": ("Per zone: {list}.", "Per zone: {list}."),
    "sig_by_group": ("Gekleurd naar groep", "Coloured by group"),
    "sig_by_perspective": ("Gekleurd naar perspectief", "Coloured by perspective"),
    "sig_group_legend": ("Groep", "Group"),
    "sig_perspective_legend": ("Perspectief", "Perspective"),
    "sig_mean_shares": (
        "Gemiddeld aandeel van elke hoek (in punten van 100).",
        "Mean share of each corner (in points of 100).",
    ),
    "sig_col_who": ("Wie", "Who"),
    "sig_kruskal_row": ("Kruskal–Wallis tussen groepen", "Kruskal–Wallis between groups"),
    "sig_kruskal_note": (
        "Per aandeel een Kruskal–Wallis-toets tussen de groepen met minstens {min} antwoorden. "
        "De drie aandelen tellen op tot 100 en hangen dus samen: lees de drie toetsen als één "
        "vraag. De p-waarden zijn niet gecorrigeerd voor de vele toetsen (de patronen wel).",
        "A Kruskal–Wallis test per share between the groups with at least {min} answers. The "
        "three shares add up to 100 and so depend on each other: read the three tests as one "
        "question. The p-values are not corrected for the many tests (the patterns are).",
    ),
    "sig_dyads": ("Schuiven (dyaden)", "Dyads"),
    "sig_dyads_intro": (
        "Bij een dyade zet de verteller een stip op een lijn tussen twee uitersten (0 tot 100). "
        "De balken tonen welk deel van de verhalen waar op de lijn staat, de oranje lijn de "
        "mediaan.",
        "In a dyad the storyteller places a dot on a line between two extremes (0 to 100). The "
        "bars show which share of the stories sits where on the line, the orange line the "
        "median.",
    ),
    "sig_stones": ("Stenen", "Stones"),
    "sig_stones_intro": (
        "Bij stenen legt de verteller elke steen op een veld met twee assen (0 tot 100). Een "
        "grotere stip: meer verhalen op dezelfde plek.",
        "With stones the storyteller puts each stone on a canvas with two axes (0 to 100). A "
        "larger dot: more stories at the same spot.",
    ),
    "sig_stones_placed": ("Geplaatst: {list}.", "Placed: {list}."),
    "sig_scales": ("Schalen samen", "Scales together"),
    "sig_scales_intro": (
        "De schalen en dyaden, elk omgerekend naar 0 tot 100: {list}.",
        "The scales and dyads, each rescaled to 0 to 100: {list}.",
    ),
    "sig_corr_map": ("Samenhang van alle schalen", "How all scales go together"),
    "sig_corr_caption": (
        "Spearmans ρ per paar, over de verhalen die beide beantwoordden; blauw: samen hoog of "
        "laag, rood: de een hoog als de ander laag. Leeg: minder dan {min} verhalen of geen "
        "variatie.",
        "Spearman's ρ per pair, over the stories that answered both; blue: high or low "
        "together, red: one high when the other is low. Empty: fewer than {min} stories or no "
        "variation.",
    ),
    "sig_strongest": ("Het sterkste paar", "The strongest pair"),
    "sig_strongest_line": (
        "'{a}' en '{b}' hangen het sterkst samen: ρ = {rho}, p {p}, n = {n} (niet "
        "gecorrigeerd voor de vele paren).",
        "'{a}' and '{b}' go together most strongly: ρ = {rho}, p {p}, n = {n} (not corrected "
        "for the many pairs).",
    ),
    "sig_histograms": ("Schalen per groep", "Scales per group"),
    "sig_histograms_one": ("Verdeling per schaal", "Each scale's distribution"),
    # data integrity
    "integrity": ("Datakwaliteit", "Data integrity"),
    "integrity_intro": (
        "Hoe volledig de antwoorden zijn, en of vertellers de schalen echt gebruikten. Een "
        "vraag die weinigen beantwoordden, of vertellers die overal hetzelfde kozen, maken "
        "patronen minder betrouwbaar.",
        "How complete the answers are, and whether storytellers really used the scales. A "
        "question few answered, or storytellers who chose the same everywhere, make patterns "
        "less reliable.",
    ),
    "integrity_answered": ("Beantwoord per vraag", "Answered per question"),
    "integrity_answered_note": (
        "Van de {stories}; een antwoord van de verteller over zichzelf telt bij elk verhaal "
        "van die verteller.",
        "Of the {stories}; a storyteller's answer about themselves counts with each of their "
        "stories.",
    ),
    "col_question": ("Vraag", "Question"),
    "col_answered": ("Beantwoord", "Answered"),
    "col_answered_share": ("Aandeel", "Share"),
    "col_na": ("Niet van toepassing", "Not applicable"),
    "col_missing": ("Geen antwoord", "No answer"),
    "integrity_tellers": ("Vertellers op de schalen", "Storytellers on the scales"),
    "integrity_tellers_intro": (
        "Gemiddelde en spreiding (standaardafwijking) van de antwoorden van elke verteller op "
        "de {scales}, omgerekend naar 0 tot 100{stories}. Een spreiding van 0 bij {min} of "
        "meer antwoorden: de verteller koos overal hetzelfde.",
        "Mean and spread (standard deviation) of each storyteller's answers on the {scales}, "
        "rescaled to 0 to 100{stories}. A spread of 0 over {min} or more answers: the "
        "storyteller chose the same everywhere.",
    ),
    "integrity_own": (
        "; een verhaal zonder bekende verteller telt als eigen verteller",
        "; a story without a known storyteller counts as a storyteller of its own",
    ),
    "integrity_means": ("Gemiddelde per verteller", "Mean per storyteller"),
    "integrity_sds": ("Spreiding per verteller", "Spread per storyteller"),
    "integrity_same": (
        "Altijd hetzelfde antwoord ({n}):",
        "Always the same answer ({n}):",
    ),
    "integrity_same_none": (
        "Geen verteller gaf bij {min} of meer antwoorden op de schalen steeds hetzelfde.",
        "No storyteller gave the same answer on the scales every time over {min} or more answers.",
    ),
    "integrity_all_tellers": ("Alle vertellers", "All storytellers"),
    "integrity_sheet_note": (
        "Elke verteller staat met gemiddelde en spreiding in het werkblad '{sheet}'.",
        "Every storyteller's mean and spread is in the sheet '{sheet}'.",
    ),
    "col_storyteller": ("Verteller", "Storyteller"),
    "col_stories": ("Verhalen", "Stories"),
    "col_answers": ("Antwoorden", "Answers"),
    "col_mean": ("Gemiddelde", "Mean"),
    "col_sd": ("Spreiding", "Spread"),
    "col_value": ("Steeds", "Always"),
    "respondent_story": ("verhaal {id}", "story {id}"),
    "scales_word": ("schalen", "scales"),
    "sheet_signifiers": ("betekenisgevers", "signifiers"),
    "sheet_integrity": ("datakwaliteit", "data integrity"),
    "sheet_spread": ("vertellers op de schalen", "storytellers on the scales"),
    "h_always_same": ("altijd hetzelfde", "always the same"),
    # progress
    "progress": ("rapport maken", "making the report"),
}
