//! Writes a [`Scene`] as accessible SVG through plotters' SVG backend, then tidies it.

use std::fmt::Write as _;
use std::io;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::scene::{Anchor, Baseline, Colour, Item, Scene, Shape, Weight};
use super::{dom_id, Chart, FONT_FAMILY};

type DrawResult = Result<(), DrawingAreaErrorKind<io::Error>>;

/// The whole SVG document of `chart`, drawn from its `scene`.
pub(super) fn document(chart: &Chart, scene: &Scene) -> String {
    let mut body = String::with_capacity(16 * 1024);
    {
        let area =
            SVGBackend::with_string(&mut body, (scene.width, scene.height)).into_drawing_area();
        draw(&area, scene)
            .and_then(|()| area.present())
            .expect("drawing into a String cannot fail");
    }
    finish_svg(chart, &body, scene)
}

fn rgb(Colour(r, g, b): Colour) -> RGBColor {
    RGBColor(r, g, b)
}

/// plotters draws on whole pixels; every coordinate is rounded the same way.
fn px(v: f64) -> i32 {
    v.round() as i32
}

fn draw(area: &DrawingArea<SVGBackend<'_>, Shift>, scene: &Scene) -> DrawResult {
    area.fill(&rgb(scene.background))?;
    for item in &scene.items {
        match item {
            Item::Rect(r) => rect(area, (r.x0, r.y0), (r.x1, r.y1), r.colour)?,
            Item::Line(l) => match l.dash {
                None => polyline(area, &l.points, l.colour, l.width)?,
                Some(dash) => {
                    // The SVG backend has no stroke-dasharray: each dash is a segment. Only
                    // vertical rules are dashed, so the dashes step down the y axis.
                    for pair in l.points.windows(2) {
                        let ((x, y0), (_, y1)) = (pair[0], pair[1]);
                        let mut y = y0;
                        while y < y1 {
                            polyline(
                                area,
                                &[(x, y), (x, (y + dash.on).min(y1))],
                                l.colour,
                                l.width,
                            )?;
                            y += dash.on + dash.off;
                        }
                    }
                }
            },
            Item::Marker(m) => {
                let (x, y, r) = (m.x, m.y, m.radius);
                let (xi, yi) = (px(x), px(y));
                let colour = rgb(m.colour);
                match m.shape {
                    Shape::Circle => area.draw(&Circle::new((xi, yi), r, colour.filled()))?,
                    Shape::Square => rect(area, (x - r, y - r), (x + r, y + r), m.colour)?,
                    Shape::Diamond => {
                        let s = r * 1.35;
                        let points = vec![
                            (xi, px(y - s)),
                            (px(x + s), yi),
                            (xi, px(y + s)),
                            (px(x - s), yi),
                        ];
                        area.draw(&Polygon::new(points, colour.filled()))?;
                    }
                }
            }
            Item::Text(t) => {
                let weight = match t.weight {
                    Weight::Normal => FontStyle::Normal,
                    Weight::Bold => FontStyle::Bold,
                };
                let h = match t.anchor {
                    Anchor::Start => HPos::Left,
                    Anchor::Middle => HPos::Center,
                    Anchor::End => HPos::Right,
                };
                let v = match t.baseline {
                    Baseline::Top => VPos::Top,
                    Baseline::Middle => VPos::Center,
                    Baseline::Bottom => VPos::Bottom,
                };
                // plotters writes font-size as size / 1.24; undo that so `px` is the CSS size.
                let font = FontDesc::new(FontFamily::Name(FONT_FAMILY), t.px * 1.24, weight);
                let colour = rgb(t.colour);
                let style = TextStyle::from(font).color(&colour).pos(Pos::new(h, v));
                area.draw_text(&t.text, &style, (px(t.x), px(t.y)))?;
            }
        }
    }
    Ok(())
}

fn rect(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    (x0, y0): (f64, f64),
    (x1, y1): (f64, f64),
    colour: Colour,
) -> DrawResult {
    area.draw(&Rectangle::new(
        [(px(x0), px(y0)), (px(x1), px(y1))],
        rgb(colour).filled(),
    ))
}

fn polyline(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    points: &[(f64, f64)],
    colour: Colour,
    width: u32,
) -> DrawResult {
    let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
    area.draw(&PathElement::new(points, rgb(colour).stroke_width(width)))
}

/// Replaces plotters' root element with an accessible, scalable one and inserts the
/// `<title>` and `<desc>` that `aria-labelledby` points at.
fn finish_svg(chart: &Chart, body: &str, scene: &Scene) -> String {
    let inner = body
        .find("<svg")
        .and_then(|start| body[start..].find('>').map(|end| &body[start + end + 1..]))
        .unwrap_or(body);
    let id = dom_id(chart);
    let (width, height) = (scene.width, scene.height);
    let mut out = String::with_capacity(body.len() + 512);
    // width/height keep the intrinsic size (resvg, desktop); the style lets it shrink on
    // phones while the viewBox keeps the aspect ratio.
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{height}\" \
         viewBox=\"0 0 {w} {height}\" style=\"max-width:100%;height:auto\" role=\"img\" \
         lang=\"{lang}\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{fonts}\">\n",
        w = width,
        lang = xml_escape(&chart.lang),
        fonts = xml_escape(FONT_FAMILY),
    ));
    out.push_str(&format!(
        "<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        xml_escape(&chart.title),
        xml_escape(&chart.description)
    ));
    tidy_text_elements(inner.trim_start_matches('\n'), &mut out);
    out
}

/// plotters wraps each text's content in newlines, writes font sizes like
/// `13.000000000000002` and repeats the font list on every text; trim all three so the
/// markup is small, stable and whitespace-exact (the root element carries the fonts).
/// One pass over the markup, attribute by attribute: this runs for every chart drawn.
fn tidy_text_elements(svg: &str, out: &mut String) {
    let mut rest = svg;
    while let Some(start) = find_tag(rest, "<text ") {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let Some(tag_end) = rest.find('>') else { break };
        tidy_text_tag(&rest[..tag_end], out);
        out.push('>');
        rest = &rest[tag_end + 1..];
        let Some(close) = find_tag(rest, "</text>") else {
            break;
        };
        out.push_str(rest[..close].trim_matches('\n'));
        out.push_str("</text>");
        rest = &rest[close + "</text>".len()..];
    }
    out.push_str(rest);
}

/// Where `tag` (which starts with `<`) first starts in `svg`: a byte search for `<` and a
/// comparison, cheaper than a substring search set up anew for every element.
fn find_tag(svg: &str, tag: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = svg[from..].find('<') {
        let at = from + at;
        if svg[at..].starts_with(tag) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// One `<text …` start tag (without its `>`): the font family and a full opacity dropped,
/// the font size rounded to hundredths. plotters escapes `"` inside values, so each value
/// ends at the next quote.
fn tidy_text_tag(tag: &str, out: &mut String) {
    out.push_str("<text");
    let mut rest = &tag["<text".len()..];
    while let Some(eq) = rest.find('=').filter(|eq| rest[eq + 1..].starts_with('"')) {
        let name = rest[..eq].trim();
        let value_start = eq + 2;
        let Some(value_len) = rest[value_start..].find('"') else {
            break;
        };
        let value = &rest[value_start..value_start + value_len];
        rest = &rest[value_start + value_len + 1..];
        match (name, value) {
            ("font-family", _) | ("opacity", "1") => continue,
            ("font-size", _) => {
                out.push_str(" font-size=\"");
                match value.parse::<f64>() {
                    Ok(size) => {
                        let _ = write!(out, "{}", (size * 100.0).round() / 100.0);
                    }
                    Err(_) => out.push_str(value),
                }
                out.push('"');
            }
            _ => {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                out.push_str(value);
                out.push('"');
            }
        }
    }
    out.push_str(rest);
}

/// Escapes text for XML and HTML, content and quoted attributes alike. Every page's text
/// passes through here (it is also tera's escaper), so runs that need nothing are copied
/// whole.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        // Every byte escaped is ASCII, so `at` is always a character boundary.
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            // Control characters are not allowed in XML 1.0 at all.
            0..=0x1f if !matches!(byte, b'\t' | b'\n' | b'\r') => "",
            _ => continue,
        };
        out.push_str(&text[copied..at]);
        out.push_str(replacement);
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::samples::*;
    use crate::charts::{render_svg, Break, ChartKind, Scheme, CANVAS_WIDTH};

    #[test]
    fn every_kind_is_well_formed_and_accessible() {
        for (chart, fmt) in all_charts() {
            let svg = render_svg(&chart, &fmt);
            assert_well_formed(&svg);
            let id = dom_id(&chart);
            assert!(
                svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
                "{}",
                &svg[..80]
            );
            assert!(svg.contains(&format!("lang=\"{}\"", chart.lang)));
            assert!(svg.contains("role=\"img\""));
            assert!(svg.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")));
            assert!(svg.contains(&format!(
                "<title id=\"{id}-title\">{}</title>",
                xml_escape(&chart.title)
            )));
            assert!(svg.contains(&format!(
                "<desc id=\"{id}-desc\">{}</desc>",
                xml_escape(&chart.description)
            )));
            // title and desc are the first children.
            let after_root = &svg[svg.find('>').expect("root end") + 1..];
            assert!(after_root.trim_start().starts_with("<title"));
            let (w, h) = viewbox(&svg);
            assert_eq!(w, f64::from(CANVAS_WIDTH));
            assert!(svg.contains(&format!("width=\"{w}\" height=\"{h}\"")));
            assert!(svg.contains("max-width:100%;height:auto"));
            // Text stays text, with a font list browsers and resvg understand.
            assert!(svg.contains("<text"));
            let root = &svg[..svg.find('>').expect("root end")];
            assert!(root.contains(
                "font-family=\"&quot;Noto Sans&quot;, &quot;Noto Sans CJK SC&quot;, \
                 &quot;DejaVu Sans&quot;, sans-serif\""
            ));
            assert_eq!(count(&svg, "font-family"), 1, "inherited, not repeated");
            assert!(
                !svg.contains("\n</text>"),
                "no newlines around text content"
            );
            assert!(!svg.contains("000000000"), "font sizes are rounded");
            assert!(!svg.contains("<path"));
            // One element id per chart+language, nothing else that could clash.
            assert_eq!(count(&svg, " id=\""), 2);
        }
    }

    #[test]
    fn escaping_keeps_every_character_but_markup_and_control_ones() {
        assert_eq!(xml_escape(""), "");
        assert_eq!(xml_escape("Nghệ An 2.911.787"), "Nghệ An 2.911.787");
        assert_eq!(
            xml_escape("<a href=\"x\">Ảnh & 图'</a>"),
            "&lt;a href=&quot;x&quot;&gt;Ảnh &amp; 图&apos;&lt;/a&gt;"
        );
        assert_eq!(xml_escape("a\u{0}b\u{1b}c\td\r\ne"), "abc\td\r\ne");
        assert_eq!(xml_escape("社会保险&"), "社会保险&amp;");
    }

    #[test]
    fn vietnamese_and_chinese_labels_are_text_and_escaped() {
        let svg = render_svg(&bars_vi(), &nb_percent);
        assert!(svg.contains(">Kết quả 2023</text>"));
        assert!(svg.contains("Bảo hiểm y tế</text>"));
        let svg = render_svg(&stacked_zh(), &nb_people);
        assert!(svg.contains(">强制性社会保险</text>"));
        assert!(svg.contains("<title id=\"chart-participants-zh-hans-title\">社会保险参保人数 &lt;强制 &amp; 自愿&gt;</title>"));
        // The visible title too.
        assert!(svg.contains("&lt;强制 &amp; 自愿&gt;</text>"));

        let mut chart = bars_vi();
        if let ChartKind::Bars { categories, series } = &mut chart.kind {
            categories[0] = "A & B <c>".into();
            series[0].label = "x<y & \"z\"".into();
        }
        let svg = render_svg(&chart, &nb_percent);
        assert_well_formed(&svg);
        assert!(svg.contains(">A &amp; B &lt;c&gt;</text>"));
        assert!(svg.contains(">x&lt;y &amp; &quot;z&quot;</text>"));
    }

    #[test]
    fn snapshot_facts_for_fixed_data() {
        let svg = render_svg(&bars_vi(), &nb_percent);
        // Background + 3 swatches + 8 bars.
        assert_eq!(count(&svg, "<rect"), 1 + 3 + 8);
        // Ticks 0..100 by 20, formatted by the caller's closure (nb, no-break space).
        for tick in [
            "0\u{a0}%",
            "20\u{a0}%",
            "40\u{a0}%",
            "60\u{a0}%",
            "80\u{a0}%",
            "100\u{a0}%",
        ] {
            assert!(
                svg.contains(&format!(">{tick}</text>")),
                "missing tick {tick}"
            );
        }
        assert!(!svg.contains(">120\u{a0}%</text>"));
        // Value labels on the bars.
        assert!(svg.contains(">93,35\u{a0}%</text>"));
        assert!(svg.contains(">Phần trăm dân số</text>"));
        // Stack totals use the formatter.
        let svg = render_svg(&stacked_zh(), &nb_people);
        assert!(svg.contains(">2\u{a0}911\u{a0}787</text>"), "total of 2024");
        assert!(svg.contains(">3\u{a0}000\u{a0}000</text>"), "tick");
        // plotters has no dash pattern: the break rule is many short segments.
        let svg = render_svg(&lines_vi(), &nb_percent);
        assert!(count(&svg, "stroke=\"#595959\" stroke-width=\"1\"") > 10);
    }

    #[test]
    fn empty_and_degenerate_charts_still_render() {
        let f: &dyn Fn(f64) -> String = &nb_percent;
        for kind in [
            ChartKind::Bars {
                categories: vec![],
                series: vec![],
            },
            ChartKind::Lines {
                x_labels: vec!["2024".into()],
                series: vec![series("x", Scheme::Neutral, &[None], f)],
                breaks: vec![Break {
                    before_index: 9,
                    label: "b".into(),
                }],
            },
            ChartKind::Stacked {
                categories: vec!["a".into()],
                series: vec![series("x", Scheme::Neutral, &[Some(f64::NAN)], f)],
            },
            ChartKind::Bars {
                categories: vec!["a".into(), "b".into()],
                series: vec![series("neg", Scheme::Neutral, &[Some(-3.0), Some(4.0)], f)],
            },
            ChartKind::Lines {
                x_labels: vec!["a".into(), "b".into()],
                series: vec![series(
                    "huge",
                    Scheme::Neutral,
                    &[Some(-1e308), Some(1e308)],
                    f,
                )],
                breaks: vec![],
            },
            ChartKind::Bars {
                categories: vec!["a".into(); 40],
                series: vec![series("many", Scheme::Neutral, &[Some(1.0); 40], f)],
            },
        ] {
            let chart = Chart { kind, ..bars_vi() };
            assert_well_formed(&render_svg(&chart, &nb_percent));
        }
    }
}
