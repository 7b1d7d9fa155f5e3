import LedgerFormat
import LedgerService

/// `cchc snapshot`: writes the current state to `Snapshots/` (a cache; deleting it changes no answer).
enum SnapshotVerb {
    static let spec = CommandSpec(
        path: ["snapshot"],
        summary: LocalizedText(vi: "Lưu ảnh chụp trạng thái để mở sổ cái nhanh hơn (chỉ là bộ nhớ đệm)",
                               en: "Save a state snapshot so the ledger opens faster (a cache only)"),
        run: run)

    static func run(_ context: CommandContext) throws -> Int32 {
        let service = try LedgerService.open(ledger: context.ledgerPath, options: context.serviceOptions)
        defer { service.close() }
        context.warn(service.ledger.warnings)
        let file = try service.snapshot()
        let seq = service.ledger.headSeq
        if context.json {
            context.printJSON(["ok": true, "file": file.map(JSONValue.string) ?? .null, "seq": .int(seq)])
        } else if let file {
            context.stdout.line(context.t("Đã lưu ảnh chụp tại seq \(seq): Snapshots/\(file)", "Saved a snapshot at seq \(seq): Snapshots/\(file)"))
        } else {
            context.stdout.line(context.t("Sổ cái trống; không có gì để chụp.", "The ledger is empty; nothing to snapshot."))
        }
        return ExitCodes.ok
    }
}
