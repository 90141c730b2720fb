//! Which language an article is written in, checked against the model's, so that an article
//! the model cannot read is reported instead of labeled.
//!
//! Detection is `whatlang`'s (trigram profiles, per script). Short texts are where detectors
//! err, so an article is judged only when its first [`SAMPLE_BYTES`] hold at least
//! [`MIN_LETTERS`] letters, and refused only when `whatlang` calls its guess reliable and the
//! guess is another language. Only the first [`SAMPLE_BYTES`] are read, so the check costs the
//! same for any article length.
//!
//! `whatlang` costs about half a millisecond on such a sample, more than classifying a whole
//! article, so for an English model a cheaper test comes first: a sample whose first
//! [`FUNCTION_WORDS_SEEN`] words hold at least [`ENGLISH_FUNCTION_SHARE`] English function
//! words (the tokenizer's [`STOP_WORDS`]: `the`, `and`, `of`, `to`...) reads as English and is
//! accepted without asking `whatlang`. English news prose runs at 25-35 %; Spanish, French,
//! Portuguese or Italian text, where only `a`, `as` or `on` match, stays far below.

use whatlang::Lang;

use super::tokens::STOP_WORDS;

use crate::error::Location;
use crate::{Error, Result};

/// The language of models that do not record one (all models before the field existed were
/// trained on English text with the English stemmer).
pub const DEFAULT_LANGUAGE: &str = "english";

/// Bytes of the article's start that are looked at: 2 KiB (some 300 words).
pub const SAMPLE_BYTES: usize = 2048;

/// Fewest letters in the sample for a verdict: 100 (about 20 words). Shorter articles pass.
pub const MIN_LETTERS: usize = 100;

/// Words of the sample looked at by the English fast path: 60.
pub const FUNCTION_WORDS_SEEN: usize = 60;

/// Share of English function words above which a sample reads as English without asking
/// `whatlang`: 0.15.
pub const ENGLISH_FUNCTION_SHARE: f64 = 0.15;

/// Whether the sample's first words hold enough English function words to read as English.
fn reads_as_english(sample: &str) -> bool {
    let mut words = 0usize;
    let mut function = 0usize;
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(FUNCTION_WORDS_SEEN)
    {
        words += 1;
        // Every stop word has at most 4 letters: longer words are not compared.
        function += usize::from(w.len() <= 4 && STOP_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w)));
    }
    words > 0 && function as f64 >= ENGLISH_FUNCTION_SHARE * words as f64
}

/// Checks articles against one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LanguageCheck {
    expected: Lang,
    /// Fewest letters for a verdict. Default: [`MIN_LETTERS`].
    min_letters: usize,
}

impl LanguageCheck {
    /// The check for the language named `name` (its English name, any case: `english`);
    /// `None` for a name `whatlang` does not know.
    pub fn new(name: &str) -> Option<Self> {
        Lang::all()
            .iter()
            .find(|l| l.eng_name().eq_ignore_ascii_case(name))
            .map(|&expected| LanguageCheck {
                expected,
                min_letters: MIN_LETTERS,
            })
    }

    /// The same check judging texts from `min_letters` letters on (for measuring; see
    /// `benches/language.rs`).
    pub fn with_min_letters(self, min_letters: usize) -> Self {
        LanguageCheck { min_letters, ..self }
    }

    /// What the article at `at` looks written in, when that is reliably another language than
    /// the expected one: `Some("Spanish")`. `None` when it matches or cannot be told.
    pub fn other_language(&self, text: &str) -> Option<&'static str> {
        let mut end = text.len().min(SAMPLE_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let sample = &text[..end];
        if self.expected == Lang::Eng && reads_as_english(sample) {
            return None;
        }
        if sample.chars().filter(|c| c.is_alphabetic()).count() < self.min_letters {
            return None;
        }
        let info = whatlang::detect(sample)?;
        (info.is_reliable() && info.lang() != self.expected).then(|| info.lang().eng_name())
    }

    /// Refuses an article that looks written in another language (see
    /// [`LanguageCheck::other_language`]); `at` names it in the error.
    pub fn check(&self, text: &str, at: &Location) -> Result<()> {
        match self.other_language(text) {
            Some(found) => Err(Error::Language {
                at: at.clone(),
                found: found.to_string(),
                expected: self.expected.eng_name().to_string(),
            }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPANISH: &str = "La presidenta de México afirmó este lunes que no existe ningún nuevo acuerdo de \
        seguridad con la agencia antidrogas de Estados Unidos, y rechazó el comunicado que la \
        dependencia publicó la semana pasada sobre una supuesta iniciativa conjunta.";

    #[test]
    fn names_the_other_language_and_passes_english() {
        let check = LanguageCheck::new("english").unwrap();
        assert_eq!(check.other_language(SPANISH), Some("Spanish"));
        let english = "Mexico's president said on Monday that there is no new security agreement with the \
            United States drug agency, and rejected the statement the agency issued last week about a joint plan.";
        assert_eq!(check.other_language(english), None);
        // Too short to judge.
        assert_eq!(check.other_language("Hola, ¿qué tal? Muy bien."), None);
        let e = check.check(SPANISH, &Location::file("a.txt")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("a.txt: looks like Spanish; the model reads English"),
            "{e}"
        );
        assert!(LanguageCheck::new("Klingon").is_none());
        assert_eq!(LanguageCheck::new("Spanish").unwrap().other_language(SPANISH), None);
    }

    #[test]
    fn function_words_tell_english_from_romance_languages() {
        assert!(reads_as_english(
            "The agency said on Monday that it was in talks with the government of Mexico."
        ));
        assert!(!reads_as_english(SPANISH));
        // reads_as_english compares only words of up to 4 letters.
        assert!(STOP_WORDS.iter().all(|w| w.len() <= 4));
        assert!(!reads_as_english("O governo do México negou nesta terça-feira que tenha assinado um novo acordo de segurança com a agência antidrogas dos Estados Unidos."));
    }

    #[test]
    fn the_sample_ends_on_a_character_boundary() {
        let check = LanguageCheck::new("english").unwrap();
        // Three bytes a unit: byte SAMPLE_BYTES falls inside an `é` (a panic fails the test).
        let text = "aé".repeat(SAMPLE_BYTES);
        assert_ne!(check.other_language(&text), Some("English"));
    }
}
