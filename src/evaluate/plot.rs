//! `eval --plot` and `cv --plot`: the confusion matrix as an SVG heat map (plotters' SVG
//! backend, which writes text as SVG `<text>` elements, so no system font is needed); `eval
//! --plot` also draws the reliability diagram ([`reliability_svg`]).
//!
//! Rows are the true labels, columns the predicted ones; each cell shows its count, and its
//! shade is the count over its row's total (the recall of the row's label on the diagonal).

use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::metrics::{Calibration, Report};
use crate::io::write::write_atomic;
use crate::{Error, Result};

const CELL: i32 = 90;
const LEFT: i32 = 150;
const TOP: i32 = 110;

/// Checks that a plot path names an SVG file (`.svg`, any case): the only format drawn.
pub fn check_path(path: &Path) -> Result<&Path> {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")) {
        Ok(path)
    } else {
        Err(Error::InvalidParam {
            name: "--plot",
            value: path.display().to_string(),
            expected: "the plot is drawn as SVG: give a file name ending in .svg".into(),
        })
    }
}

/// Draws `report`'s confusion matrix to `path` as SVG, with `title` above it.
pub fn confusion_svg(report: &Report, title: &str, path: &Path) -> Result<()> {
    let k = report.labels.len() as i32;
    let (w, h) = ((LEFT + k * CELL + 30) as u32, (TOP + k * CELL + 40) as u32);
    let fail = |e: String| Error::write(path, std::io::Error::other(e));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        draw(&root, report, title).map_err(|e| fail(e.to_string()))?;
        root.present().map_err(|e| fail(e.to_string()))?;
    }
    write_atomic(path, svg.as_bytes(), false)
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    report: &Report,
    title: &str,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let font = |size: i32, h: HPos| {
        ("sans-serif", size)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(h, VPos::Center))
    };
    root.draw(&Text::new(title.to_string(), (10, 18), font(16, HPos::Left)))?;
    root.draw(&Text::new(
        "predicted label".to_string(),
        (LEFT + report.labels.len() as i32 * CELL / 2, 50),
        font(14, HPos::Center),
    ))?;
    root.draw(&Text::new(
        "true label".to_string(),
        (10, TOP - 15),
        font(14, HPos::Left),
    ))?;
    for (j, label) in report.labels.iter().enumerate() {
        let x = LEFT + j as i32 * CELL + CELL / 2;
        root.draw(&Text::new(label.clone(), (x, TOP - 20), font(14, HPos::Center)))?;
    }
    for (i, row) in report.confusion.iter().enumerate() {
        let y = TOP + i as i32 * CELL;
        root.draw(&Text::new(
            report.labels[i].clone(),
            (LEFT - 10, y + CELL / 2),
            font(14, HPos::Right),
        ))?;
        let total: usize = row.iter().sum();
        for (j, &count) in row.iter().enumerate() {
            let x = LEFT + j as i32 * CELL;
            let share = if total == 0 { 0.0 } else { count as f64 / total as f64 };
            let shade = |c: u8| (255.0 - share * (255.0 - c as f64)).round() as u8;
            let fill = RGBColor(shade(8), shade(81), shade(156));
            root.draw(&Rectangle::new([(x, y), (x + CELL, y + CELL)], fill.filled()))?;
            root.draw(&Rectangle::new([(x, y), (x + CELL, y + CELL)], BLACK.stroke_width(1)))?;
            let ink = if share > 0.5 { WHITE } else { BLACK };
            let style = ("sans-serif", 18)
                .into_font()
                .color(&ink)
                .pos(Pos::new(HPos::Center, VPos::Center));
            root.draw(&Text::new(count.to_string(), (x + CELL / 2, y + CELL / 2), style))?;
        }
    }
    Ok(())
}

/// Where `eval --plot FILE.svg` draws the reliability diagram: `FILE.reliability.svg`.
pub fn reliability_path(path: &Path) -> std::path::PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!("{stem}.reliability.svg"))
}

/// Draws the reliability diagram of `calibration` to `path` as SVG: per bin of the top
/// probability, the share of right predictions (bars, labeled with their counts) against the
/// diagonal of perfect calibration.
pub fn reliability_svg(calibration: &Calibration, title: &str, path: &Path) -> Result<()> {
    let fail = |e: String| Error::write(path, std::io::Error::other(e));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (560, 520)).into_drawing_area();
        draw_reliability(&root, calibration, title).map_err(|e| fail(e.to_string()))?;
        root.present().map_err(|e| fail(e.to_string()))?;
    }
    write_atomic(path, svg.as_bytes(), false)
}

fn draw_reliability<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    calibration: &Calibration,
    title: &str,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(root)
        .caption(title, ("sans-serif", 15))
        .margin(15)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d(0.0..1.0, 0.0..1.0)?;
    chart
        .configure_mesh()
        .max_light_lines(0)
        .x_desc("top probability (confidence)")
        .y_desc("share right")
        .draw()?;
    let filled = || calibration.bins.iter().filter(|b| b.count > 0);
    chart.draw_series(filled().map(|b| {
        Rectangle::new(
            [(b.low + 0.005, 0.0), (b.high - 0.005, b.accuracy)],
            RGBColor(8, 81, 156).mix(0.7).filled(),
        )
    }))?;
    chart.draw_series(filled().map(|b| {
        Text::new(
            format!("n={}", b.count),
            ((b.low + b.high) / 2.0 - 0.03, (b.accuracy + 0.05).min(0.97)),
            ("sans-serif", 11),
        )
    }))?;
    chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (1.0, 1.0)], BLACK)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_names_every_label_and_count() {
        let labels: Vec<String> = ["against", "for", "observing"].iter().map(|s| s.to_string()).collect();
        let r = Report::from_confusion(labels, vec![vec![7, 1, 2], vec![0, 13, 4], vec![3, 5, 11]]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cm.svg");
        confusion_svg(&r, "test", &path).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..50.min(svg.len())]);
        for needle in ["against", "for", "observing", ">\n13\n<", ">\n11\n<", "predicted label"] {
            assert!(svg.contains(needle), "{needle} missing");
        }
    }

    #[test]
    fn reliability_svg_shows_bins_and_counts() {
        let c = crate::evaluate::metrics::calibration(&[(0.95, true), (0.95, false), (0.6, true)]);
        let dir = tempfile::tempdir().unwrap();
        let path = reliability_path(&dir.path().join("eval.svg"));
        assert!(path.ends_with("eval.reliability.svg"));
        reliability_svg(&c, "calibration", &path).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(
            svg.starts_with("<svg") && svg.contains("n=2") && svg.contains("n=1"),
            "{svg}"
        );
    }
}
