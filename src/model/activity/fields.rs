//! [`Details`] read and built field by field, by the keys of
//! [`Kind::fields`], so that the loader, the skeleton and the forms work
//! from the table and the variants stay typed.

use super::{Details, FieldValue, Kind};

impl Details {
    /// The kind these details belong to.
    pub fn kind(&self) -> Kind {
        match self {
            Details::CapUy { .. } => Kind::CapUy,
            Details::SinhHoatThuongKy { .. } => Kind::SinhHoatThuongKy,
            Details::ChuyenDe { .. } => Kind::ChuyenDe,
            Details::LopNhanThuc { .. } => Kind::LopNhanThuc,
            Details::KetNap { .. } => Kind::KetNap,
            Details::ChuyenChinhThuc { .. } => Kind::ChuyenChinhThuc,
            Details::GiamSatThuongXuyen { .. } => Kind::GiamSatThuongXuyen,
            Details::GiamSatChuyenDe { .. } => Kind::GiamSatChuyenDe,
            Details::KiemTra { .. } => Kind::KiemTra,
            Details::KyLuat { .. } => Kind::KyLuat,
            Details::HocTap { .. } => Kind::HocTap,
            Details::XepLoai { .. } => Kind::XepLoai,
            Details::DanVan { .. } => Kind::DanVan,
            Details::Khac => Kind::Khac,
        }
    }

    /// The value of the field written `key`, when this kind has it and it
    /// was given.
    pub fn get(&self, key: &str) -> Option<FieldValue> {
        use FieldValue as V;
        let text = |s: &Option<String>| s.clone().map(V::Text);
        match (self, key) {
            (
                Details::CapUy { attendance } | Details::ChuyenDe { attendance, .. },
                "attendance",
            ) => attendance.map(V::Attendance),
            (Details::SinhHoatThuongKy { attendance, .. }, "attendance") => {
                Some(V::Attendance(*attendance))
            }
            (Details::SinhHoatThuongKy { topics, .. }, "topics") => {
                (!topics.is_empty()).then(|| V::TextList(topics.clone()))
            }
            (Details::SinhHoatThuongKy { rating, .. }, "rating") => rating.map(V::Rating),
            (Details::ChuyenDe { topic, .. } | Details::DanVan { topic }, "topic") => {
                Some(V::Text(topic.clone()))
            }
            (Details::LopNhanThuc { participants }, "participants") => {
                Some(V::People(participants.clone()))
            }
            (
                Details::KetNap { members, .. } | Details::ChuyenChinhThuc { members, .. },
                "members",
            ) => Some(V::TextList(members.clone())),
            (
                Details::KetNap { decision, .. } | Details::ChuyenChinhThuc { decision, .. },
                "decision",
            ) => text(decision),
            (Details::GiamSatThuongXuyen { coverage_percent }, "coverage_percent") => {
                Some(V::Percent(*coverage_percent))
            }
            (
                Details::GiamSatChuyenDe { subjects }
                | Details::KiemTra { subjects, .. }
                | Details::KyLuat { subjects, .. },
                "subjects",
            ) => Some(V::People(subjects.clone())),
            (Details::KiemTra { result, .. }, "result") => text(result),
            (Details::KyLuat { form, .. }, "form") => form.map(V::Discipline),
            (Details::HocTap { audience }, "audience") => text(audience),
            (Details::XepLoai { year, .. }, "year") => Some(V::Year(*year)),
            (Details::XepLoai { cell_level, .. }, "cell_level") => Some(V::CellLevel(*cell_level)),
            (Details::XepLoai { members, .. }, "members") => {
                (!members.is_empty()).then(|| V::LevelCounts(members.clone()))
            }
            _ => None,
        }
    }

    /// The details of an entry of `kind`, from the value `take` gives for
    /// each key of [`Kind::fields`]. `None` when a required field is
    /// missing (the loader has said so already) or has the wrong type.
    pub fn from_fields(
        kind: Kind,
        mut take: impl FnMut(&'static str) -> Option<FieldValue>,
    ) -> Option<Details> {
        use FieldValue as V;
        Some(match kind {
            Kind::CapUy => Details::CapUy {
                attendance: attendance(take("attendance")),
            },
            Kind::SinhHoatThuongKy => {
                let attendance = attendance(take("attendance"));
                let topics = match take("topics") {
                    Some(V::TextList(t)) => t,
                    _ => Vec::new(),
                };
                let rating = match take("rating") {
                    Some(V::Rating(r)) => Some(r),
                    _ => None,
                };
                Details::SinhHoatThuongKy {
                    attendance: attendance?,
                    topics,
                    rating,
                }
            }
            Kind::ChuyenDe => {
                let attendance = attendance(take("attendance"));
                Details::ChuyenDe {
                    attendance,
                    topic: text(take("topic"))?,
                }
            }
            Kind::LopNhanThuc => Details::LopNhanThuc {
                participants: people(take("participants"))?,
            },
            Kind::KetNap | Kind::ChuyenChinhThuc => {
                let members = match take("members") {
                    Some(V::TextList(m)) if !m.is_empty() => m,
                    _ => return None,
                };
                let decision = text(take("decision"));
                if kind == Kind::KetNap {
                    Details::KetNap { members, decision }
                } else {
                    Details::ChuyenChinhThuc { members, decision }
                }
            }
            Kind::GiamSatThuongXuyen => Details::GiamSatThuongXuyen {
                coverage_percent: match take("coverage_percent") {
                    Some(V::Percent(p)) => p,
                    _ => return None,
                },
            },
            Kind::GiamSatChuyenDe => Details::GiamSatChuyenDe {
                subjects: people(take("subjects"))?,
            },
            Kind::KiemTra => {
                let subjects = people(take("subjects"));
                Details::KiemTra {
                    subjects: subjects?,
                    result: text(take("result")),
                }
            }
            Kind::KyLuat => {
                let subjects = people(take("subjects"));
                let form = match take("form") {
                    Some(V::Discipline(f)) => Some(f),
                    _ => None,
                };
                Details::KyLuat {
                    subjects: subjects?,
                    form,
                }
            }
            Kind::HocTap => Details::HocTap {
                audience: text(take("audience")),
            },
            Kind::XepLoai => xep_loai(&mut take)?,
            Kind::DanVan => Details::DanVan {
                topic: text(take("topic"))?,
            },
            Kind::Khac => Details::Khac,
        })
    }
}

/// A year-end rating entry: every field is taken before any is required,
/// so each missing one is reported.
fn xep_loai(take: &mut impl FnMut(&'static str) -> Option<FieldValue>) -> Option<Details> {
    use FieldValue as V;
    let year = match take("year") {
        Some(V::Year(y)) => Some(y),
        _ => None,
    };
    let cell_level = match take("cell_level") {
        Some(V::CellLevel(c)) => Some(c),
        _ => None,
    };
    let members = match take("members") {
        Some(V::LevelCounts(m)) => m,
        _ => Vec::new(),
    };
    Some(Details::XepLoai {
        year: year?,
        cell_level: cell_level?,
        members,
    })
}

fn attendance(v: Option<FieldValue>) -> Option<super::Attendance> {
    match v {
        Some(FieldValue::Attendance(a)) => Some(a),
        _ => None,
    }
}

fn text(v: Option<FieldValue>) -> Option<String> {
    match v {
        Some(FieldValue::Text(s)) => Some(s),
        _ => None,
    }
}

fn people(v: Option<FieldValue>) -> Option<super::People> {
    match v {
        Some(FieldValue::People(p)) => Some(p),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;

    /// A value of each field type that differs from every default.
    fn sample(ty: FieldType) -> FieldValue {
        match ty {
            FieldType::Attendance => FieldValue::Attendance(Attendance {
                total: 26,
                exempt: 1,
                present: 23,
                excused: Some(2),
            }),
            FieldType::Text => FieldValue::Text("Nội dung".into()),
            FieldType::TextList | FieldType::Names => {
                FieldValue::TextList(vec!["Nguyễn Văn A".into(), "Trần Thị B".into()])
            }
            FieldType::People => FieldValue::People(People::Count(7)),
            FieldType::Percent => FieldValue::Percent(95.5),
            FieldType::Year => FieldValue::Year(2024),
            FieldType::Rating => FieldValue::Rating(Rating {
                level: MeetingRating::Kha,
                score: Some(80.0),
            }),
            FieldType::Discipline => FieldValue::Discipline(DisciplineForm::CanhCao),
            FieldType::CellLevel => FieldValue::CellLevel(CellLevel::HoanThanhTot),
            FieldType::LevelCounts => FieldValue::LevelCounts(vec![
                (CellLevel::HoanThanhXuatSac, 3),
                (CellLevel::HoanThanhTot, 20),
            ]),
        }
    }

    #[test]
    fn every_field_of_the_table_is_kept_by_its_kind_and_read_back() {
        for &kind in Kind::ALL {
            let fields = kind.fields();
            let d = Details::from_fields(kind, |key| {
                fields.iter().find(|f| f.key == key).map(|f| sample(f.ty))
            })
            .unwrap_or_else(|| panic!("{kind:?} with every field"));
            assert_eq!(d.kind(), kind);
            for f in fields {
                assert_eq!(d.get(f.key), Some(sample(f.ty)), "{kind:?}.{}", f.key);
            }
            for key in ["attendance", "topic", "members", "subjects", "year", "form"] {
                if !fields.iter().any(|f| f.key == key) {
                    assert_eq!(d.get(key), None, "{kind:?} has no {key}");
                }
            }
        }
    }

    #[test]
    fn a_missing_required_field_builds_nothing_and_optional_ones_may_be_absent() {
        for &kind in Kind::ALL {
            let fields = kind.fields();
            for f in fields {
                let built = Details::from_fields(kind, |key| {
                    (key != f.key)
                        .then(|| fields.iter().find(|g| g.key == key).map(|g| sample(g.ty)))
                        .flatten()
                });
                assert_eq!(built.is_some(), !f.required, "{kind:?} without {}", f.key);
            }
        }
    }

    #[test]
    fn keys_are_unique_per_kind_and_skeletons_start_with_their_key() {
        for &kind in Kind::ALL {
            let fields = kind.fields();
            for (i, f) in fields.iter().enumerate() {
                assert!(fields[i + 1..].iter().all(|g| g.key != f.key), "{kind:?}");
                let first = f.skeleton.trim_start_matches("# ");
                assert!(first.starts_with(&format!("{}:", f.key)), "{}", f.skeleton);
                assert!(f.skeleton.ends_with('\n'));
            }
        }
    }

    #[test]
    fn closed_sets_read_their_ids_back() {
        for &k in Kind::ALL {
            assert_eq!(Kind::from_id(k.id()), Some(k));
            assert_eq!(Kind::ALL[k.index()], k);
        }
        for &r in MeetingRating::ALL {
            assert_eq!(MeetingRating::from_id(r.id()), Some(r));
        }
        for &c in CellLevel::ALL {
            assert_eq!(CellLevel::from_id(c.id()), Some(c));
        }
        for &f in DisciplineForm::ALL {
            assert_eq!(DisciplineForm::from_id(f.id()), Some(f));
        }
        assert_eq!(DisciplineForm::IDS.len(), 5);
        assert_eq!(Kind::from_id("sinh_hoat"), None);
        assert_eq!(CellLevel::HoanThanhTot.label(), "Hoàn thành tốt nhiệm vụ");
    }
}
