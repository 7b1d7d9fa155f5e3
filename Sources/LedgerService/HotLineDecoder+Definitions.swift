import CCHCDomain
import LedgerFormat

/// The hot decoder's readers for the two definition types a rebuild meets by the ten thousand
/// (`task.assigned`, `agency.registered`: about 3 % of a busy ledger's lines, but each cost the
/// general path a JSON tree, an envelope and a codec walk, about a tenth of a replay's time).
///
/// Like the rest of the decoder they accept only the writer's canonical layout (members in
/// key order, no null, no unknown member, every array the writer always writes present) and
/// values the general codec accepts; anything else makes `decode` return false, and the line is
/// decoded the general way, which also reports every error.
extension HotLineDecoder {
    /// A definition type, known from the line's last bytes before its data is read.
    enum DefinitionType { case taskAssigned, agencyRegistered }

    /// The definition type the line ends with (`,"type":"task.assigned"}` …), if any. The
    /// decoder still reads `type` where it stands and requires it to be the line's end.
    static func definitionType(_ bytes: UnsafeRawBufferPointer) -> DefinitionType? {
        if ends(bytes, with: ",\"type\":\"task.assigned\"}") { return .taskAssigned }
        if ends(bytes, with: ",\"type\":\"agency.registered\"}") { return .agencyRegistered }
        return nil
    }

    private static func ends(_ bytes: UnsafeRawBufferPointer, with suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard bytes.count >= count, let base = bytes.baseAddress else { return false }
        return ByteCompare.same(base + (bytes.count - count), UnsafeRawPointer(suffix.utf8Start), count: count)
    }

    /// The event of a definition's `data` members (cursor just after its `{`, left after its `}`).
    mutating func readDefinition(_ type: DefinitionType, _ c: inout JSONCursor) -> DomainEvent? {
        // The ids it defines are shared with the lines that name them later, as after the general
        // path (taken from the parts before they are wrapped: a payload bound out of the event
        // was copied, a retain and a release per text of the definition).
        switch type {
        case .taskAssigned:
            guard let task = Self.readTask(&c) else { return nil }
            share(idsOf: task)
            return .taskAssigned(TaskAssigned(task: task))
        case .agencyRegistered:
            guard c.consume("\"agency\":"), let id = c.string(), c.consume(",\"aliases\":"), let aliases = Self.readStrings(&c),
                  c.consume(",\"groups\":"), let groups = Self.readStrings(&c), c.consume(",\"level\":"),
                  let level = Self.readLevel(&c), c.consume(",\"name\":"), let name = c.string(), c.consume("}")
            else { return nil }
            share(id)
            return .agencyRegistered(AgencyRegistered(agency: Agency(id: id, name: name, level: level, groups: groups,
                                                                     aliases: aliases)))
        }
    }

    /// A task's members in key order: activity?, area, budget?, coordinators, deadline,
    /// indicatorNote?, lead, output, plan, stt, task, title.
    private static func readTask(_ c: inout JSONCursor) -> TaskDefinition? {
        var activity: String?, budget: String?, indicatorNote: String?
        if c.consume("\"activity\":") {
            guard let v = c.string() else { return nil }
            activity = v
            guard c.consume(",") else { return nil }
        }
        guard c.consume("\"area\":"), let area = c.string() else { return nil }
        if c.consume(",\"budget\":") {
            guard let v = c.string() else { return nil }
            budget = v
        }
        guard c.consume(",\"coordinators\":"), let coordinators = readAgencyPhrase(&c),
              c.consume(",\"deadline\":"), let deadline = readDeadline(&c) else { return nil }
        if c.consume(",\"indicatorNote\":") {
            guard let v = c.string() else { return nil }
            indicatorNote = v
        }
        guard c.consume(",\"lead\":"), let lead = readAgencyPhrase(&c),
              c.consume(",\"output\":"), let output = c.string(), c.consume(",\"plan\":"), let plan = c.string(),
              c.consume(",\"stt\":"), let stt = c.string(), c.consume(",\"task\":"), let id = c.string(),
              c.consume(",\"title\":"), let title = c.string(), c.consume("}") else { return nil }
        return TaskDefinition(id: id, plan: plan, stt: stt, area: area, indicatorNote: indicatorNote, title: title,
                              activity: activity, output: output, leadPhrase: lead.phrase, lead: lead.agencies,
                              leadUnresolved: lead.unresolved, coordinatorsPhrase: coordinators.phrase,
                              coordinators: coordinators.agencies, coordinatorsUnresolved: coordinators.unresolved,
                              deadline: deadline, budget: budget)
    }

    /// `{"agencies":[…],"phrase":…,"unresolved":[…]}` (a lead or coordinators member).
    private static func readAgencyPhrase(_ c: inout JSONCursor) -> (agencies: [String], phrase: String, unresolved: [String])? {
        guard c.consume("{\"agencies\":"), let agencies = readStrings(&c), c.consume(",\"phrase\":"), let phrase = c.string(),
              c.consume(",\"unresolved\":"), let unresolved = readStrings(&c), c.consume("}") else { return nil }
        return (agencies, phrase, unresolved)
    }

    /// A deadline object as `EventWire.deadline` writes it, with the values `decodeDeadline` accepts.
    private static func readDeadline(_ c: inout JSONCursor) -> Deadline? {
        guard c.consume("{") else { return nil }
        let form: DeadlineForm
        if c.consume("\"before\":") {
            // recurring: before, day, kind, month.
            let before: Bool
            if c.consume("true") { before = true } else if c.consume("false") { before = false } else { return nil }
            guard c.consume(",\"day\":"), let day = c.integer(), c.consume(",\"kind\":\"recurring\",\"month\":"),
                  let month = c.integer(), (1...12).contains(month), (1...31).contains(day) else { return nil }
            form = .recurring(month: Int(month), day: Int(day), before: before)
        } else if c.consume("\"date\":") {
            guard let date = readDate(&c) else { return nil }
            if c.consume(",\"kind\":\"date\"") { form = .date(date) } else if c.consume(",\"kind\":\"before\"") {
                form = .before(date)
            } else { return nil }
        } else if c.consume("\"kind\":\"ongoing\"") {
            form = .ongoing
        } else if c.consume("\"kind\":\"unparsed\"") {
            form = .unparsed
        } else if c.consume("\"kind\":\"triggered\",\"offsetDays\":") {
            guard let offset = c.integer(), (0...36_500).contains(offset) else { return nil }
            form = .triggered(offsetDays: Int(offset))
        } else if c.consume("\"kind\":\"years\",\"phrase\":") {
            // years: its phrase comes before its list.
            guard let phrase = c.string(), c.consume(",\"years\":["), let years = readYears(&c), c.consume("}") else { return nil }
            return Deadline(phrase: phrase, form: .years(years))
        } else {
            return nil
        }
        guard c.consume(",\"phrase\":"), let phrase = c.string(), c.consume("}") else { return nil }
        return Deadline(phrase: phrase, form: form)
    }

    /// The years of a `years` deadline (cursor after its `[`, left after its `]`), each 1…9999.
    private static func readYears(_ c: inout JSONCursor) -> [Int]? {
        var years: [Int] = []
        if c.consume("]") { return years }
        repeat {
            guard let year = c.integer(), (1...9999).contains(year) else { return nil }
            years.append(Int(year))
        } while c.consume(",")
        return c.consume("]") ? years : nil
    }

    /// A `YYYY-MM-DD` string naming a real day (what `FieldReader.date` accepts).
    private static func readDate(_ c: inout JSONCursor) -> CivilDate? {
        // For a text of 10 bytes, `effectiveDate` is exactly the strict `YYYY-MM-DD` parse.
        guard let text = c.string(), text.utf8.count == 10 else { return nil }
        return RecordedEvent.effectiveDate(text)
    }

    /// An agency level (`tinh`, `huyen`, `xa`).
    private static func readLevel(_ c: inout JSONCursor) -> AgencyLevel? {
        if c.consume("\"tinh\"") { return .tinh }
        if c.consume("\"huyen\"") { return .huyen }
        if c.consume("\"xa\"") { return .xa }
        return nil
    }

    /// An array of strings.
    private static func readStrings(_ c: inout JSONCursor) -> [String]? {
        guard c.consume("[") else { return nil }
        var out: [String] = []
        if c.consume("]") { return out }
        repeat {
            guard let s = c.string() else { return nil }
            out.append(s)
        } while c.consume(",")
        return c.consume("]") ? out : nil
    }
}

extension HotLineDecoder {
    /// Remembers the ids an event decoded the general way defines (a task, its plan and leads,
    /// an indicator, an agency, a plan), so that the lines naming them later share those very
    /// Strings: the state's and the views' dictionaries, keyed by the definition's id, then find
    /// each report's key by identity instead of comparing its bytes.
    mutating func share(idsOf event: DomainEvent) {
        switch event {
        case .taskAssigned(let e): share(idsOf: e.task)
        case .indicatorDefined(let e):
            share(e.indicator.id)
            share(e.indicator.plan)
        case .agencyRegistered(let e): share(e.agency.id)
        case .planIssued(let e): share(e.plan.id)
        default: break
        }
    }

    /// `share(idsOf:)` for a task's definition: its id, its plan's and its leads'.
    private mutating func share(idsOf task: TaskDefinition) {
        share(task.id)
        share(task.plan)
        for agency in task.lead { share(agency) }
    }

    private mutating func share(_ text: String) {
        guard text.utf8.count > StringTable.inlineBytesMax else { return }
        var bytes = text  // a second reference to the same storage, whose bytes are read in place
        bytes.withUTF8 { utf8 in
            if strings.lookup(utf8) == nil { strings.insert(text, bytes: utf8) }
        }
    }
}

/// The 64 hex digits of a line's hash, held in eight words (no array to allocate or check for
/// uniqueness per line), for comparing with the next line's `prev`.
struct HexDigits64 {
    private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    /// The 64 bytes at `base`.
    init(_ base: UnsafeRawPointer) {
        words = (base.loadUnaligned(fromByteOffset: 0, as: UInt64.self), base.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                 base.loadUnaligned(fromByteOffset: 16, as: UInt64.self), base.loadUnaligned(fromByteOffset: 24, as: UInt64.self),
                 base.loadUnaligned(fromByteOffset: 32, as: UInt64.self), base.loadUnaligned(fromByteOffset: 40, as: UInt64.self),
                 base.loadUnaligned(fromByteOffset: 48, as: UInt64.self), base.loadUnaligned(fromByteOffset: 56, as: UInt64.self))
    }

    /// True when the 64 bytes at `base` are these digits.
    func isSpelled(at base: UnsafeRawPointer) -> Bool {
        (words.0 ^ base.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) | (words.1 ^ base.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            | (words.2 ^ base.loadUnaligned(fromByteOffset: 16, as: UInt64.self)) | (words.3 ^ base.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
            | (words.4 ^ base.loadUnaligned(fromByteOffset: 32, as: UInt64.self)) | (words.5 ^ base.loadUnaligned(fromByteOffset: 40, as: UInt64.self))
            | (words.6 ^ base.loadUnaligned(fromByteOffset: 48, as: UInt64.self)) | (words.7 ^ base.loadUnaligned(fromByteOffset: 56, as: UInt64.self)) == 0
    }
}

extension JSONCursor {
    /// Moves past the JSON string at the cursor when it is exactly `digits` between quotes.
    mutating func skipString(spelling digits: HexDigits64) -> Bool {
        let quoted = bytes(count: 66)
        guard quoted.count == 66, let base = quoted.baseAddress, base[0] == UInt8(ascii: "\""), base[65] == UInt8(ascii: "\""),
              digits.isSpelled(at: UnsafeRawPointer(base + 1)) else { return false }
        skip(66)
        return true
    }
}
