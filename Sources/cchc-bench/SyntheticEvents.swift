import LedgerFormat
import LedgerStore
import TestSupport


/// Builds plausible CCHC events (~450–500 bytes of canonical JSON each, Vietnamese text, a
/// realistic mix of types) for benchmarks. It does not use the domain module: the shapes only
/// need to look like real ledger lines to the storage layer.
struct SyntheticEvents {
    private var random: SeededGenerator
    private var eventCount = 0
    /// Seconds since the epoch of the last `recordedAt` (never decreasing).
    private var clock: Int64 = 1_704_067_200  // 2024-01-01T00:00:00Z

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    private static let agencies = [
        ("so-noi-vu", "Sở Nội vụ"), ("so-tu-phap", "Sở Tư pháp"), ("so-y-te", "Sở Y tế"),
        ("so-tai-chinh", "Sở Tài chính"), ("so-ke-hoach-dau-tu", "Sở Kế hoạch và Đầu tư"),
        ("so-thong-tin-truyen-thong", "Sở Thông tin và Truyền thông"), ("van-phong-ubnd-tinh", "Văn phòng UBND tỉnh"),
        ("ubnd-huyen-luong-son", "UBND huyện Lương Sơn"), ("ubnd-huyen-lac-son", "UBND huyện Lạc Sơn"),
        ("ubnd-tp-hoa-binh", "UBND thành phố Hòa Bình"),
    ]
    private static let people = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng",
                                 "Hoàng Thị Hà", "Vũ Đức Hiếu", "Đặng Thu Hương", "Bùi Thanh Tùng"]
    private static let areas = ["chi-dao-dieu-hanh", "the-che", "tthc", "to-chuc-bo-may", "cong-vu",
                                "tai-chinh-cong", "chinh-quyen-so"]
    private static let notes = [
        "Đã ban hành kế hoạch triển khai.", "Hoàn thành rà soát thủ tục.", "Đang cập nhật Cổng dịch vụ công.",
        "Đã kiểm tra công tác CCHC.", "Số hóa hồ sơ đạt kế hoạch.",
    ]
    private static let products = ["Báo cáo kết quả", "Quyết định phê duyệt", "Kế hoạch kiểm tra", "Văn bản hướng dẫn"]

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    private mutating func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    /// The next event (the store adds `seq`, `recordedAt`, `prev`, `hash` and `batch`).
    mutating func next() -> NewEvent {
        eventCount += 1
        let (agency, _) = pick(Self.agencies)
        let task = "HB-CCHC-2021-2025:\(pick(["I", "II", "III", "IV", "V", "VI"]))/\(number(1...9)).\(number(1...12))"
        let year = 2024
        let quarter = number(1...4)
        let effective = "\(year)-\(String(format2: quarter * 3))-\(String(format2: number(1...14)))"
        let data: [String: JSONValue]
        let type: String
        let stream: String
        switch number(0...9) {
        case 0...3:
            type = "progress.reported"
            stream = "task/\(task)"
            data = ["period": .string("\(year)-Q\(quarter)"), "percent": .string("\(number(5...100))"),
                    "note": .string(pick(Self.notes))]
        case 4...5:
            type = "indicator.reported"
            stream = "indicator/HB-CCHC-2021-2025:\(pick(Self.areas)).\(number(1...20))"
            data = ["period": .string("\(year)"), "value": .string("\(number(50...100)).\(number(0...9))"),
                    "evidence": [["reference": .string("Số \(number(10...999))/BC-SNV")]]]
        case 6...7:
            type = "task.completed"
            stream = "task/\(task)"
            data = ["product": .string(pick(Self.products)),
                    "evidence": [["name": .string("bao-cao-\(number(1...999)).pdf"),
                                  "sizeBytes": .int(Int64(number(20_000...4_000_000)))]]]
        default:
            type = "task.assigned"
            stream = "task/\(task)"
            data = ["area": .string(pick(Self.areas)), "leads": [.string(agency)],
                    "deadline": ["raw": .string("Quý \(["I", "II", "III", "IV"][quarter - 1])/\(year)")]]
        }
        return NewEvent(id: "ev-\(eventCount)-\(String(random.next() % 1_000_000_000, radix: 36))", type: type,
                        stream: stream, effectiveAt: effective,
                        actor: ["agency": .string(agency), "person": .string(pick(Self.people))],
                        data: .object(JSONObject(data)))
    }

    /// The next `recordedAt`: a few minutes after the previous one.
    mutating func nextTime() -> Timestamp {
        clock += Int64(number(30...900))
        return Timestamp(epochSeconds: clock)
    }
}

extension String {
    /// `value` with at least two digits ("03").
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}
