"""Broken input → the exact German diagnostic: code, line, column, message and hint.

Each case is a small agreement with one mistake (or several, to show they are
reported together), checked through the public API as `zieldsl check` checks it.
The layout of `doc()` is fixed so positions read easily: the framework statement
is line 5, `ziel 1` is line 6, the target's own lines start at line 7.
"""

from __future__ import annotations

import pytest

from zieldsl.api import check_text
from zieldsl.diagnostics import ZielError

HEAD = """vereinbarung probe_2026 "Probe" {
    träger "Landkreis Probe" kennung "00000"
    zieljahr 2026
    vergleichsjahr 2025
"""

TWO_TARGETS = HEAD + """
    ziel 1 integration "Integration" {
        K2 steigt um 5,8 %

    ziel 2 langzeit "Langzeitleistungsbezug" {
        K3 sinkt um 2,3 %
    }
}
"""


def doc(*body: str, framework: str = "") -> str:
    """An agreement with `framework` on line 5 and `body` as the lines of target 1 from line 7."""
    lines = [framework and "    " + framework, '    ziel 1 integration "Integration" {']
    lines += ["        " + line for line in body]
    lines += ["    }", "}"]
    return HEAD + "\n".join(lines) + "\n"


def diagnostics(text: str, name: str = "fall.ziel"):
    """Errors and warnings as `zieldsl check` reports them."""
    try:
        checked = check_text(text, name)
    except ZielError as err:
        return err.diagnostics
    return [warning for agreement in checked for warning in agreement.warnings]


UNIT_HINT = ("Schreiben Sie »%« für eine Veränderung in Prozent oder »prozentpunkte« für Prozentpunkte, "
             "z. B. »steigt um 5,8 %«.")
DAVON_HINT = ("Schreiben Sie z. B. »davon frauen mindestens 258« oder "
              "»davon frauen mindestens 258 und männer mindestens 300«.")
EXTRA_BRACE_HINT = ("Zu dieser Klammer gehört keine öffnende »{«. Löschen Sie sie oder prüfen Sie, "
                    "ob ein Block darüber zu früh geschlossen wurde.")
START_HINT = 'Eine Vereinbarung beginnt mit »vereinbarung NAME "Titel" {«.'
POINTS_HINT = ("Prozentpunkte gibt es nur bei Quoten und Anteilen; die Veränderung einer Summe oder "
               "eines Bestands schreiben Sie in »%«.")
OPEN_BRACE_HINT = "Nach dem Titel beginnt der Block mit »{« und endet mit »}«."
STRING_HINT = 'Ein Text steht in einer Zeile zwischen "…"; mehrzeilige Texte stehen zwischen """…""".'
DATE_HINT = "Datumsangaben schreiben Sie als TT.MM.JJJJ, z. B. 17.02.2026."
K3_DIRECTION_HINT = "Gemeint ist vielleicht »K3 sinkt um …« oder eine Grenze »K3 steigt um höchstens …«."
BASELINE_HINT = "Verglichen wird üblicherweise mit dem Vorjahr: »vergleichsjahr 2025«."
SIGN_HINT = "Die Richtung steht im Wort davor: »steigt um 5,8 %« oder »sinkt um 2,3 %«, ohne Vorzeichen."
NO_STEPS_HINT = 'Ergänzen Sie »schritt NAME "…"« oder streichen Sie »alle schritte«.'

CASES = [
    pytest.param(
        doc("K2 steigt um 5,8"),
        [("fehler", "ZD108", 7, 25, "Nach der Zahl fehlt die Einheit", UNIT_HINT)],
        id="prozent_vergessen"),
    pytest.param(
        doc("frauen K2 steigt um 7,3", "männer K2 steigt um 4,4 %"),
        [("fehler", "ZD108", 7, 32, "Nach der Zahl fehlt die Einheit", UNIT_HINT)],
        id="prozent_vergessen_naechste_zeile"),
    pytest.param(
        doc("K2 erreicht 31,1"),
        [("fehler", "ZD108", 7, 25, "Nach dem Wert fehlt »%«",
          "Ein erreichter Wert steht in Prozent, z. B. »K2 erreicht 31,1 %«.")],
        id="prozent_vergessen_niveau"),
    pytest.param(
        doc("beobachtung K1E2 prognose sinkt um 1,0"),
        [("fehler", "ZD108", 7, 47, "Nach der Zahl fehlt die Einheit", UNIT_HINT)],
        id="einheit_vergessen_prognose"),
    pytest.param(
        doc("K2 steigt", framework='annahme alq "Arbeitslosenquote" von 6,6 % auf 6,7'),
        [("fehler", "ZD108", 5, 54, "Nach der Zahl fehlt die Einheit", UNIT_HINT)],
        id="einheit_vergessen_annahme"),
    pytest.param(
        doc("K2 steigt um 5.8 %"),
        [("fehler", "ZD102", 7, 22, "»5.8«: Dezimalpunkt statt Dezimalkomma",
          "Zahlen schreiben Sie mit Komma: »5,8«.")],
        id="dezimalpunkt"),
    pytest.param(
        doc("K3 sinkt um mindestens 0.25 %"),
        [("fehler", "ZD102", 7, 32, "»0.25«: Dezimalpunkt statt Dezimalkomma",
          "Zahlen schreiben Sie mit Komma: »0,25«.")],
        id="dezimalpunkt_zwei_stellen"),
    pytest.param(
        doc("K2 erreicht 31.1 %"),
        [("fehler", "ZD102", 7, 21, "»31.1«: Dezimalpunkt statt Dezimalkomma",
          "Zahlen schreiben Sie mit Komma: »31,1«.")],
        id="dezimalpunkt_niveau"),
    pytest.param(
        doc("K2 stiegt um 5,8 %"),
        [("fehler", "ZD115", 7, 12, "Unbekanntes Wort »stiegt«", "Meinten Sie »steigt«?")],
        id="verb_vertippt"),
    pytest.param(
        doc("beobachtng K1"),
        [("fehler", "ZD115", 7, 9, "Unbekanntes Wort »beobachtng«", "Meinten Sie »beobachtung«?")],
        id="schluesselwort_vertippt_ziel"),
    pytest.param(
        doc("K2 steigt", framework="zieldialoge mindestns 2 im jahr"),
        [("fehler", "ZD115", 5, 17, "Unbekanntes Wort »mindestns«", "Meinten Sie »mindestens«?")],
        id="schluesselwort_vertippt_vereinbarung"),
    pytest.param(
        doc("K2 steigt", framework="zeildialoge mindestens 2 im jahr"),
        [("fehler", "ZD115", 5, 5, "Unbekanntes Wort »zeildialoge«", "Meinten Sie »zieldialoge«?")],
        id="schluesselwort_vertippt_anfang"),
    pytest.param(
        doc('schritt a "A"', "erreicht wenn alle schrite"),
        [("fehler", "ZD115", 8, 28, "Unbekanntes Wort »schrite«", "Meinten Sie »schritte«?")],
        id="regel_vertippt"),
    pytest.param(
        doc("anzahl integrationen mindestens 612, davon frauen"),
        [("fehler", "ZD109", 7, 58, "Nach »davon« fehlt der Wert für die Gruppe", DAVON_HINT)],
        id="davon_ohne_wert"),
    pytest.param(
        doc("anzahl integrationen mindestens 612, davon"),
        [("fehler", "ZD109", 7, 51, "Nach »davon« fehlt der Wert für die Gruppe", DAVON_HINT)],
        id="davon_ohne_gruppe"),
    pytest.param(
        doc("anzahl integrationen mindestens 612, davon frauen mindestens"),
        [("fehler", "ZD109", 7, 69, "Nach »davon« fehlt der Wert für die Gruppe", DAVON_HINT)],
        id="davon_ohne_zahl"),
    pytest.param(
        doc("anzahl integrationen mindestens 612, davon frauen mindestens 258 und männer"),
        [("fehler", "ZD109", 7, 84, "Nach »davon« fehlt der Wert für die Gruppe", DAVON_HINT)],
        id="davon_zweite_gruppe_ohne_wert"),
    pytest.param(
        doc("anzahl integrationen mindestens"),
        [("fehler", "ZD109", 7, 40, "Nach »mindestens« fehlt die Anzahl",
          "Schreiben Sie z. B. »anzahl integrationen mindestens 612«.")],
        id="anzahl_ohne_zahl"),
    pytest.param(
        doc("K2"),
        [("fehler", "ZD107", 7, 11, "Nach der Kennzahl fehlt, wie sie sich entwickeln soll",
          "Erlaubt sind »steigt«, »sinkt«, »bleibt gleich«, »steigt nicht«, »sinkt nicht«, »beträgt« und »erreicht«, z. B. »K2 steigt um 5,8 %«.")],
        id="verb_fehlt"),
    pytest.param(
        doc("K2 steigt 5,8 %"),
        [("fehler", "ZD116", 7, 19, "Vor der Zahl fehlt »um«",
          "Eine Veränderung schreiben Sie »steigt um 5,8 %«, einen erreichten Wert »erreicht 31,1 %«.")],
        id="um_fehlt"),
    pytest.param(
        doc("K2 steigt um %"),
        [("fehler", "ZD110", 7, 22, "Vor der Einheit fehlt die Zahl",
          "Schreiben Sie z. B. »steigt um 5,8 %« oder »erreicht 31,1 %«.")],
        id="zahl_fehlt"),
    pytest.param(
        doc("K2 steigt um 5,8 %").replace('"Integration" {', '"Integration"'),
        [("fehler", "ZD104", 6, 37, "Es fehlt die öffnende Klammer »{«", OPEN_BRACE_HINT)],
        id="oeffnende_klammer_ziel"),
    pytest.param(
        doc("K2 steigt um 5,8 %").replace('"Probe" {', '"Probe"'),
        [("fehler", "ZD104", 1, 32, "Es fehlt die öffnende Klammer »{«", OPEN_BRACE_HINT)],
        id="oeffnende_klammer_vereinbarung"),
    pytest.param(
        doc("K2 steigt um 5,8 %")[:-2],
        [("fehler", "ZD103", 8, 5, "Unerwartetes Dateiende: ein Block ist nicht geschlossen",
          "Es fehlt die schließende Klammer »}« zum Block aus Zeile 1.")],
        id="schliessende_klammer_dateiende"),
    pytest.param(
        doc("K2 steigt um 5,8 %").replace("    }\n}", "}"),
        [("fehler", "ZD103", 8, 1, "Unerwartetes Dateiende: ein Block ist nicht geschlossen",
          "Es fehlt die schließende Klammer »}« zum Block aus Zeile 6.")],
        id="schliessende_klammer_ziel_dateiende"),
    pytest.param(
        TWO_TARGETS,
        [("fehler", "ZD135", 6, 5, "Der Block aus Zeile 6 ist nicht geschlossen: es fehlt »}«",
          "Die schließende Klammer gehört vor Zeile 9 (»ziel 2 langzeit \"Langzeitleistungsbezug\"«).")],
        id="schliessende_klammer_vor_ziel"),
    pytest.param(
        doc("K2 steigt um 5,8 %") + "}\n",
        [("fehler", "ZD118", 10, 1, "Überzählige schließende Klammer »}«", EXTRA_BRACE_HINT)],
        id="klammer_zu_viel"),
    pytest.param(
        doc("K2 steigt um 5,8 %", "}", 'unterzeichnet "MS" in "Hannover" am 29.01.2026 durch "Dr. A"'),
        [("fehler", "ZD118", 11, 1, "Überzählige schließende Klammer »}«", EXTRA_BRACE_HINT)],
        id="klammer_zu_viel_vor_unterschrift"),
    pytest.param(
        doc("K2 steigt um 5,8 %", "}", "}", 'unterzeichnet "MS" in "Hannover" am 29.01.2026 durch "Dr. A"'),
        [("fehler", "ZD119", 10, 9, "»unterzeichnet« steht außerhalb der Vereinbarung",
          "Die Vereinbarung ist schon in Zeile 9 mit »}« geschlossen; steht dort eine Klammer zu viel?"),
         ("fehler", "ZD118", 11, 5, "Überzählige schließende Klammer »}«", EXTRA_BRACE_HINT),
         ("fehler", "ZD118", 12, 1, "Überzählige schließende Klammer »}«", EXTRA_BRACE_HINT)],
        id="anweisung_nach_vereinbarung"),
    pytest.param(
        doc("K2 steigt um 5,8 %", framework='abschnitt a "Grundsätze {'),
        [("fehler", "ZD105", 5, 17, 'Der Text ist nicht abgeschlossen: das schließende »"« fehlt', STRING_HINT)],
        id="text_offen"),
    pytest.param(
        doc('text "Ziel ist die Integration.', "K2 steigt um 5,8 %"),
        [("fehler", "ZD105", 7, 14, 'Der Text ist nicht abgeschlossen: das schließende »"« fehlt', STRING_HINT)],
        id="text_offen_einzeilig"),
    pytest.param(
        doc("K2 steigt um 5,8 %", framework='abschnitt grundsaetze "Grundsätze" """\nDie Grundsicherung für Arbeitsuchende …'),
        [("fehler", "ZD105", 5, 40, 'Der mehrzeilige Text ist nicht abgeschlossen: die schließenden »"""« fehlen',
          'Ein mehrzeiliger Text beginnt und endet mit drei Anführungszeichen: """…""".')],
        id="mehrzeiliger_text_offen"),
    pytest.param(
        doc("K2 steigt", framework='unterzeichnet "MS" in "Hannover" am 31.02.2026 durch "Dr. A"'),
        [("fehler", "ZD111", 5, 41, "»31.02.2026« ist kein gültiges Datum: der Februar 2026 hat 28 Tage", DATE_HINT)],
        id="datum_ungueltig"),
    pytest.param(
        doc('schritt a "A" frist 15.13.2026'),
        [("fehler", "ZD111", 7, 29, "»15.13.2026« ist kein gültiges Datum: einen Monat 13 gibt es nicht", DATE_HINT)],
        id="datum_monat_13"),
    pytest.param(
        doc("K2 steigt", framework='unterzeichnet "MS" in "Hannover" am 17. 02. 2026 durch "Dr. A"'),
        [("fehler", "ZD106", 5, 41, "»17. 02. 2026«: im Datum stehen Leerzeichen",
          "Schreiben Sie das Datum ohne Leerzeichen als TT.MM.JJJJ: »17.02.2026«.")],
        id="datum_leerzeichen"),
    pytest.param(
        doc("K2 steigt").replace("zieljahr 2026", "zieljahr 2026,5"),
        [("fehler", "ZD112", 3, 14, "Das Zieljahr ist eine ganze Zahl, nicht »2026,5«",
          "Schreiben Sie z. B. »zieljahr 2026«.")],
        id="jahr_mit_komma"),
    pytest.param(
        doc("K2 steigt", framework='mittel v "Verwaltungskosten" 9.327.771 €'),
        [("fehler", "ZD101", 5, 44, "Unerwartetes Zeichen »€«",
          "Beträge schreiben Sie mit »eur«, z. B. »9.327.771 eur«.")],
        id="zeichen_euro"),
    pytest.param(
        doc("K2 steigt um +5,8 %", "K3 sinkt um −2,3 %"),
        [("fehler", "ZD101", 7, 22, "Vorzeichen »+« vor der Zahl", SIGN_HINT),
         ("fehler", "ZD101", 8, 21, "Vorzeichen »−« vor der Zahl", SIGN_HINT)],
        id="vorzeichen"),
    pytest.param(
        doc("K2 steigt", framework="bewertung jahresfortschrittswerte ohne wartezeit gleicher ladestand"),
        [("fehler", "ZD100", 5, 54, "»gleicher« ist an dieser Stelle nicht erwartet", "Erwartet: »,«.")],
        id="komma_fehlt"),
    pytest.param(
        "",
        [("fehler", "ZD215", 1, 1, "Die Datei enthält keine Vereinbarung", START_HINT)],
        id="leere_datei"),
    pytest.param(
        "# Zielvereinbarung 2026, Entwurf\n",
        [("fehler", "ZD215", 1, 1, "Die Datei enthält keine Vereinbarung", START_HINT)],
        id="nur_kommentare"),
    pytest.param(
        "Zielvereinbarung 2026\n",
        [("fehler", "ZD119", 1, 1, "Die Datei muss mit »vereinbarung« oder »katalog« beginnen, nicht mit »Zielvereinbarung«",
          START_HINT)],
        id="anfang_falsch"),
    pytest.param(
        doc("K2 steigt um 5,8 %\x00"),
        [("fehler", "ZD003", 7, 27, "Datei enthält ein NUL-Zeichen (Binärdatei?)",
          "Eine Vereinbarung ist eine Textdatei im Format UTF-8.")],
        id="nul_zeichen"),
    pytest.param(
        doc("K2E5 steigt um 5,8 %"),
        [("fehler", "ZD201", 7, 9, "Unbekannte Kennzahl »K2E5«", "Meinten Sie »K2E4«?")],
        id="kennzahl_unbekannt"),
    pytest.param(
        doc("k2 steigt um 5,8 %"),
        [("fehler", "ZD201", 7, 9, "Unbekannte Kennzahl »k2«",
          "Meinten Sie »K2«? Kennzahlen schreiben Sie wie im Katalog.")],
        id="kennzahl_klein"),
    pytest.param(
        doc("Integrationsquote steigt um 5,8 %"),
        [("fehler", "ZD201", 7, 9, "Unbekannte Kennzahl »Integrationsquote«",
          "Bekannt sind die Kennzahlen K1 bis K3E4 des Standardkatalogs und jene, die die Vereinbarung selbst mit »kennzahl« definiert.")],
        id="kennzahl_ohne_vorschlag"),
    pytest.param(
        doc("beobachtung integrationen"),
        [("fehler", "ZD201", 7, 21, "Unbekannte Kennzahl »integrationen«",
          "»integrationen« ist eine Reihe, keine Kennzahl; Reihen zählt »anzahl integrationen mindestens …«.")],
        id="reihe_statt_kennzahl"),
    pytest.param(
        doc("anzahl integratonen mindestens 612"),
        [("fehler", "ZD202", 7, 16, "Unbekannte Reihe »integratonen«", "Meinten Sie »integrationen«?")],
        id="reihe_unbekannt"),
    pytest.param(
        doc("K2 steigt", "}", 'ziel 2 integration "Noch einmal" {', "K3 sinkt"),
        [("fehler", "ZD203", 9, 9, "Der Zielname »integration« ist mehrfach vergeben",
          "Zuerst vergeben in Zeile 6; jedes Ziel und Teilziel braucht einen eigenen Namen.")],
        id="ziel_name_doppelt"),
    pytest.param(
        doc("K2 steigt", "}", 'ziel 1 langzeit "Langzeit" {', "K3 sinkt"),
        [("fehler", "ZD204", 9, 9, "Die Zielnummer 1 ist mehrfach vergeben",
          "Zuerst vergeben in Zeile 6; nummerieren Sie die Ziele fortlaufend.")],
        id="ziel_nummer_doppelt"),
    pytest.param(
        doc("K1 sinkt um 1,0 prozentpunkte"),
        [("fehler", "ZD205", 7, 9, "»prozentpunkte« passt nicht zu »K1«: K1 ist keine Quote, sondern ein Betrag in Euro",
          POINTS_HINT)],
        id="prozentpunkte_summe"),
    pytest.param(
        doc("K3 sinkt um 2 prozentpunkte"),
        [("fehler", "ZD205", 7, 9, "»prozentpunkte« passt nicht zu »K3«: K3 ist keine Quote, sondern eine Anzahl",
          POINTS_HINT)],
        id="prozentpunkte_bestand"),
    pytest.param(
        doc("K1 erreicht 3 %"),
        [("fehler", "ZD205", 7, 9, "Ein erreichter Wert in % passt nicht zu »K1«: K1 ist keine Quote, sondern ein Betrag in Euro",
          "Schreiben Sie z. B. »K1 beträgt höchstens 1.250.000 eur« oder vereinbaren Sie die Veränderung zum Vorjahr, "
          "»K1 sinkt um 2 %«.")],
        id="niveau_summe"),
    pytest.param(
        doc("anzahl elb mindestens 5000"),
        [("fehler", "ZD205", 7, 16, "»anzahl« zählt Ereignisse wie Integrationen; »elb« ist ein Bestand (gezählt wird er nicht)",
          "Gezählt werden Reihen der Art »anzahl«, z. B. »anzahl integrationen mindestens 612«.")],
        id="anzahl_bestand"),
    pytest.param(
        doc("K3 steigt um 2,3 %"),
        [("warnung", "ZD206", 7, 9, "»K3 steigt um 2,3 %« widerspricht der Zielrichtung: bei »K3« (Veränderung des Bestands an Langzeitleistungsbeziehenden) ist ein Sinken gut",
          K3_DIRECTION_HINT)],
        id="richtung_widerspricht"),
    pytest.param(
        doc("K2 steigt um höchstens 3 %"),
        [("warnung", "ZD206", 7, 9, "»K2 steigt um höchstens 3 %« begrenzt eine gute Entwicklung: bei »K2« (Integrationsquote) ist ein Steigen gut",
          "Eine Obergrenze passt zu »K2 sinkt um höchstens …«; ein Mindestwert heißt »K2 steigt um mindestens …«.")],
        id="obergrenze_guter_richtung"),
    pytest.param(
        doc("K2 steigt").replace("vergleichsjahr 2025", "vergleichsjahr 2024"),
        [("warnung", "ZD207", 4, 5, "Vergleichsjahr 2024 ist nicht das Vorjahr des Zieljahrs 2026", BASELINE_HINT)],
        id="vergleichsjahr"),
    pytest.param(
        doc('schritt analyse "IST-Analyse"', 'schritt scan "Scan-Prozess"', "erreicht wenn analyse und scna"),
        [("fehler", "ZD208", 9, 35, "»scna« ist kein Schritt, keine Bedingung und kein Teilziel von Ziel »integration«",
          "Meinten Sie »scan«?")],
        id="regel_unbekannter_schritt"),
    pytest.param(
        doc("K2 steigt", "erreicht wenn alle schritte"),
        [("fehler", "ZD209", 8, 23, "»alle schritte«, aber Ziel »integration« hat keine Schritte", NO_STEPS_HINT)],
        id="regel_alle_schritte_ohne_schritte"),
    pytest.param(
        doc("K2 steigt", framework='unterzeichnet "MS" in "Hannover" am 29.01.2024 durch "Dr. A"'),
        [("warnung", "ZD210", 5, 5, "Unterschrift vom 29.01.2024 liegt weder im Zieljahr 2026 noch im Jahr davor",
          "Vereinbarungen werden kurz vor oder zu Beginn des Zieljahrs unterzeichnet; prüfen Sie das Datum.")],
        id="unterschrift_datum"),
    pytest.param(
        doc('schritt a "A" frist 31.01.2027'),
        [("warnung", "ZD210", 7, 9, "Frist 31.01.2027 liegt nicht im Zieljahr 2026",
          "Meilensteine werden im Zieljahr bewertet.")],
        id="frist_ausserhalb"),
    pytest.param(
        doc("K2 steigt", framework="abschluss jahresendwerte ohne wartezeit im frühjahr 2026"),
        [("warnung", "ZD210", 5, 5, "Die Abschlussbewertung im Frühjahr 2026 liegt nicht im Jahr nach dem Zieljahr 2026",
          "Die Jahresendwerte liegen erst im Folgejahr vor; üblich ist »im frühjahr 2027«.")],
        id="abschluss_jahr"),
    pytest.param(
        doc("K2 steigt").replace("    zieljahr 2026\n", "    \n"),
        [("fehler", "ZD211", 1, 1, "Die Vereinbarung »probe_2026« nennt kein »zieljahr«",
          "Ergänzen Sie z. B. »zieljahr 2026«.")],
        id="zieljahr_fehlt"),
    pytest.param(
        doc("K2 steigt", framework="zieljahr 2027"),
        [("fehler", "ZD212", 5, 5, "»zieljahr« steht mehrfach in der Vereinbarung",
          "Die erste Angabe steht in Zeile 3.")],
        id="zieljahr_doppelt"),
    pytest.param(
        doc("K2 steigt").replace("ziel 1 integration", "grundsatz 1 integration"),
        [("fehler", "ZD218", 7, 9, "Ein Grundsatz wird nicht bewertet; er nennt nur, was beobachtet wird",
          "Schreiben Sie daraus ein »ziel« oder nutzen Sie »beobachtung«.")],
        id="grundsatz_mit_bedingung"),
    pytest.param(
        doc("anzahl integrationen mindestens 612, davon frauen mindestens 700"),
        [("fehler", "ZD219", 7, 52, "Der Wert für Frauen (700) ist größer als die Gesamtzahl (612)",
          "Die Werte nach »davon« sind Teile der Gesamtzahl davor.")],
        id="davon_groesser"),
    pytest.param(
        doc("beobachtung abstand K2 zwischen frauen und frauen"),
        [("fehler", "ZD217", 7, 9, "Der Abstand braucht zwei verschiedene Gruppen",
          "Schreiben Sie z. B. »zwischen frauen und männern«.")],
        id="abstand_gleiche_gruppen"),
    pytest.param(
        doc('teilziel a "A" {', 'teilziel b "B" {', "frauen K2 steigt", "}", "}"),
        [("fehler", "ZD214", 8, 9, "Teilziel »b« steht in einem Teilziel",
          "Teilziele stehen direkt im Ziel; ein Teilziel hat keine eigenen Teilziele.")],
        id="teilziel_im_teilziel"),
    pytest.param(
        doc('text "Nur Text."'),
        [("warnung", "ZD213", 6, 5, "Ziel »integration« enthält nichts, was bewertet oder beobachtet wird",
          "Ergänzen Sie eine Bedingung wie »K2 steigt um 5,8 %«, eine »beobachtung« oder Schritte.")],
        id="ziel_leer"),
    pytest.param(
        doc("K2 steigt", framework='kennzahl fq "Frauenquote" { formel verhaeltnis(integrationen, elb) }'),
        [("fehler", "ZD221", 5, 33, "Unbekannte Formel »verhaeltnis«",
          "Erlaubte Formeln: anteil, mittelwert, quote, rate, rate_vormonat, summe.")],
        id="formel_unbekannt"),
    pytest.param(
        doc("K2 steigt", framework='kennzahl fq "Frauenquote" { formel quote(integrationen) }'),
        [("fehler", "ZD222", 5, 33, "»quote« braucht 2 Reihen, angegeben ist 1",
          "Schreiben Sie z. B. »formel quote(integrationen, elb)«.")],
        id="formel_stelligkeit"),
    pytest.param(
        doc("K2 steigt", framework='kennzahl fq "Frauenquote" { formel quote(integrationen, ebl) }'),
        [("fehler", "ZD202", 5, 61, "Unbekannte Reihe »ebl«", "Meinten Sie »elb«?")],
        id="formel_reihe_unbekannt"),
    pytest.param(
        doc("K2 steigt", framework='kennzahl fq "Frauenquote" { gut steigt }'),
        [("fehler", "ZD220", 5, 5, "Kennzahl »fq« hat keine Formel",
          "Geben Sie an, wie sie berechnet wird, z. B. »formel quote(integrationen, elb)«.")],
        id="formel_fehlt"),
    pytest.param(
        doc("K2 steigt", framework='kennzahl K2 "Eigene Quote" { formel quote(integrationen, elb) }'),
        [("fehler", "ZD223", 5, 5, "Kennzahl »K2« ist bereits im Standardkatalog definiert",
          "Wählen Sie einen anderen Namen für die eigene Kennzahl.")],
        id="kennzahl_schon_definiert"),
    pytest.param(
        doc("K2 steigt um 5,8", "K3 sinkt um 2.3 %", "K2E4 stiegt um 1 %", "anzahl integrationen mindestens 612, davon frauen"),
        [("fehler", "ZD108", 7, 25, "Nach der Zahl fehlt die Einheit", UNIT_HINT),
         ("fehler", "ZD102", 8, 21, "»2.3«: Dezimalpunkt statt Dezimalkomma",
          "Zahlen schreiben Sie mit Komma: »2,3«."),
         ("fehler", "ZD115", 9, 14, "Unbekanntes Wort »stiegt«", "Meinten Sie »steigt«?"),
         ("fehler", "ZD109", 10, 58, "Nach »davon« fehlt der Wert für die Gruppe", DAVON_HINT)],
        id="mehrere_syntaxfehler"),
    pytest.param(
        doc("K22 steigt um 5,8 %", "K1 sinkt um 1 prozentpunkte", "K3 steigt um 1 %", "erreicht wenn alle schritte").replace("vergleichsjahr 2025", "vergleichsjahr 2023"),
        [("warnung", "ZD207", 4, 5, "Vergleichsjahr 2023 ist nicht das Vorjahr des Zieljahrs 2026", BASELINE_HINT),
         ("fehler", "ZD201", 7, 9, "Unbekannte Kennzahl »K22«", "Meinten Sie »K2E2«?"),
         ("fehler", "ZD205", 8, 9, "»prozentpunkte« passt nicht zu »K1«: K1 ist keine Quote, sondern ein Betrag in Euro",
          POINTS_HINT),
         ("warnung", "ZD206", 9, 9, "»K3 steigt um 1 %« widerspricht der Zielrichtung: bei »K3« (Veränderung des Bestands an Langzeitleistungsbeziehenden) ist ein Sinken gut",
          K3_DIRECTION_HINT),
         ("fehler", "ZD209", 10, 23, "»alle schritte«, aber Ziel »integration« hat keine Schritte", NO_STEPS_HINT)],
        id="mehrere_pruefungsfehler"),

]


@pytest.mark.parametrize("text, expected", CASES)
def test_diagnostic_is_pinned(text, expected):
    found = [(d.severity, d.code, d.span.line, d.span.column, d.message, d.hint) for d in diagnostics(text)]
    assert found == expected


def test_there_are_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("text, expected", CASES)
def test_every_diagnostic_has_a_position_inside_the_file(text, expected):
    lines = text.splitlines() or [""]
    for d in diagnostics(text):
        assert 1 <= d.span.line <= len(lines)
        assert 1 <= d.span.column <= len(lines[d.span.line - 1]) + 1
        assert d.message.strip() and d.message == d.message.strip()


# ---------------------------------------------------------------- how a diagnostic is printed


def test_rendered_diagnostic_names_file_line_column_and_shows_a_caret():
    (d,) = diagnostics(doc("K2 steigt um 5.8 %"), "vereinbarungen/probe.ziel")
    assert d.render().splitlines() == [
        "vereinbarungen/probe.ziel:7:22: fehler ZD102: »5.8«: Dezimalpunkt statt Dezimalkomma",
        " 7 |         K2 steigt um 5.8 %",
        "   |                      ^^^",
        "  Hinweis: Zahlen schreiben Sie mit Komma: »5,8«.",
    ]


def test_rendered_caret_for_a_missing_unit_stands_after_the_number():
    (d,) = diagnostics(doc("K2 steigt um 5,8"), "probe.ziel")
    first, line, caret, hint = d.render().splitlines()
    assert first == "probe.ziel:7:25: fehler ZD108: Nach der Zahl fehlt die Einheit"
    assert line == " 7 |         K2 steigt um 5,8"
    assert caret.index("^") == line.index("5,8") + len("5,8")
    assert hint == f"  Hinweis: {UNIT_HINT}"


def test_rendered_warning_is_marked_as_warning():
    (d,) = diagnostics(doc("K3 steigt um 2,3 %"), "probe.ziel")
    first, line, caret, _hint = d.render().splitlines()
    assert first.startswith("probe.ziel:7:9: warnung ZD206: »K3 steigt um 2,3 %« widerspricht der Zielrichtung")
    assert caret == "   |         " + "^" * len("K3 steigt um 2,3 %")


def test_rendered_unknown_indicator_underlines_the_name_and_suggests():
    (d,) = diagnostics(doc("frauen K2E5 steigt um 5,8 %"), "probe.ziel")
    assert d.render().splitlines() == [
        "probe.ziel:7:16: fehler ZD201: Unbekannte Kennzahl »K2E5«",
        " 7 |         frauen K2E5 steigt um 5,8 %",
        "   |                ^^^^",
        "  Hinweis: Meinten Sie »K2E4«?",
    ]


def test_rendered_premature_end_of_file_is_named_as_such():
    rendered = [d.render() for d in diagnostics(doc("K2 steigt um 5,8 %")[:-2], "probe.ziel")]
    assert rendered == [
        "probe.ziel:8:5: fehler ZD103: Unerwartetes Dateiende: ein Block ist nicht geschlossen\n"
        " 8 |     }\n"
        "   |     ^\n"
        "  Hinweis: Es fehlt die schließende Klammer »}« zum Block aus Zeile 1."
    ]


def test_errors_and_warnings_come_in_file_order():
    found = diagnostics(doc("K3 steigt um 1 %", "K22 sinkt", framework="zieljahr 2027"))
    assert [(d.code, d.span.line) for d in found] == [("ZD212", 5), ("ZD206", 7), ("ZD201", 8)]
