//! Training: labeled rows -> a fitted [`StanceModel`], its scores divided by the temperature
//! fitted by grouped cross-validation when temperature scaling is on. The fit itself is
//! [`super::fit`], the temperature [`super::calibrate`] (which fits its own folds); this module
//! puts the two together, so that neither imports the other.

use super::calibrate::{fit_temperature, held_out_scores};
use super::fit::train_path;
pub use super::fit::TrainReport;
use crate::labeled::LabeledSet;
use crate::model::{StanceModel, ValidTrainParams};
use crate::Result;

/// Fits a model on every row of `data`, then, with temperature scaling on and at least two
/// groups, divides its scores by the temperature fitted by grouped cross-validation
/// ([`super::calibrate`], its folds fitted in threads beside the main fit). The rows are taken
/// in their canonical order ([`LabeledSet::canonical`]): the order they came in never matters.
pub fn train(data: &LabeledSet, params: &ValidTrainParams) -> Result<(StanceModel, TrainReport)> {
    let data = &*data.canonical();
    let c = params.get().classifier.c;
    // The calibration folds run beside the main fit (same results as one after the other).
    let (fitted, scored) = std::thread::scope(|s| {
        let calibration = s.spawn(|| match params.get().classifier.temperature_scaling {
            true => held_out_scores(data, params),
            false => Ok(None),
        });
        let fitted = train_path(data, params, &[c]);
        (fitted, calibration.join().expect("calibration panicked"))
    });
    let (mut models, report) = fitted?;
    let mut model = models.remove(0);
    if let Some(scored) = scored? {
        model.set_temperature(fit_temperature(&scored));
    }
    Ok((model, report))
}
