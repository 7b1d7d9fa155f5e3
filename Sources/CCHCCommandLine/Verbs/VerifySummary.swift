import Foundation
import LedgerFormat
import LedgerService
import LedgerStore
import Reports

/// `cchc verify --summary FILE.json`: checks the ledger's chain, that the ledger still holds the
/// head hash the summary names at its last seq, and that recomputing the summary from the ledger
/// at that seq gives exactly the file's figures. Exit 0 when all hold, 3 otherwise (listing
/// which figures differ).
enum VerifySummary {
    /// Differences printed at most; the count of the rest is given.
    static let differencesShownMax = 40

    static func run(_ context: CommandContext, file: String) throws -> Int32 {
        let paths = try context.existingLedger()
        let bytes: [UInt8]
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ReportFailure(ExitCodes.io, vi: "không đọc được tệp báo cáo \(file): kiểm tra đường dẫn",
                                en: "cannot read the summary file \(file): check the path")
        }
        bytes = [UInt8](data)
        let json: ReportJSON
        let claim: SummaryVerification.Claim
        do {
            json = try ReportJSON.parse(bytes)
            claim = try SummaryVerification.claim(json)
        } catch let error as ReportJSONError {
            throw ReportFailure(ExitCodes.integrity, vi: "\(file) không phải bản JSON của báo cáo: \(error)",
                                en: "\(file) is not a summary in JSON form: \(error)")
        } catch let error as SummaryError {
            throw ReportFailure(ExitCodes.integrity, vi: "\(file): \(error.message)", en: "\(file): \(error.message)")
        }

        let chain = try LedgerVerifier.verify(ledger: paths)
        if !chain.isIntact {
            for line in VerifyText.lines(chain, context.lang) { context.stdout.line(line) }
            context.stdout.line(context.t("Không thể xác thực báo cáo trên sổ cái bị hỏng.",
                                          "The summary cannot be attested against a damaged ledger."))
            return ExitCodes.integrity
        }
        let loaded = try ReportSupport.load(context)
        let seq = claim.lastSeq
        guard seq >= 1, seq <= loaded.headSeq else {
            context.stdout.line(context.t(
                "Sổ cái không có seq \(seq) mà báo cáo nêu (sổ cái có \(loaded.headSeq) sự kiện): báo cáo được lập từ một sổ cái khác.",
                "The ledger has no seq \(seq), which the summary names (the ledger has \(loaded.headSeq) events): it was computed from another ledger."))
            return ExitCodes.integrity
        }
        let ledgerHash = loaded.hash(ofSeq: seq) ?? ""
        let holdsHead = ledgerHash == claim.headHash
        let model = try SummaryCommand.build(claim.request, loaded)
        let differences = SummaryVerification.differences(file: json, recomputed: SummaryJSON.value(model))
        let ok = holdsHead && differences.isEmpty
        if context.json {
            context.printJSON(["ok": .bool(ok), "seq": .int(seq), "headHash": .string(claim.headHash),
                               "ledgerHash": .string(ledgerHash), "holdsHead": .bool(holdsHead),
                               "differences": .array(differences.map { d in
                                   ["path": .string(d.path), "file": .string(d.inFile), "ledger": .string(d.recomputed)]
                               })])
            return ok ? ExitCodes.ok : ExitCodes.integrity
        }
        context.stdout.line(holdsHead
            ? context.t("Sổ cái vẫn giữ hash \(claim.headHash) tại seq \(seq).", "The ledger still holds hash \(claim.headHash) at seq \(seq).")
            : context.t("Sổ cái KHÔNG còn giữ hash mà báo cáo nêu tại seq \(seq): báo cáo nêu \(claim.headHash), sổ cái có \(ledgerHash).",
                        "The ledger does NOT hold the summary's hash at seq \(seq): the summary names \(claim.headHash), the ledger has \(ledgerHash)."))

        if differences.isEmpty {
            context.stdout.line(context.t(
                "Báo cáo khớp với sổ cái: tính lại từ seq \(claim.firstSeq)–\(seq) cho đúng mọi số liệu.",
                "The summary matches the ledger: recomputed from seq \(claim.firstSeq)–\(seq), every figure is the same."))
        } else {
            context.stdout.line(context.t("Báo cáo KHÔNG khớp với sổ cái: \(differences.count) số liệu khác:",
                                          "The summary does NOT match the ledger: \(differences.count) figure(s) differ:"))
            for difference in differences.prefix(differencesShownMax) {
                context.stdout.line(context.t("  \(difference.path): tệp ghi \(difference.inFile), sổ cái cho \(difference.recomputed)",
                                              "  \(difference.path): file says \(difference.inFile), ledger gives \(difference.recomputed)"))
            }
            if differences.count > differencesShownMax {
                context.stdout.line(context.t("  … và \(differences.count - differencesShownMax) số liệu khác nữa",
                                              "  … and \(differences.count - differencesShownMax) more"))
            }
        }
        return ok ? ExitCodes.ok : ExitCodes.integrity
    }
}

extension VerifySummary {
    /// `verify --summary FILE.json`, declared by `VerifyCommand`.
    static let flag = FlagSpec("summary", value: "FILE.json", help: LocalizedText(
        vi: "kiểm tra một báo cáo tổng kết (bản JSON) với sổ cái: tính lại và so từng số liệu",
        en: "check a summary (its JSON form) against the ledger: recompute it and compare every figure"))
}
