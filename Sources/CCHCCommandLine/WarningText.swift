import LedgerService
import LedgerStore

/// How a ledger warning reads on stderr, in the output language (the service reports the
/// warning as data; `LedgerWarning.description` is its English wording).
enum WarningText {
    /// The warning's sentence in `lang`, without the `cchc: warning: ` prefix.
    static func text(_ warning: LedgerWarning, _ lang: Lang) -> String {
        guard lang == .vi else { return warning.description }
        switch warning {
        case .snapshotIgnored(let ignored):
            return snapshotIgnored(ignored.file, reason: reason(ignored.reason))
        case .snapshotStateEndsElsewhere(let file, let stateSeq, let headerSeq):
            return snapshotIgnored(file, reason: "trạng thái trong đó kết thúc ở seq \(stateSeq), không phải \(headerSeq)")
        case .snapshotUndecodable(let file, let detail):
            return snapshotIgnored(file, reason: "không giải mã được (\(detail))")
        case .snapshotDoesNotMatchLog(let seq):
            return "Ảnh chụp tại seq \(seq) không còn khớp với nhật ký; trạng thái được dựng lại từ seq 1."
        case .incompleteBatchLeftOut(let count, let firstSeq):
            return "\(count) sự kiện cuối, từ seq \(firstSeq), thuộc một lô chưa ghi xong (đang ghi dở, hoặc một sự cố "
                + "mà lần ghi sau sẽ khôi phục); chúng không được hiển thị."
        case .tornTailRecovered(let byteCount, let segment, let byteOffset, let quarantineFile, let seq):
            return "Phần đuôi ghi dở (\(byteCount) byte của \(segment) từ byte \(byteOffset), một lần ghi bị sự cố cắt ngang) "
                + "đã được chuyển sang EventLog/\(quarantineFile) và ghi nhận là seq \(seq) (ledger.recovered). "
                + "Không mất dữ liệu nào đã được xác nhận."
        case .clockHeld(let requested, let kept):
            return "Đồng hồ lùi về \(requested.rfc3339), trước lần ghi cuối; sổ cái ghi thời điểm \(kept.rfc3339) "
                + "(recordedAt không bao giờ giảm)."
        case .snapshotNotWritten(let detail):
            return "Không ghi được ảnh chụp (\(detail)); sổ cái vẫn nguyên vẹn, lần mở sau sẽ phát lại nhiều sự kiện hơn."
        }
    }

    private static func snapshotIgnored(_ file: String, reason: String) -> String {
        "Bỏ qua ảnh chụp \(file): \(reason). Trạng thái được dựng lại từ nhật ký (chậm hơn với sổ cái lớn); "
            + "ghi một ảnh chụp mới (cchc snapshot) để tải nhanh trở lại."
    }

    private static func reason(_ reason: SnapshotWarning.Reason) -> String {
        switch reason {
        case .unreadable(let detail): return "không đọc được (\(detail))"
        case .badHeader(let detail): return "không có dòng đầu hợp lệ (\(detail))"
        case .payloadChecksumMismatch: return "nội dung không khớp mã kiểm tra (tệp bị hỏng)"
        case .payloadSizeMismatch(let expected, let actual): return "nội dung dài \(actual) byte, dòng đầu ghi \(expected)"
        case .wrongFormatVersion(let version): return "có phiên bản định dạng \(version), chương trình này không đọc được"
        case .hashDoesNotMatchLog(let seq, let hash): return "được chụp tại seq \(seq) với hash \(hash), nhật ký không có"
        }
    }
}
