import Foundation

/// Wall-clock seconds since an arbitrary start (monotonic).
func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

/// CPU seconds the calling thread has used (excludes time other processes held the core).
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// CPU seconds (user + system) used so far by this process, or by its finished children.
func processCPUSeconds(children: Bool = false) -> Double {
    var usage = rusage()
    getrusage(children ? RUSAGE_CHILDREN.rawValue : RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Wall and CPU time of one timed piece of work.
struct Stopwatch {
    let wallStart = monotonicSeconds()
    let cpuStart = processCPUSeconds()
    var wallSeconds: Double { monotonicSeconds() - wallStart }
    var cpuSeconds: Double { processCPUSeconds() - cpuStart }
}

/// One row of the results table.
struct Measurement {
    var name: String
    var events: Int
    var bytes: Int
    var seconds: Double
    /// CPU seconds used over all threads (nil when not measured); far above `seconds` means
    /// several cores worked, far below means the work waited (on the disk or for a core).
    var cpuSeconds: Double? = nil
    /// "1.9× sha256sum" style comparison, filled in once the baselines ran.
    var comparison = ""
    var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
    var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0 }
}

/// Progress and notes go to stderr so stdout holds only the table.
func progress(_ text: String) {
    FileHandle.standardError.write(Data(("cchc-bench: " + text + "\n").utf8))
}

enum BenchTable {
    /// The results as an aligned text table.
    static func render(_ rows: [Measurement]) -> String {
        let header = ["measurement", "events", "MB", "seconds", "CPU s", "events/s", "MB/s", "compared with"]
        var cells: [[String]] = [header]
        for row in rows {
            cells.append([row.name, grouped(row.events), fixed(Double(row.bytes) / 1_000_000, 1), fixed(row.seconds, 3),
                          row.cpuSeconds.map { fixed($0, 3) } ?? "",
                          grouped(Int(row.eventsPerSecond.rounded())), fixed(row.megabytesPerSecond, 1), row.comparison])
        }
        var widths = [Int](repeating: 0, count: header.count)
        for line in cells { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (lineIndex, line) in cells.enumerated() {
            var text = ""
            for (i, cell) in line.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                // Text columns left-aligned, numbers right-aligned.
                text += (i == 0 || i == header.count - 1) ? cell + pad : pad + cell
                if i < line.count - 1 { text += "  " }
            }
            out += text.trimmingTrailingSpaces() + "\n"
            if lineIndex == 0 { out += String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1)) + "\n" }
        }
        return out
    }

    /// `value` with thousands separators: 1,234,567.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `value` with `places` decimals.
    static func fixed(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", value)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
