/// A task's deadline (thời hạn hoàn thành): the phrase exactly as the plan wrote it, and
/// what it was parsed into (SPEC §2.1). The phrase is never rewritten.
public struct Deadline: Sendable, Hashable {
    public var phrase: String
    public var form: DeadlineForm
    public init(phrase: String, form: DeadlineForm) {
        self.phrase = phrase
        self.form = form
    }
}

/// The parsed forms of SPEC §2.1. `kind` is the wire name used in JSON output and events.
public enum DeadlineForm: Sendable, Hashable {
    /// Due on this date ("Năm 2022" → 2022-12-31, "Quý I/2022" → 2022-03-31).
    case date(CivilDate)
    /// "Trước 25/12/2023": on time up to the day before the named date; `date` is the named date.
    case before(CivilDate)
    /// One occurrence a year over the plan period, due on month/day of each year; when
    /// `before` is true the named day itself is already late ("Trước 25/12 hàng năm").
    case recurring(month: Int, day: Int, before: Bool)
    /// One occurrence per named year, each due at the end of that year.
    case years([Int])
    /// "Thường xuyên": no due date; judged per reporting period.
    case ongoing
    /// Set by something outside the plan; due = trigger date + `offsetDays` once triggered.
    case triggered(offsetDays: Int)
    /// Anything else; kept and reported, never dropped.
    case unparsed

    public var kind: String {
        switch self {
        case .date: return "date"
        case .before: return "before"
        case .recurring: return "recurring"
        case .years: return "years"
        case .ongoing: return "ongoing"
        case .triggered: return "triggered"
        case .unparsed: return "unparsed"
        }
    }
}

/// Administrative level of an agency or an indicator (cấp tỉnh, huyện, xã).
public enum AgencyLevel: String, Sendable, Hashable, CaseIterable {
    case tinh, huyen, xa
}

/// An agency of the directory (cơ quan, đơn vị).
public struct Agency: Sendable, Hashable {
    public var id: String
    public var name: String
    public var level: AgencyLevel
    public var groups: [String]
    public var aliases: [String]
    public init(id: String, name: String, level: AgencyLevel, groups: [String], aliases: [String]) {
        self.id = id
        self.name = name
        self.level = level
        self.groups = groups
        self.aliases = aliases
    }
}

/// What an agency phrase (a lead or coordinator cell) resolved to (SPEC §2.2).
public struct AgencyPhraseResolution: Sendable, Hashable {
    /// Agency ids in the order the phrase names them (groups expanded in directory order), no repeats.
    public var agencyIDs: [String]
    /// Groups the phrase named, e.g. `so-ban-nganh`.
    public var groups: [String]
    /// Parts kept as text because they name no one in particular ("các cơ quan có liên quan").
    public var vagueParts: [String]
    /// Qualifiers after a resolved name ("chủ trì đối với …"), kept as notes.
    public var notes: [String]
    /// Parts that look like a name but match no agency, with the closest directory names.
    public var unresolved: [UnresolvedAgencyPart]

    public init(agencyIDs: [String] = [], groups: [String] = [], vagueParts: [String] = [],
                notes: [String] = [], unresolved: [UnresolvedAgencyPart] = []) {
        self.agencyIDs = agencyIDs
        self.groups = groups
        self.vagueParts = vagueParts
        self.notes = notes
        self.unresolved = unresolved
    }
}

public struct UnresolvedAgencyPart: Sendable, Hashable {
    public var text: String
    /// Closest agency ids, best first.
    public var suggestions: [String]
    public init(text: String, suggestions: [String]) {
        self.text = text
        self.suggestions = suggestions
    }
}
