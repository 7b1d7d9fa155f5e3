/// The wordings plans use for groups of agencies, list headers and parts that name no one in
/// particular (SPEC §2.2). Each entry is written as plans write it and matched on canonical
/// words (accents, case, punctuation and "Ủy ban nhân dân"/"UBND" spelling do not matter).
enum AgencyPhraseVocabulary {
    /// Group id → wordings meaning "every member of the group".
    static let groups: [(group: String, wordings: [String])] = [
        ("so-ban-nganh", [
            "Các Sở, Ban, ngành", "Sở, Ban, ngành", "Các Sở, Ban, ngành tỉnh", "Các Sở, Ban, ngành cấp tỉnh",
            "Sở, ban, ngành cấp tỉnh", "Các Sở, ngành", "Các Sở, Ban", "Các Sở", "Các Sở, ban, ngành thuộc tỉnh",
            "Các Sở, Ban, ngành thuộc UBND tỉnh", "các sở, cơ quan, đơn vị thuộc UBND tỉnh",
            "các cơ quan, đơn vị thuộc UBND tỉnh", "Các cơ quan chuyên môn thuộc UBND tỉnh",
            "Các cơ quan chuyên môn cấp tỉnh", "Các cơ quan chuyên môn",
        ]),
        ("ubnd-huyen", [
            "UBND các huyện, thành phố", "UBND các huyện, thị xã, thành phố", "UBND các huyện, thành phố, thị xã",
            "UBND cấp huyện", "UBND các huyện", "UBND huyện, thành phố", "Các huyện, thành phố",
            "Các huyện, thị xã, thành phố", "UBND các huyện, thành phố thuộc tỉnh",
        ]),
        ("ubnd-xa", [
            "UBND cấp xã", "UBND các xã, phường, thị trấn", "UBND các xã", "Các xã, phường, thị trấn",
        ]),
        ("co-quan-bao-chi", ["Các cơ quan báo chí", "Cơ quan báo chí", "Các cơ quan thông tấn, báo chí"]),
    ]

    /// List headers ("Các Sở: Nội vụ; Tài chính") → the words put before each item that does
    /// not name an agency on its own ("Nội vụ" → "Sở Nội vụ").
    static let headers: [(wording: String, prefix: String)] = [
        ("Các Sở", "Sở"), ("Sở", "Sở"), ("Các Sở, ngành", "Sở"), ("Các Sở, Ban, ngành", "Sở"),
        ("UBND các huyện", "UBND huyện"), ("UBND huyện", "UBND huyện"), ("Các huyện", "UBND huyện"),
        ("UBND các huyện, thành phố", "UBND huyện"), ("UBND các huyện, thị xã, thành phố", "UBND huyện"),
        ("Các Ban", "Ban"),
    ]

    /// Parts that name no one in particular; kept as text.
    static let vague: [String] = [
        "các cơ quan có liên quan", "cơ quan có liên quan", "các cơ quan liên quan", "các đơn vị có liên quan",
        "đơn vị có liên quan", "các cơ quan, đơn vị có liên quan", "các cơ quan, đơn vị liên quan",
        "cơ quan, đơn vị có liên quan", "cơ quan, đơn vị áp dụng", "các cơ quan, đơn vị áp dụng",
        "đơn vị sự nghiệp", "các đơn vị sự nghiệp", "đơn vị sự nghiệp công lập", "các đơn vị sự nghiệp công lập",
        "Sở, ban, ngành có liên quan", "Các Sở, Ban, ngành có liên quan", "Các Sở, ngành có liên quan",
        "các cơ quan, đơn vị", "các cơ quan", "các đơn vị", "Cơ quan được giao chủ trì rà soát",
        "các tổ chức, cá nhân có liên quan", "các địa phương", "các địa phương có liên quan",
    ]

    /// First words of a part that names no one in particular, when no wording above matches.
    static let vagueOpenings: [String] = [
        "cơ quan", "các cơ quan", "đơn vị", "các đơn vị", "tổ chức", "các tổ chức", "cá nhân", "địa phương",
        "các địa phương", "doanh nghiệp", "các doanh nghiệp", "người dân", "các ngành", "ngành", "các thành viên",
        "thành viên", "đoàn thể", "các đoàn thể", "được giao",
    ]

    /// Words that, right after a group, make it "only the concerned ones" and so vague.
    static let concernedSuffixes: [String] = ["có liên quan", "liên quan"]
}
