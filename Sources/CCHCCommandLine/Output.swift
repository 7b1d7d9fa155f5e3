#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Where a command writes text: the process's stdout/stderr, or a buffer in tests.
public final class OutputSink: @unchecked Sendable {
    private let sink: @Sendable ([UInt8]) -> Void
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private let capturing: Bool
    /// True when the sink is a terminal (progress is shown only then).
    public let isTerminal: Bool

    public init(isTerminal: Bool = false, write: @escaping @Sendable ([UInt8]) -> Void) {
        self.sink = write
        self.isTerminal = isTerminal
        self.capturing = false
    }

    private init(capturingWithTerminal isTerminal: Bool) {
        self.sink = { _ in }
        self.isTerminal = isTerminal
        self.capturing = true
    }

    /// A sink that keeps what is written (read it with `text`).
    public static func capture(isTerminal: Bool = false) -> OutputSink { OutputSink(capturingWithTerminal: isTerminal) }

    /// The process's file descriptor `fd` (1 or 2), written with write(2) and never buffered.
    public static func fileDescriptor(_ fd: Int32) -> OutputSink {
        OutputSink(isTerminal: isatty(fd) == 1) { bytes in
            var done = 0
            while done < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
                if n <= 0 { return }
                done += n
            }
        }
    }

    public func write(_ text: String) {
        let bytes = Array(text.utf8)
        if capturing { lock.withLock { buffer.append(contentsOf: bytes) } } else { sink(bytes) }
    }

    /// Writes `text` and a newline.
    public func line(_ text: String = "") { write(text + "\n") }

    /// Everything written so far (capturing sinks only).
    public var text: String { lock.withLock { String(decoding: buffer, as: UTF8.self) } }
}

/// Where a command reads its standard input from (`ingest -`), read whole on demand.
public struct InputSource: Sendable {
    private let reader: @Sendable () -> [UInt8]
    public init(read: @escaping @Sendable () -> [UInt8]) { self.reader = read }

    public func readAll() -> [UInt8] { reader() }

    /// The process's standard input.
    public static let standardInput = InputSource {
        Array(FileHandle.standardInput.readDataToEndOfFile())
    }

    /// Fixed bytes (tests).
    public static func bytes(_ bytes: [UInt8]) -> InputSource { InputSource { bytes } }

    public static let empty = InputSource { [] }
}
