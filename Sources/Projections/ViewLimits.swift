/// Column widths of the plain-text tables, in Characters, in one place. They keep a row of
/// the task list within a 160-column terminal while leaving titles long enough to recognise
/// ("Xây dựng, trình Chủ tịch UBND tỉnh ban hành…"); `--json` output is never cut.
public enum ViewLimits {
    /// Task titles in `cchc tasks`.
    public static let titleWidthMax = 50
    /// Agency names in lead and agency columns.
    public static let agencyWidthMax = 40
    /// Several lead agencies joined in one cell.
    public static let leadWidthMax = 30
    /// A deadline phrase shown where a task has no due date.
    public static let deadlineWidthMax = 24
    /// One-line event descriptions in audit trails.
    public static let descriptionWidthMax = 60
    /// Evidence lists, latest reports and inspection notes.
    public static let noteWidthMax = 40
    /// Inspection findings next to an indicator value.
    public static let inspectionWidthMax = 50
}
