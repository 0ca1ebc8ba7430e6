//! Ruled lines: the straight horizontal and vertical lines a page draws (table borders).
//!
//! The walker feeds path construction (`m`, `l`, `re`, `h`, curves) to a [`PathBuilder`] in
//! device space; a painting operator turns the path into [`Rule`]s: a stroke keeps its
//! axis-aligned segments of at least [`MIN_LEN`]; a fill keeps each subpath that is a thin bar
//! (at most [`THIN`] thick: Word draws borders as filled rectangles) as a line along its long
//! side. Curves, slanted segments, clipping paths (`W n`) and filled areas (cell shading) make
//! no rules. [`layout`](super::layout) uses the rules to find table cells ([`super::table`]).
//! A path keeps at most [`MAX_POINTS`] points and a page at most [`MAX_RULES`] rules.

/// A horizontal or vertical line in device space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub horizontal: bool,
    /// The y of a horizontal rule, the x of a vertical one.
    pub at: f32,
    /// Where it starts and ends along its direction (`from <= to`).
    pub from: f32,
    pub to: f32,
}

/// Shortest segment taken for a rule (shorter strokes are ticks, dashes, glyph-like marks).
pub const MIN_LEN: f32 = 4.0;
/// Thickest filled bar taken for a rule.
pub const THIN: f32 = 3.0;
/// A segment whose ends differ by at most this much across its direction is axis-aligned.
const SLANT: f32 = 0.5;
/// Most points of one path.
pub const MAX_POINTS: usize = 20_000;
/// Most rules of one page.
pub const MAX_RULES: usize = 4_000;

type Point = (f32, f32);

/// The path being built, as subpaths of device-space points.
#[derive(Debug, Default)]
pub struct PathBuilder {
    subpaths: Vec<(Vec<Point>, bool)>, // (points, closed)
    points: usize,
}

impl PathBuilder {
    fn push(&mut self, p: Point) {
        if self.points >= MAX_POINTS || !(p.0.is_finite() && p.1.is_finite()) {
            return;
        }
        self.points += 1;
        match self.subpaths.last_mut() {
            Some((list, false)) => list.push(p),
            _ => self.subpaths.push((vec![p], false)),
        }
    }

    /// `m`: start a new subpath.
    pub fn move_to(&mut self, p: Point) {
        if self.points < MAX_POINTS {
            self.subpaths.push((Vec::new(), false));
        }
        self.push(p);
    }

    /// `l`: a straight segment from the current point.
    pub fn line_to(&mut self, p: Point) {
        self.push(p);
    }

    /// `c`, `v`, `y`: a curve; only its end point is kept, as the start of a new open run, so
    /// that the curve itself never makes a rule.
    pub fn curve_to(&mut self, p: Point) {
        self.move_to(p);
    }

    /// `re`: a closed rectangle given by its four corners.
    pub fn rect(&mut self, corners: [Point; 4]) {
        self.move_to(corners[0]);
        for c in &corners[1..] {
            self.push(*c);
        }
        self.close();
    }

    /// `h`: close the current subpath.
    pub fn close(&mut self) {
        if let Some((_, closed)) = self.subpaths.last_mut() {
            *closed = true;
        }
    }

    /// `n` (and the end of any painting operator): forget the path.
    pub fn clear(&mut self) {
        self.subpaths.clear();
        self.points = 0;
    }

    /// `S`, `s`, `B`, `b` …: the stroked axis-aligned segments become rules.
    pub fn stroke(&mut self, out: &mut Vec<Rule>) {
        for (points, closed) in &self.subpaths {
            let closing = closed.then(|| (points.last(), points.first()));
            let pairs = points.windows(2).map(|w| (w.first(), w.get(1))).chain(closing);
            for (a, b) in pairs {
                if let (Some(&a), Some(&b)) = (a, b)
                    && out.len() < MAX_RULES
                    && let Some(rule) = segment_rule(a, b)
                {
                    out.push(rule);
                }
            }
        }
        self.clear();
    }

    /// `f`, `F`, `f*`: each subpath that is a thin bar becomes a rule along its long side.
    pub fn fill(&mut self, out: &mut Vec<Rule>) {
        for (points, _) in &self.subpaths {
            if points.len() < 2 || out.len() >= MAX_RULES {
                continue;
            }
            let (x0, x1) = points.iter().fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
            let (y0, y1) = points.iter().fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= THIN && w >= MIN_LEN {
                out.push(Rule { horizontal: true, at: (y0 + y1) / 2.0, from: x0, to: x1 });
            } else if w <= THIN && h >= MIN_LEN {
                out.push(Rule { horizontal: false, at: (x0 + x1) / 2.0, from: y0, to: y1 });
            }
        }
        self.clear();
    }
}

/// The rule a straight segment makes, if it is long enough and axis-aligned.
fn segment_rule(a: Point, b: Point) -> Option<Rule> {
    let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
    if dy <= SLANT && dx >= MIN_LEN {
        Some(Rule { horizontal: true, at: (a.1 + b.1) / 2.0, from: a.0.min(b.0), to: a.0.max(b.0) })
    } else if dx <= SLANT && dy >= MIN_LEN {
        Some(Rule { horizontal: false, at: (a.0 + b.0) / 2.0, from: a.1.min(b.1), to: a.1.max(b.1) })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strokes_and_thin_fills_make_rules_curves_and_areas_do_not() {
        let mut p = PathBuilder::default();
        let mut rules = Vec::new();
        // A stroked rectangle: four rules.
        p.rect([(10.0, 10.0), (110.0, 10.0), (110.0, 60.0), (10.0, 60.0)]);
        p.stroke(&mut rules);
        assert_eq!(rules.len(), 4);
        assert_eq!(rules.iter().filter(|r| r.horizontal).count(), 2);
        // A slanted line and a curve: nothing.
        p.move_to((0.0, 0.0));
        p.line_to((50.0, 30.0));
        p.curve_to((80.0, 30.0));
        p.stroke(&mut rules);
        assert_eq!(rules.len(), 4);
        // A thin filled bar is a rule; a filled cell background is not.
        p.rect([(10.0, 100.0), (200.0, 100.0), (200.0, 100.5), (10.0, 100.5)]);
        p.rect([(10.0, 200.0), (200.0, 200.0), (200.0, 260.0), (10.0, 260.0)]);
        p.fill(&mut rules);
        assert_eq!(rules.len(), 5);
        let bar = rules[4];
        assert!(bar.horizontal && (bar.at - 100.25).abs() < 1e-3 && bar.from == 10.0 && bar.to == 200.0);
        // A clipping path ended with `n` leaves no trace.
        p.rect([(0.0, 0.0), (500.0, 0.0), (500.0, 800.0), (0.0, 800.0)]);
        p.clear();
        p.stroke(&mut rules);
        assert_eq!(rules.len(), 5);
    }
}
