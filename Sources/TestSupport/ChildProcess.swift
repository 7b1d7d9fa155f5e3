import Foundation

/// Finds executables built alongside the tests (`ledger-stress`, `cchc`).
public enum BuiltProducts {
    /// The build products directory: the one holding the `.xctest` bundle.
    public static var directory: URL {
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        let main = Bundle.main.bundleURL
        return main.pathExtension == "xctest" ? main.deletingLastPathComponent() : main
    }

    /// Path of the named executable, or nil when it has not been built.
    public static func executable(_ name: String) -> String? {
        let candidates = [directory.appendingPathComponent(name).path,
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name).path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// Output and exit status of a finished child.
public struct ChildResult: Sendable {
    public var status: Int32
    /// True when the child was ended by a signal (status is then the signal number).
    public var killedBySignal: Bool
    public var stdout: String
    public var stderr: String
}

/// Runs child processes for tests, with their output captured.
public enum ChildProcess {
    /// Runs to completion.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> ChildResult {
        let child = try start(executable, arguments, environment: environment)
        return child.wait()
    }

    /// Starts a child; call `wait()` (or `kill` then `wait()`).
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> RunningChild {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let child = RunningChild(process: process, out: out, err: err)
        try process.run()
        child.startReading()
        return child
    }
}

/// A running child whose stdout and stderr are collected as they arrive.
public final class RunningChild: @unchecked Sendable {
    public let process: Process
    private let out: Pipe
    private let err: Pipe
    private let lock = NSLock()
    private var outData = Data()
    private var errData = Data()
    private let group = DispatchGroup()

    init(process: Process, out: Pipe, err: Pipe) {
        self.process = process
        self.out = out
        self.err = err
    }

    func startReading() {
        for (pipe, isOut) in [(out, true), (err, false)] {
            group.enter()
            Thread.detachNewThread { [self] in
                let handle = pipe.fileHandleForReading
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    lock.withLock { if isOut { outData.append(chunk) } else { errData.append(chunk) } }
                }
                group.leave()
            }
        }
    }

    public var pid: Int32 { process.processIdentifier }

    /// Stdout received so far.
    public var stdoutSoFar: String { lock.withLock { String(decoding: outData, as: UTF8.self) } }

    /// Sends a signal (e.g. SIGKILL).
    public func signal(_ number: Int32) { _ = kill(process.processIdentifier, number) }

    /// Waits for exit and for the pipes to drain.
    public func wait() -> ChildResult {
        process.waitUntilExit()
        group.wait()
        return lock.withLock {
            ChildResult(status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
                        stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
        }
    }
}
