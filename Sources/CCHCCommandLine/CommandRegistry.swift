/// Every verb of `cchc`. To add one, define its `CommandSpec` in its own file under
/// `Commands/` and list it here (order = order in `cchc --help`).
public enum CommandRegistry {
    public static let all: [CommandSpec] = [
        InitCommand.spec,
        VerifyCommand.spec,
        SummaryCommand.spec,
        DemoCommand.spec,
    ]
}
