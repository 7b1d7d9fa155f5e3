import LedgerFormat

/// Reads a plan directory's files (given as contents; the command line reads the files) into
/// a checked `PlanImport`. Pure: no file I/O.
///
/// Files: `plan.json` (the plan), `agencies.csv` (Mã, Tên, Cấp, Nhóm, Tên khác),
/// `indicators.csv` (Mã, Lĩnh vực, Chỉ tiêu, So sánh, Giá trị, Đơn vị, Cấp, Năm) and
/// `tasks.csv` (STT, Lĩnh vực, Mục tiêu/Chỉ tiêu, Nhiệm vụ, Hoạt động, Sản phẩm, Cơ quan chủ
/// trì, Cơ quan phối hợp, Thời hạn hoàn thành, Kinh phí). Every string is NFC-normalised.
/// Structural problems (missing or renamed columns, bad values, unknown areas or agency ids)
/// throw; phrases that do not resolve are reported per row, never dropped.
///
/// Ids: task `<plan id>:<STT>`, indicator `<plan id>:<Mã>` plus `@tinh|@huyen|@xa` when the
/// row has a level. A task's coordinators exclude its own leads. An activity row (Hoạt động
/// filled, STT under an earlier task's STT) may leave Lĩnh vực and Nhiệm vụ empty to take the
/// task's.
public enum PlanImporter {
    /// The names of the table files plan.json refers to (defaults when it names none).
    public struct Files: Sendable, Hashable {
        public var agencies: String
        public var indicators: String
        public var tasks: String
        public static let standard = Files(agencies: "agencies.csv", indicators: "indicators.csv", tasks: "tasks.csv")
    }

    public static let planFile = "plan.json"

    /// Reads only which table files plan.json names (`agencies`, `indicators`, `tasks`).
    public static func files(planJSON: [UInt8]) throws(PlanImportError) -> Files {
        let object = try planObject(planJSON)
        func name(_ key: String, _ fallback: String) throws(PlanImportError) -> String {
            guard let value = object[key] else { return fallback }
            guard case .string(let s) = value, !s.trimmingSpaces.isEmpty, !s.contains("/"), !s.hasPrefix(".") else {
                throw PlanImportError(file: planFile, column: key,
                                      message: "must be the name of a file beside plan.json, e.g. \"\(fallback)\"")
            }
            return NFC.normalize(s.trimmingSpaces)
        }
        return Files(agencies: try name("agencies", Files.standard.agencies),
                     indicators: try name("indicators", Files.standard.indicators),
                     tasks: try name("tasks", Files.standard.tasks))
    }

    public static func parse(planJSON: [UInt8], agenciesCSV: String, indicatorsCSV: String,
                             tasksCSV: String) throws(PlanImportError) -> PlanImport {
        let files = try files(planJSON: planJSON)
        let agencies = try readAgencies(agenciesCSV, file: files.agencies)
        let directory = AgencyDirectory(agencies: agencies)
        let plan = try readPlan(planJSON, directory: directory)
        let indicators = try readIndicators(indicatorsCSV, file: files.indicators, plan: plan)
        let (tasks, rows) = try readTasks(tasksCSV, file: files.tasks, plan: plan,
                                          resolver: AgencyPhraseResolver(directory: directory))
        return PlanImport(plan: plan, agencies: agencies, indicators: indicators, tasks: tasks, rows: rows)
    }

    // MARK: plan.json

    private static let planKeys: Set<String> = [
        "id", "title", "issuer", "issuerAgency", "decision", "issuedOn", "period", "standingAgency", "areaLeads",
        "parentPlan", "province", "tasks", "indicators", "agencies", "reporting",
    ]

    static func planObject(_ bytes: [UInt8]) throws(PlanImportError) -> JSONObject {
        let value: JSONValue
        // A UTF-8 byte-order mark, as some editors save, is not part of the JSON.
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let body = bytes.starts(with: bom) ? Array(bytes.dropFirst(3)) : bytes
        do {
            value = try JSONReader.parse(body)
        } catch {
            let line = body.prefix(error.offset).filter { $0 == 0x0A }.count + 1
            throw PlanImportError(file: planFile, line: line,
                                  message: "\(error.reason) at byte \(error.offset): fix the JSON there")
        }
        guard case .object(let object) = value else {
            throw PlanImportError(file: planFile, message: "must hold one JSON object {\"id\": …, \"title\": …}")
        }
        for key in object.keys where !planKeys.contains(key) {
            throw PlanImportError(file: planFile, column: key,
                                  message: "unknown field: use only \(planKeys.sorted().joined(separator: ", "))")
        }
        return object
    }

    static func readPlan(_ bytes: [UInt8], directory: AgencyDirectory) throws(PlanImportError) -> Plan {
        let object = try planObject(bytes)
        func fail(_ field: String, _ message: String) -> PlanImportError {
            PlanImportError(file: planFile, column: field, message: message)
        }
        func string(_ o: JSONObject, _ key: String, required: Bool, path: String? = nil) throws(PlanImportError) -> String? {
            let field = path ?? key
            guard let value = o[key], value != .null else {
                if required { throw fail(field, "is missing: add \"\(key)\": \"…\"") }
                return nil
            }
            guard case .string(let s) = value else { throw fail(field, "must be a string") }
            let t = NFC.normalize(s.trimmingSpaces)
            if required && t.isEmpty { throw fail(field, "is empty: write a value") }
            return t.isEmpty ? nil : t
        }
        func date(_ o: JSONObject, _ key: String, path: String) throws(PlanImportError) -> CivilDate {
            let text = try string(o, key, required: true, path: path) ?? ""
            guard let d = CivilDate(parsing: text) else {
                throw fail(path, "\"\(text)\" is not a date: write YYYY-MM-DD, e.g. 2021-09-21")
            }
            return d
        }
        func agency(_ id: String, field: String) throws(PlanImportError) -> String {
            guard directory.contains(id: id) else {
                let closest = directory.closestAgencies(to: id)
                throw fail(field, "\"\(id)\" is not an agency of agencies.csv"
                    + (closest.isEmpty ? "" : " (closest: \(closest.joined(separator: ", ")))")
                    + ": use an id from the Mã column")
            }
            return id
        }

        guard let id = try string(object, "id", required: true) else { throw fail("id", "is missing") }
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw fail("id", "\"\(id)\" must use only ASCII letters, digits, \"-\", \"_\" and \".\", e.g. HB-CCHC-2021-2025")
        }
        guard case .object(let period)? = object["period"] else {
            throw fail("period", "is missing: add \"period\": {\"from\": \"2021-01-01\", \"to\": \"2025-12-31\"}")
        }
        let from = try date(period, "from", path: "period.from")
        let to = try date(period, "to", path: "period.to")
        guard from <= to else { throw fail("period", "ends (\(to.iso)) before it starts (\(from.iso)): swap the dates") }

        var areaLeads: [String: String] = [:]
        if let leads = object["areaLeads"], leads != .null {
            guard case .object(let map) = leads else { throw fail("areaLeads", "must be an object {\"the-che\": \"so-tu-phap\", …}") }
            for member in map.members {
                let field = "areaLeads.\(member.key)"
                guard let area = Area.resolve(member.key) else {
                    throw fail(field, "\"\(member.key)\" is not an area: use \(Area.allCases.map(\.key).joined(separator: ", "))")
                }
                guard case .string(let lead) = member.value else { throw fail(field, "must be an agency id (a string)") }
                areaLeads[area.key] = try agency(NFC.normalize(lead), field: field)
            }
        }
        let issuerAgency = try string(object, "issuerAgency", required: false)
        return Plan(
            id: id,
            title: try string(object, "title", required: true) ?? "",
            issuer: try string(object, "issuer", required: true) ?? "",
            issuerAgency: try issuerAgency.map { id throws(PlanImportError) in try agency(id, field: "issuerAgency") },
            decision: try string(object, "decision", required: true) ?? "",
            issuedOn: try date(object, "issuedOn", path: "issuedOn"),
            periodFrom: from,
            periodTo: to,
            standingAgency: try agency(try string(object, "standingAgency", required: false) ?? "so-noi-vu",
                                       field: "standingAgency"),
            areaLeads: areaLeads,
            parentPlan: try string(object, "parentPlan", required: false),
            province: try string(object, "province", required: false))
    }
}
