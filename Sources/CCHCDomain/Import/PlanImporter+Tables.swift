/// The three CSV tables of a plan directory.
extension PlanImporter {
    enum AgencyColumn { static let id = "Mã", name = "Tên", level = "Cấp", groups = "Nhóm", aliases = "Tên khác" }
    enum IndicatorColumn {
        static let code = "Mã", area = "Lĩnh vực", text = "Chỉ tiêu", comparator = "So sánh", value = "Giá trị"
        static let unit = "Đơn vị", level = "Cấp", year = "Năm"
    }
    enum TaskColumn {
        static let stt = "STT", area = "Lĩnh vực", indicator = "Mục tiêu/Chỉ tiêu", title = "Nhiệm vụ"
        static let activity = "Hoạt động", output = "Sản phẩm", lead = "Cơ quan chủ trì"
        static let coordinators = "Cơ quan phối hợp", deadline = "Thời hạn hoàn thành", budget = "Kinh phí"
    }

    /// A CSV table whose header was checked against the columns a file must and may have.
    struct CheckedTable {
        let file: String
        let rows: [CSVRow]
        /// Expected column name → the header as the file writes it.
        let headerFor: [String: String]

        func value(_ row: CSVRow, _ column: String) -> String {
            headerFor[column].map { row[$0].trimmingSpaces } ?? ""
        }

        func fail(_ row: CSVRow, _ column: String, _ message: String) -> PlanImportError {
            PlanImportError(file: file, line: row.line, column: column, message: message)
        }

        /// The value, which must not be empty.
        func required(_ row: CSVRow, _ column: String) throws(PlanImportError) -> String {
            let v = value(row, column)
            guard !v.isEmpty else { throw fail(row, column, "is empty: every row needs a value here") }
            return v
        }

        init(_ text: String, file: String, required: [String], optional: [String]) throws(PlanImportError) {
            let table: CSVTable
            do {
                table = try CSVReader.read(text, file: file)
            } catch {
                throw PlanImportError(file: file, line: error.line, message: error.message)
            }
            let all = required + optional
            let expected = "the header must name \(required.joined(separator: ", "))"
                + (optional.isEmpty ? "" : " and may name \(optional.joined(separator: ", "))")
            var headerFor: [String: String] = [:]
            for header in table.header {
                guard let column = all.first(where: { VietnameseText.matches($0, header) }) else {
                    throw PlanImportError(file: file, line: 1, column: header, message: "unknown column: \(expected)")
                }
                headerFor[column] = header
            }
            for column in required where headerFor[column] == nil {
                throw PlanImportError(file: file, line: 1, column: column, message: "missing column: \(expected)")
            }
            self.file = file
            self.rows = table.rows
            self.headerFor = headerFor
        }
    }

    // MARK: agencies.csv

    static func readAgencies(_ text: String, file: String) throws(PlanImportError) -> [Agency] {
        let t = try CheckedTable(text, file: file, required: [AgencyColumn.id, AgencyColumn.name, AgencyColumn.level],
                                 optional: [AgencyColumn.groups, AgencyColumn.aliases])
        var agencies: [Agency] = []
        var lineOfID: [String: Int] = [:]
        var ownerOfName: [String: String] = [:]
        for row in t.rows {
            let id = try t.required(row, AgencyColumn.id)
            guard isSlug(id) else {
                throw t.fail(row, AgencyColumn.id, "\"\(id)\" is not an id: use lowercase ASCII letters, digits and \"-\", e.g. so-noi-vu")
            }
            if let first = lineOfID[id] {
                throw t.fail(row, AgencyColumn.id, "\"\(id)\" is already the id on line \(first): give each agency its own id")
            }
            lineOfID[id] = row.line
            let name = try t.required(row, AgencyColumn.name)
            let level = try readLevel(t, row, AgencyColumn.level, required: true)
            let groups = list(t.value(row, AgencyColumn.groups))
            for group in groups where !isSlug(group) {
                throw t.fail(row, AgencyColumn.groups, "\"\(group)\" is not a group id: use lowercase ASCII letters, digits and \"-\", e.g. so-ban-nganh")
            }
            let aliases = list(t.value(row, AgencyColumn.aliases))
            for (column, names) in [(AgencyColumn.name, [name]), (AgencyColumn.aliases, aliases)] {
                for n in names {
                    let key = AgencyToken.words(of: n).joined(separator: " ")
                    if let owner = ownerOfName[key], owner != id {
                        throw t.fail(row, column, "\"\(n)\" already names \(owner): a name or alias must point to one agency")
                    }
                    ownerOfName[key] = id
                }
            }
            agencies.append(Agency(id: id, name: name, level: level ?? .tinh, groups: groups, aliases: aliases))
        }
        return agencies
    }

    // MARK: indicators.csv

    static func readIndicators(_ text: String, file: String, plan: Plan) throws(PlanImportError) -> [Indicator] {
        typealias C = IndicatorColumn
        let t = try CheckedTable(text, file: file, required: [C.code, C.area, C.text, C.comparator, C.value, C.unit],
                                 optional: [C.level, C.year])
        var indicators: [Indicator] = []
        var lineOfID: [String: Int] = [:]
        for row in t.rows {
            let code = try t.required(row, C.code)
            guard !code.contains(where: { $0.isWhitespace || $0 == "@" || $0 == ":" }) else {
                throw t.fail(row, C.code, "\"\(code)\" must not contain spaces, \"@\" or \":\", e.g. 2.2.5a")
            }
            let area = try readArea(t, row, C.area)
            let comparatorText = try t.required(row, C.comparator)
            let spelled = ["≥": ">=", "≤": "<=", "==": "="][comparatorText] ?? comparatorText
            guard let comparator = Indicator.Comparator(rawValue: spelled) else {
                throw t.fail(row, C.comparator, "\"\(comparatorText)\" is not a comparator: write >=, <= or =")
            }
            let valueText = try t.required(row, C.value)
            let value: DecimalNumber
            do { value = try DecimalNumber(parsing: valueText) } catch {
                throw t.fail(row, C.value, "\(error)")
            }
            let unit = t.value(row, C.unit)
            if DecimalNumber.unitIsPercent(unit), !value.isPercentage {
                throw t.fail(row, C.value, "\(value) is not a percentage: the unit is \"\(unit)\", so write a value from 0 to 100")
            }
            let level = try readLevel(t, row, C.level, required: false)
            var year: Int?
            let yearText = t.value(row, C.year)
            if !yearText.isEmpty {
                guard yearText.count == 4, let y = Int(yearText) else {
                    throw t.fail(row, C.year, "\"\(yearText)\" is not a year: write four digits, e.g. 2025")
                }
                guard (plan.periodFrom.year...plan.periodTo.year).contains(y) else {
                    throw t.fail(row, C.year, "\(y) lies outside the plan period \(plan.periodFrom.year)–\(plan.periodTo.year): "
                        + "write a year of the plan or leave it empty")
                }
                year = y
            }
            let id = "\(plan.id):\(code)" + (level.map { "@\($0.rawValue)" } ?? "")
            if let first = lineOfID[id] {
                throw t.fail(row, C.code, "\(id) is already defined on line \(first): give each indicator (and level) its own code")
            }
            lineOfID[id] = row.line
            indicators.append(Indicator(id: id, plan: plan.id, code: code, area: area.key, text: try t.required(row, C.text),
                                        comparator: comparator, target: value.text, unit: unit, level: level, year: year))
        }
        return indicators
    }

    // MARK: tasks.csv

    static func readTasks(_ text: String, file: String, plan: Plan,
                          resolver: AgencyPhraseResolver) throws(PlanImportError) -> ([TaskDefinition], [ImportRowReport]) {
        typealias C = TaskColumn
        let t = try CheckedTable(text, file: file, required: [C.stt, C.area, C.title, C.lead, C.deadline],
                                 optional: [C.indicator, C.activity, C.output, C.coordinators, C.budget])
        var tasks: [TaskDefinition] = []
        var rows: [ImportRowReport] = []
        var lineOfSTT: [String: Int] = [:]
        for row in t.rows {
            let stt = try t.required(row, C.stt)
            guard !stt.contains(where: { $0.isWhitespace }) else {
                throw t.fail(row, C.stt, "\"\(stt)\" must not contain spaces, e.g. II/2.6")
            }
            if let first = lineOfSTT[stt] {
                throw t.fail(row, C.stt, "\"\(stt)\" is already the STT on line \(first): give each task its own STT")
            }
            lineOfSTT[stt] = row.line
            // An activity row ("II/2.6.1" with Hoạt động filled) may leave Lĩnh vực and
            // Nhiệm vụ empty: they are those of the task it belongs to.
            let activity = nonEmpty(t.value(row, C.activity))
            let parent = activity == nil ? nil : tasks.last { stt.hasPrefix($0.stt + ".") }
            let area: String
            if let parent, t.value(row, C.area).isEmpty { area = parent.area } else { area = try readArea(t, row, C.area).key }
            let title: String
            if let parent, t.value(row, C.title).isEmpty { title = parent.title } else { title = try t.required(row, C.title) }
            let leadPhrase = try t.required(row, C.lead)
            let coordinatorsPhrase = t.value(row, C.coordinators)
            let lead = resolver.resolve(leadPhrase)
            let coordinators = coordinatorsPhrase.isEmpty ? AgencyPhraseResolution() : resolver.resolve(coordinatorsPhrase)
            let deadline = DeadlineParser.parse(t.value(row, C.deadline), planFrom: plan.periodFrom, planTo: plan.periodTo)
            let id = "\(plan.id):\(stt)"
            tasks.append(TaskDefinition(
                id: id, plan: plan.id, stt: stt, area: area, indicatorNote: nonEmpty(t.value(row, C.indicator)),
                title: title, activity: activity, output: t.value(row, C.output),
                leadPhrase: leadPhrase, lead: lead.agencyIDs, leadUnresolved: lead.unresolved.map(\.text),
                coordinatorsPhrase: coordinatorsPhrase,
                coordinators: coordinators.agencyIDs.filter { !lead.agencyIDs.contains($0) },
                coordinatorsUnresolved: coordinators.unresolved.map(\.text),
                deadline: deadline, budget: nonEmpty(t.value(row, C.budget))))
            rows.append(ImportRowReport(
                line: row.line, stt: stt, taskID: id, lead: lead, coordinators: coordinators, deadline: deadline,
                occurrences: deadline.occurrences(planFrom: plan.periodFrom, planTo: plan.periodTo, issuedOn: plan.issuedOn)))
        }
        return (tasks, rows)
    }

    // MARK: shared cells

    static func readArea(_ t: CheckedTable, _ row: CSVRow, _ column: String) throws(PlanImportError) -> Area {
        let text = try t.required(row, column)
        guard let area = Area.resolve(text) else {
            throw t.fail(row, column, "\"\(text)\" is not a reform area: write one of "
                + Area.allCases.map { "\"\($0.titleVi)\"" }.joined(separator: ", ") + " (or its key)")
        }
        return area
    }

    static func readLevel(_ t: CheckedTable, _ row: CSVRow, _ column: String,
                          required: Bool) throws(PlanImportError) -> AgencyLevel? {
        let text = t.value(row, column)
        if text.isEmpty {
            if required { throw t.fail(row, column, "is empty: write tỉnh, huyện or xã") }
            return nil
        }
        let key = VietnameseText.key(text)
        let level = AgencyLevel(rawValue: key) ?? ["cap tinh": .tinh, "cap huyen": .huyen, "cap xa": .xa][key]
        guard let level else { throw t.fail(row, column, "\"\(text)\" is not a level: write tỉnh, huyện or xã") }
        return level
    }

    static func isSlug(_ s: String) -> Bool {
        !s.isEmpty && s.first != "-" && s.last != "-"
            && s.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }

    /// Items of a ";"-separated cell, trimmed, empty ones dropped.
    static func list(_ cell: String) -> [String] {
        cell.split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}
