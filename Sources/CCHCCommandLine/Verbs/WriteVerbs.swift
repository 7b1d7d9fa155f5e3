/// The write verbs `ingest` accepts, by name (`report progress`), the same descriptions the
/// command line registers.
enum WriteVerbs {
    static let all: [WriteVerb] = [
        AssignVerb.verb, ReportProgressVerb.verb, ReportIndicatorVerb.verb, CompleteVerb.verb,
        JudgeCompletionVerbs.accept, JudgeCompletionVerbs.reject, ReassignVerb.verb, ExtendVerb.verb,
        TriggerVerb.verb, CancelVerb.verb, InspectVerb.verb, CorrectVerb.verb,
        AgencyVerbs.merge, AgencyVerbs.rename, AgencyVerbs.dissolve,
    ]

    static let byName: [String: WriteVerb] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
