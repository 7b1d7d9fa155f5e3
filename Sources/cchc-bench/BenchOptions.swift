/// The command line of `cchc-bench`.
struct BenchOptions {
    /// Events appended in batches of `bulkBatchEvents` and then verified and read back.
    var eventCount = 1_000_000
    /// Events appended one per durable write (each is an fsync, so far fewer).
    var singleEventCount = 2_000
    /// Events per batch in the bulk append.
    var bulkBatchEvents = 1_000
    /// Where the benchmark ledgers go; the bench owns `bulk/` and `single/` inside it.
    var directory = "./bench-data"
    var seed: UInt64 = 20_240_101
    /// Keep the bench ledgers afterwards (default: removed when the run ends).
    var keep = false
    /// Measure the bulk ledger a previous `--keep` run left instead of appending a new one.
    var reuse = false

    static let usage = """
        usage: cchc-bench [--events N] [--dir PATH] [--seed S] [--quick] [--keep] [--reuse]

          --events N   events in the bulk ledger (default 1000000); 2000 more are appended one
                       per fsync into a second ledger (N/10 when N is below 20000)
          --dir PATH   directory for the bench ledgers (default ./bench-data); its bulk/ and
                       single/ sub-folders are replaced
          --seed S     seed of the synthetic events (default 20240101)
          --quick      20000 events and 200 single appends: a smoke test of a few seconds
          --keep       keep the generated ledgers instead of deleting them at the end
          --reuse      skip the append measurements and measure the bulk ledger a run with
                       --keep left in --dir (same --events); implies --keep
        """

    /// Parses `arguments` (without the program name); throws a message naming the bad flag.
    static func parse(_ arguments: [String]) throws(BenchUsageError) -> BenchOptions {
        var options = BenchOptions()
        var explicitEvents = false
        var quick = false
        var index = 0
        func value(_ flag: String) throws(BenchUsageError) -> String {
            index += 1
            guard index < arguments.count else { throw BenchUsageError("\(flag) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            let flag = arguments[index]
            switch flag {
            case "--events":
                let text = try value(flag)
                guard let count = Int(text), count >= 1, count <= 100_000_000 else {
                    throw BenchUsageError("--events wants a whole number from 1 to 100000000, not '\(text)'")
                }
                options.eventCount = count
                explicitEvents = true
            case "--dir":
                options.directory = try value(flag)
            case "--seed":
                let text = try value(flag)
                guard let seed = UInt64(text) else { throw BenchUsageError("--seed wants a non-negative whole number, not '\(text)'") }
                options.seed = seed
            case "--quick":
                quick = true
            case "--keep":
                options.keep = true
            case "--reuse":
                options.reuse = true
                options.keep = true
            case "--help", "-h":
                throw BenchUsageError(nil)
            default:
                throw BenchUsageError("unknown argument '\(flag)'")
            }
            index += 1
        }
        if quick {
            if !explicitEvents { options.eventCount = 20_000 }
            options.singleEventCount = 200
        }
        if options.eventCount < 20_000 {
            options.singleEventCount = min(options.singleEventCount, max(1, options.eventCount / 10))
        }
        return options
    }
}

/// A command-line mistake (or a request for help, with no message).
struct BenchUsageError: Error {
    var message: String?
    init(_ message: String?) { self.message = message }
}
