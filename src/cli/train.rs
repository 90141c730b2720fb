//! `stance train`'s arguments -> [`TrainRequest`]: where the model goes (the shipped model only
//! when training on the default data), the settings validated.

use std::path::PathBuf;

use clap::Args;
use stance::commands::train::TrainRequest;

use super::options::{GroupingArgs, TrainOptions};

/// Where `train` writes the model trained on the default data (the shipped model, built into
/// the program at build time).
const DEFAULT_MODEL: &str = "models/stance.model";

/// The default training data.
const DEFAULT_DATA: &str = "labeled";

#[derive(Args)]
pub struct TrainArgs {
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

impl TrainArgs {
    pub fn resolve(self) -> Result<TrainRequest, stance::Error> {
        let model_path = match &self.model {
            Some(path) => path.clone(),
            None if self.data == [PathBuf::from(DEFAULT_DATA)] => PathBuf::from(DEFAULT_MODEL),
            None => {
                return Err(stance::Error::Usage(format!(
                    "training on other data than {DEFAULT_DATA}/ needs --model PATH, where to write the model \
                     (the default, {DEFAULT_MODEL}, is the shipped model: to replace it, say --model {DEFAULT_MODEL})"
                )))
            }
        };
        let params = self.options.params().validate()?;
        Ok(TrainRequest {
            data: self.data,
            no_reference: self.no_reference,
            model_path,
            base: self.base,
            tune: self.tune,
            group_by: self.grouping.group_by,
            folds: self.grouping.folds,
            seed: self.grouping.seed,
            params,
        })
    }
}
