import CCHCDomain
import LedgerFormat
import LedgerStore

/// Reads a plan directory (`plan.json` and the three CSV files it names) from disk and hands
/// the contents to the domain's `PlanImporter`, which checks and resolves them (pure).
public enum PlanDirectory {
    /// The parsed plan with its per-row resolution report. Throws `PlanImportError` naming the
    /// file (and line, column) at fault; nothing is written.
    public static func read(_ directory: String, fileSystem: any LedgerFileSystem = PosixFileSystem()) throws(PlanImportError) -> PlanImport {
        let root = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        func bytes(_ name: String) throws(PlanImportError) -> [UInt8] {
            let path = root + "/" + name
            guard fileSystem.fileExists(path) else {
                throw PlanImportError(file: name, message: "not found in \(root): a plan directory holds plan.json and the "
                    + "agencies, indicators and tasks CSV files it names.")
            }
            do { return try fileSystem.readWholeFile(path) } catch {
                throw PlanImportError(file: name, message: "cannot be read (\(error)); check its permissions.")
            }
        }
        func text(_ name: String) throws(PlanImportError) -> String {
            let raw = try bytes(name)
            guard let decoded = String(validating: raw, as: UTF8.self) else {
                throw PlanImportError(file: name, message: "is not UTF-8 text: save it as UTF-8 (CSV UTF-8 in Excel)")
            }
            return decoded
        }
        let planJSON = try bytes(PlanImporter.planFile)
        let files = try PlanImporter.files(planJSON: planJSON)
        return try PlanImporter.parse(planJSON: planJSON, agenciesCSV: try text(files.agencies),
                                      indicatorsCSV: try text(files.indicators), tasksCSV: try text(files.tasks))
    }
}

extension PlanImport {
    /// The command that imports this plan.
    public var command: Command {
        .importPlan(ImportPlan(plan: plan, agencies: agencies, indicators: indicators, tasks: tasks))
    }
}
