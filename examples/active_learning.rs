//! Active-learning benchmark on Emergent (headline stance), read from the path given, never
//! copied into the repository:
//!
//!   cargo run --release --example active_learning -- /work/shared/datasets/emergent [OUT_DIR]
//!
//! The "new dispute" is Emergent: its train.csv headlines are the unlabeled pool (each headline
//! an article of one sentence), its test.csv (60 other claims) the held-out set. Labels are
//! mapped to the project's: for -> assertion, against -> denial, observing -> background.
//!
//! Starting from the seed model (trained on the repository's `labeled/` with the default
//! settings), a simulated user labels 10 sentences at a time chosen by `suggest` (strategies
//! uncertain = the default, margin after a random warm-up, with seeds 0-4; margin; density;
//! entropy; and random with seeds 0-4); after each batch the model is retrained on `labeled/` +
//! the labels so far, as `stance label` does. At k = 10, 20, 40, 80, 160 labels it prints the
//! macro-F1 on test.csv, and for the margin strategy it goes on (to 600 labels at most) until
//! it reaches random's mean at 160.
//!
//! Training on the user's labels: at each k of the uncertain (seed 0) and random runs it also trains on
//! the user's labels alone, and on `labeled/` + the user's labels with the user's rows weighted
//! w = 2, 4 and 8 (the `weight` column), and prints those macro-F1s.
//!
//! Writes OUT_DIR/active_learning.svg (default OUT_DIR: target/active_learning).
//!
//! `AL_JACCARD=0.3` (environment) sets suggest's near-duplicate threshold for every strategy
//! (default 0.8, suggest's own default); `AL_WARM=N` the warm-up of uncertain (default 40,
//! suggest's own default; 0 makes it plain margin).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use plotters::prelude::*;
use stance::commands::sentences::Article;
use stance::commands::suggest::{suggest, text_key, Strategy, SuggestOptions};
use stance::evaluate::combine::{choose_base, combine};
use stance::evaluate::eval::evaluate;
use stance::labeled::{LabeledRow, LabeledSet};
use stance::model::train::train;
use stance::model::{StanceModel, TrainParams};

const BATCH: usize = 10;
const KS: [usize; 5] = [10, 20, 40, 80, 160];
const RANDOM_SEEDS: u64 = 5;
const MAX_LABELS: usize = 600;
const WEIGHTS: [u32; 3] = [2, 4, 8];

fn map_label(l: &str) -> &'static str {
    match l {
        "for" => "assertion",
        "against" => "denial",
        "observing" => "background",
        other => panic!("unexpected Emergent label {other}"),
    }
}

fn read_mapped(path: &Path) -> LabeledSet {
    let mut set = LabeledSet::read(&[path.to_owned()], None).unwrap_or_else(|e| {
        eprintln!("active_learning: {e}");
        std::process::exit(2)
    });
    for r in &mut set.rows {
        r.label = map_label(&r.label).to_string();
    }
    set
}

/// Macro-F1 on `test`; NaN when the model lacks one of its labels (a "mine alone" model whose
/// first picks miss a label).
fn f1(model: &StanceModel, test: &LabeledSet) -> f64 {
    evaluate(model, test).map_or(f64::NAN, |e| e.macro_f1)
}

fn fit(rows: Vec<LabeledRow>, files: &[PathBuf]) -> Option<StanceModel> {
    let set = LabeledSet {
        files: files.to_vec(),
        rows,
    };
    let params = TrainParams::default().validate().unwrap();
    train(&set, &params).ok().map(|(m, _)| m)
}

struct Run {
    /// Macro-F1 after every batch: index i is after (i + 1) * BATCH labels.
    curve: Vec<f64>,
    /// Per k of KS: [mine alone, weights..., train --base, base kept (1 or 0)].
    variants: Vec<Vec<f64>>,
    /// Per k of KS: the picked rows per label (assertion, background, denial).
    picked: Vec<[usize; 3]>,
}

struct Bench {
    seed: LabeledSet,
    pool: LabeledSet,
    articles: Vec<Article>,
    test: LabeledSet,
}

impl Bench {
    fn run(&self, strategy: Strategy, seed: u64, until: impl Fn(&[f64]) -> bool, variants: bool) -> Run {
        let mut model = fit(self.seed.rows.clone(), &self.seed.files).expect("seed model");
        let mut chosen: Vec<usize> = Vec::new();
        let mut known: HashSet<String> = self.seed.rows.iter().map(|r| text_key(&r.text)).collect();
        let mut run = Run {
            curve: Vec::new(),
            variants: Vec::new(),
            picked: Vec::new(),
        };
        while chosen.len() < MAX_LABELS && !until(&run.curve) {
            let options = SuggestOptions {
                count: BATCH,
                strategy,
                seed: seed.wrapping_mul(1000).wrapping_add(chosen.len() as u64),
                duplicate_jaccard: std::env::var("AL_JACCARD")
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(SuggestOptions::default().duplicate_jaccard),
                warm_up: std::env::var("AL_WARM")
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(SuggestOptions::default().warm_up),
            };
            let picked = suggest(&model, &self.articles, &known, &options);
            if picked.is_empty() {
                break;
            }
            for s in picked {
                known.insert(text_key(&self.articles[s.article].sentences[0]));
                chosen.push(s.article);
            }
            let mine: Vec<LabeledRow> = chosen.iter().map(|&i| self.pool.rows[i].clone()).collect();
            let mut rows = self.seed.rows.clone();
            rows.extend(mine.iter().cloned());
            let files: Vec<PathBuf> = self.seed.files.iter().chain(&self.pool.files).cloned().collect();
            model = fit(rows, &files).expect("seed + mine trains");
            run.curve.push(f1(&model, &self.test));
            if KS.contains(&chosen.len()) {
                let mut counts = [0; 3];
                for r in &mine {
                    counts[["assertion", "background", "denial"]
                        .iter()
                        .position(|l| *l == r.label)
                        .unwrap()] += 1;
                }
                run.picked.push(counts);
            }
            if variants && KS.contains(&chosen.len()) {
                let mut v = vec![fit(mine.clone(), &files).map_or(f64::NAN, |m| f1(&m, &self.test))];

                for w in WEIGHTS {
                    let mut rows = self.seed.rows.clone();
                    rows.extend(mine.iter().map(|r| LabeledRow { weight: w, ..r.clone() }));
                    v.push(fit(rows, &files).map_or(f64::NAN, |m| f1(&m, &self.test)));
                }
                let user = LabeledSet {
                    files: self.pool.files.clone(),
                    rows: mine
                        .iter()
                        .map(|r| LabeledRow {
                            group: r.doc.clone(),
                            ..r.clone()
                        })
                        .collect(),
                };
                let params = TrainParams::default().validate().unwrap();
                let choice = choose_base(&user, &self.seed, &params, 0).unwrap();
                let auto = combine(&user, &self.seed, choice.with_base);
                v.push(fit(auto.rows, &auto.files).map_or(f64::NAN, |m| f1(&m, &self.test)));
                v.push(if choice.with_base { 1.0 } else { 0.0 });
                run.variants.push(v);
            }
        }
        run
    }
}

/// The mean curve of `runs`, to `max_k` labels.
fn mean_curve(runs: &[Run], max_k: usize) -> Vec<f64> {
    (0..max_k / BATCH)
        .map(|i| runs.iter().map(|r| r.curve[i]).sum::<f64>() / runs.len() as f64)
        .collect()
}

/// Lowest and highest value at `k` of `runs`.
fn min_max(runs: &[Run], k: usize) -> (f64, f64) {
    runs.iter()
        .map(|r| at(&r.curve, k))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)))
}

fn at(curve: &[f64], k: usize) -> f64 {
    curve.get(k / BATCH - 1).copied().unwrap_or(f64::NAN)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(data) = args.first().map(PathBuf::from) else {
        eprintln!("usage: cargo run --release --example active_learning -- PATH/TO/datasets/emergent [OUT_DIR]");
        std::process::exit(2);
    };
    if !data.join("train.csv").is_file() || !data.join("test.csv").is_file() {
        eprintln!(
            "active_learning: Emergent data folder missing: {} has no train.csv and test.csv",
            data.display()
        );
        std::process::exit(2);
    }
    let out_dir = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/active_learning"));
    std::fs::create_dir_all(&out_dir).unwrap();
    let seed = LabeledSet::read(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("labeled")], None).unwrap();
    let pool = read_mapped(&data.join("train.csv"));
    let test = read_mapped(&data.join("test.csv"));
    let articles = pool
        .rows
        .iter()
        .map(|r| Article {
            doc: r.doc.clone(),
            sentences: vec![r.text.clone()],
            claim: None,
        })
        .collect();
    let bench = Bench {
        seed,
        pool,
        articles,
        test,
    };
    let seed_model = fit(bench.seed.rows.clone(), &bench.seed.files).unwrap();
    let f1_seed = f1(&seed_model, &bench.test);
    let max_k = *KS.last().unwrap();

    let randoms: Vec<Run> = (0..RANDOM_SEEDS)
        .map(|s| bench.run(Strategy::Random, s, |c| c.len() * BATCH >= max_k, true))
        .collect();
    let random_mean = mean_curve(&randoms, max_k);
    let target = random_mean[max_k / BATCH - 1];
    let reached = |c: &[f64]| c.len() * BATCH >= max_k && c.last().is_some_and(|&f| f >= target);
    let to_max = |c: &[f64]| c.len() * BATCH >= max_k;
    let uncertains: Vec<Run> = (0..RANDOM_SEEDS)
        .map(|s| bench.run(Strategy::Uncertain, s, to_max, s == 0))
        .collect();
    let uncertain_mean = mean_curve(&uncertains, max_k);
    let uncertain = &uncertains[0];
    let margin = bench.run(Strategy::Margin, 0, reached, false);
    let density = bench.run(Strategy::Density, 0, to_max, false);
    let entropy = bench.run(Strategy::Entropy, 0, |c| c.len() * BATCH >= max_k, false);

    println!(
        "Emergent: pool {} headlines (train.csv), held out {} headlines of other claims (test.csv)",
        bench.pool.rows.len(),
        bench.test.rows.len()
    );
    println!(
        "starting model alone ({} rows of labeled/): macro-F1 {f1_seed:.3}",
        bench.seed.rows.len()
    );
    println!();
    println!("learning curve, macro-F1 on test.csv (labeled/ + k labels, retrained every {BATCH})");
    println!(
        "{:>5} {:>15} {:>14} {:>8} {:>8} {:>8} {:>12} {:>14}",
        "k", "uncertain mean", "uncertain m-M", "margin", "density", "entropy", "random mean", "random m-M"
    );
    for k in KS {
        let (ulo, uhi) = min_max(&uncertains, k);
        let (lo, hi) = min_max(&randoms, k);
        println!(
            "{k:>5} {:>15.3} {:>8.3}-{:.3} {:>8.3} {:>8.3} {:>8.3} {:>12.3} {:>8.3}-{:.3}",
            at(&uncertain_mean, k),
            ulo,
            uhi,
            at(&margin.curve, k),
            at(&density.curve, k),
            at(&entropy.curve, k),
            at(&random_mean, k),
            lo,
            hi
        );
    }
    println!();
    println!("labels picked (assertion/background/denial = for/observing/against)");
    println!(
        "{:>5} {:>14} {:>14} {:>14} {:>14} {:>14}",
        "k", "uncertain 0", "margin", "density", "entropy", "random seed 0"
    );
    for (i, k) in KS.iter().enumerate() {
        let f = |c: [usize; 3]| format!("{}/{}/{}", c[0], c[1], c[2]);
        println!(
            "{k:>5} {:>14} {:>14} {:>14} {:>14} {:>14}",
            f(uncertain.picked[i]),
            f(margin.picked[i]),
            f(density.picked[i]),
            f(entropy.picked[i]),
            f(randoms[0].picked[i])
        );
    }
    let first = margin.curve.iter().position(|&f| f >= target).map(|i| (i + 1) * BATCH);
    match first {
        Some(n) => println!("margin first reaches random's {max_k}-label mean ({target:.3}) at {n} labels"),
        None => println!(
            "margin does not reach random's {max_k}-label mean ({target:.3}) within {} labels",
            margin.curve.len() * BATCH
        ),
    }
    let random_variants: Vec<Vec<f64>> = (0..KS.len())
        .map(|i| {
            (0..WEIGHTS.len() + 3)
                .map(|j| randoms.iter().map(|r| r.variants[i][j]).sum::<f64>() / RANDOM_SEEDS as f64)
                .collect()
        })
        .collect();
    for (title, run_variants, curve) in [
        ("uncertain picks, seed 0", &uncertain.variants, &uncertain.curve),
        ("random picks, mean of 5 seeds", &random_variants, &random_mean),
    ] {
        println!();
        println!("training on the user's labels ({title}): macro-F1 on test.csv");
        print!("{:>5} {:>10} {:>14}", "k", "mine alone", "labeled+mine");
        for w in WEIGHTS {
            print!(" {:>14}", format!("+mine x{w}"));
        }
        println!(" {:>12} {:>10}", "train --base", "base kept");
        for (k, v) in KS.iter().zip(run_variants) {
            print!("{k:>5} {:>10.3} {:>14.3}", v[0], at(curve, *k));
            for f in &v[1..=WEIGHTS.len()] {
                print!(" {f:>14.3}");
            }
            println!(" {:>12.3} {:>10.1}", v[WEIGHTS.len() + 1], v[WEIGHTS.len() + 2]);
        }
    }

    let svg = out_dir.join("active_learning.svg");
    plot(
        &svg,
        f1_seed,
        &[
            ("uncertain (warm-up + margin), mean of 5 seeds", &uncertain_mean, RED),
            ("margin", &margin.curve[..max_k / BATCH], GREEN),
            ("density", &density.curve, MAGENTA),
            ("entropy", &entropy.curve, BLUE),
            ("random, mean of 5 seeds", &random_mean, BLACK),
        ],
    )
    .unwrap();
    println!();
    println!("plot: {}", svg.display());
}

fn plot(path: &Path, seed: f64, series: &[(&str, &[f64], RGBColor)]) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::new(path, (720, 440)).into_drawing_area();
    root.fill(&WHITE)?;
    let max_k = series.iter().map(|s| s.1.len() * BATCH).max().unwrap_or(BATCH) as f64;
    let all = series.iter().flat_map(|s| s.1.iter().copied()).chain([seed]);
    let (lo, hi) = all.fold((1.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    let mut chart = ChartBuilder::on(&root)
        .caption(
            "Emergent held-out claims: macro-F1 vs labels added to the seed",
            ("sans-serif", 18),
        )
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d(0.0..max_k, (lo - 0.02).max(0.0)..(hi + 0.02).min(1.0))?;
    chart
        .configure_mesh()
        .x_desc("labels added (k)")
        .y_desc("macro-F1")
        .draw()?;
    for (name, curve, color) in series {
        let points: Vec<(f64, f64)> = std::iter::once((0.0, seed))
            .chain(curve.iter().enumerate().map(|(i, &f)| (((i + 1) * BATCH) as f64, f)))
            .collect();
        let style = ShapeStyle::from(*color).stroke_width(2);
        chart
            .draw_series(std::iter::once(PathElement::new(points, style)))?
            .label(*name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], style));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .border_style(BLACK)
        .background_style(WHITE)
        .draw()?;
    root.present()?;
    Ok(())
}
