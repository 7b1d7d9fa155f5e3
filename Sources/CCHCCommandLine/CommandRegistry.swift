/// Every verb of `cchc`. To add one, define its `CommandSpec` in its own file under
/// `Commands/` and list it here (order = order in `cchc --help`).
public enum CommandRegistry {
    public static let all: [CommandSpec] = [
        InitCommand.spec,
        ImportVerb.spec,
        AssignVerb.verb.spec,
        ReportProgressVerb.verb.spec,
        ReportIndicatorVerb.verb.spec,
        CompleteVerb.verb.spec,
        JudgeCompletionVerbs.accept.spec,
        JudgeCompletionVerbs.reject.spec,
        ReassignVerb.verb.spec,
        ExtendVerb.verb.spec,
        TriggerVerb.verb.spec,
        CancelVerb.verb.spec,
        InspectVerb.verb.spec,
        CorrectVerb.verb.spec,
        AgencyVerbs.merge.spec,
        AgencyVerbs.rename.spec,
        AgencyVerbs.dissolve.spec,
        IngestVerb.spec,
        TasksVerb.spec,
        TaskVerb.spec,
        IndicatorsVerb.spec,
        AuditVerb.spec,
        ComplianceVerb.spec,
        VerifyCommand.spec,
        SnapshotVerb.spec,
        SummaryCommand.spec,
        DemoCommand.spec,
    ]
}
