import CCHCDomain

/// The language a view is rendered in (`--lang vi|en`); Vietnamese by default.
public enum DisplayLanguage: String, Sendable, Hashable, CaseIterable {
    case vi, en
}

/// Names of agencies as the ledger knows them (latest registered or renamed name), so
/// views can print "Sở Nội vụ" where the events carry `so-noi-vu`.
public struct AgencyNames: Sendable, Hashable {
    public private(set) var names: [String: String] = [:]

    public init(_ names: [String: String] = [:]) { self.names = names }

    /// Folds `agency.registered` and `agency.renamed` events, in seq order.
    public init(events: [RecordedEvent]) {
        for event in events.sorted(by: { $0.seq < $1.seq }) {
            switch event.event {
            case .agencyRegistered(let e): names[e.agency.id] = e.agency.name
            case .agencyRenamed(let e): names[e.agency] = e.name
            default: break
            }
        }
    }

    /// The agency's name, or its id when the ledger does not know it.
    public func name(_ id: String) -> String { names[id] ?? id }
}

extension CivilDate {
    /// The date as each language prints it: `dd/mm/yyyy` in Vietnamese, ISO in English.
    public func display(_ lang: DisplayLanguage) -> String { lang == .vi ? vietnamese : iso }
}

extension AgencyNames {
    /// Names as of a view's date (renames effective by then), from CCHCDomain's evaluation.
    public init(view: LedgerView) {
        self.init(view.agencies.mapValues { $0.agency.name })
    }
}
