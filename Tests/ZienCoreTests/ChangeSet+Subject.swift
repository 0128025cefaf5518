@testable import ZienCore

/// A change's subject in one line (`leerling 10234 Jan Jansen – stamgroep 1A`), for the tests'
/// own assertions and failure messages; the shell renders subjects in `Plan`.
extension ChangeSet {
    /// Names looked up in the change set's own records, then in `store`.
    func subject(_ c: Change, in store: StoreRecords) -> String { subject(c, names(store)) }

    func subject(_ c: Change, _ names: ChangeNames) -> String {
        func pupil(_ key: String) -> String {
            names.leerling(key).map { "leerling \($0.stamnr) \($0.naam)" } ?? "leerling \(key)"
        }
        func staff(_ key: String) -> String { names.medewerker(key).map { "\($0.nummer) \($0.naam)" } ?? key }
        switch c.about {
        case .leerling(let k): return pupil(k)
        case .medewerker(let k): return "medewerker \(staff(k))"
        case .verzorger(let k, let slot):
            return "verzorger \(slot) van leerling \(names.leerling(k)?.stamnr ?? k): \(names.verzorger(k, slot)?.naam ?? "")"
        case .groep(let code, let v): return "groep \(code) (\(v), \(schooljaar))"
        case .koppeling(let id):
            let who = pupil(id.onderwerp)
            switch id.soort {
            case .vestiging: return "\(who) – vestiging \(id.vestiging)"
            case .stamgroep: return "\(who) – stamgroep \(id.doel)"
            case .mentor:
                let parts = Koppeling.mentorParts(id.doel)
                let role = parts?.slot == "P" ? "persoonlijke mentor" : "klasmentor \(parts?.slot ?? "")"
                return "\(who) – \(role) \(staff(parts?.medewerker ?? id.doel))"
            case .verzorger:
                return "\(who) – verzorger \(id.doel)\(names.verzorger(id.onderwerp, Int(id.doel) ?? 0).map { " \($0.naam)" } ?? "")"
            case .docent: return "groep \(id.onderwerp) – docent \(staff(id.doel))"
            case .groep: return "\(who) – groep \(id.doel)"
            }
        }
    }
}
