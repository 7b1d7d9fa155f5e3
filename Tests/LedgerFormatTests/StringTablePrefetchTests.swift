@testable import LedgerFormat
import XCTest

/// The string table's prefetch hints (used by the load path to ask early for the slots and texts
/// of task ids it will look up) find the very bytes a lookup compares, and never change an answer.
final class StringTablePrefetchTests: XCTestCase {
    /// Task ids as the ledger writes them: longer than a String keeps inline.
    static let ids = (0..<20_000).map { "T\($0 % 34)-CCHC-2021-2025:\(["I", "II", "VII"][$0 % 3])/\($0)" }

    func filledTable() -> StringTable {
        var table = StringTable()
        for id in Self.ids {
            var text = id
            text.withUTF8 { table.insert(String(decoding: $0, as: UTF8.self), bytes: $0) }
        }
        return table
    }

    func testTheTextAddressIsWhereTheFoundStringKeepsItsBytes() {
        let table = filledTable()
        var found = 0, withinProbes = 0
        for name in Self.ids {
            var id = name
            id.withUTF8 { bytes in
                let h = ByteHash.hash(bytes)
                guard let text = table.lookup(bytes, hash: h) else { return XCTFail("\(name) not found") }
                found += 1
                guard let address = table.textAddress(hash: h) else { return }  // beyond the probes looked at
                withinProbes += 1
                var own = text
                own.withUTF8 { XCTAssertEqual(UnsafeRawPointer($0.baseAddress), address, name) }
            }
        }
        XCTAssertEqual(found, Self.ids.count)
        // At the table's load nearly every string is within the slots a prefetch looks at.
        XCTAssertGreaterThan(withinProbes, Self.ids.count * 9 / 10)
    }

    func testNoAddressForAnInlineStringOrAnAbsentOne() {
        var table = StringTable()
        var short = "t01-so-1"  // inline: its bytes are in the slot itself
        short.withUTF8 { table.insert(String(decoding: $0, as: UTF8.self), bytes: $0) }
        XCTAssertNotNil(short.withUTF8 { table.lookup($0) })
        XCTAssertNil(short.withUTF8 { table.textAddress(hash: ByteHash.hash($0)) })
        var absent = "T99-CCHC-2021-2025:IX/999"
        XCTAssertNil(absent.withUTF8 { table.textAddress(hash: ByteHash.hash($0)) })
    }

    func testPrefetchingChangesNoLookup() {
        let table = filledTable()
        for var id in Self.ids.prefix(2_000) + ["not in the table at all, and long"] {
            id.withUTF8 { bytes in
                let h = ByteHash.hash(bytes)
                let before = table.lookup(bytes, hash: h)
                table.prefetchSlot(hash: h)
                table.prefetchText(hash: h)
                XCTAssertEqual(table.lookup(bytes, hash: h), before)
                XCTAssertEqual(table.lookup(bytes), before)
            }
        }
        // A prefetch of an address nothing is mapped at is only a hint: it does not fault.
        if let nowhere = UnsafeRawPointer(bitPattern: 0x10) { CachePrefetch.forReading(nowhere) }
    }
}
