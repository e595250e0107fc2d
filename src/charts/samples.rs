//! Sample charts in every kind and script, and SVG checks, shared by the charts tests.

use super::{Break, Chart, ChartKind, Mark, Scheme, Series};

pub(super) fn series(
    label: &str,
    scheme: Scheme,
    values: &[Option<f64>],
    fmt: &dyn Fn(f64) -> String,
) -> Series {
    Series {
        label: label.to_string(),
        scheme,
        values: values.to_vec(),
        value_labels: values.iter().map(|v| v.map(fmt)).collect(),
        mark: Mark::Bar,
    }
}

/// nb-style percent: "93,35 %" with a no-break space.
pub(super) fn nb_percent(v: f64) -> String {
    format!(
        "{}\u{a0}%",
        format!("{v:.2}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .replace('.', ",")
    )
}

/// Grouped thousands with U+00A0, as nb prints people counts.
pub(super) fn nb_people(v: f64) -> String {
    let digits = format!("{}", v.round() as i64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

pub(super) fn bars_vi() -> Chart {
    let f: &dyn Fn(f64) -> String = &nb_percent;
    Chart {
        id: "result-vs-target".into(),
        lang: "vi".into(),
        title: "Tỷ lệ bao phủ bảo hiểm y tế so với chỉ tiêu".into(),
        description: "Bảo hiểm y tế đạt 93,35 %, vượt chỉ tiêu 92 %.".into(),
        takeaway: String::new(),
        kind: ChartKind::Bars {
            categories: vec![
                "Bảo hiểm xã hội bắt buộc".into(),
                "Bảo hiểm xã hội tự nguyện".into(),
                "Bảo hiểm y tế".into(),
            ],
            series: vec![
                series(
                    "Kết quả 2023",
                    Scheme::HealthInsurance,
                    &[Some(38.2), Some(5.1), Some(93.35)],
                    f,
                ),
                series(
                    "Chỉ tiêu 2024",
                    Scheme::Target,
                    &[Some(40.0), None, Some(92.0)],
                    f,
                ),
                series(
                    "Mục tiêu 2025",
                    Scheme::Goal,
                    &[Some(45.0), Some(7.5), Some(95.0)],
                    f,
                ),
            ],
        },
        y_label: "Phần trăm dân số".into(),
        x_label: None,
    }
}

pub(super) fn bars_zh_long() -> Chart {
    let f: &dyn Fn(f64) -> String = &nb_percent;
    Chart {
        id: "regions".into(),
        lang: "zh-Hans".into(),
        title: "医疗保险覆盖率与目标：按地区比较，二〇二三年结果与二〇二四年目标以及二〇二五年的长期目标".into(),
        description: "各地区医疗保险覆盖率均超过90%。".into(),
        takeaway: String::new(),
        kind: ChartKind::Bars {
            categories: vec![
                "自愿社会保险".into(),
                "强制性社会保险".into(),
                "失业保险".into(),
                "医疗保险".into(),
                "Bảo hiểm xã hội bắt buộc".into(),
                "北部山区".into(),
            ],
            series: vec![
                series("2023年结果", Scheme::SocialInsurance, &[Some(12.5), Some(40.1), Some(35.0), Some(93.35), Some(41.0), None], f),
                series("2024年目标", Scheme::Target, &[Some(15.0), Some(42.0), Some(36.0), Some(94.0), Some(43.0), Some(60.0)], f),
            ],
        },
        y_label: "占人口百分比".into(),
        x_label: Some("地区".into()),
    }
}

pub(super) fn lines_vi() -> Chart {
    let f: &dyn Fn(f64) -> String = &nb_percent;
    Chart {
        id: "coverage-trend".into(),
        lang: "vi".into(),
        title: "Tỷ lệ bao phủ, Đồng Nai 2019–2025".into(),
        description: "Bao phủ bảo hiểm y tế tăng đều; năm 2025 tính cả Bình Phước.".into(),
        takeaway: String::new(),
        kind: ChartKind::Lines {
            x_labels: (2019..=2025).map(|y| y.to_string()).collect(),
            series: vec![
                series(
                    "Bảo hiểm y tế",
                    Scheme::HealthInsurance,
                    &[
                        Some(88.1),
                        Some(89.9),
                        Some(90.2),
                        None,
                        Some(92.4),
                        Some(93.35),
                        Some(94.0),
                    ],
                    f,
                ),
                series(
                    "Bảo hiểm xã hội",
                    Scheme::SocialInsurance,
                    &[
                        Some(33.0),
                        Some(34.5),
                        Some(36.1),
                        Some(37.9),
                        Some(38.2),
                        Some(39.0),
                        Some(40.5),
                    ],
                    f,
                ),
                series(
                    "Bảo hiểm thất nghiệp",
                    Scheme::UnemploymentInsurance,
                    &[
                        Some(30.0),
                        Some(31.0),
                        Some(32.5),
                        Some(33.0),
                        Some(34.1),
                        Some(35.0),
                        Some(36.6),
                    ],
                    f,
                ),
            ],
            breaks: vec![Break {
                before_index: 6,
                label: "Sáp nhập với Bình Phước, 1/7/2025".into(),
            }],
        },
        y_label: "Phần trăm dân số".into(),
        x_label: None,
    }
}

pub(super) fn stacked_zh() -> Chart {
    let f: &dyn Fn(f64) -> String = &nb_people;
    Chart {
        id: "participants".into(),
        lang: "zh-Hans".into(),
        title: "社会保险参保人数 <强制 & 自愿>".into(),
        description: "参保人数从2021年的2,511,000增至2024年的2,911,787。".into(),
        takeaway: String::new(),
        kind: ChartKind::Stacked {
            categories: vec![
                "2021".into(),
                "2022".into(),
                "2023".into(),
                "2024".into(),
                "2025".into(),
            ],
            series: vec![
                series(
                    "强制性社会保险",
                    Scheme::Compulsory,
                    &[
                        Some(2_400_000.0),
                        Some(2_520_000.0),
                        Some(2_610_000.0),
                        Some(2_700_000.0),
                        None,
                    ],
                    f,
                ),
                series(
                    "自愿社会保险",
                    Scheme::Voluntary,
                    &[
                        Some(111_000.0),
                        Some(150_500.0),
                        Some(190_200.0),
                        Some(211_787.0),
                        None,
                    ],
                    f,
                ),
            ],
        },
        y_label: "人".into(),
        x_label: None,
    }
}

pub(super) fn assert_well_formed(svg: &str) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut depth = 0i32;
    let mut roots = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if depth == 0 {
                    roots += 1;
                    assert_eq!(e.name().as_ref(), b"svg");
                }
                depth += 1;
                for attr in e.attributes() {
                    let attr = attr.expect("well-formed attribute");
                    attr.unescape_value().expect("attribute value unescapes");
                }
            }
            Ok(Event::Empty(e)) => {
                for attr in e.attributes() {
                    let attr = attr.expect("well-formed attribute");
                    attr.unescape_value().expect("attribute value unescapes");
                }
            }
            Ok(Event::Text(t)) => {
                t.unescape().expect("text unescapes");
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Decl(_)) => panic!("an XML declaration cannot be inlined in HTML"),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "SVG is not well-formed at {}: {e}",
                reader.buffer_position()
            ),
        }
    }
    assert_eq!(depth, 0, "unclosed elements");
    assert_eq!(roots, 1);
}

pub(super) type Sample = (Chart, fn(f64) -> String);

pub(super) fn all_charts() -> Vec<Sample> {
    vec![
        (bars_vi(), nb_percent),
        (bars_zh_long(), nb_percent),
        (lines_vi(), nb_percent),
        (stacked_zh(), nb_people),
    ]
}

pub(super) fn viewbox(svg: &str) -> (f64, f64) {
    let start = svg.find("viewBox=\"0 0 ").expect("viewBox") + "viewBox=\"0 0 ".len();
    let rest = &svg[start..];
    let end = rest.find('"').expect("closing quote");
    let mut parts = rest[..end]
        .split(' ')
        .map(|p| p.parse::<f64>().expect("number"));
    (parts.next().expect("w"), parts.next().expect("h"))
}

pub(super) fn count(svg: &str, needle: &str) -> usize {
    svg.matches(needle).count()
}
