//! A chart as plain data: every mark and text in canvas pixels, in drawing order.
//!
//! Layout produces a `Scene` and the SVG writer only draws it, so what a chart shows can
//! be tested (and serialised) without parsing SVG, and nothing in layout knows plotters.

use serde::Serialize;

use super::text::{line_px, text_width};

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Colour(pub u8, pub u8, pub u8);

/// Everything a chart draws, back to front.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scene {
    pub width: u32,
    pub height: u32,
    pub background: Colour,
    pub items: Vec<Item>,
    /// Value labels left out on purpose, so none is lost silently; the values are still in
    /// the chart's `<desc>` and the page's data table.
    pub dropped_labels: Vec<DroppedLabel>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Item {
    Rect(Rect),
    Line(Line),
    Marker(Marker),
    Text(Text),
}

/// What an item is for, so tests and readers can pick e.g. every value label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Title,
    /// Swatches and series names above the plot.
    Legend,
    /// The names of the value and category axes.
    AxisLabel,
    Gridline,
    Tick,
    /// The zero line (or the bottom of the scale when it does not reach zero).
    Axis,
    CategoryLabel,
    /// A bar, or a segment of a stack.
    Bar,
    /// A series' line between points.
    DataLine,
    /// A series' marker at a value.
    Point,
    ValueLabel,
    /// The sum above a stack.
    Total,
    /// The dashed rule at a break in a line chart.
    Break,
    BreakLabel,
    /// A target drawn as a rule across the bar of the result it belongs to.
    TargetRule,
    /// A reference value's dashed rule (the national figure among regions) and its label.
    Reference,
    ReferenceLabel,
}

/// The value an item stands for: `values[index]` of the chart's `series`-th series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Datum {
    pub series: usize,
    pub index: usize,
}

/// A filled rectangle between two corners.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rect {
    pub role: Role,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub colour: Colour,
    pub datum: Option<Datum>,
}

/// An open polyline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub role: Role,
    pub points: Vec<(f64, f64)>,
    pub width: u32,
    pub colour: Colour,
    pub dash: Option<Dash>,
}

/// Dash pattern in pixels: `on` drawn, then `off` left blank.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Dash {
    pub on: f64,
    pub off: f64,
}

/// A filled point marker centred on `(x, y)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Marker {
    pub role: Role,
    pub shape: Shape,
    pub x: f64,
    pub y: f64,
    pub radius: f64,
    pub colour: Colour,
    pub datum: Option<Datum>,
}

/// Marker shapes, so series stay apart without relying on colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    Circle,
    Square,
    Diamond,
}

/// One line of text; `(x, y)` is the point the anchor and baseline refer to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Text {
    pub role: Role,
    pub text: String,
    pub x: f64,
    pub y: f64,
    /// CSS pixel size.
    pub px: f64,
    pub weight: Weight,
    pub anchor: Anchor,
    pub baseline: Baseline,
    pub colour: Colour,
    pub datum: Option<Datum>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weight {
    Normal,
    Bold,
}

/// Which horizontal part of the text sits at `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// Which vertical part of the text's line box sits at `y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Baseline {
    Top,
    Middle,
    Bottom,
}

/// A value label left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DroppedLabel {
    pub datum: Datum,
    pub text: String,
    pub reason: DropReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// Neither above nor below its point was free of lines, markers and other labels.
    Collides,
    /// The stack segment is too small to hold it.
    DoesNotFit,
}

impl Text {
    /// The estimated box `(x0, y0, x1, y1)` the text covers: measured width, one line high.
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        let (w, h) = (text_width(&self.text, self.px), line_px(self.px));
        let x0 = match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - w / 2.0,
            Anchor::End => self.x - w,
        };
        let y0 = match self.baseline {
            Baseline::Top => self.y,
            Baseline::Middle => self.y - h / 2.0,
            Baseline::Bottom => self.y - h,
        };
        (x0, y0, x0 + w, y0 + h)
    }
}

/// How a piece of text looks.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ink {
    pub(super) px: f64,
    pub(super) weight: Weight,
    pub(super) colour: Colour,
}

impl Scene {
    pub(super) fn new(width: u32, height: u32, background: Colour) -> Self {
        Scene {
            width,
            height,
            background,
            items: Vec::new(),
            dropped_labels: Vec::new(),
        }
    }

    /// The texts drawn for `role`, in drawing order.
    pub fn texts(&self, role: Role) -> impl Iterator<Item = &Text> {
        self.items.iter().filter_map(move |item| match item {
            Item::Text(t) if t.role == role => Some(t),
            _ => None,
        })
    }

    /// The rectangles drawn for `role`, in drawing order.
    pub fn rects(&self, role: Role) -> impl Iterator<Item = &Rect> {
        self.items.iter().filter_map(move |item| match item {
            Item::Rect(r) if r.role == role => Some(r),
            _ => None,
        })
    }

    /// The lines drawn for `role`, in drawing order.
    pub fn lines(&self, role: Role) -> impl Iterator<Item = &Line> {
        self.items.iter().filter_map(move |item| match item {
            Item::Line(l) if l.role == role => Some(l),
            _ => None,
        })
    }

    /// The markers drawn for `role`, in drawing order.
    pub fn markers(&self, role: Role) -> impl Iterator<Item = &Marker> {
        self.items.iter().filter_map(move |item| match item {
            Item::Marker(m) if m.role == role => Some(m),
            _ => None,
        })
    }

    // Builders for layout. Each returns the new item so a caller can tie it to its datum.

    pub(super) fn rect(
        &mut self,
        role: Role,
        (x0, y0): (f64, f64),
        (x1, y1): (f64, f64),
        colour: Colour,
    ) -> &mut Rect {
        self.items.push(Item::Rect(Rect {
            role,
            x0,
            y0,
            x1,
            y1,
            colour,
            datum: None,
        }));
        match self.items.last_mut() {
            Some(Item::Rect(r)) => r,
            _ => unreachable!("a rect was just pushed"),
        }
    }

    pub(super) fn line(&mut self, role: Role, points: &[(f64, f64)], colour: Colour, width: u32) {
        self.items.push(Item::Line(Line {
            role,
            points: points.to_vec(),
            width,
            colour,
            dash: None,
        }));
    }

    /// A one-pixel dashed rule from `(x, y0)` down to `(x, y1)`.
    pub(super) fn dashed_vertical(
        &mut self,
        role: Role,
        x: f64,
        (y0, y1): (f64, f64),
        colour: Colour,
    ) {
        self.items.push(Item::Line(Line {
            role,
            points: vec![(x, y0), (x, y1)],
            width: 1,
            colour,
            dash: Some(Dash { on: 5.0, off: 4.0 }),
        }));
    }

    /// A vertical rule `width` pixels wide, dashed or solid.
    pub(super) fn rule(
        &mut self,
        role: Role,
        x: f64,
        (y0, y1): (f64, f64),
        colour: Colour,
        (width, dashed): (u32, bool),
    ) {
        self.items.push(Item::Line(Line {
            role,
            points: vec![(x, y0), (x, y1)],
            width,
            colour,
            dash: dashed.then_some(Dash { on: 4.0, off: 3.0 }),
        }));
    }

    /// The marker of the `series`-th series: shapes cycle so neighbours differ.
    pub(super) fn marker(
        &mut self,
        role: Role,
        series: usize,
        (x, y): (f64, f64),
        colour: Colour,
    ) -> &mut Marker {
        let shape = match series % 3 {
            0 => Shape::Circle,
            1 => Shape::Square,
            _ => Shape::Diamond,
        };
        self.items.push(Item::Marker(Marker {
            role,
            shape,
            x,
            y,
            radius: 4.0,
            colour,
            datum: None,
        }));
        match self.items.last_mut() {
            Some(Item::Marker(m)) => m,
            _ => unreachable!("a marker was just pushed"),
        }
    }

    pub(super) fn text(
        &mut self,
        role: Role,
        text: &str,
        (x, y): (f64, f64),
        ink: Ink,
        (anchor, baseline): (Anchor, Baseline),
    ) -> &mut Text {
        self.items.push(Item::Text(Text {
            role,
            text: text.to_string(),
            x,
            y,
            px: ink.px,
            weight: ink.weight,
            anchor,
            baseline,
            colour: ink.colour,
            datum: None,
        }));
        match self.items.last_mut() {
            Some(Item::Text(t)) => t,
            _ => unreachable!("a text was just pushed"),
        }
    }

    /// Lines of text whose block starts at `y` (top).
    pub(super) fn text_block(
        &mut self,
        role: Role,
        lines: &[String],
        (x, y): (f64, f64),
        ink: Ink,
        anchor: Anchor,
    ) {
        for (i, line) in lines.iter().enumerate() {
            self.text(
                role,
                line,
                (x, y + i as f64 * line_px(ink.px)),
                ink,
                (anchor, Baseline::Top),
            );
        }
    }
}
