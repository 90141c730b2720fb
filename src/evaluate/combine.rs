//! `train --base`: labeled rows of other disputes (such as the seed set in `labeled/`) join the
//! user's own rows only when they help. The user's rows are split into grouped folds; each fold
//! is predicted by a model trained on the other folds alone and by one trained on them plus
//! every base row; the base rows are kept when the pooled macro-F1 over all folds is at least as
//! high with them. So the combination is chosen by how well it labels the user's own dispute.

use super::metrics::Report;
use crate::labeled::{grouped_folds, LabeledSet};
use crate::model::train::train;
use crate::model::ValidTrainParams;
use crate::Result;

/// Folds of the choice (fewer when the user's rows have fewer groups). Default 5.
pub const FOLDS: usize = 5;

/// The outcome of [`choose_base`].
#[derive(Debug, Clone, PartialEq)]
pub struct BaseChoice {
    /// Whether the base rows are added.
    pub with_base: bool,
    /// Pooled cross-validated macro-F1 on the user's rows, trained on the user's rows alone
    /// (`None` when some fold's training rows hold one label only: that model cannot be fitted).
    pub alone_macro_f1: Option<f64>,
    /// The same with the base rows added to every fold's training rows.
    pub with_base_macro_f1: f64,
    /// Folds used.
    pub folds: usize,
}

impl BaseChoice {
    /// One line for the user: whether the base rows were added, and why.
    pub fn describe(&self, base: &LabeledSet) -> String {
        let why = match self.alone_macro_f1 {
            _ if self.folds == 0 => "--data has one group: nothing to cross-validate".to_string(),
            Some(f) => format!(
                "{}-fold CV macro-F1 on --data: alone {f:.3}, with them {:.3}",
                self.folds, self.with_base_macro_f1
            ),
            None => format!(
                "{}-fold CV on --data: a fold has one label alone, with them macro-F1 {:.3}",
                self.folds, self.with_base_macro_f1
            ),
        };
        format!(
            "{} the {} rows of {} ({why})",
            if self.with_base { "added" } else { "left out" },
            base.rows.len(),
            base.describe_files()
        )
    }
}

/// Chooses whether `base` rows help on `user`'s rows (grouped by their `group`, see
/// [`LabeledSet::read`]); ties keep the base rows. With fewer than two groups there is nothing
/// to cross-validate and the base rows are kept.
pub fn choose_base(user: &LabeledSet, base: &LabeledSet, params: &ValidTrainParams, seed: u64) -> Result<BaseChoice> {
    let groups: Vec<String> = user.rows.iter().map(|r| r.group.clone()).collect();
    let distinct = {
        let mut g = groups.clone();
        g.sort_unstable();
        g.dedup();
        g.len()
    };
    if distinct < 2 {
        return Ok(BaseChoice {
            with_base: true,
            alone_macro_f1: None,
            with_base_macro_f1: f64::NAN,
            folds: 0,
        });
    }
    let folds = grouped_folds(&groups, FOLDS, seed)?;
    let mut labels = user.labels();
    labels.extend(base.labels());
    labels.sort_unstable();
    labels.dedup();
    let index = |l: &str| labels.binary_search_by(|x| x.as_str().cmp(l)).expect("known label");
    let (mut alone, mut with_base) = (Some(Vec::new()), Vec::new());
    for fold in &folds {
        let train_rows = user.subset(&fold.train);
        let combined = combine(&train_rows, base, true);
        let predict = |set: &LabeledSet| -> Result<Vec<(usize, usize)>> {
            let (model, _) = train(set, params)?;
            let mut claims = crate::features::Claims::default();
            Ok(fold
                .test
                .iter()
                .map(|&i| {
                    let row = &user.rows[i];
                    let guess = &model.labels()[model.predict_with(&row.text, claims.get(&row.claim)).label];
                    (index(&row.label), index(guess))
                })
                .collect())
        };
        with_base.extend(predict(&combined)?);
        alone = match (alone, predict(&train_rows)) {
            (Some(mut pairs), Ok(p)) => {
                pairs.extend(p);
                Some(pairs)
            }
            _ => None,
        };
    }
    let f1 = |pairs: Vec<(usize, usize)>| Report::from_pairs(labels.clone(), pairs).macro_f1;
    let alone_macro_f1 = alone.map(f1);
    let with_base_macro_f1 = f1(with_base);
    Ok(BaseChoice {
        with_base: alone_macro_f1.is_none_or(|a| with_base_macro_f1 >= a),
        alone_macro_f1,
        with_base_macro_f1,
        folds: folds.len(),
    })
}

/// The training rows for a choice: `user`'s, then `base`'s when `with_base`.
pub fn combine(user: &LabeledSet, base: &LabeledSet, with_base: bool) -> LabeledSet {
    let mut set = user.clone();
    if with_base {
        set.append(base);
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TrainParams;

    fn set(rows: &[(&str, &str, &str)]) -> LabeledSet {
        let mut s = LabeledSet::default();
        let mut csv = String::from("doc,sentence,label,text\n");
        for (i, (doc, label, text)) in rows.iter().enumerate() {
            csv.push_str(&format!("{doc},{i},{label},\"{text}\"\n"));
        }
        s.add_csv(csv.as_bytes(), std::path::Path::new("t.csv"), None).unwrap();
        s
    }

    #[test]
    fn base_rows_that_contradict_the_user_are_left_out_and_helpful_ones_kept() {
        let params = TrainParams::default().validate().unwrap();
        let mut user_rows = Vec::new();
        for d in ["a", "b", "c", "d", "e"] {
            user_rows.push((d, "assertion", "the bridge will close, the mayor confirmed"));
            user_rows.push((d, "denial", "the bridge will not close, the council said"));
        }
        let user = set(&user_rows);
        let flipped: Vec<_> = (0..20)
            .flat_map(|_| {
                [
                    ("z", "denial", "the bridge will close, the mayor confirmed"),
                    ("z", "assertion", "the bridge will not close, the council said"),
                ]
            })
            .collect();
        let choice = choose_base(&user, &set(&flipped), &params, 0).unwrap();
        assert!(!choice.with_base, "{choice:?}");
        assert_eq!(choice.folds, 5);
        assert!(choice.alone_macro_f1.unwrap() > choice.with_base_macro_f1);
        let agreeing = set(&[
            ("z", "assertion", "the mayor confirmed it"),
            ("z", "denial", "not so, the council said"),
        ]);
        let choice = choose_base(&user, &agreeing, &params, 0).unwrap();
        assert!(choice.with_base, "{choice:?}");
        let both = combine(&user, &agreeing, true);
        assert_eq!(both.rows.len(), 12);
        assert_eq!(both.path_of(&both.rows[11]), std::path::Path::new("t.csv"));
        assert_eq!(both.rows[11].file, 1);
    }
}
