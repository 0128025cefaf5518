/// A stable identifier of a kind of finding. The Dutch text may improve; the code never changes.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    /// The level every finding with this code has.
    public let level: Level
    /// A one-line Dutch explanation, used by `help` and as the fallback message.
    public let summary: String

    public init?(rawValue: String) {
        guard let known = DiagnosticCode.all.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = known
    }

    init(_ rawValue: String, _ level: Level, _ summary: String) {
        self.rawValue = rawValue
        self.level = level
        self.summary = summary
    }

    public var description: String { rawValue }

    public static func == (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue == b.rawValue }
    public func hash(into h: inout Hasher) { h.combine(rawValue) }

    public static let verkeerdBestandstype = DiagnosticCode("verkeerd-bestandstype", .fout,
        "Verkeerd type importbestand")
    public static let leegBestand = DiagnosticCode("leeg-bestand", .fout,
        "Het bestand bevat geen gegevens")
    public static let verkeerdAantalVelden = DiagnosticCode("verkeerd-aantal-velden", .fout,
        "Verkeerd aantal velden")
    public static let kopregelGesplitst = DiagnosticCode("kopregel-gesplitst", .waarschuwing,
        "Kopregel loopt over regel 1 en 2")
    public static let kolomvolgorde = DiagnosticCode("kolomvolgorde", .fout,
        "Kolom staat op de verkeerde plaats")
    public static let tekenset = DiagnosticCode("tekenset", .fout,
        "De gekozen tekenset kan het bestand niet lezen")
    public static let verkeerdeTekenset = DiagnosticCode("verkeerde-tekenset", .waarschuwing,
        "Tekst lijkt met de verkeerde tekenset gelezen")
    public static let geenLeerlingnummer = DiagnosticCode("geen-leerlingnummer", .fout,
        "Geen leerlingnummer van de leerling")
    public static let geenAchternaam = DiagnosticCode("geen-achternaam", .fout,
        "Geen achternaam van de leerling")
    public static let geenGeslacht = DiagnosticCode("geen-geslacht", .fout,
        "Geen geslacht van de leerling")
    public static let geslachtOngeldig = DiagnosticCode("geslacht-ongeldig", .fout,
        "Geslacht moet 'man', 'vrouw', 'onbekend'/ 'v', 'm', 'o' zijn")
    public static let geslachtAlsOnbekend = DiagnosticCode("geslacht-als-onbekend", .waarschuwing,
        "Geslacht gelezen als onbekend")
    public static let geenGeboortedatum = DiagnosticCode("geen-geboortedatum", .waarschuwing,
        "Geen geboortedatum: normering niet mogelijk")
    public static let geslachtVerzorgerOngeldig = DiagnosticCode("geslacht-verzorger-ongeldig", .waarschuwing,
        "Geslacht van de verzorger ongeldig; gelezen als onbekend")
    public static let geenIltCode = DiagnosticCode("geen-ilt-code", .fout,
        "Geen ILT-code gevonden")
    public static let geenLeerjaar = DiagnosticCode("geen-leerjaar", .fout,
        "Geen leerjaar gevonden")
    public static let ongeldigeDatum = DiagnosticCode("ongeldige-datum", .fout,
        "Ongeldige datum")
    public static let dubbelLeerlingnummer = DiagnosticCode("dubbel-leerlingnummer", .fout,
        "Leerlingnummer komt twee keer voor")
    public static let medewerkerTegenstrijdig = DiagnosticCode("medewerker-tegenstrijdig", .waarschuwing,
        "Medewerker met verschillende gegevens; de eerste wordt gebruikt")
    public static let onbekendeVestiging = DiagnosticCode("onbekende-vestiging", .fout,
        "Onbekende vestiging gevonden")
    public static let andereVestiging = DiagnosticCode("andere-vestiging", .waarschuwing,
        "Vestiging is anders dan gekozen vestiging; regel overgeslagen")
    public static let ongeldigEmailadres = DiagnosticCode("ongeldig-emailadres", .waarschuwing,
        "Ongeldig e-mailadres; niet ingelezen")
    public static let ongeldigePostWaarde = DiagnosticCode("ongeldige-post-waarde", .waarschuwing,
        "Post ouder is geen ja/nee; gelezen als nee")
    public static let geenOuders = DiagnosticCode("geen-ouders", .info,
        "Geen ouder(s) of verzorger(s) gevonden")
    public static let geenMentoren = DiagnosticCode("geen-mentoren", .info,
        "Geen mentoren gevonden")
    public static let geenMentorgroep = DiagnosticCode("geen-mentorgroep", .info,
        "Geen mentorgroep gevonden")
    public static let leerlingOnbekend = DiagnosticCode("leerling-onbekend", .waarschuwing,
        "Leerling onbekend; regel overgeslagen")
    public static let leerlingVertrokken = DiagnosticCode("leerling-vertrokken", .waarschuwing,
        "Leerling is vertrokken; regel overgeslagen")
    public static let veelBeeindigd = DiagnosticCode("veel-beeindigd", .waarschuwing,
        "Meer dan een kwart van de actieve koppelingen zou eindigen")
    public static let groepNieuw = DiagnosticCode("groep-nieuw", .info,
        "Nieuwe groep; wordt aangemaakt")
    public static let technischeFout = DiagnosticCode("technische-fout", .fout,
        "Technische fout")
    // Codes beyond SPEC §3's table, for defects the table has no word for.
    public static let aanhalingstekenOpen = DiagnosticCode("aanhalingsteken-open", .fout,
        "Aanhalingsteken wordt niet gesloten")
    public static let geenGroepscode = DiagnosticCode("geen-groepscode", .fout,
        "Geen groepscode gevonden")
    public static let geenDocentnummer = DiagnosticCode("geen-docentnummer", .waarschuwing,
        "Geen docentnummer; regel overgeslagen")
    public static let mentorZonderNummer = DiagnosticCode("mentor-zonder-nummer", .waarschuwing,
        "Mentor zonder stamnummer; niet ingelezen")

    /// Every code, in the order of SPEC.md §3 followed by our additions.
    public static let all: [DiagnosticCode] = [
        verkeerdBestandstype, leegBestand, verkeerdAantalVelden, kopregelGesplitst, kolomvolgorde,
        tekenset, verkeerdeTekenset, geenLeerlingnummer, geenAchternaam, geenGeslacht,
        geslachtOngeldig, geslachtAlsOnbekend, geenGeboortedatum, geslachtVerzorgerOngeldig,
        geenIltCode, geenLeerjaar, ongeldigeDatum, dubbelLeerlingnummer, medewerkerTegenstrijdig,
        onbekendeVestiging, andereVestiging, ongeldigEmailadres, ongeldigePostWaarde, geenOuders,
        geenMentoren, geenMentorgroep, leerlingOnbekend, leerlingVertrokken, veelBeeindigd,
        groepNieuw, technischeFout, aanhalingstekenOpen, geenGroepscode, geenDocentnummer,
        mentorZonderNummer,
    ]
}
