//! `stance report`: every article of the batch through the one classify pipeline with the
//! report layout, its records read back into the page's data, and the page written atomically
//! ([`crate::output::report`]), with the model's scores on labeled rows in its header
//! (`--eval`).

use std::io::IsTerminal;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use super::classify::{classify_batch, BatchSummary, ClassifyOptions, Event};
use super::{chain, thread_pool, Failure, Outcome};
use crate::evaluate::eval::EvalReport;
use crate::features::Claim;
use crate::io::inputs::{InputOptions, Job, Jobs};
use crate::io::write::AtomicFile;
use crate::labeled::LabeledSet;
use crate::model::{FastScorer, StanceModel};
use crate::output::records::{Layout, EXPLAINED_FEATURES};
use crate::output::report::{ArticleReport, EvalInfo, ModelInfo, Records, ReportData};
use crate::text::LanguageCheck;
use crate::Error;

/// What `report` is asked to do, checked: the model loaded and the input options checked.
#[derive(Debug)]
pub struct ReportRequest {
    pub model: StanceModel,
    /// How the page names the model.
    pub model_name: String,
    pub input: InputOptions,
    /// Files, folders, or `-` for standard input.
    pub inputs: Vec<PathBuf>,
    /// The language articles must look written in [default: any].
    pub language: Option<LanguageCheck>,
    /// The claim the articles dispute (`--claim`).
    pub claim: Option<String>,
    /// Labeled CSV files or folders to evaluate the model on, shown in the page's header.
    pub eval: Vec<PathBuf>,
    /// Threads classifying articles in parallel [default: all cores].
    pub jobs: Option<NonZeroUsize>,
    pub fail_fast: bool,
    pub verbose: bool,
    /// The HTML file to write.
    pub output: PathBuf,
}

pub fn run(request: ReportRequest) -> Outcome {
    let ReportRequest {
        model,
        model_name,
        input,
        inputs,
        language,
        claim,
        eval,
        jobs,
        fail_fast,
        verbose,
        output,
    } = request;
    let eval = if eval.is_empty() {
        None
    } else {
        let data = LabeledSet::read(&eval, None)?;
        Some(EvalInfo {
            source: eval
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            eval: EvalReport::new(&model, &data)?,
        })
    };
    let pool = thread_pool(jobs)?;
    let scorer = FastScorer::new(&model);
    let mut jobs = Jobs::new(inputs, input);
    let mut failed = Vec::new();
    let mut worst = 0u8;
    let (articles, summary) = pool.install(|| {
        let claim = claim.as_deref().and_then(Claim::new);
        classify_for_report(&scorer, &mut jobs, fail_fast, language, claim, &mut |e| {
            eprintln!("stance: error: {}", chain(&e));
            worst = worst.max(if e.is_input_error() { 2 } else { 1 });
            failed.push(chain(&e));
        })
    })?;
    if summary.stopped {
        eprintln!("stance: stopped at the first bad input (--fail-fast); no report written");
        return Err(Failure::Reported(worst));
    }
    if summary.looks_unfamiliar() {
        eprintln!(
            "stance: warning: {}",
            super::classify::unfamiliar_warning(&model, &summary)
        );
    }
    let n = articles.len();
    let data = ReportData {
        model: ModelInfo::new(&model, &model_name),
        articles,
        failed,
        eval,
        claim,
    };
    let mut out = AtomicFile::create(&output, false)?;
    data.write_html(out.writer()).map_err(|source| Error::Io {
        path: output.clone(),
        source,
    })?;
    out.commit()?;
    if verbose || std::io::stderr().is_terminal() {
        let bytes = std::fs::metadata(&output).map_or(0, |m| m.len());
        eprintln!(
            "stance: {n} articles, {} sentences, {} failed; report written to {} ({:.1} MB)",
            data.sentences(),
            data.failed.len(),
            output.display(),
            bytes as f64 / 1e6
        );
    }
    if !data.failed.is_empty() {
        eprintln!(
            "stance: {} of {} inputs failed",
            data.failed.len(),
            data.failed.len() + n
        );
        return Err(Failure::Reported(worst));
    }
    Ok(())
}

/// Classifies every job through the classify pipeline with the report layout
/// ([`Layout::report`]), on whatever rayon pool the caller installs. A bad input goes to
/// `on_error` and is skipped; with `fail_fast` the batch stops there (`stopped` is then true).
pub fn classify_for_report(
    scorer: &FastScorer,
    jobs: &mut (dyn Iterator<Item = Job> + Send),
    fail_fast: bool,
    language: Option<LanguageCheck>,
    claim: Option<Claim>,
    on_error: &mut (dyn FnMut(Error) + Send),
) -> std::io::Result<(Vec<ArticleReport>, BatchSummary)> {
    let mut options = ClassifyOptions::new(Layout::report(scorer.labels(), EXPLAINED_FEATURES));
    options.fail_fast = fail_fast;
    options.language = language;
    options.claim = claim;
    let mut sink = Records::default();
    let summary = classify_batch(scorer, jobs, &options, &mut sink, &mut |event| {
        if let Event::Failed(e) = event {
            on_error(e)
        }
    })?;
    Ok((sink.into_articles(), summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{StanceModel, TokenCache};
    use crate::text::split_sentences;
    use std::path::Path;

    fn model() -> StanceModel {
        StanceModel::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("models/stance.model")).unwrap()
    }

    #[test]
    fn detail_json_parses_back_and_hides_script_tags() {
        let m = model();
        let scorer = FastScorer::new(&m);
        let text =
            "Sheinbaum denied any agreement with the DEA.\n</script><script>alert(1)</script>\nThe DEA announced it.";
        let jobs = vec![
            Job::Article {
                doc: "d".into(),
                text: text.into(),
                claim: None,
            },
            Job::Failed(Error::Usage("bad".into())),
        ];
        let mut errors = 0;
        let (articles, summary) =
            classify_for_report(&scorer, &mut jobs.into_iter(), false, None, None, &mut |_| errors += 1).unwrap();
        assert_eq!((articles.len(), errors, summary.failed), (1, 1, 1));
        let a = &articles[0];
        assert!(!a.detail_json.contains('<'));
        let v: serde_json::Value = serde_json::from_str(&a.detail_json).unwrap();
        let rows = v.as_array().unwrap();
        assert_eq!(rows.len(), a.summary.sentences);
        assert!(rows[1][4].as_str().unwrap().contains("</script>"));
        let label = rows[0][1].as_u64().unwrap() as usize;
        assert_eq!(m.labels()[label], "denial");
        assert_eq!(a.summary.top[label].as_ref().unwrap().sentence, 0);
        let p: f64 = rows[0][2].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).sum();
        assert!((p - 1.0).abs() < 0.01);
        assert!(!rows[0][5].as_array().unwrap().is_empty(), "denial has features");
    }

    #[test]
    fn the_scorers_row_is_the_models() {
        let m = model();
        let scorer = FastScorer::new(&m);
        let mut cache = TokenCache::new();
        let mut p = vec![0.0; 3];
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("labeled/articles");
        let mut n = 0;
        for f in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
            for s in split_sentences(&text) {
                scorer.score_into(s.text, &mut cache, &mut p);
                assert_eq!(cache.row(), &m.featurize(s.text)[..], "{}", s.text);
                n += 1;
            }
        }
        assert_eq!(n, 63);
    }
}
