/// The command line of `cchc-bench domain`.
struct DomainOptions {
    var shape = DomainShape()
    /// Stop ingesting once this many events are in the ledger (nil: the whole programme).
    var eventsMax: Int?
    /// Commands per `execute` call: one durable append (one fsync) each.
    var batchCommands = 1_000
    /// Where the bench ledger goes; the bench owns `domain/` inside it.
    var directory = "./bench-data"
    /// Runs of each query (the median is reported).
    var queryRuns = 5
    var keep = false
    var skipBaseline = false

    static let usage = """
        usage: cchc-bench domain [--provinces N] [--agencies N] [--tasks N] [--years N] [--events N]
                                 [--batch N] [--dir PATH] [--runs N] [--quick] [--keep] [--no-baseline]

          --provinces N  provinces, each with its own plan (default 34)
          --agencies N   agencies per province: Sở Nội vụ, up to 24 departments, up to 12 districts,
                         the rest communes (default 300)
          --tasks N      tasks per plan (default 500)
          --years N      plan years from 2021, each with four quarterly reports (default 5)
          --events N     stop once the ledger holds N events (default: the whole programme)
          --batch N      commands per durable append, like one `cchc ingest` file (default 1000)
          --dir PATH     directory for the bench ledger (default ./bench-data); its domain/ is replaced
          --runs N       runs of each query, median reported (default 5)
          --quick        3 provinces × 40 agencies × 60 tasks × 2 years: a smoke test of a few seconds
          --keep         keep the ledger afterwards
          --no-baseline  skip the python3 sqlite3 baseline

        Build first with `swift build -c release` (the queries run the real `cchc` binary next to
        this one).
        """

    static func parse(_ arguments: [String]) throws(BenchUsageError) -> DomainOptions {
        var options = DomainOptions()
        var index = 0
        func number(_ flag: String, _ range: ClosedRange<Int>) throws(BenchUsageError) -> Int {
            index += 1
            guard index < arguments.count else { throw BenchUsageError("\(flag) needs a value") }
            guard let n = Int(arguments[index]), range.contains(n) else {
                throw BenchUsageError("\(flag) wants a whole number from \(range.lowerBound) to \(range.upperBound), not '\(arguments[index])'")
            }
            return n
        }
        var quick = false
        var explicit = Set<String>()
        while index < arguments.count {
            let flag = arguments[index]
            switch flag {
            case "--provinces": options.shape.provinces = try number(flag, 1...999)
            case "--agencies": options.shape.agenciesPerProvince = try number(flag, 2...100_000)
            case "--tasks": options.shape.tasksPerPlan = try number(flag, 1...100_000)
            case "--years": options.shape.years = try number(flag, 1...20)
            case "--events": options.eventsMax = try number(flag, 1...1_000_000_000)
            case "--batch": options.batchCommands = try number(flag, 1...5_000)
            case "--runs": options.queryRuns = try number(flag, 1...100)
            case "--dir":
                index += 1
                guard index < arguments.count else { throw BenchUsageError("--dir needs a value") }
                options.directory = arguments[index]
            case "--quick": quick = true
            case "--keep": options.keep = true
            case "--no-baseline": options.skipBaseline = true
            case "--help", "-h": throw BenchUsageError(nil)
            default: throw BenchUsageError("unknown argument '\(flag)' for `cchc-bench domain`")
            }
            explicit.insert(flag)
            index += 1
        }
        if quick {
            if !explicit.contains("--provinces") { options.shape.provinces = 3 }
            if !explicit.contains("--agencies") { options.shape.agenciesPerProvince = 40 }
            if !explicit.contains("--tasks") { options.shape.tasksPerPlan = 60 }
            if !explicit.contains("--years") { options.shape.years = 2 }
            if !explicit.contains("--runs") { options.queryRuns = 2 }
            if !explicit.contains("--batch") { options.batchCommands = 200 }
        }
        return options
    }
}
