//! Table cells from ruled lines ([`super::ruling`]).
//!
//! A point is in a cell when ruled lines close it in on all four sides: the nearest vertical
//! rule on its left and on its right that reach its height, and the nearest horizontal rule
//! below and above it that reach across it (within [`REACH`], as borders are often drawn a
//! little short of their corners). Points closed in by the same four lines share the cell.
//! Only cells of a grid count: a cell that holds another cell whole (a frame drawn round a whole
//! table or page) is no cell, nor is a lone box with no cell beside, above or below it that
//! shares a side with it (a frame round a title, the strip between a table and a page frame):
//! their points stay outside any cell. [`super::layout`] writes each cell whole before the next.

use super::ruling::Rule;

/// A cell: its sides in device space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    pub left: f32,
    pub right: f32,
    pub bottom: f32,
    pub top: f32,
}

/// Most cells of a page, and most point × rule comparisons: a page of ruled-line noise must not
/// make the layout quadratic (beyond these, the page is laid out without cells).
const MAX_CELLS: usize = 2_000;
const MAX_WORK: usize = 40_000_000;

/// How far (in points) beyond its ends a rule still closes a point in.
const REACH: f32 = 1.0;
/// Sides closer than this (in points) are the same line.
const SAME: f32 = 0.5;

impl Cell {
    fn same(&self, o: &Cell) -> bool {
        (self.left - o.left).abs() <= SAME
            && (self.right - o.right).abs() <= SAME
            && (self.bottom - o.bottom).abs() <= SAME
            && (self.top - o.top).abs() <= SAME
    }

    fn holds(&self, o: &Cell) -> bool {
        !self.same(o)
            && self.left <= o.left + SAME
            && self.right >= o.right - SAME
            && self.bottom <= o.bottom + SAME
            && self.top >= o.top - SAME
    }

    /// Whether two cells lie side by side in a row or one above the other in a column.
    fn beside(&self, o: &Cell) -> bool {
        let near = |a: f32, b: f32| (a - b).abs() <= SAME;
        let row = near(self.top, o.top) && near(self.bottom, o.bottom);
        let column = near(self.left, o.left) && near(self.right, o.right);
        (row && (near(self.right, o.left) || near(o.right, self.left)))
            || (column && (near(self.top, o.bottom) || near(o.top, self.bottom)))
    }
}

/// The cells that hold some of `points`, and for each point the index of its cell (if any).
pub fn assign(points: &[(f32, f32)], rules: &[Rule]) -> (Vec<Cell>, Vec<Option<usize>>) {
    let (across, down): (Vec<&Rule>, Vec<&Rule>) = rules.iter().partition(|r| r.horizontal);
    if across.len() < 2 || down.len() < 2 || points.len().saturating_mul(rules.len()) > MAX_WORK {
        return (Vec::new(), vec![None; points.len()]);
    }
    let reaches = |r: &Rule, p: f32| r.from - REACH <= p && p <= r.to + REACH;
    // The nearest rule of `list` at or below (`below`) or above `along` that reaches `at`.
    let side = |list: &[&Rule], along: f32, below: bool, at: f32| {
        let near = list.iter().filter(|r| reaches(r, at) && (r.at <= along) == below).map(|r| r.at);
        if below { near.reduce(f32::max) } else { near.reduce(f32::min) }
    };
    let mut cells: Vec<Cell> = Vec::new();
    let mut of = Vec::with_capacity(points.len());
    for &(x, y) in points {
        let sides = (side(&down, x, true, y), side(&down, x, false, y), side(&across, y, true, x), {
            side(&across, y, false, x)
        });
        let (Some(left), Some(right), Some(bottom), Some(top)) = sides else {
            of.push(None);
            continue;
        };
        let cell = Cell { left, right, bottom, top };
        let i = match cells.iter().position(|k| k.same(&cell)) {
            Some(i) => Some(i),
            None if cells.len() < MAX_CELLS => {
                cells.push(cell);
                Some(cells.len() - 1)
            }
            None => None,
        };
        of.push(i);
    }
    let frame: Vec<bool> = cells.iter().map(|c| cells.iter().any(|k| c.holds(k))).collect();
    let grid: Vec<bool> = cells
        .iter()
        .zip(&frame)
        .map(|(c, f)| !f && cells.iter().zip(&frame).any(|(k, kf)| !kf && c.beside(k)))
        .collect();
    for o in &mut of {
        if o.is_some_and(|i| !grid.get(i).copied().unwrap_or(false)) {
            *o = None;
        }
    }
    (cells, of)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule { horizontal: true, at: y, from: x0, to: x1 }
    }
    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule { horizontal: false, at: x, from: y0, to: y1 }
    }

    #[test]
    fn points_fall_in_the_grid_cells_and_lone_boxes_are_not_cells() {
        // A 2×2 grid from x 100..300, y 500..600, inside a frame 50..350 × 400..700.
        let mut rules = vec![h(500.0, 100.0, 300.0), h(550.0, 100.0, 300.0), h(600.0, 100.0, 300.0)];
        rules.extend([v(100.0, 500.0, 600.0), v(200.0, 500.0, 600.0), v(300.0, 500.0, 600.0)]);
        rules.extend([
            h(400.0, 50.0, 350.0),
            h(700.0, 50.0, 350.0),
            v(50.0, 400.0, 700.0),
            v(350.0, 400.0, 700.0),
        ]);
        let points =
            [(150.0, 580.0), (160.0, 570.0), (250.0, 580.0), (150.0, 520.0), (75.0, 580.0), (10.0, 10.0)];
        let (cells, of) = assign(&points, &rules);
        assert_eq!(of[0], of[1]);
        assert_ne!(of[0], of[2]);
        assert_ne!(of[0], of[3]);
        let c = cells[of[3].unwrap()];
        assert_eq!((c.left, c.right, c.bottom, c.top), (100.0, 200.0, 500.0, 550.0));
        // Beside the grid, inside the frame: closed in by the frame and the grid's left rule, but
        // a lone box; outside everything: none.
        assert_eq!(of[4], None);
        assert_eq!(of[5], None);
    }

    #[test]
    fn a_frame_round_a_grid_is_no_cell() {
        let mut rules =
            vec![h(0.0, 0.0, 1000.0), h(1000.0, 0.0, 1000.0), v(0.0, 0.0, 1000.0), v(1000.0, 0.0, 1000.0)];
        rules.extend([h(100.0, 100.0, 300.0), h(200.0, 100.0, 300.0)]);
        rules.extend([v(100.0, 100.0, 200.0), v(200.0, 100.0, 200.0), v(300.0, 100.0, 200.0)]);
        let (_, of) = assign(&[(150.0, 150.0), (250.0, 150.0), (20.0, 500.0)], &rules);
        assert!(of[0].is_some() && of[1].is_some() && of[0] != of[1]);
        assert_eq!(of[2], None);
    }
}
