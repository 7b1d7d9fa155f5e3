import LedgerFormat

extension DomainEvent {
    /// Turns a ledger line's `type` and `data` back into a domain event (the inverse of
    /// `wireType`/`data()`). Unknown members are ignored so that later versions may add fields;
    /// missing or mistyped ones throw an error naming the event type and the field.
    public static func decode(type: String, data: JSONValue) throws(EventDecodingError) -> DomainEvent {
        let r = try FieldReader(eventType: type, value: data)
        switch type {
        case "agency.registered":
            let levelText = try r.string("level")
            guard let level = AgencyLevel(rawValue: levelText) else {
                throw r.fail("level", .invalidValue("\"\(levelText)\" is not a level; use tinh, huyen or xa"))
            }
            return .agencyRegistered(AgencyRegistered(agency: Agency(
                id: try r.string("agency"), name: try r.string("name"), level: level,
                groups: try r.strings("groups"), aliases: try r.strings("aliases"))))
        case "agency.renamed":
            return .agencyRenamed(AgencyRenamed(agency: try r.string("agency"), name: try r.string("name"),
                                                decision: try r.optionalString("decision")))
        case "agency.merged":
            return .agencyMerged(AgencyMerged(agency: try r.string("agency"), into: try r.string("into"),
                                              decision: try r.string("decision")))
        case "agency.dissolved":
            return .agencyDissolved(AgencyDissolved(agency: try r.string("agency"),
                                                    decision: try r.optionalString("decision")))
        case "plan.issued":
            return .planIssued(PlanIssued(plan: try plan(r)))
        case "indicator.defined":
            return .indicatorDefined(IndicatorDefined(indicator: try indicator(r)))
        case "task.assigned":
            return .taskAssigned(TaskAssigned(task: try task(r)))
        case "task.reassigned":
            return .taskReassigned(TaskReassigned(task: try r.string("task"), from: try r.optionalString("from"),
                                                  to: try r.string("to"), reason: try r.string("reason"),
                                                  decision: try r.optionalString("decision")))
        case "deadline.extended":
            return .deadlineExtended(DeadlineExtended(task: try r.string("task"), agency: try r.optionalString("agency"),
                                                      to: try r.date("to"), reason: try r.string("reason"),
                                                      decision: try r.optionalString("decision")))
        case "deadline.triggered":
            return .deadlineTriggered(DeadlineTriggered(task: try r.string("task"), on: try r.date("on"),
                                                        decision: try r.string("decision")))
        case "progress.reported":
            return .progressReported(ProgressReported(
                task: try r.string("task"), agency: try r.string("agency"), period: try r.string("period"),
                percent: try percent(r), note: try r.optionalString("note"),
                evidence: try evidenceList(r)))
        case "indicator.reported":
            return .indicatorReported(IndicatorReported(
                indicator: try r.string("indicator"), agency: try r.string("agency"), period: try r.string("period"),
                value: try r.string("value"), note: try r.optionalString("note"), evidence: try evidenceList(r)))
        case "task.completed":
            return .taskCompleted(TaskCompleted(task: try r.string("task"), agency: try r.string("agency"),
                                                product: try r.string("product"), evidence: try evidenceList(r),
                                                period: try r.optionalString("period")))
        case "completion.accepted":
            return .completionAccepted(CompletionAccepted(task: try r.string("task"), agency: try r.string("agency"),
                                                          period: try r.optionalString("period")))
        case "completion.rejected":
            return .completionRejected(CompletionRejected(task: try r.string("task"), agency: try r.string("agency"),
                                                          reason: try r.string("reason"),
                                                          period: try r.optionalString("period")))
        case "task.cancelled":
            return .taskCancelled(TaskCancelled(task: try r.string("task"), reason: try r.string("reason"),
                                                decision: try r.optionalString("decision")))
        case "inspection.recorded":
            var findings: [InspectionFinding] = []
            for (i, v) in try r.optionalArray("findings").enumerated() {
                let f = try r.element("findings", i, v)
                findings.append(InspectionFinding(
                    task: try f.optionalString("task"), agency: try f.optionalString("agency"),
                    indicator: try f.optionalString("indicator"), period: try f.optionalString("period"),
                    reported: try f.optionalString("reported"), verified: try f.optionalString("verified"),
                    discrepancy: try f.optionalString("discrepancy"), conclusion: try f.string("conclusion")))
            }
            return .inspectionRecorded(InspectionRecorded(agency: try r.string("agency"), team: try r.string("team"),
                                                          findings: findings, evidence: try evidenceList(r)))
        case "event.corrected":
            return .eventCorrected(EventCorrected(event: try r.string("event"), reason: try r.string("reason"),
                                                  replacement: try r.value("replacement")))
        case "key.registered":
            return .keyRegistered(KeyRegistered(agency: try r.string("agency"), publicKey: try r.string("publicKey")))
        case "ledger.recovered":
            return .ledgerRecovered(LedgerRecovered(file: try r.string("file"), byteCount: try r.int("byteCount"),
                                                    offset: try r.int("offset"), segment: try r.string("segment")))
        default:
            throw EventDecodingError(eventType: type, field: "type", problem: .unknownType)
        }
    }

    private static func plan(_ r: FieldReader) throws(EventDecodingError) -> Plan {
        let period = try r.nested("period")
        var leads: [String: String] = [:]
        let leadsReader = try r.nested("areaLeads")
        for member in leadsReader.object.members {
            guard let agency = member.value.stringValue else {
                throw leadsReader.fail(member.key, .wrongType(expected: "an agency id string"))
            }
            leads[member.key] = agency
        }
        return Plan(id: try r.string("plan"), title: try r.string("title"), issuer: try r.string("issuer"),
                    issuerAgency: try r.optionalString("issuerAgency"), decision: try r.string("decision"),
                    issuedOn: try r.date("issuedOn"), periodFrom: try period.date("from"), periodTo: try period.date("to"),
                    standingAgency: try r.string("standingAgency"), areaLeads: leads,
                    parentPlan: try r.optionalString("parentPlan"), province: try r.optionalString("province"))
    }

    private static func indicator(_ r: FieldReader) throws(EventDecodingError) -> Indicator {
        let comparatorText = try r.string("comparator")
        guard let comparator = Indicator.Comparator(rawValue: comparatorText) else {
            throw r.fail("comparator", .invalidValue("\"\(comparatorText)\" is not a comparator; use >=, <= or ="))
        }
        var level: AgencyLevel?
        if let text = try r.optionalString("level") {
            guard let l = AgencyLevel(rawValue: text) else {
                throw r.fail("level", .invalidValue("\"\(text)\" is not a level; use tinh, huyen or xa"))
            }
            level = l
        }
        return Indicator(id: try r.string("indicator"), plan: try r.string("plan"), code: try r.string("code"),
                         area: try r.string("area"), text: try r.string("text"), comparator: comparator,
                         target: try r.string("target"), unit: try r.string("unit"), level: level,
                         year: try r.optionalInt("year"))
    }

    private static func task(_ r: FieldReader) throws(EventDecodingError) -> TaskDefinition {
        let lead = try r.nested("lead")
        let coordinators = try r.nested("coordinators")
        return TaskDefinition(
            id: try r.string("task"), plan: try r.string("plan"), stt: try r.string("stt"), area: try r.string("area"),
            indicatorNote: try r.optionalString("indicatorNote"), title: try r.string("title"),
            activity: try r.optionalString("activity"), output: try r.string("output"),
            leadPhrase: try lead.string("phrase"), lead: try lead.strings("agencies"),
            leadUnresolved: try lead.strings("unresolved"), coordinatorsPhrase: try coordinators.string("phrase"),
            coordinators: try coordinators.strings("agencies"), coordinatorsUnresolved: try coordinators.strings("unresolved"),
            deadline: try EventWire.decodeDeadline(try r.nested("deadline")), budget: try r.optionalString("budget"))
    }

    /// A progress report's `percent`, which must lie in `ProgressReported.percentRange`.
    private static func percent(_ r: FieldReader) throws(EventDecodingError) -> Int? {
        guard let percent = try r.optionalInt("percent") else { return nil }
        let range = ProgressReported.percentRange
        guard range.contains(percent) else {
            throw r.fail("percent", .invalidValue("an integer from \(range.lowerBound) to \(range.upperBound) (a percentage: 0…100)"))
        }
        return percent
    }

    private static func evidenceList(_ r: FieldReader) throws(EventDecodingError) -> [Evidence] {
        var out: [Evidence] = []
        for (i, v) in try r.optionalArray("evidence").enumerated() {
            out.append(try EventWire.decodeEvidence(try r.element("evidence", i, v)))
        }
        return out
    }
}

extension EventWire {
    static func decodeEvidence(_ r: FieldReader) throws(EventDecodingError) -> Evidence {
        switch try r.string("kind") {
        case "document":
            return .document(reference: try r.string("ref"))
        case "file":
            return .file(name: try r.string("name"), sizeBytes: try r.int("sizeBytes"), sha256: try r.string("sha256"))
        case let other:
            throw r.fail("kind", .invalidValue("\"\(other)\" is not an evidence kind; use document or file"))
        }
    }

    static func decodeDeadline(_ r: FieldReader) throws(EventDecodingError) -> Deadline {
        let phrase = try r.string("phrase")
        let form: DeadlineForm
        switch try r.string("kind") {
        case "date": form = .date(try r.date("date"))
        case "before": form = .before(try r.date("date"))
        case "recurring":
            let month = Int(try r.int("month")), day = Int(try r.int("day"))
            guard (1...12).contains(month), (1...31).contains(day) else {
                throw r.fail("month", .invalidValue("month \(month), day \(day) is not a day of the year"))
            }
            form = .recurring(month: month, day: day, before: try r.bool("before"))
        case "years":
            var years: [Int] = []
            for (i, v) in try r.array("years").enumerated() {
                guard let y = v.intValue, let year = Int(exactly: y) else {
                    throw r.fail("years[\(i)]", .wrongType(expected: "an integer year"))
                }
                guard (1...9999).contains(year) else {
                    throw r.fail("years[\(i)]", .invalidValue("\(year) is not a year between 1 and 9999"))
                }
                years.append(year)
            }
            form = .years(years)
        case "ongoing": form = .ongoing
        case "triggered":
            let offset = try r.int("offsetDays")
            guard (0...36_500).contains(offset) else {
                throw r.fail("offsetDays", .invalidValue("\(offset) is not a number of days between 0 and 36500"))
            }
            form = .triggered(offsetDays: Int(offset))
        case "unparsed": form = .unparsed
        case let other:
            throw r.fail("kind", .invalidValue(
                "\"\(other)\" is not a deadline kind; use date, before, recurring, years, ongoing, triggered or unparsed"))
        }
        return Deadline(phrase: phrase, form: form)
    }

    /// Reads an actor object `{"agency":…,"person":…,"onBehalfOf":…}`.
    public static func decodeActor(_ value: JSONValue, eventType: String) throws(EventDecodingError) -> Actor {
        let r = try FieldReader(eventType: eventType, value: value, path: "actor")
        return Actor(agency: try r.string("agency"), person: try r.string("person"),
                     onBehalfOf: try r.optionalString("onBehalfOf"))
    }

    /// Reads a deadline object as `deadline(_:)` writes it.
    public static func decodeDeadline(_ value: JSONValue) throws(EventDecodingError) -> Deadline {
        try decodeDeadline(try FieldReader(eventType: "deadline", value: value, path: "deadline"))
    }

    /// Reads an evidence object as `evidence(_:)` writes it.
    public static func decodeEvidence(_ value: JSONValue) throws(EventDecodingError) -> Evidence {
        try decodeEvidence(try FieldReader(eventType: "evidence", value: value, path: "evidence"))
    }
}
