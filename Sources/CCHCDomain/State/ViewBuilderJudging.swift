/// How a `ViewBuilder` applies an acceptance or a rejection: which completion of the judging
/// agency's obligation it judges (in a file of its own to keep the builder's file short; the
/// notes applied obligation by obligation, see `ViewBuilderDeferred.swift`, judge the same way).
extension ViewBuilder {
    /// Accept: the latest pending completion (of the named occurrence when `period` is given);
    /// reject: the latest completion not yet rejected.
    mutating func judgeFact(task: String, agency: String, period: String?, _ seq: Int64, accept: Bool,
                            _ judgement: (inout CompletionFact) -> Void) {
        judge(task: task, agency: agency, period: period, seq, accept: accept, judgement)
    }

    mutating func judge(task: String, agency: String, period: String?, _ seq: Int64, accept: Bool,
                        _ judgement: (inout CompletionFact) -> Void) {
        guard let t = workIndex[task], Self.judge(&works[t], agency: agency, period: period, accept: accept, judgement)
        else { return unattached(seq) }
    }

    /// `judge` on the task's work, in place (a task's work is large: not copied to be searched).
    static func judge(_ w: inout TaskWork, agency: String, period: String?, accept: Bool,
                      _ judgement: (inout CompletionFact) -> Void) -> Bool {
        guard let i = w.obligation(agency) else { return false }
        return judge(&w, obligation: i, period: period, accept: accept, judgement)
    }

    /// `judge` of a completion of obligation `i` (the judging agency's).
    static func judge(_ w: inout TaskWork, obligation i: Int, period: String?, accept: Bool,
                      _ judgement: (inout CompletionFact) -> Void) -> Bool {
        guard let c = judgedCompletion(w, obligation: i, period: period, accept: accept) else { return false }
        judgement(&w.obligations[i].completions[c])
        return true
    }

    /// The completion of obligation `i` a judgement applies to, if any (see `judge`).
    static func judgedCompletion(_ w: borrowing TaskWork, obligation i: Int, period: String?, accept: Bool) -> Int? {
        let year = period.flatMap(periodYear).flatMap { w.occurrenceYear($0) }
        let anyOccurrence = period == nil || !w.schedule.isYearly
        return judgedCompletion(in: w.obligations[i].completions, year: year, anyOccurrence: anyOccurrence, accept: accept)
    }

    /// The index among `completions` of the one a judgement applies to, if any: accept, the latest
    /// pending one; reject, the latest not yet rejected; of occurrence `year` unless `anyOccurrence`.
    static func judgedCompletion(in completions: borrowing [CompletionFact], year: Int?, anyOccurrence: Bool,
                                 accept: Bool) -> Int? {
        var c = completions.count
        while c > 0 {  // the latest first
            c -= 1
            guard anyOccurrence || completions[c].occurrenceYear == year else { continue }
            if accept { if completions[c].isPending { return c } else { continue } }
            if !completions[c].isRejected { return c }
        }
        return nil
    }
}
