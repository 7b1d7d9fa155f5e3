import LedgerFormat
import LedgerStore

/// `cchc verify`: checks the whole ledger and never modifies it.
enum VerifyCommand {
    static let spec = CommandSpec(
        path: ["verify"],
        summary: LocalizedText(
            vi: "Kiểm tra toàn bộ sổ cái (JSON chuẩn tắc, seq, id, chuỗi hash, lô); không sửa gì",
            en: "Check the whole ledger (canonical JSON, seqs, ids, hash chain, batches); changes nothing"),
        discussion: LocalizedText(
            vi: "Mã thoát 0 khi sổ cái hợp lệ (kể cả khi chỉ có phần đuôi ghi dở, sẽ được chuyển vào EventLog/quarantine/ ở lần ghi sau),\n"
                + "3 khi phát hiện hư hỏng: in loại lỗi, seq, tệp phân đoạn và vị trí byte của lỗi đầu tiên.",
            en: "Exit 0 when the ledger is valid (also when only a torn, unacknowledged tail remains; the next writer moves it to\n"
                + "EventLog/quarantine/), 3 on damage: prints the kind, seq, segment file and byte offset of the first problem."),
        flags: [VerifySummary.flag],
        run: run)

    /// Progress is shown on a terminal for ledgers with at least this many segments.
    static let progressSegmentsMin = 4

    static func run(_ context: CommandContext) throws -> Int32 {
        if let file = context.arguments.string(VerifySummary.flag.name) { return try VerifySummary.run(context, file: file) }
        let paths = try context.existingLedger()
        let showProgress = context.stderr.isTerminal && !context.json
        var lastShown = 0
        let report = try LedgerVerifier.verify(ledger: paths, progress: { done, total in
            guard showProgress, total >= progressSegmentsMin else { return }
            let percent = done * 100 / max(total, 1)
            if percent != lastShown || done == total {
                lastShown = percent
                context.stderr.write("\r" + context.t("Đang kiểm tra: \(percent)% (\(done)/\(total) tệp)",
                                                       "Verifying: \(percent)% (\(done)/\(total) segments)") + (done == total ? "\n" : ""))
            }
        })
        if context.json {
            context.printJSON(VerifyText.json(report))
        } else {
            for line in VerifyText.lines(report, context.lang) { context.stdout.line(line) }
        }
        return report.isIntact ? ExitCodes.ok : ExitCodes.integrity
    }
}

/// Wording of verify results (also used for integrity errors of other commands).
public enum VerifyText {
    /// A problem kind in words.
    public static func kindName(_ kind: IntegrityProblemKind, _ lang: Lang) -> String {
        switch kind {
        case .badJSON: return lang.pick("dòng không phải JSON hợp lệ", "a line that is not valid JSON")
        case .notCanonical: return lang.pick("dòng không ở dạng JSON chuẩn tắc", "a line not in canonical JSON form")
        case .badEnvelope: return lang.pick("dòng thiếu hoặc sai trường của sự kiện", "a line that is not an event envelope")
        case .lineTooLong: return lang.pick("dòng quá dài", "a line over the size limit")
        case .seqGap: return lang.pick("thiếu sự kiện (seq bị nhảy)", "missing events (seq gap)")
        case .seqOutOfOrder: return lang.pick("seq sai thứ tự", "seq out of order")
        case .duplicateID: return lang.pick("trùng id sự kiện", "duplicate event id")
        case .chainBreak: return lang.pick("đứt chuỗi hash (prev không khớp)", "hash chain broken (prev does not match)")
        case .hashMismatch: return lang.pick("hash không khớp nội dung (dòng đã bị sửa)", "hash does not match the content (line altered)")
        case .badBatch: return lang.pick("lô sự kiện không trọn vẹn", "broken batch")
        case .segmentName: return lang.pick("tên tệp phân đoạn không khớp seq đầu", "segment name does not match its first seq")
        case .recordedAtDecreased:
            return lang.pick("thời điểm ghi (recordedAt) lùi so với sự kiện trước", "recordedAt earlier than the previous event's")
        }
    }

    static func lines(_ report: VerifyReport, _ lang: Lang) -> [String] {
        if let problem = report.problem {
            return [lang.pick("Sổ cái bị hỏng: \(kindName(problem.kind, lang)) tại seq \(problem.seq) "
                              + "(tệp \(problem.segment), byte \(problem.byteOffset)).",
                              "Ledger damaged: \(kindName(problem.kind, lang)) at seq \(problem.seq) "
                              + "(file \(problem.segment), byte \(problem.byteOffset))."),
                    lang.pick("Chi tiết: ", "Detail: ") + problem.message,
                    lang.pick("\(lang.number(report.eventCount)) sự kiện trước đó hợp lệ. Sổ cái không bị thay đổi; hãy khôi phục từ bản sao.",
                              "\(lang.number(report.eventCount)) events before it are valid. The ledger was not modified; restore from a copy.")]
        }
        var lines = [lang.pick("Sổ cái hợp lệ: \(lang.number(report.eventCount)) sự kiện; hash đầu chuỗi: \(report.headHash)",
                               "Ledger valid: \(lang.number(report.eventCount)) events; head hash: \(report.headHash)")]
        if let torn = report.tornTail {
            lines.append(lang.pick(
                "Phần đuôi ghi dở (chưa được xác nhận): \(lang.number(torn.byteCount)) byte từ seq \(torn.firstSeq) "
                    + "(tệp \(torn.segment), byte \(torn.byteOffset)); lần ghi tiếp theo sẽ chuyển nó vào EventLog/quarantine/.",
                "Torn tail (unacknowledged write): \(lang.number(torn.byteCount)) bytes from seq \(torn.firstSeq) "
                    + "(file \(torn.segment), byte \(torn.byteOffset)); the next writer moves it to EventLog/quarantine/."))
        }
        return lines
    }

    static func json(_ report: VerifyReport) -> JSONValue {
        var object: JSONObject = JSONObject([
            "ok": .bool(report.isIntact), "events": .int(report.eventCount), "headSeq": .int(report.headSeq),
            "headHash": .string(report.headHash), "segments": .int(Int64(report.segmentCount)),
            "problem": .null, "tornTail": .null,
        ])
        if let problem = report.problem {
            object["problem"] = ["kind": .string(problem.kind.rawValue), "seq": .int(problem.seq), "segment": .string(problem.segment),
                                 "offset": .int(Int64(problem.byteOffset)), "message": .string(problem.message)]
        }
        if let torn = report.tornTail {
            object["tornTail"] = ["reason": .string(torn.reason.rawValue), "segment": .string(torn.segment),
                                  "offset": .int(Int64(torn.byteOffset)), "byteCount": .int(Int64(torn.byteCount)),
                                  "firstSeq": .int(torn.firstSeq)]
        }
        return .object(object)
    }
}
