"""What the words of the language mean, in German, for hover texts and completion details."""

from __future__ import annotations

KEYWORDS: dict[str, str] = {
    "vereinbarung": "Beginnt eine Zielvereinbarung: `vereinbarung NAME \"Titel\" { … }`.",
    "katalog": "Ein eigener Katalog mit Reihen und Kennzahlen: `katalog NAME \"Titel\" { … }`.",
    "land": "Das Land als Vereinbarungspartner: `land \"Ministerium …\" kurz \"MS\"`; zwei Ministerien: zwei Zeilen.",
    "partner": "Ein Vereinbarungspartner, der kein Landesministerium ist (BMAS, Agentur für Arbeit): "
               "`partner \"Bundesministerium für Arbeit und Soziales\" kurz \"BMAS\"`.",
    "träger": "Der kommunale Träger: `träger \"Landkreis Leer\" kurz \"Leer\" kennung \"03457\" genitiv \"des Landkreises Leer\"`; "
              "mehrere Kennungen (`kennung \"03457\", \"03452\"`): bewertet wird ihre Summe.",
    "rechtsgrundlage": "Die Rechtsgrundlage der Vereinbarung (§ 48b SGB II) als Text.",
    "kennzahlenverordnung": "Die Fassung der Kennzahlenverordnung, auf die sich die Kennzahlen beziehen.",
    "zieljahr": "Das Jahr, für das die Ziele gelten: `zieljahr 2026`.",
    "vergleichsjahr": "Das Jahr, mit dem verglichen wird, in der Regel das Vorjahr: `vergleichsjahr 2025`.",
    "bewertung": "Wie unterjährig bewertet wird: `bewertung jahresfortschrittswerte ohne wartezeit, gleicher ladestand`.",
    "abschluss": "Die abschließende Bewertung: `abschluss jahresendwerte ohne wartezeit im frühjahr 2027`.",
    "zieldialoge": "Wie oft Zieldialoge stattfinden: `zieldialoge mindestens 2 im jahr`, `zieldialoge quartalsweise`, "
                   "`zieldialoge regelmäßig`, `zieldialoge im zweiten quartal`.",
    "erprobungsjahr": "Ein Erprobungsjahr: die Ziele werden bewertet, sind aber nicht verbindlich: "
                      "`erprobungsjahr \"…\"`.",
    "ausgesetzt": "Das Ziel ist in diesem Jahr ausgesetzt: seine Werte werden berichtet, nicht bewertet: "
                  "`ausgesetzt \"Grund\"`.",
    "vorschlag": "Der im Planungsverfahren vorgeschlagene Wert neben dem vereinbarten: `K2 steigt um 3,0 % "
                 "(vorschlag 2,0 %)`; berichtet, nicht bewertet.",
    "mittel": "Eine Haushaltsposition: `mittel NAME \"Titel\" 9.327.771 eur`.",
    "annahme": "Eine Annahme der Rahmenbedingungen: `annahme NAME \"Titel\" steigt um 0,1 % quelle \"IAB\"`.",
    "berücksichtigung": "Was bei der Bewertung zu berücksichtigen ist: `berücksichtigung NAME \"Text\"`.",
    "rechtsänderung": "Eine Rechtsänderung im Zieljahr: `rechtsänderung \"Titel\" ab 01.07.2026`.",
    "abschnitt": "Ein Textabschnitt der Vereinbarung: `abschnitt NAME \"Überschrift\" \"\"\"Text\"\"\"`.",
    "unterzeichnet": "Eine Unterschrift: `unterzeichnet \"Partei\" in \"Ort\" am 17.02.2026 durch \"Name\"`.",
    "ziel": "Ein Ziel mit Nummer, Namen und Titel: `ziel 2 integration \"…\" { … }`; bewertet wird, was darin steht.",
    "grundsatz": "Ein Grundsatz: wie ein Ziel, aber ohne Bewertung als erreicht oder nicht erreicht.",
    "teilziel": "Ein Teilziel innerhalb eines Ziels: `teilziel NAME \"Titel\" { … }`.",
    "text": "Erläuternder Text zu einem Ziel; er erscheint in den Dokumenten.",
    "beobachtung": "Eine Kennzahl wird beobachtet, aber nicht bewertet: `beobachtung K1` oder `beobachtung frauen K2`.",
    "abstand": "Beobachtet den Abstand zweier Gruppen: `beobachtung abstand K2 zwischen frauen und männern`.",
    "prognose": "Eine Prognose neben einer Beobachtung: `beobachtung K1 prognose steigt um 2,2 %`.",
    "ergänzungsgrößen": "Ergänzungsgrößen, die zu einem Ziel mit ausgewiesen werden: `ergänzungsgrößen K2E1, K2E2`.",
    "ergänzungsgröße": "Eine Ergänzungsgröße: im Katalog deren Definition, in einem Ziel eine mit ausgewiesene Größe.",
    "anzahl": "Eine Mindestanzahl: `anzahl integrationen mindestens 612, davon frauen mindestens 258`.",
    "schritt": "Ein Meilenstein-Schritt: `schritt NAME \"Beschreibung\" frist 30.06.2026`.",
    "bedingung": "Eine Bedingung eines Meilensteinziels: `bedingung NAME \"Beschreibung\"`.",
    "erreicht": "Als Regel: `erreicht wenn alle schritte und alle bedingungen`; als Wert: `K3 erreicht 31,1 %`.",
    "wenn": "Leitet die Regel ein, wann ein Ziel erreicht ist: `erreicht wenn …`.",
    "frist": "Eine Frist für einen Schritt oder eine Bedingung: `frist 30.06.2026`.",
    "reihe": "Eine Datenreihe im Katalog: `reihe NAME \"Titel\" anzahl|bestand|betrag`.",
    "kennzahl": "Eine Kennzahl im Katalog: `kennzahl K9 \"Titel\" { definition … formel … gut steigt }`.",
    "definition": "Die fachliche Definition einer Kennzahl als Text.",
    "formel": "Wie die Kennzahl berechnet wird, z. B. `formel quote(integrationen, elb)`.",
    "gut": "Welche Richtung der Kennzahl gut ist: `gut steigt` oder `gut sinkt`.",
    "zu": "Die Kennzahl, zu der eine Ergänzungsgröße gehört: `zu K2`.",
    "fundstelle": "Die Fundstelle der Definition, z. B. `\"§ 5 Abs. 1 KennzV\"`.",
    "steigt": "Die Kennzahl soll steigen; mit `um` die Veränderung: `K2 steigt um 5,8 %`.",
    "sinkt": "Die Kennzahl soll sinken; mit `um` die Veränderung: `K3 sinkt um 2,3 %`.",
    "bleibt": "`bleibt gleich`: die Kennzahl soll sich nicht verändern.",
    "beträgt": "Ein erreichter Wert: `K2 beträgt mindestens 25,0 %`, bei Beständen ohne Einheit: "
               "`K3 beträgt höchstens 3.912`.",
    "um": "Leitet die Höhe der Veränderung ein: `steigt um 5,8 %`.",
    "mindestens": "Die Zahl ist eine Untergrenze.",
    "höchstens": "Die Zahl ist eine Obergrenze.",
    "maximal": "Die Zahl ist eine Obergrenze.",
    "nicht": "Verneint die Richtung: `K3 steigt nicht`.",
    "frauen": "Die Kennzahl nur für Frauen.",
    "männer": "Die Kennzahl nur für Männer.",
    "männern": "Die Kennzahl nur für Männer (in `zwischen frauen und männern`).",
    "gesamt": "Die Kennzahl für alle (Standard, wenn keine Gruppe genannt ist).",
    "prozentpunkte": "Die Veränderung in Prozentpunkten statt in Prozent.",
    "%": "Die Veränderung in Prozent (relativ zum Vergleichsjahr).",
    "jahresfortschrittswerte": "Bewertet wird der Wert von Januar bis zum Berichtsmonat.",
    "jahresendwerte": "Bewertet wird der Wert des ganzen Jahres.",
    "wartezeit": "`mit wartezeit`: Daten erst nach der Wartezeit der Statistik verwenden; `ohne wartezeit`: sofort.",
    "ladestand": "`gleicher ladestand`: beide Jahre mit gleich reifen Daten; `gemeinsamer ladestand`: aus einem Datenabzug.",
    "quelle": "Woher eine Annahme stammt.",
}

ALIASES = {"traeger": "träger", "beruecksichtigung": "berücksichtigung", "rechtsaenderung": "rechtsänderung",
           "ergaenzungsgroessen": "ergänzungsgrößen", "ergaenzungsgroesse": "ergänzungsgröße", "betraegt": "beträgt",
           "hoechstens": "höchstens", "maenner": "männer", "maennern": "männern"}

FUNCTIONS = {
    "summe": "Σ r(m): Summe der Monatswerte",
    "mittelwert": "Durchschnitt der Monatsbestände",
    "quote": "100 × Σ z(m) / Durchschnitt n(m − 1) (Nenner: jeweils Vormonat)",
    "anteil": "100 × Σ z(m) / Σ n(m)",
    "rate": "Durchschnitt von 100 × z(m) / n(m)",
    "rate_vormonat": "Durchschnitt von 100 × z(m) / n(m − 1)",
}

def meaning(word: str) -> str | None:
    key = word.lower()
    return KEYWORDS.get(ALIASES.get(key, key))
