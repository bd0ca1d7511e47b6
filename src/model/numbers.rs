//! Party document numbers: "Số 15-BC/CB" is the 15th document of type
//! BC (báo cáo) of the issuer CB (chi bộ) in the term (Hướng dẫn
//! 36-HD/VPTW; docs/rules.md §Numbering).

/// The abbreviation of a Party document type in its number ("BÁO CÁO" →
/// "BC"), after Hướng dẫn 36-HD/VPTW, Phụ lục 2 (docs/rules.md §Numbering).
pub fn type_code(doc_type: &str) -> Option<&'static str> {
    let t = crate::vn::nfc(doc_type.trim()).to_uppercase();
    Some(match t.as_str() {
        "BÁO CÁO" => "BC",
        "NGHỊ QUYẾT" => "NQ",
        "QUYẾT ĐỊNH" => "QĐ",
        "CHỈ THỊ" => "CT",
        "KẾT LUẬN" => "KL",
        "QUY CHẾ" => "QC",
        "THÔNG TRI" => "TT",
        "HƯỚNG DẪN" => "HD",
        "THÔNG BÁO" => "TB",
        "KẾ HOẠCH" => "KH",
        "CHƯƠNG TRÌNH" => "CTr",
        "ĐỀ ÁN" => "ĐA",
        "PHƯƠNG ÁN" => "PA",
        "TỜ TRÌNH" => "TTr",
        "CÔNG VĂN" => "CV",
        "BIÊN BẢN" => "BB",
        _ => return None,
    })
}

/// A document number `15-BC/CB` as (15, "BC", "CB"); `None` when it is
/// not of that form.
pub fn parse_number(number: &str) -> Option<(u32, &str, &str)> {
    let (n, rest) = number.split_once('-')?;
    let (code, issuer) = rest.split_once('/')?;
    Some((n.trim().parse().ok()?, code.trim(), issuer.trim()))
}
