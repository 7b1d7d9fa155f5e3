import LedgerFormat
import LedgerStore

/// Plain events for storage tests: no domain meaning, just ids, streams and a payload.
public enum SampleEvents {
    /// `count` events with ids `<prefix>-1`, `<prefix>-2`…
    public static func make(_ count: Int, prefix: String = "e", padBytes: Int = 20) -> [NewEvent] {
        (1...max(count, 1)).prefix(count).map { i in
            NewEvent(id: "\(prefix)-\(i)", type: "test.happened", stream: "test/\(prefix)",
                     effectiveAt: "2024-03-15", actor: ["agency": "so-noi-vu", "person": "Nguyễn Văn A"],
                     data: ["i": .int(Int64(i)), "note": .string("Ghi chú số \(i)"),
                            "pad": .string(String(repeating: "x", count: padBytes))])
        }
    }

    /// A fixed time for appends: 2024-06-30T10:00:00+07:00 plus `seconds`.
    public static func time(_ seconds: Int64 = 0) -> Timestamp {
        Timestamp(epochSeconds: 1_719_716_400 + seconds, offsetMinutes: 420)
    }

    /// Appends `batches` batches of `batchSize` events and returns the writer's head.
    @discardableResult
    public static func fill(_ writer: LedgerWriter, batches: Int, batchSize: Int, prefix: String = "e") throws -> LedgerHead {
        for b in 0..<batches {
            try writer.append(make(batchSize, prefix: "\(prefix)\(b)"), recordedAt: time(Int64(b)))
        }
        return writer.head
    }
}
