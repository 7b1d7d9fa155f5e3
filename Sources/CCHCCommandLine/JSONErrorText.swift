import LedgerFormat

/// Why a JSON argument, file or ingest line was refused, in the user's language: the format
/// layer's reasons are English; people reading Vietnamese messages get them in Vietnamese.
extension JSONReadError.Reason {
    func text(_ lang: Lang) -> String {
        guard lang == .vi else { return description }
        switch self {
        case .invalidUTF8: return "chuỗi chứa byte không phải UTF-8"
        case .duplicateKey(let key): return "khóa \"\(key)\" xuất hiện hai lần"
        case .floatNotAllowed:
            return "số có phần thập phân hoặc số mũ (sổ chỉ lưu số nguyên; ghi số thập phân trong chuỗi)"
        case .integerOutOfRange: return "số nguyên vượt quá phạm vi 64 bit có dấu"
        case .negativeZero: return "không dùng -0 (ghi 0)"
        case .leadingZero: return "số có chữ số 0 ở đầu"
        case .depthExceeded(let limit): return "đối tượng và mảng lồng nhau quá \(limit) cấp"
        case .lineTooLong(let limit): return "dòng dài quá giới hạn \(limit) byte"
        case .unexpectedByte(let byte):
            if byte >= 0x21, byte < 0x7F { return "ký tự '\(Character(Unicode.Scalar(byte)))' không đúng chỗ" }
            return "byte 0x\(Hex.encode([byte])) không đúng chỗ"
        case .unexpectedEnd: return "dữ liệu kết thúc giữa chừng"
        case .invalidEscape: return "chuỗi có ký tự thoát (\\) không hợp lệ"
        case .unpairedSurrogate: return "ký tự thoát \\u có nửa cặp surrogate"
        case .controlCharacterInString: return "chuỗi chứa ký tự điều khiển chưa thoát (hãy thoát nó)"
        case .trailingBytes: return "còn dữ liệu sau khi giá trị JSON đã kết thúc"
        case .notCanonical(let detail): return "không phải JSON chính tắc: \(detail)"
        }
    }
}
