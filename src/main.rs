//! The `stance` command line: parses arguments into one checked request per command, calls the
//! library, and handles every error once, here at the top: one line on stderr, exit code 2 for
//! bad usage or bad input, 1 for other failures.
//!
//! Over 500 lines: most of it is the argument definitions, whose doc comments are the `--help`
//! text.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use stance::data::LabeledSet;
use stance::io::write::AtomicFile;
use stance::model::{reference, ClassWeight, ClassifierConfig, FastScorer, StanceModel, TrainParams, BUILT_IN_NAME};
use stance::tasks::classify::{
    classify_batch, is_stream, label_index, unfamiliar_warning, ClassifyOptions, Event, InputFormat, InputOptions,
    Jobs, Layout, OutputFormat,
};
use stance::tasks::sentences::{read_articles, write_sentences, Article};
use stance::tasks::suggest::{suggest, write_suggestions, Strategy, SuggestOptions};
use stance::tasks::{combine, cv, eval, explain, plot, records, report, train, tune};
use stance::text::LanguageCheck;

/// Where `train` writes the model trained on the default data (the shipped model, built into
/// the program at build time).
const DEFAULT_MODEL: &str = "models/stance.model";

/// The default training data.
const DEFAULT_DATA: &str = "labeled";

/// A progress bar is drawn for batches of at least this many articles (or streams that reach it).
const PROGRESS_MIN_ARTICLES: u64 = 100;

/// Label every sentence of a news article as assertion, denial or background toward the claim
/// the article disputes.
#[derive(Parser)]
#[command(
    version,
    about,
    long_about = "Label every sentence of a news article as assertion, denial or background toward the claim the article disputes.\n\nThe shipped model (models/stance.model) is trained on the 2,061 hand-labeled sentences of labeled/: 63 of two articles about the dispute it was built for (the U.S. DEA announced a joint initiative with Mexico, Project Portero, and Mexico's government said there was no such agreement), and 1,998 of 121 articles written for the project about 31 other disputes, so that it learns how asserting and denying are worded rather than one dispute's words. To teach it your own dispute: `stance label --output mine.csv --claim TEXT --data labeled ARTICLES...`, then `stance train --data mine.csv --model mine.model` (your rows plus the reference rows of labeled/, built into stance).",
    after_help = "Exit codes: 0 success; 1 failure (a write failed, the optimizer failed); 2 bad usage or bad input (a missing or malformed file, an invalid value). In a batch, bad inputs are reported and skipped, and the exit code is 2 at the end."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train a model on labeled CSV files and save it.
    Train(TrainArgs),
    /// Label every sentence of articles (.txt files, folders of them, - for stdin, JSON lines, CSV).
    Classify(ClassifyArgs),
    /// Score a model on labeled CSV files (each row's text is one sentence).
    Eval(EvalArgs),
    /// Grouped k-fold cross-validation of the training settings on labeled CSV files.
    Cv(CvArgs),
    /// The features with the largest weights for each label.
    Explain(ExplainArgs),
    /// Every sentence of articles as CSV ready to label (doc,sentence,label,text,note).
    Sentences(SentencesArgs),
    /// The sentences most worth labeling next, as CSV (doc,sentence,label,text + probabilities).
    Suggest(SuggestArgs),
    /// Label sentences of articles in the terminal; each answer is appended to a CSV file.
    Label(LabelArgs),
    /// Write one self-contained HTML page of a batch of articles (same inputs as classify):
    /// sortable, filterable, every sentence highlighted by its label.
    Report(ReportArgs),
}

#[derive(Args)]
struct TrainArgs {
    /// Labeled CSV file or folder of CSV files (repeatable). When no row of them is a reference
    /// row (labeled/'s rows are) and --base is not given, the reference rows built into stance
    /// (labeled/ as it was when stance was built) are added, so `--data mine.csv` trains on
    /// them and yours from any folder, as `--data labeled --data mine.csv` does; they are never
    /// counted twice. The order of the files and rows never changes the model.
    #[arg(long = "data", value_name = "PATH", default_value = DEFAULT_DATA)]
    data: Vec<PathBuf>,
    /// Train on your rows alone: do not add the built-in reference rows.
    #[arg(long)]
    no_reference: bool,
    /// Where to write the model [default: models/stance.model, the shipped model, only when
    /// training on the default labeled/; other data needs --model].
    #[arg(long, value_name = "PATH")]
    model: Option<PathBuf>,
    /// Labeled rows of other disputes (file or folder, repeatable; e.g. labeled/ when --data is
    /// your own dispute): added to the --data rows only when grouped cross-validation on the
    /// --data rows scores at least as high with them (5 folds by --group-by, seed --seed)
    /// [default: none].
    #[arg(long, value_name = "PATH")]
    base: Vec<PathBuf>,
    /// Choose settings by grouped cross-validation on the training data (forward selection from
    /// the simplest setting; a change is kept when its mean paired macro-F1 gain over folds
    /// exceeds one standard error), then train on all of it.
    /// The choice and its CV scores are recorded in the model file.
    #[arg(long)]
    tune: bool,
    #[command(flatten)]
    grouping: GroupingArgs,
    #[command(flatten)]
    options: TrainOptions,
}

/// How rows are grouped into folds (cv, train --tune).
#[derive(Args)]
struct GroupingArgs {
    /// Column whose value groups rows; rows of one group are never split between training and
    /// test (default: `doc`, one article; the file name when there is no `doc` column).
    #[arg(long, value_name = "COLUMN")]
    group_by: Option<String>,
    /// Number of folds (at least 2); with at least as many folds as groups, leave-one-group-out.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Seed of the fold assignment.
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

/// The library's training defaults, shown by `--help`: one source of truth.
fn defaults() -> TrainParams {
    TrainParams::default()
}

/// Training settings; every default is the library's.
#[derive(Args)]
struct TrainOptions {
    /// Smallest n of word n-grams (1 to 5).
    #[arg(long, default_value_t = defaults().features.ngram_min)]
    ngram_min: usize,
    /// Largest n of word n-grams (ngram-min to 5).
    #[arg(long, default_value_t = defaults().features.ngram_max)]
    ngram_max: usize,
    /// Keep terms found in at least this many training sentences (>= 1).
    #[arg(long, default_value_t = defaults().features.min_df)]
    min_df: usize,
    /// Keep at most this many terms, the most frequent (>= 1; default: no cap).
    #[arg(long)]
    max_features: Option<usize>,
    /// Sublinear term frequency, 1 + ln(tf).
    #[arg(long, default_value_t = defaults().features.sublinear_tf, action = clap::ArgAction::Set)]
    sublinear_tf: bool,
    /// Snowball English stemming.
    #[arg(long, default_value_t = defaults().tokenizer.stem, action = clap::ArgAction::Set)]
    stem: bool,
    /// Drop common English function words (never negations).
    #[arg(long, default_value_t = defaults().tokenizer.stop_words, action = clap::ArgAction::Set)]
    stop_words: bool,
    /// Negation scope: words after a negation, up to the next punctuation, get the prefix neg_.
    #[arg(long, default_value_t = defaults().tokenizer.negation_scope, action = clap::ArgAction::Set)]
    negation_scope: bool,
    /// Question-mark and quotation-mark tokens.
    #[arg(long, default_value_t = defaults().tokenizer.punctuation, action = clap::ArgAction::Set)]
    punctuation: bool,
    /// Cue-word class tokens: refuting (deny, hoax...), hedging (reportedly, claim...), reporting (says...).
    #[arg(long, default_value_t = defaults().tokenizer.cue_words, action = clap::ArgAction::Set)]
    cue_words: bool,
    /// With --cue-words: also the extended lexicon (inaccurate, unfounded, disavow...; unclear,
    /// purported...; stated, described, insisted...).
    #[arg(long, default_value_t = defaults().tokenizer.extended_cues, action = clap::ArgAction::Set)]
    extended_cues: bool,
    /// With --cue-words: an attribution token when a sentence holds a reporting word and a
    /// double quotation mark (a quote with its speech verb).
    #[arg(long, default_value_t = defaults().tokenizer.attribution, action = clap::ArgAction::Set)]
    attribution: bool,
    /// Claim features: also fit a classifier that relates each sentence to its row's claim (the
    /// `claim` column), used when classifying with a claim (--claim, or a claim column of the
    /// inputs).
    #[arg(long, default_value_t = defaults().features.claim_features, action = clap::ArgAction::Set)]
    claim_features: bool,
    /// With --claim-features: leave the claim's own words out of the claim-aware classifier's
    /// TF-IDF rows (the claim features stand for them).
    #[arg(long, default_value_t = defaults().features.claim_mask, action = clap::ArgAction::Set, hide = true)]
    claim_mask: bool,
    /// With --claim-features: multiply the claim features by this (0 < scale <= 100).
    #[arg(long, default_value_t = defaults().features.claim_scale, hide = true)]
    claim_scale: f64,
    /// Inverse L2 regularization strength, as scikit-learn's C (0 < C <= 1e6).
    #[arg(long = "c", short = 'C', default_value_t = defaults().classifier.c)]
    c: f64,
    /// Class weighting: balanced replicates rows of smaller classes (scikit-learn's "balanced");
    /// prior fits unweighted, then shifts the intercepts by the log of the balanced weights.
    #[arg(long, value_enum, default_value_t = defaults().classifier.class_weight)]
    class_weight: ClassWeight,
    /// How many times each of your rows counts when the data also holds reference rows (the
    /// rows of labeled/, whose `reference` column is yes) (1 to 100).
    #[arg(long, default_value_t = defaults().classifier.own_weight)]
    own_weight: u32,
    /// Temperature scaling: divide the scores by the temperature fitted by grouped
    /// cross-validation on the training data (needs two groups; labels never change).
    #[arg(long, default_value_t = defaults().classifier.temperature_scaling, action = clap::ArgAction::Set)]
    temperature_scaling: bool,
    /// Most L-BFGS iterations (1 to 100000).
    #[arg(long, default_value_t = defaults().classifier.max_iterations)]
    max_iter: u64,
    /// L-BFGS stops when the gradient norm falls below this (0 < tol < 1).
    #[arg(long, default_value_t = defaults().classifier.gradient_tolerance)]
    tol: f64,
}

impl TrainOptions {
    fn params(&self) -> TrainParams {
        let mut p = TrainParams::default();
        p.tokenizer.stem = self.stem;
        p.tokenizer.stop_words = self.stop_words;
        p.tokenizer.negation_scope = self.negation_scope;
        p.tokenizer.punctuation = self.punctuation;
        p.tokenizer.cue_words = self.cue_words;
        p.tokenizer.extended_cues = self.extended_cues;
        p.tokenizer.attribution = self.attribution;
        p.features.ngram_min = self.ngram_min;
        p.features.ngram_max = self.ngram_max;
        p.features.min_df = self.min_df;
        p.features.max_features = self.max_features;
        p.features.sublinear_tf = self.sublinear_tf;
        p.features.claim_features = self.claim_features;
        p.features.claim_mask = self.claim_mask;
        p.features.claim_scale = self.claim_scale;
        p.classifier = ClassifierConfig {
            c: self.c,
            class_weight: self.class_weight,
            max_iterations: self.max_iter,
            gradient_tolerance: self.tol,
            temperature_scaling: self.temperature_scaling,
            own_weight: self.own_weight,
        };
        p
    }
}

#[derive(Args)]
struct ClassifyArgs {
    #[command(flatten)]
    model: ModelArg,
    /// Output layout.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    format: OutputFormat,
    #[command(flatten)]
    input: InputArgs,
    /// One record per article instead of per sentence: sentences, sentences with no known word,
    /// sentences per label, and for each label but background the sentence labeled so with the
    /// highest probability (its probability, index and text). --only and --min-prob choose the
    /// sentences counted.
    #[arg(long)]
    summary: bool,
    /// Keep only sentences with this label [default: all].
    #[arg(long, value_name = "LABEL")]
    only: Option<String>,
    /// Keep only sentences whose label has at least this probability (0 to 1).
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = parse_probability)]
    min_prob: f64,
    /// Write the records to FILE instead of standard output, atomically (a temporary file
    /// renamed into place at the end; with --fail-fast stopping, FILE is left untouched).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Threads classifying articles in parallel [default: all cores]. The output is the same
    /// for any number.
    #[arg(long, short, value_name = "N", value_parser = parse_jobs)]
    jobs: Option<std::num::NonZeroUsize>,
    /// Stop at the first input that cannot be read (exit 2) instead of reporting it and going on.
    #[arg(long)]
    fail_fast: bool,
    /// No progress bar (it is shown only when stderr is a terminal and the batch is long or a
    /// stream), and no closing line.
    #[arg(long, short)]
    quiet: bool,
    /// Always end with one line on stderr: articles, sentences, failures and where the records
    /// went [default: only when stderr is a terminal].
    #[arg(long, short, conflicts_with = "quiet")]
    verbose: bool,
    /// For each sentence, also list the features that pushed it most toward its label, with
    /// their contributions to its score (up to 5; record fields doc, sentence, label,
    /// probability, features, text). Works with every other option but --summary.
    #[arg(long)]
    explain: bool,
}

/// Where the articles are and how they are laid out (classify, report).
#[derive(Args)]
struct InputArgs {
    /// How the inputs hold articles: text (a file, or standard input, is one article; a file
    /// named .html/.htm or starting like an HTML page is read for its main text), html (every
    /// file is an HTML page), jsonl (one {"id": ..., "text": ...} object per line; id
    /// optional), csv (one article per row).
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    input_format: InputFormat,
    /// File endings taken from folders, comma-separated [default: txt,html,htm; html,htm;
    /// jsonl or csv, after --input-format]. Files named on the command line are read whatever their ending.
    #[arg(long, value_name = "EXT", value_delimiter = ',')]
    ext: Vec<String>,
    /// CSV column holding the article text (with --input-format csv) [default: text].
    #[arg(long, value_name = "COLUMN")]
    text_column: Option<String>,
    /// CSV column naming the article (with --input-format csv) [default: none; articles are
    /// named FILE:LINE].
    #[arg(long, value_name = "COLUMN")]
    id_column: Option<String>,
    /// Classify articles whatever language they look written in. By default an article that
    /// reliably looks written in another language than the model's is reported and skipped.
    #[arg(long)]
    any_language: bool,
    #[command(flatten)]
    claim: ClaimArg,
    /// Articles: files, folders (searched recursively, see --ext), or - for standard input.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

impl InputArgs {
    /// The language articles must look written in: the model's, unless `--any-language`.
    fn language_check(&self, model: &StanceModel) -> Option<LanguageCheck> {
        if self.any_language {
            None
        } else {
            LanguageCheck::new(model.language())
        }
    }
}

fn parse_jobs(s: &str) -> Result<std::num::NonZeroUsize, String> {
    parse_at_least_one(s)
        .map(|n| std::num::NonZeroUsize::new(n).expect("at least 1"))
        .map_err(|_| format!("expected a number of threads, 1 or more, got {s:?}"))
}

fn parse_at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("expected a whole number, 1 or more, got {s:?}")),
    }
}

fn parse_probability(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!("expected a probability from 0 to 1, got {s:?}")),
    }
}

#[derive(Args)]
struct ReportArgs {
    /// The HTML file to write (atomically: a temporary file renamed into place at the end).
    #[arg(long, short, value_name = "FILE.html")]
    output: PathBuf,
    #[command(flatten)]
    model: ModelArg,
    /// Labeled CSV file or folder to evaluate the model on, shown in the page's header
    /// (repeatable) [default: no evaluation].
    #[arg(long = "eval", value_name = "PATH")]
    eval: Vec<PathBuf>,
    /// Threads classifying articles in parallel [default: all cores].
    #[arg(long, short, value_name = "N")]
    jobs: Option<std::num::NonZeroUsize>,
    /// Stop at the first input that cannot be read (exit 2, no report written).
    #[arg(long)]
    fail_fast: bool,
    /// Always end with one line on stderr: articles, sentences, failures, the page's size
    /// [default: only when stderr is a terminal].
    #[arg(long, short)]
    verbose: bool,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Args)]
struct EvalArgs {
    #[command(flatten)]
    model: ModelArg,
    /// Labeled CSV file or folder of CSV files (repeatable).
    #[arg(long = "data", value_name = "PATH", required = true)]
    data: Vec<PathBuf>,
    /// Report layout.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Also draw the confusion matrix as an SVG heat map into this file, and the reliability
    /// diagram (accuracy against top probability, 10 bins) into FILE.reliability.svg.
    #[arg(long, value_name = "FILE.svg")]
    plot: Option<PathBuf>,
}

#[derive(Args)]
struct CvArgs {
    /// Labeled CSV file or folder of CSV files (repeatable).
    #[arg(long = "data", value_name = "PATH", default_value = "labeled")]
    data: Vec<PathBuf>,
    #[command(flatten)]
    grouping: GroupingArgs,
    /// Report layout.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Also draw the pooled confusion matrix as an SVG heat map into this file.
    #[arg(long, value_name = "FILE.svg")]
    plot: Option<PathBuf>,
    #[command(flatten)]
    options: TrainOptions,
}

#[derive(Args)]
struct ExplainArgs {
    #[command(flatten)]
    model: ModelArg,
    /// Labeled CSV files or folders (repeatable): show beside each term the words it most
    /// often stands for there (terms are stemmed).
    #[arg(long = "data", value_name = "PATH")]
    data: Vec<PathBuf>,
    /// Features shown per label (at least 1).
    #[arg(long, default_value_t = 20, value_parser = parse_at_least_one)]
    top: usize,
}

#[derive(Args)]
struct SentencesArgs {
    /// Pre-fill each label with this model's guess, and add its probability as a sixth column
    /// `probability` (train ignores it) [default: no model, labels left empty].
    #[arg(long, value_name = "PATH")]
    model: Option<PathBuf>,
    #[command(flatten)]
    claim: ClaimArg,
    /// Articles: .txt files, folders (searched recursively for .txt), or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

#[derive(Args)]
struct SuggestArgs {
    /// Model whose uncertainty chooses the sentences.
    #[command(flatten)]
    model: ModelArg,
    /// Number of sentences to suggest.
    #[arg(long, default_value_t = SuggestOptions::default().count)]
    count: usize,
    /// Labeled CSV files or folders (repeatable): a sentence whose text is in one is never
    /// suggested [default: none].
    #[arg(long = "data", value_name = "PATH")]
    data: Vec<PathBuf>,
    /// How to order the sentences.
    #[arg(long, value_enum, default_value_t = SuggestOptions::default().strategy)]
    strategy: Strategy,
    /// Seed of --strategy random and of uncertain's warm-up.
    #[arg(long, default_value_t = SuggestOptions::default().seed)]
    seed: u64,
    #[command(flatten)]
    claim: ClaimArg,
    /// Articles: .txt files, folders (searched recursively for .txt), or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

#[derive(Args)]
struct LabelArgs {
    /// CSV file the answers are appended to (created with a header when missing; re-running
    /// with the same file resumes where it stopped).
    #[arg(long, short, value_name = "FILE")]
    output: PathBuf,
    /// Model that guesses and orders the sentences; retrained in the background on --data and
    /// FILE every few answers (the model file itself is never overwritten).
    #[command(flatten)]
    model: ModelArg,
    /// The claim being labeled toward: shown on screen, written in a `claim` column, and used
    /// by the model's claim-aware classifier to guess and order the sentences.
    #[arg(long, value_name = "TEXT", value_parser = parse_claim)]
    claim: Option<String>,
    /// Labeled CSV files or folders (repeatable): their sentences are not asked, and they train
    /// the background model together with FILE; `--data labeled` keeps the seed rows in it
    /// [default: none, the model is retrained on FILE alone].
    #[arg(long = "data", value_name = "PATH")]
    data: Vec<PathBuf>,
    /// Articles: .txt files, folders (searched recursively for .txt), or - for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

/// The claim the articles dispute.
#[derive(Args)]
struct ClaimArg {
    /// The claim the articles dispute, e.g. "Mexico and the DEA agreed on a joint initiative".
    /// Sentences are then labeled toward it by the model's claim-aware classifier, which labels
    /// a dispute it has never seen markedly better than the plain one (see the README). A CSV
    /// `claim` column or a JSON `claim` field names an article's own claim, which wins
    /// [default: none; the plain classifier].
    #[arg(long, value_name = "TEXT", value_parser = parse_claim)]
    claim: Option<String>,
}

fn parse_claim(s: &str) -> Result<String, String> {
    match stance::features::Claim::new(s) {
        Some(_) => Ok(s.trim().to_string()),
        None => Err(format!(
            "the claim {s:?} holds no content word (state the claim, e.g. \"the chips have backdoors\")"
        )),
    }
}

/// The model to use: `--model PATH`, else `$STANCE_MODEL`, else the built-in one.
#[derive(Args)]
struct ModelArg {
    /// Model file [default: $STANCE_MODEL if set, else the model built into stance, trained on
    /// labeled/].
    #[arg(long, value_name = "PATH", env = "STANCE_MODEL", hide_env = true)]
    model: Option<PathBuf>,
}

impl ModelArg {
    fn load(&self) -> Result<StanceModel, stance::Error> {
        match &self.model {
            Some(path) => StanceModel::load(path),
            None => StanceModel::built_in(),
        }
    }

    /// How reports name the model.
    fn name(&self) -> String {
        self.model
            .as_ref()
            .map_or_else(|| BUILT_IN_NAME.to_string(), |p| p.display().to_string())
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

/// An error that ends the program; the exit code says which kind.
enum Failure {
    /// Already reported (batch inputs); exit with this code.
    Reported(u8),
    Error(Box<dyn std::error::Error>),
}

impl<E: std::error::Error + 'static> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::Error(Box::new(e))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Reported(code)) => ExitCode::from(code),
        Err(Failure::Error(err)) => {
            if is_broken_pipe(err.as_ref()) {
                return ExitCode::SUCCESS;
            }
            eprintln!("stance: error: {}", chain(err.as_ref()));
            ExitCode::from(exit_code(err.as_ref()))
        }
    }
}

/// The error and its causes, joined on one line.
fn chain(err: &dyn std::error::Error) -> String {
    let mut s = err.to_string();
    let mut source = err.source();
    while let Some(e) = source {
        s.push_str(": ");
        s.push_str(&e.to_string());
        source = e.source();
    }
    s
}

fn exit_code(err: &(dyn std::error::Error + 'static)) -> u8 {
    match err.downcast_ref::<stance::Error>() {
        Some(e) if e.is_input_error() => 2,
        _ => 1,
    }
}

fn is_broken_pipe(err: &(dyn std::error::Error + 'static)) -> bool {
    err.downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Train(args) => run_train(args),
        Command::Classify(args) => run_classify(args),
        Command::Eval(args) => run_eval(args),
        Command::Cv(args) => run_cv(args),
        Command::Explain(args) => run_explain(args),
        Command::Sentences(args) => run_sentences(args),
        Command::Suggest(args) => run_suggest(args),
        Command::Label(args) => run_label(args),
        Command::Report(args) => run_report(args),
    }
}

fn run_train(args: TrainArgs) -> Result<(), Failure> {
    let model_path = match &args.model {
        Some(path) => path.clone(),
        None if args.data == [PathBuf::from(DEFAULT_DATA)] => PathBuf::from(DEFAULT_MODEL),
        None => {
            return Err(stance::Error::Usage(format!(
                "training on other data than {DEFAULT_DATA}/ needs --model PATH, where to write the model \
                 (the default, {DEFAULT_MODEL}, is the shipped model: to replace it, say --model {DEFAULT_MODEL})"
            ))
            .into())
        }
    };
    let params = args.options.params().validate()?;
    let start = Instant::now();
    let group_by = args.grouping.group_by.as_deref();
    let mut data = LabeledSet::read(&args.data, group_by)?;
    let built_in = match args.no_reference || !args.base.is_empty() {
        true => 0,
        false => reference::add_reference_rows(&mut data, group_by)?,
    };
    let mut data = data.into_canonical();
    if !args.base.is_empty() {
        let base = LabeledSet::read(&args.base, None)?.into_canonical();
        let choice = combine::choose_base(&data, &base, &params, args.grouping.seed)?;
        eprintln!("base: {}", choice.describe(&base));
        data = combine::combine(&data, &base, choice.with_base).into_canonical();
    }
    let (model, report) =
        if args.tune {
            let folds = data.folds(args.grouping.folds, args.grouping.seed)?;
            let settings = tune::TuneSettings {
                group_by: args.grouping.group_by.clone().unwrap_or_else(|| "doc".into()),
                folds: folds.len(),
                seed: args.grouping.seed,
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

/// What `classify` is asked to do, checked: every cross-flag check happens here, once, before
/// any input is read.
struct ClassifyRequest {
    model: StanceModel,
    options: ClassifyOptions,
    input: InputOptions,
}

impl ClassifyRequest {
    fn resolve(args: &ClassifyArgs) -> Result<Self, stance::Error> {
        if args.explain && args.summary {
            return Err(stance::Error::Usage(
                "--explain gives one record per sentence, --summary one per article: choose one".into(),
            ));
        }
        let input = input_options(&args.input)?;
        let model = args.model.load()?;
        let layout = if args.explain {
            Layout::explain(args.format, model.labels(), records::EXPLAINED_FEATURES)
        } else {
            Layout::new(args.format, model.labels(), args.summary)
        };
        let mut options = ClassifyOptions::new(layout);
        options.min_prob = args.min_prob;
        options.fail_fast = args.fail_fast;
        options.only = args
            .only
            .as_deref()
            .map(|only| label_index(model.labels(), "--only", only))
            .transpose()?;
        options.language = args.input.language_check(&model);
        options.claim = args.input.claim.claim.as_deref().and_then(stance::features::Claim::new);
        options.live = args.input.inputs.iter().any(|p| is_stream(p));
        Ok(ClassifyRequest { model, options, input })
    }
}

/// A warning when a claim is given to a model trained without claims.
fn warn_unused_claim(model: &StanceModel, claim: Option<&str>, name: &str) {
    if claim.is_some() && model.claim_linear().is_none() {
        eprintln!(
            "stance: warning: {name} was trained without claims, so --claim changes nothing \
             (train it on rows with a `claim` column, with --claim-features true)"
        );
    }
}

fn run_classify(args: ClassifyArgs) -> Result<(), Failure> {
    let ClassifyRequest { model, options, input } = ClassifyRequest::resolve(&args)?;
    warn_unused_claim(&model, args.input.claim.claim.as_deref(), &args.model.name());
    let scorer = FastScorer::new(&model);
    let pool = thread_pool(args.jobs)?;
    let show_bar = !args.quiet && std::io::stderr().is_terminal();
    let bar = progress_bar(args.quiet, &args.input.inputs, &input, options.live);
    let mut jobs = Jobs::new(args.input.inputs.clone(), input);
    let mut file = args
        .output
        .as_deref()
        .map(|p| AtomicFile::create(p, false))
        .transpose()?;
    let mut stdout = AboveBar {
        bar: &bar,
        inner: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
    };
    let out: &mut (dyn Write + Send) = match &mut file {
        Some(f) => f.writer(),
        None => &mut stdout,
    };
    let mut worst = 0u8;
    let summary = pool.install(|| {
        classify_batch(&scorer, &mut jobs, &options, out, &mut |event| match event {
            Event::Failed(e) => {
                bar.suspend(|| eprintln!("stance: error: {}", chain(&e)));
                worst = worst.max(exit_code(&e));
            }
            Event::Progress(s) => {
                let done = (s.articles + s.failed) as u64;
                if bar.is_hidden() && bar.length().is_none() && done >= PROGRESS_MIN_ARTICLES && show_bar {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                }
                bar.set_position(done);
            }
        })
    })?;
    bar.finish_and_clear();
    if let Some(f) = file {
        if !summary.stopped {
            f.commit()?;
        }
    }
    if args.verbose || (!args.quiet && std::io::stderr().is_terminal()) {
        let to = match &args.output {
            Some(p) if summary.stopped => format!("nowhere ({} left as it was)", p.display()),
            Some(p) => p.display().to_string(),
            None => "standard output".into(),
        };
        eprintln!(
            "stance: {} articles, {} sentences, {} failed; records written to {to}",
            summary.articles, summary.sentences, summary.failed
        );
    }
    if summary.looks_unfamiliar() {
        eprintln!("stance: warning: {}", unfamiliar_warning(&model, &summary));
    }
    if summary.failed > 0 {
        if summary.stopped {
            eprintln!("stance: stopped at the first bad input (--fail-fast)");
        } else {
            eprintln!(
                "stance: {} of {} inputs failed",
                summary.failed,
                summary.failed + summary.articles
            );
        }
        return Err(Failure::Reported(worst));
    }
    Ok(())
}

/// A rayon pool of `jobs` threads [default: all cores].
fn thread_pool(jobs: Option<std::num::NonZeroUsize>) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        pool = pool.num_threads(n.get());
    }
    pool.build()
}

fn run_report(args: ReportArgs) -> Result<(), Failure> {
    let model = args.model.load()?;
    warn_unused_claim(&model, args.input.claim.claim.as_deref(), &args.model.name());
    let input = input_options(&args.input)?;
    let eval = if args.eval.is_empty() {
        None
    } else {
        let data = LabeledSet::read(&args.eval, None)?;
        Some(report::EvalInfo {
            source: args
                .eval
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            eval: eval::EvalReport::new(&model, &data)?,
        })
    };
    let pool = thread_pool(args.jobs)?;
    let scorer = FastScorer::new(&model);
    let mut jobs = Jobs::new(args.input.inputs.clone(), input);
    let mut failed = Vec::new();
    let mut worst = 0u8;
    let (articles, summary) = pool.install(|| {
        let language = args.input.language_check(&model);
        let claim = args.input.claim.claim.as_deref().and_then(stance::features::Claim::new);
        report::classify_for_report(&scorer, &mut jobs, args.fail_fast, language, claim, &mut |e| {
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
        eprintln!("stance: warning: {}", unfamiliar_warning(&model, &summary));
    }
    let n = articles.len();
    let data = report::ReportData {
        model: report::ModelInfo::new(&model, &args.model.name()),
        articles,
        failed,
        eval,
        claim: args.input.claim.claim.clone(),
    };
    let mut out = AtomicFile::create(&args.output, false)?;
    data.write_html(out.writer()).map_err(|source| stance::Error::Io {
        path: args.output.clone(),
        source,
    })?;
    out.commit()?;
    if args.verbose || std::io::stderr().is_terminal() {
        let bytes = std::fs::metadata(&args.output).map_or(0, |m| m.len());
        eprintln!(
            "stance: {n} articles, {} sentences, {} failed; report written to {} ({:.1} MB)",
            data.sentences(),
            data.failed.len(),
            args.output.display(),
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

/// Checks the input options against the input format.
fn input_options(args: &InputArgs) -> Result<InputOptions, stance::Error> {
    if args.inputs.is_empty() {
        return Err(stance::Error::Usage(
            "no input given: name article files or folders, or - to read standard input".into(),
        ));
    }
    let mut input = InputOptions::new(args.input_format);
    if !args.ext.is_empty() {
        input.extensions = args
            .ext
            .iter()
            .map(|e| e.trim().trim_start_matches('.').to_string())
            .collect();
    }
    for (flag, value) in [("--text-column", &args.text_column), ("--id-column", &args.id_column)] {
        if value.is_some() && args.input_format != InputFormat::Csv {
            return Err(stance::Error::InvalidParam {
                name: flag,
                value: value.clone().unwrap_or_default(),
                expected: "only with --input-format csv".into(),
            });
        }
    }
    if let Some(c) = &args.text_column {
        input.text_column = c.clone();
    }
    input.id_column = args.id_column.clone();
    Ok(input)
}

/// Standard output for records, written above the progress bar: the bar is cleared while the
/// records are flushed (a live stream flushes after each article), then redrawn.
struct AboveBar<'a> {
    bar: &'a ProgressBar,
    inner: std::io::BufWriter<std::io::Stdout>,
}

impl Write for AboveBar<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let inner = &mut self.inner;
        self.bar.suspend(|| inner.flush())
    }
}

/// A progress bar on stderr, only when stderr is a terminal, --quiet is not given and the batch
/// is long (at least 100 articles, or a stream of unknown length). A live stream gets a spinner
/// at once, turning while it waits for the next article.
fn progress_bar(quiet: bool, inputs: &[PathBuf], input: &InputOptions, live: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let rate = |state: &ProgressState, w: &mut dyn std::fmt::Write| {
        let _ = write!(w, "{:.0} articles/s", state.per_sec());
    };
    let style = |template: &str| {
        ProgressStyle::with_template(template)
            .expect("valid template")
            .with_key("rate", rate)
    };
    if live {
        let bar = ProgressBar::new_spinner().with_style(style("{spinner} {pos} articles, {rate}"));
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        return bar;
    }
    match Jobs::count(inputs, input) {
        Some(n) if (n as u64) < PROGRESS_MIN_ARTICLES => ProgressBar::hidden(),
        Some(n) => ProgressBar::new(n as u64).with_style(style("{bar:30} {pos}/{len} articles, {rate}, ETA {eta}")),
        // A stream of unknown length: drawn once it reaches PROGRESS_MIN_ARTICLES (see
        // `run_classify`).
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
            .with_style(style("{spinner} {pos} articles, {rate}")),
    }
}

fn run_eval(args: EvalArgs) -> Result<(), Failure> {
    let plot = args.plot.as_deref().map(plot::check_path).transpose()?;
    let model = args.model.load()?;
    let data = LabeledSet::read(&args.data, None)?;
    let report = eval::EvalReport::new(&model, &data)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        ReportFormat::Text => write!(out, "{}", report.to_text())?,
        ReportFormat::Json => writeln!(out, "{}", report.to_json())?,
    }
    if let Some(path) = plot {
        let title = format!(
            "{} on {} rows: accuracy {:.3}",
            args.model.name(),
            report.report.n,
            report.report.accuracy
        );
        plot::confusion_svg(&report.report, &title, path)?;
        let title = format!(
            "{} on {} rows: expected calibration error {:.3}",
            args.model.name(),
            report.report.n,
            report.calibration.ece
        );
        plot::reliability_svg(&report.calibration, &title, &plot::reliability_path(path))?;
    }
    Ok(())
}

fn run_cv(args: CvArgs) -> Result<(), Failure> {
    let params = args.options.params().validate()?;
    let plot = args.plot.as_deref().map(plot::check_path).transpose()?;
    let data = LabeledSet::read(&args.data, args.grouping.group_by.as_deref())?.into_canonical();
    let folds = data.folds(args.grouping.folds, args.grouping.seed)?;
    let report = cv::cross_validate(&data, &folds, &params)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        ReportFormat::Text => write!(out, "{}", report.to_text())?,
        ReportFormat::Json => writeln!(out, "{}", report.to_json())?,
    }
    if let Some(path) = plot {
        let (m, sd) = report.accuracy();
        let title = format!("{}-fold grouped CV: accuracy {m:.3} ± {sd:.3}", folds.len());
        plot::confusion_svg(&report.pooled, &title, path)?;
    }
    Ok(())
}

fn run_explain(args: ExplainArgs) -> Result<(), Failure> {
    let model = args.model.load()?;
    let surface = if args.data.is_empty() {
        Default::default()
    } else {
        let data = LabeledSet::read(&args.data, None)?;
        explain::surface_forms(&model, data.rows.iter().map(|r| r.text.as_str()))
    };
    let mut out = std::io::stdout().lock();
    write!(out, "{}", explain::claims_text(&model))?;
    write!(out, "{}", explain::claim_weights_text(&model))?;
    write!(out, "{}", explain::top_features_text(&model, args.top, &surface))?;
    Ok(())
}

/// Reads the articles of `sentences`, `suggest` and `label` (plain-text inputs); a bad input is
/// reported and skipped, and makes the exit code 2 at the end.
/// Each article keeps the claim its record names, else gets `claim` (`--claim`).
fn articles_of(inputs: &[PathBuf], claim: Option<&str>, worst: &mut u8) -> Vec<Article> {
    let jobs = Jobs::new(inputs.to_vec(), InputOptions::new(InputFormat::Text));
    let mut articles = read_articles(jobs, &mut |e| {
        eprintln!("stance: error: {}", chain(&e));
        *worst = (*worst).max(exit_code(&e));
    });
    for a in &mut articles {
        if a.claim.is_none() {
            a.claim = claim.map(str::to_string);
        }
    }
    articles
}

fn finish(worst: u8) -> Result<(), Failure> {
    if worst > 0 {
        return Err(Failure::Reported(worst));
    }
    Ok(())
}

fn run_sentences(args: SentencesArgs) -> Result<(), Failure> {
    let model = args.model.as_deref().map(StanceModel::load).transpose()?;
    let mut worst = 0;
    let articles = articles_of(&args.inputs, args.claim.claim.as_deref(), &mut worst);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write_sentences(&articles, model.as_ref(), &mut out)?;
    out.flush()?;
    finish(worst)
}

fn run_suggest(args: SuggestArgs) -> Result<(), Failure> {
    let model = args.model.load()?;
    let labeled = stance::tasks::label::labeled_keys(&args.data)?;
    let mut worst = 0;
    let articles = articles_of(&args.inputs, args.claim.claim.as_deref(), &mut worst);
    let options = SuggestOptions {
        count: args.count,
        strategy: args.strategy,
        seed: args.seed,
        ..SuggestOptions::default()
    };
    let picked = suggest(&model, &articles, &labeled, &options);
    if picked.len() < options.count && !articles.is_empty() {
        eprintln!(
            "stance: {} of {} asked: every other sentence of the inputs is labeled already (in --data)",
            picked.len(),
            options.count
        );
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write_suggestions(&model, &articles, &picked, &mut out)?;
    out.flush()?;
    finish(worst)
}

fn run_label(args: LabelArgs) -> Result<(), Failure> {
    stance::tasks::label_screen::check_terminal()?;
    if args.inputs.iter().any(|i| i.as_os_str() == "-") {
        return Err(stance::Error::Usage(
            "`stance label` reads keys from standard input, so `-` cannot be an input".into(),
        )
        .into());
    }
    let model = args.model.load()?;
    let mut worst = 0;
    let articles = articles_of(&args.inputs, args.claim.as_deref(), &mut worst);
    if worst > 0 {
        return Err(Failure::Reported(worst));
    }
    let mut session = stance::tasks::label::Session::new(articles, model, &args.output, args.claim, args.data)?;
    stance::tasks::label_screen::run(&mut session)?;
    let counts: Vec<String> = session.counts().iter().map(|(l, n)| format!("{l} {n}")).collect();
    eprintln!(
        "{} answers this session; {} holds {}",
        session.file.session_answers(),
        args.output.display(),
        counts.join(", ")
    );
    Ok(())
}
