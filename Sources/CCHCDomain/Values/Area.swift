/// A reform area (lĩnh vực, SPEC §2): the seven headings every CCHC plan is organised under.
/// Plans print them under varying titles; `resolve` maps those titles to the key.
public enum Area: String, Sendable, Hashable, CaseIterable {
    case chiDaoDieuHanh = "chi-dao-dieu-hanh"
    case theChe = "the-che"
    case tthc = "tthc"
    case toChucBoMay = "to-chuc-bo-may"
    case congVu = "cong-vu"
    case taiChinhCong = "tai-chinh-cong"
    case chinhQuyenSo = "chinh-quyen-so"

    /// The key used in events and on the command line, e.g. `the-che`.
    public var key: String { rawValue }

    /// The title as the Government's CCHC programme (Nghị quyết 76/NQ-CP) writes it.
    public var titleVi: String {
        switch self {
        case .chiDaoDieuHanh: return "Công tác chỉ đạo, điều hành"
        case .theChe: return "Cải cách thể chế"
        case .tthc: return "Cải cách thủ tục hành chính"
        case .toChucBoMay: return "Cải cách tổ chức bộ máy hành chính nhà nước"
        case .congVu: return "Cải cách chế độ công vụ"
        case .taiChinhCong: return "Cải cách tài chính công"
        case .chinhQuyenSo: return "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"
        }
    }

    public var titleEn: String {
        switch self {
        case .chiDaoDieuHanh: return "Direction and management"
        case .theChe: return "Institutional reform"
        case .tthc: return "Administrative procedure reform"
        case .toChucBoMay: return "Reform of the state administrative apparatus"
        case .congVu: return "Civil service reform"
        case .taiChinhCong: return "Public finance reform"
        case .chinhQuyenSo: return "E-government and digital government"
        }
    }

    public func title(language: String) -> String { language == "en" ? titleEn : titleVi }

    /// Distinctive words of each area's titles (matching keys), most specific first. A title
    /// names an area when its key contains one of them.
    private static let signatures: [(String, Area)] = [
        ("chinh quyen dien tu", .chinhQuyenSo), ("chinh quyen so", .chinhQuyenSo),
        ("chuyen doi so", .chinhQuyenSo), ("hien dai hoa nen hanh chinh", .chinhQuyenSo),
        ("thu tuc hanh chinh", .tthc), ("tthc", .tthc),
        ("to chuc bo may", .toChucBoMay), ("bo may hanh chinh", .toChucBoMay),
        ("che do cong vu", .congVu), ("cong vu", .congVu),
        ("tai chinh cong", .taiChinhCong),
        ("the che", .theChe),
        ("chi dao, dieu hanh", .chiDaoDieuHanh), ("chi dao dieu hanh", .chiDaoDieuHanh), ("chi dao", .chiDaoDieuHanh),
    ]

    /// The area a plan title or key names, accent- and case-insensitively: "Công tác chỉ đạo,
    /// điều hành", "CẢI CÁCH THỂ CHẾ", "Cải cách tổ chức bộ máy hành chính", a key such as
    /// `tthc`, or an English title. Nil when the text names no area.
    public static func resolve(_ title: String) -> Area? {
        let key = VietnameseText.key(title)
        guard !key.isEmpty else { return nil }
        if let exact = Area(rawValue: key) { return exact }
        for area in allCases where VietnameseText.key(area.titleEn) == key { return area }
        // Drop a leading section number ("1.", "II.", "2.3") before looking for the signature.
        let words = key.split(separator: " ")
        let body = words.first.map { w in w.allSatisfy { $0.isNumber || $0 == "." || "ivx".contains($0) } } == true
            ? words.dropFirst().joined(separator: " ") : key
        for (signature, area) in signatures where body.contains(signature) { return area }
        return nil
    }
}
