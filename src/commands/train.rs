//! `stance train`: reads the labeled rows (adding the reference rows built into stance, or rows
//! of other disputes when they help, `--base`), fits a model (with settings chosen by grouped
//! cross-validation, `--tune`), saves it and says on standard error what it was trained on.

use std::path::PathBuf;
use std::time::Instant;

use super::Outcome;
use crate::evaluate::{combine, tune};
use crate::labeled::LabeledSet;
use crate::model::{reference, train, ValidTrainParams};

/// What `train` is asked to do, checked.
#[derive(Debug, Clone)]
pub struct TrainRequest {
    /// Labeled CSV files or folders.
    pub data: Vec<PathBuf>,
    /// Train on the rows of `data` alone, without the built-in reference rows.
    pub no_reference: bool,
    /// Where to write the model.
    pub model_path: PathBuf,
    /// Labeled rows of other disputes, added when they help (`--base`).
    pub base: Vec<PathBuf>,
    /// Choose settings by grouped cross-validation (`--tune`).
    pub tune: bool,
    /// The column grouping rows into folds (default: `doc`).
    pub group_by: Option<String>,
    pub folds: usize,
    pub seed: u64,
    pub params: ValidTrainParams,
}

pub fn run(request: TrainRequest) -> Outcome {
    let TrainRequest {
        data,
        no_reference,
        model_path,
        base,
        tune,
        group_by,
        folds,
        seed,
        params,
    } = request;
    let start = Instant::now();
    let mut data = LabeledSet::read(&data, group_by.as_deref())?;
    let built_in = match no_reference || !base.is_empty() {
        true => 0,
        false => reference::add_reference_rows(&mut data, group_by.as_deref())?,
    };
    let mut data = data.into_canonical();
    if !base.is_empty() {
        let base = LabeledSet::read(&base, None)?.into_canonical();
        let choice = combine::choose_base(&data, &base, &params, seed)?;
        eprintln!("base: {}", choice.describe(&base));
        data = combine::combine(&data, &base, choice.with_base).into_canonical();
    }
    let (model, report) =
        if tune {
            let folds = data.folds(folds, seed)?;
            let settings = tune::TuneSettings {
                group_by: group_by.clone().unwrap_or_else(|| "doc".into()),
                folds: folds.len(),
                seed,
            };
            let (model, report, record) = tune::tune(&data, &params, &folds, &settings)?;
            for step in &record.steps {
                eprintln!(
                    "tune: round {} {:<22} CV macro-F1 {:.3} accuracy {:.3} gain {:+.3} (1 SE {:.3}){}",
                    step.round,
                    step.change,
                    step.cv_macro_f1,
                    step.cv_accuracy,
                    step.gain,
                    step.standard_error,
                    if step.accepted { " kept" } else { "" }
                );
            }
            let kept: Vec<&str> = record
                .steps
                .iter()
                .filter(|s| s.accepted)
                .map(|s| s.change.as_str())
                .collect();
            eprintln!(
            "tune: chose the simplest setting plus: {} (CV macro-F1 {:.3}, accuracy {:.3}; {} grouped folds by `{}`)",
            if kept.is_empty() { "nothing".to_string() } else { kept.join(", ") },
            record.cv_macro_f1,
            record.cv_accuracy,
            record.folds,
            record.group_by
        );
            (model, report)
        } else {
            train::train(&data, &params)?
        };
    model.save(&model_path)?;
    let counts: Vec<String> = report
        .labels
        .iter()
        .zip(&report.rows_per_label)
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    eprintln!(
        "trained on {} sentences from {} files: {}",
        data.rows.len(),
        data.files.len(),
        counts.join(", ")
    );
    if built_in > 0 {
        eprintln!("of which {built_in} are the reference sentences built into stance (--no-reference leaves them out)");
    }
    if data.mixes_reference() {
        let own = data.rows.iter().filter(|r| !r.reference).count();
        eprintln!(
            "your {own} sentences counted {} times each beside {} reference sentences (--own-weight)",
            params.get().classifier.own_weight,
            data.rows.len() - own
        );
    }
    let weighted = data.rows.iter().filter(|r| r.weight > 1).count();
    if weighted > 0 {
        eprintln!("{weighted} sentences counted as many times as their weight column says");
    }
    eprintln!(
        "vocabulary {} terms; training-set accuracy {:.3}; {:.3} s",
        report.vocabulary_size,
        report.training_accuracy,
        start.elapsed().as_secs_f64()
    );
    if let Some(t) = model.training().temperature {
        eprintln!("temperature scaling: scores divided by {t} (fitted by grouped cross-validation)");
    }
    eprintln!("model written to {}", model_path.display());
    Ok(())
}
