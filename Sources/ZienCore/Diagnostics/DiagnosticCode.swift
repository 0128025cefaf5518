/// A stable identifier of a kind of finding. The Dutch text may improve; the code never changes.
///
/// Each code declares, in one place beside it (as swift-format's rules declare their messages):
/// its level, a short title (`help`, the summary), the one message text every finding with this
/// code reads (a template: `{name}` marks a value, filled in order by `message(_:)`), and what to
/// do, in the words of the manual (`magister-naar-zien-handleiding`), where it gives any.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    /// The level every finding with this code has.
    public let level: Level
    /// A short Dutch title, used by `help` and the summary of a check.
    public let summary: String
    /// The message: literal text around `{name}` placeholders.
    public let template: String
    /// What to do, in the manual's words; nil where the manual says nothing.
    public let hint: String?
    /// The template cut at its placeholders: `parts.count == placeholders + 1`.
    let parts: [String]

    public init?(rawValue: String) {
        guard let known = DiagnosticCode.all.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = known
    }

    init(_ rawValue: String, _ level: Level, _ summary: String, _ template: String, hint: String? = nil) {
        self.rawValue = rawValue
        self.level = level
        self.summary = summary
        self.template = template
        self.hint = hint
        parts = DiagnosticCode.split(template)
    }

    /// The literal parts of a template between its `{…}` placeholders.
    static func split(_ template: String) -> [String] {
        var parts: [String] = []
        var cur = ""
        var inside = false
        for u in template.unicodeScalars {
            if inside {
                if u == "}" { inside = false }
            } else if u == "{" {
                parts.append(cur)
                cur = ""
                inside = true
            } else {
                cur.unicodeScalars.append(u)
            }
        }
        parts.append(cur)
        return parts
    }

    /// The number of values the message takes.
    public var placeholderCount: Int { parts.count - 1 }

    /// The message with `values` in its placeholders, in order; each value is shown as
    /// `Text.display` shows it (control and invisible characters as `U+0092`). A missing value
    /// is left empty, an extra one ignored: never a trap.
    public func message(_ values: [String]) -> String {
        var out = parts[0]
        for i in 1..<parts.count {
            if i - 1 < values.count { out += Text.display(values[i - 1], limit: 240) }
            out += parts[i]
        }
        return out
    }

    public var description: String { rawValue }

    public static func == (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue == b.rawValue }
    public func hash(into h: inout Hasher) { h.combine(rawValue) }

    // MARK: - The codes of SPEC.md §3

    public static let verkeerdBestandstype = DiagnosticCode(
        "verkeerd-bestandstype", .fout, "Verkeerd type importbestand",
        "Verkeerd type importbestand: dit is {soort bestand}. Sla het op als CSV (gescheiden door lijstscheidingsteken) of Tekst (tab is scheidingsteken).",
        hint: "Het moet een CSV (gescheiden door lijstscheidingsteken) of Tekst (tab is scheidingsteken) zijn om te importeren. Dit wijzig je door bij ‘opslaan als’ te kiezen voor een ander type bestand.")
    public static let leegBestand = DiagnosticCode(
        "leeg-bestand", .fout, "Het bestand bevat geen gegevens",
        "Het bestand bevat geen gegevens{toelichting}")
    public static let verkeerdAantalVelden = DiagnosticCode(
        "verkeerd-aantal-velden", .fout, "Verkeerd aantal velden",
        "Verkeerd aantal velden op regel {regel}: {gevonden} gevonden, {verwacht} verwacht",
        hint: "Dit betekent dat niet alle kolommen zijn toegevoegd, of dat er te veel kolommen zijn geselecteerd. Controleer de kolommen in Magister om te zien of er één mist of dat er te veel geselecteerd zijn.")
    public static let kopregelGesplitst = DiagnosticCode(
        "kopregel-gesplitst", .waarschuwing, "Kopregel loopt over twee regels",
        "Kopregel loopt over regel {regel} en {volgende}: 'Administratieve eenheid' en 'Klas' zijn in het geheugen samengevoegd; de gegevens beginnen op regel {eerste gegevensregel}.",
        hint: "De export uit Magister plaatst in plaats van een spatie een enter tussen de kolomnamen. Wijzig het bestand door de enters te vervangen door een spatie. Zo krijg je weer 45 velden.")
    public static let kolomvolgorde = DiagnosticCode(
        "kolomvolgorde", .fout, "Kolommen in de verkeerde volgorde",
        "Kolommen in de verkeerde volgorde: {welke}; de regels zijn gelezen zoals de kopregel de kolommen noemt",
        hint: "Het is essentieel dat de kolommen in de juiste volgorde geëxporteerd worden. Controleer de volgorde zodat deze overeenkomt met de volgorde uit de tabel.")
    public static let kolomOntbreekt = DiagnosticCode(
        "kolom-ontbreekt", .fout, "Kolom ontbreekt in de lay-out",
        "Kolom {plek} '{naam}' ontbreekt{toelichting}; voeg hem toe in de lay-out in Magister",
        hint: "Dit betekent dat niet alle kolommen zijn toegevoegd. Controleer de kolommen in Magister om te zien of er één mist.")
    public static let kolomExtra = DiagnosticCode(
        "kolom-extra", .fout, "Kolom hoort niet in de lay-out",
        "Kolom {plek} '{naam}' hoort niet in de lay-out{toelichting}; haal hem weg uit de lay-out in Magister",
        hint: "Dit betekent dat er te veel kolommen zijn geselecteerd. Verwijder overbodige velden uit de lay-out in Magister.")
    public static let verkeerdeSoort = DiagnosticCode(
        "verkeerde-soort", .fout, "Bestand van een andere soort",
        "Dit lijkt een {soort}-bestand ({kolommen} kolommen, {waaraan}), maar het is geladen als {geladen als} ({verwacht} kolommen); laad het met 'load {pad} as {soort}'",
        hint: "Selecteer bij soort gegeven de soort die bij het bestand hoort: leerling, groepen of leerling-groep-koppel.")
    public static let tekenset = DiagnosticCode(
        "tekenset", .fout, "De gekozen tekenset kan het bestand niet lezen",
        "Tekenset {tekenset} kan {wat} niet lezen{waar}{advies}",
        hint: "Kies de juiste karakterset. UTF-8 is de moderne internationale standaard. Mocht dit niet werken is de oudere Windows 1252 een goede tweede kandidaat. Tot slot kan je ISO-8859-1 proberen.")
    public static let verkeerdeTekenset = DiagnosticCode(
        "verkeerde-tekenset", .waarschuwing, "Tekst lijkt met de verkeerde tekenset gelezen",
        "'{tekst}' lijkt '{hersteld}': {hoe en wat te doen}",
        hint: "Als er namen in de inrichting zitten waarbij niet alle letters goed overgekomen zijn, dien je een andere karakterset te kiezen.")
    public static let geenLeerlingnummer = DiagnosticCode(
        "geen-leerlingnummer", .fout, "Geen leerlingnummer van de leerling",
        "Geen leerlingnummer van de leerling",
        hint: "De kolommen leerlingnummer, achternaam en geslacht zijn essentieel voor de goede werking van Zien!vo. Wanneer deze gegevens missen, wordt de leerling overgeslagen en niet geïmporteerd.")
    public static let geenAchternaam = DiagnosticCode(
        "geen-achternaam", .fout, "Geen achternaam van de leerling",
        "Geen achternaam van de leerling",
        hint: geenLeerlingnummer.hint)
    public static let geenGeslacht = DiagnosticCode(
        "geen-geslacht", .fout, "Geen geslacht van de leerling",
        "Geen geslacht van de leerling",
        hint: geenLeerlingnummer.hint)
    public static let geslachtOngeldig = DiagnosticCode(
        "geslacht-ongeldig", .fout, "Geslacht moet 'man', 'vrouw', 'onbekend'/ 'v', 'm', 'o' zijn",
        "Geslacht moet 'man', 'vrouw', 'onbekend'/ 'v', 'm', 'o' zijn, niet '{waarde}' (staan de kolommen in de verkeerde volgorde?)",
        hint: "Waarschijnlijk zijn de kolommen niet in de juiste volgorde. Controleer de volgorde zodat deze overeenkomt met de volgorde uit de tabel.")
    public static let geslachtAlsOnbekend = DiagnosticCode(
        "geslacht-als-onbekend", .waarschuwing, "Geslacht gelezen als onbekend",
        "Geslacht '{waarde}' wordt gelezen als onbekend")
    public static let geenGeboortedatum = DiagnosticCode(
        "geen-geboortedatum", .waarschuwing, "Geen geboortedatum: normering niet mogelijk",
        "Geen geboortedatum van de leerling; normering is niet mogelijk")
    public static let geslachtVerzorgerOngeldig = DiagnosticCode(
        "geslacht-verzorger-ongeldig", .waarschuwing, "Geslacht van de verzorger ongeldig; gelezen als onbekend",
        "Geslacht van verzorger {slot} moet 'm', 'v' of 'o' zijn, niet '{waarde}'; gelezen als onbekend")
    public static let geenIltCode = DiagnosticCode(
        "geen-ilt-code", .fout, "Geen ILT-code gevonden",
        "Geen ILT-code gevonden{toelichting}",
        hint: "De kolommen ILT-code en leerjaar zijn essentieel voor de goede werking van Zien!vo. Wanneer deze gegevens missen wordt de leerling overgeslagen en niet geïmporteerd.")
    public static let geenLeerjaar = DiagnosticCode(
        "geen-leerjaar", .fout, "Geen leerjaar gevonden",
        "Geen leerjaar gevonden{toelichting}",
        hint: geenIltCode.hint)
    public static let ongeldigeDatum = DiagnosticCode(
        "ongeldige-datum", .fout, "Ongeldige datum",
        "Ongeldige datum in {kolom}: '{waarde}' {waarom}")
    public static let dubbelLeerlingnummer = DiagnosticCode(
        "dubbel-leerlingnummer", .fout, "Leerlingnummer komt twee keer voor",
        "Leerlingnummer {nummer} staat ook op regel {eerdere regel}; elk leerlingnummer mag maar één keer voorkomen")
    public static let medewerkerTegenstrijdig = DiagnosticCode(
        "medewerker-tegenstrijdig", .waarschuwing, "Medewerker met verschillende gegevens; de eerste wordt gebruikt",
        "Medewerker {nummer} ({rol}) heeft hier andere gegevens ('{hier}') dan op {waar} ('{daar}'); de eerste worden gebruikt")
    public static let onbekendeVestiging = DiagnosticCode(
        "onbekende-vestiging", .fout, "Onbekende vestiging gevonden",
        "Onbekende vestiging gevonden: '{naam}'{toelichting}",
        hint: "Let erop dat de vestiging exact hetzelfde geschreven moet zijn. Je kan de onbekende vestiging toevoegen aan Zien! of de leerling uit de export filteren.")
    public static let andereVestiging = DiagnosticCode(
        "andere-vestiging", .waarschuwing, "Vestiging is anders dan gekozen vestiging; regel overgeslagen",
        "Vestiging van {wie} ('{vestiging}') is anders dan gekozen vestiging ('{gekozen}'); regel overgeslagen",
        hint: "Je kan het bestand nog een keer importeren, en dan de andere vestiging selecteren, of ervoor zorgen dat je niet leerlingen uit verschillende vestigingen in één exportbestand krijgt.")
    public static let ongeldigEmailadres = DiagnosticCode(
        "ongeldig-emailadres", .waarschuwing, "Ongeldig e-mailadres; niet ingelezen",
        "Ongeldig e-mailadres van {wie}: '{waarde}'; het veld wordt niet ingelezen")
    public static let ongeldigePostWaarde = DiagnosticCode(
        "ongeldige-post-waarde", .waarschuwing, "Post ouder is geen ja/nee; gelezen als nee",
        "Post ouder {slot} moet ja of nee zijn, niet '{waarde}'; gelezen als nee")
    public static let geenOuders = DiagnosticCode(
        "geen-ouders", .info, "Geen ouder(s) of verzorger(s) gevonden",
        "Geen ouder(s) of verzorger(s) gevonden",
        hint: "Dit kan voorkomen: het veld is dan leeg in het bestand. Dit belemmert de import van de leerling niet. Klopt dit niet, controleer dan de gegevens in Magister.")
    public static let geenMentoren = DiagnosticCode(
        "geen-mentoren", .info, "Geen mentoren gevonden",
        "Geen mentoren gevonden",
        hint: geenOuders.hint)
    public static let geenMentorgroep = DiagnosticCode(
        "geen-mentorgroep", .info, "Geen mentorgroep gevonden",
        "Geen mentorgroep gevonden",
        hint: geenOuders.hint)
    public static let leerlingOnbekend = DiagnosticCode(
        "leerling-onbekend", .waarschuwing, "Leerling onbekend; regel overgeslagen",
        "Leerling {wie} is niet bekend (niet in de opslag en niet in het leerlingbestand); regel overgeslagen",
        hint: "Alleen bestaande leerlingen kunnen gekoppeld worden aan een groep. Wanneer een leerlingnummer niet gevonden kan worden, zal de regel overgeslagen worden.")
    public static let leerlingVertrokken = DiagnosticCode(
        "leerling-vertrokken", .waarschuwing, "Leerling is vertrokken; regel overgeslagen",
        "Leerling {nummer} is vertrokken op {datum}; regel overgeslagen")
    public static let veelBeeindigd = DiagnosticCode(
        "veel-beeindigd", .waarschuwing, "Meer dan een kwart van de actieve koppelingen zou eindigen",
        "Deze import beëindigt {aantal} van de {actief} actieve koppelingen van {vestiging} in {schooljaar} — is de export gefilterd? 'commit' vraagt om bevestiging",
        hint: "Zorg ervoor dat de bestanden altijd alle gegevens bevatten. Koppelingen worden beëindigd als deze niet in het bestand zitten.")
    public static let groepNieuw = DiagnosticCode(
        "groep-nieuw", .info, "Nieuwe groep; wordt aangemaakt",
        "Groep '{code}' is nog niet bekend en wordt aangemaakt in vestiging '{vestiging}'",
        hint: "Wanneer een groepscode niet gevonden kan worden, wordt de groep nieuw aangemaakt in de genoemde vestiging.")
    public static let technischeFout = DiagnosticCode(
        "technische-fout", .fout, "Technische fout",
        "Technische fout: {wat}",
        hint: "Er is een onverwachte fout opgetreden bij het verwerken van de gegevens. Neem contact op met de helpdesk via helpdeskzienvo@gouwe-academie.nl en houd het originele bestand bij de hand.")

    // MARK: - Codes beyond SPEC §3's table, for defects the table has no word for

    public static let aanhalingstekenOpen = DiagnosticCode(
        "aanhalingsteken-open", .fout, "Aanhalingsteken wordt niet gesloten",
        "Aanhalingsteken op regel {regel} wordt nergens gesloten; de regel is zonder aanhalingstekens gelezen")
    public static let geenGroepscode = DiagnosticCode(
        "geen-groepscode", .fout, "Geen groepscode gevonden",
        "Geen groepscode gevonden")
    public static let geenDocentnummer = DiagnosticCode(
        "geen-docentnummer", .waarschuwing, "Geen docentnummer; regel overgeslagen",
        "Geen docentnummer; de groep wordt zonder deze docent ingelezen")
    public static let mentorZonderNummer = DiagnosticCode(
        "mentor-zonder-nummer", .waarschuwing, "Mentor zonder stamnummer; niet ingelezen",
        "De {rol} heeft geen stamnummer en wordt niet ingelezen")
    public static let tekstHersteld = DiagnosticCode(
        "tekst-hersteld", .waarschuwing, "Dubbel gecodeerde tekst hersteld (charset herstel)",
        "'{voor}' → '{na}': dubbel gecodeerde tekst in het geheugen hersteld (charset herstel); het bestand zelf blijft zoals het is")

    /// Every code, in the order of SPEC.md §3 followed by our additions.
    public static let all: [DiagnosticCode] = [
        verkeerdBestandstype, leegBestand, verkeerdAantalVelden, kopregelGesplitst, kolomvolgorde,
        kolomOntbreekt, kolomExtra, verkeerdeSoort,
        tekenset, verkeerdeTekenset, geenLeerlingnummer, geenAchternaam, geenGeslacht,
        geslachtOngeldig, geslachtAlsOnbekend, geenGeboortedatum, geslachtVerzorgerOngeldig,
        geenIltCode, geenLeerjaar, ongeldigeDatum, dubbelLeerlingnummer, medewerkerTegenstrijdig,
        onbekendeVestiging, andereVestiging, ongeldigEmailadres, ongeldigePostWaarde, geenOuders,
        geenMentoren, geenMentorgroep, leerlingOnbekend, leerlingVertrokken, veelBeeindigd,
        groepNieuw, technischeFout, aanhalingstekenOpen, geenGroepscode, geenDocentnummer,
        mentorZonderNummer, tekstHersteld,
    ]
}

/// The variable parts of messages that need more than a value: each belongs to one code and
/// is written here, beside the codes, so that no message text is made anywhere else.
public enum MessagePart {
    /// `leeg-bestand`
    public static let alleenKopregel = " (alleen een kopregel)"
    /// `onbekende-vestiging`
    public static func bedoeldeJe(_ s: String) -> String { " (bedoelde je '\(s)'?)" }
    public static let nogGeenVestigingen = "; er zijn nog geen vestigingen (vestiging add NAAM)"
    public static let gekozenNietBekend = " (de gekozen vestiging is niet (meer) bekend)"
    /// `geen-ilt-code`, `geen-leerjaar`
    public static func geenIltCode(_ v: String) -> String { v.isEmpty ? "" : ": '\(v)' is geen code van 1 tot 4 cijfers" }
    public static func geenLeerjaar(_ v: String) -> String { v.isEmpty ? "" : ": '\(v)' is geen leerjaar van 1 tot 6" }
    /// `ongeldige-datum`: an impossible date does not exist; anything else is no date.
    public static func datum(wellFormed: Bool) -> String {
        wellFormed ? "bestaat niet" : "is geen datum (verwacht dd-mm-jjjj)"
    }
    /// `leerling-onbekend`
    public static func leerling(_ written: String) -> String { written.isEmpty ? "zonder leerlingnummer" : written }
    /// `medewerker-tegenstrijdig`: where the medewerker was named first.
    public static func regel(_ line: Int, of soort: Soort?) -> String {
        soort.map { "regel \(line) van het \($0.rawValue)bestand" } ?? "regel \(line)"
    }
    /// `kolom-ontbreekt`: a column whose place holds a name the layout does not know.
    public static func vervangenDoor(_ name: String) -> String { " (op die plek staat '\(name)')" }
    /// `kolom-extra`: a known column named twice.
    public static let dubbel = " (staat er al eerder in)"
    /// `kolomvolgorde`
    public static func verwisseld(_ a: String, _ i: Int, _ b: String, _ j: Int) -> String {
        "'\(a)' staat op plek \(i) en '\(b)' op plek \(j): verwisseld"
    }
    public static func verplaatst(_ a: String, _ i: Int, _ j: Int) -> String { "'\(a)' staat op plek \(i), hoort op plek \(j)" }
    /// `verkeerde-soort`
    public static let naarKopregel = "naar de kopregel"
    public static let naarVelden = "naar het aantal velden op elke regel"
    /// `tekenset`
    public static func regels(_ n: Int) -> String { n == 1 ? "1 regel" : "\(n) regels" }
    public static let ditBestand = "dit bestand"
    public static func eerste(_ places: [String], total: Int) -> String {
        ": " + places.joined(separator: ", ") + (total > places.count ? ", …" : "")
    }
    public static func plaats(line: Int, byte: UInt8, offset: Int) -> String {
        let h = String(byte, radix: 16, uppercase: true)
        return "regel \(line) (byte 0x\(h.count == 1 ? "0" + h : h) op bestandspositie \(offset))"
    }
    public static let geenBOM = " (er staat geen BOM aan het begin; utf-16 vraagt er een)"
    public static func leesbaarAls(_ cs: String) -> String { "; het bestand leest goed als \(cs): kies 'charset \(cs)' of 'charset auto'" }
    public static let kiesLeOfBe = "; kies utf-16le of utf-16be"
    /// `verkeerde-tekenset`
    public static func gelezenAls(_ read: String, better: String) -> String {
        "het bestand is gelezen als \(read) maar lijkt \(better); probeer charset \(better)"
    }
    public static let inHetBestand =
        "de tekst staat zo in het bestand (een UTF-8-export is als windows-1252 geopend, bijvoorbeeld in Excel, en weer als UTF-8 opgeslagen); geen tekenset leest dit goed: 'charset herstel' herstelt het in het geheugen"
}
