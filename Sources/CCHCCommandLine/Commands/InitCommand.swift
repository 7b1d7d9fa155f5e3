import LedgerFormat
import LedgerStore

/// `cchc init`: creates `EventLog/` and `Snapshots/` in the ledger directory (idempotent).
enum InitCommand {
    static let spec = CommandSpec(
        path: ["init"],
        summary: LocalizedText(vi: "Tạo sổ cái mới (EventLog/, Snapshots/) trong thư mục sổ cái; chạy lại không thay đổi gì",
                               en: "Create a ledger (EventLog/, Snapshots/) in the ledger directory; running it again changes nothing"),
        run: run)

    static func run(_ context: CommandContext) throws -> Int32 {
        let paths = context.paths
        let created = try paths.create()
        if context.json {
            context.printJSON(["ok": true, "created": .bool(created), "ledger": .string(paths.root)])
        } else if created {
            context.stdout.line(context.t("Đã tạo sổ cái tại \(paths.root) (EventLog/, Snapshots/).",
                                          "Created a ledger at \(paths.root) (EventLog/, Snapshots/)."))
        } else {
            context.stdout.line(context.t("Sổ cái đã có tại \(paths.root); không thay đổi gì.",
                                          "A ledger already exists at \(paths.root); nothing changed."))
        }
        return ExitCodes.ok
    }
}
