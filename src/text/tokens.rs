//! Word tokens of one sentence, in three small stages:
//! 1. normalize: lower-case, curly apostrophes become `'`;
//! 2. pre-tokenize: words by Unicode rules (UAX #29, `unicode-segmentation`), then contractions
//!    split off so that negation survives as its own token: "haven't" -> `have not`,
//!    "can't" -> `can not`, "there's" -> `there is`; a possessive `'s` is dropped;
//! 3. stem: rust-stemmers' English (Snowball) stemmer, when enabled.
//!
//! Negation words ([`NEGATIONS`]) are never stemmed away or dropped as stop words.
//!
//! Over 500 lines: the cue lexicons ([`CUES`], [`EXTENDED_CUES`]) and the table tests.

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// Negation words kept whatever the settings.
pub const NEGATIONS: &[&str] = &[
    "no", "not", "none", "never", "nothing", "nobody", "nor", "neither", "without",
];

/// A short English stop list (function words), used only when
/// [`TokenizerConfig::stop_words`] is on. It holds no negation word.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "he", "in", "is", "it", "its", "of", "on",
    "or", "that", "the", "to", "was", "were", "will", "with",
];

/// Tokenizer settings; everything here is saved in the model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenizerConfig {
    /// Reduce words to their Snowball English stem. Default: `false` (lost on the seed articles
    /// and the dev articles; README "How the defaults were chosen").
    pub stem: bool,
    /// Drop the words of [`STOP_WORDS`]. Default: `false` (like scikit-learn's default).
    pub stop_words: bool,
    /// Negation scope: tokens after a negation word ([`NEGATIONS`]), up to the next `, . ; : ! ?`,
    /// get the prefix `neg_`. Default: `false` (lost on the dev articles).
    #[serde(default)]
    pub negation_scope: bool,
    /// Punctuation tokens where they stand: `_question_` for a question mark, `_quote_` for a
    /// double quotation mark. Default: `true` (won on every corpus).
    #[serde(default)]
    pub punctuation: bool,
    /// Cue-word tokens appended to the sentence, one per class present: `_refute_` (deny,
    /// reject, dismiss, hoax, fake, ...), `_hedge_` (reportedly, allegedly, claim, rumour, may,
    /// ...), `_report_` (says, according, announced, confirmed, ...); see [`CUES`]. Default:
    /// `true` (won on every corpus).
    #[serde(default)]
    pub cue_words: bool,
    /// With cue words on, also the project's extended lexicon of refuting, hedging and
    /// reporting words ([`EXTENDED_CUES`]: inaccurate, unfounded, disavow...; unclear,
    /// purported...; stated, described, insisted...), same three tokens. Default: `false`.
    #[serde(default)]
    pub extended_cues: bool,
    /// With cue words on, an attribution token [`ATTRIBUTION`] appended when the sentence holds
    /// both a reporting word (the `_report_` class) and a double quotation mark: a quote with
    /// its speech verb. Default: `false`.
    #[serde(default)]
    pub attribution: bool,
}

/// The attribution token (see [`TokenizerConfig::attribution`]).
pub const ATTRIBUTION: &str = "_attrib_";

/// Index of the reporting class (`_report_`) in [`CUES`].
pub const REPORT_CUE: usize = 2;

/// The extended cue lexicon ([`TokenizerConfig::extended_cues`]): more words for each class of
/// [`CUES`], in the same order (prefixes of at least five letters, whole words).
pub const EXTENDED_CUES: &[(&[&str], &[&str])] = &[
    (
        &[
            "inaccura",
            "incorrect",
            "unfounded",
            "nonsens",
            "misleading",
            "disavow",
            "disown",
            "rebuff",
            "repudiat",
            "discredit",
            "fabricat",
            "wrong",
        ],
        &["invented", "denies"],
    ),
    (
        &[
            "purport",
            "unclear",
            "uncertain",
            "suppos",
            "speculat",
            "perhaps",
            "unnamed",
            "anonymous",
        ],
        &["whether", "appear", "appears", "seem", "seems", "likely"],
    ),
    (
        &[
            "stated",
            "statement",
            "describ",
            "characteriz",
            "assert",
            "affirm",
            "insist",
            "emphasi",
            "explain",
            "declar",
            "unveil",
            "added",
            "noted",
        ],
        &["wrote", "adds", "notes"],
    ),
];

/// Cue-word classes: a token and the word prefixes (at least five letters) or whole words that
/// signal it.
pub const CUES: &[(&str, &[&str], &[&str])] = &[
    (
        "_refute_",
        &[
            "denie",
            "denial",
            "reject",
            "dismiss",
            "debunk",
            "untrue",
            "refut",
            "rebut",
            "disput",
            "contradict",
            "baseless",
            "satir",
            "false",
            "bogus",
        ],
        &[
            "deny", "denied", "denying", "hoax", "hoaxes", "fake", "fakes", "myth", "lie", "lies",
        ],
    ),
    (
        "_hedge_",
        &[
            "reportedly",
            "allegedly",
            "apparently",
            "rumor",
            "rumour",
            "possibl",
            "unconfirm",
            "unverif",
            "suggest",
            "claim",
        ],
        &["may", "might", "could", "if"],
    ),
    (
        "_report_",
        &["according", "announc", "confirm", "reveal"],
        &["says", "said", "say", "told", "tells", "report", "reports", "reported"],
    ),
];

impl Default for TokenizerConfig {
    fn default() -> Self {
        TokenizerConfig {
            stem: false,
            stop_words: false,
            negation_scope: false,
            punctuation: true,
            cue_words: true,
            extended_cues: false,
            attribution: false,
        }
    }
}

/// One step of tokenizing a sentence (see [`Tokenizer::steps`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Step<'a> {
    /// A word piece: its text, its token after stop words and stemming (`None` when dropped as a
    /// stop word), whether it is a negation word ([`NEGATIONS`]), and the cue classes it signals
    /// (bit `i` for `CUES[i]`; always 0 with cue words off).
    Word {
        piece: &'a str,
        token: Option<String>,
        negation: bool,
        cues: u8,
    },
    /// Punctuation that ends a negation scope (`, . ; : ! ?`).
    EndScope,
    /// A punctuation token (`_question_`, `_quote_`), with punctuation tokens on.
    Mark(&'static str),
    /// A double quotation mark, with attribution on (after its `Mark`, if any).
    Quote,
}

/// Turns a sentence into tokens.
pub struct Tokenizer {
    config: TokenizerConfig,
    stemmer: Stemmer,
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer").field("config", &self.config).finish()
    }
}

impl Tokenizer {
    pub fn new(config: TokenizerConfig) -> Self {
        Tokenizer {
            config,
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    pub fn config(&self) -> &TokenizerConfig {
        &self.config
    }

    /// The Snowball English stem of one lower-case word.
    pub fn stem_word<'w>(&self, word: &'w str) -> std::borrow::Cow<'w, str> {
        self.stemmer.stem(word)
    }

    /// The tokens of `sentence`.
    pub fn tokens(&self, sentence: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.tokens_into(sentence, &mut out);
        out
    }

    /// Appends the tokens of `sentence` to `out`.
    pub fn tokens_into(&self, sentence: &str, out: &mut Vec<String>) {
        let mut state = SentenceState::new(&self.config);
        self.steps(&normalize(sentence), &mut |step| match step {
            Step::Word {
                token, negation, cues, ..
            } => {
                let in_scope = state.word(negation, cues);
                if let Some(t) = token {
                    out.push(if in_scope { format!("neg_{t}") } else { t });
                }
            }
            Step::EndScope => state.end_scope(),
            Step::Mark(mark) => out.push(mark.to_string()),
            Step::Quote => state.quote(),
        });
        out.extend(state.cues().map(|i| CUES[i].0.to_string()));
        if state.attributed() {
            out.push(ATTRIBUTION.to_string());
        }
    }

    /// The steps of normalized text (see [`normalize`]), in order: one per word piece (Unicode
    /// word segments split at contractions), one per punctuation segment that ends a negation
    /// scope, one per punctuation token. Negation scope and cue tokens are left to the caller,
    /// which keeps that state across steps: [`Tokenizer::tokens_into`], or the batch scorer,
    /// which caches the steps of each raw word.
    pub fn steps(&self, normalized: &str, emit: &mut dyn FnMut(Step<'_>)) {
        for segment in normalized.split_word_bounds() {
            if segment.chars().any(char::is_alphanumeric) {
                pre_tokenize_word(segment, &mut |piece| {
                    let mut cues = 0u8;
                    if self.config.cue_words {
                        let matches = |prefixes: &[&str], whole: &[&str]| {
                            whole.contains(&piece) || prefixes.iter().any(|p| piece.starts_with(p))
                        };
                        for (i, (_, prefixes, whole)) in CUES.iter().enumerate() {
                            let (more_prefixes, more_whole) = EXTENDED_CUES[i];
                            if matches(prefixes, whole)
                                || (self.config.extended_cues && matches(more_prefixes, more_whole))
                            {
                                cues |= 1 << i;
                            }
                        }
                    }
                    let mut token = Vec::with_capacity(1);
                    self.push(piece, &mut token);
                    emit(Step::Word {
                        piece,
                        token: token.pop(),
                        negation: NEGATIONS.contains(&piece),
                        cues,
                    });
                });
            } else {
                if segment.contains([',', '.', ';', ':', '!', '?']) {
                    emit(Step::EndScope);
                }
                if self.config.punctuation {
                    if segment.contains('?') {
                        emit(Step::Mark("_question_"));
                    }
                    if segment.contains(['"', '“', '”']) {
                        emit(Step::Mark("_quote_"));
                    }
                }
                if self.config.attribution && self.config.cue_words && segment.contains(['"', '“', '”']) {
                    emit(Step::Quote);
                }
            }
        }
    }

    fn push(&self, word: &str, out: &mut Vec<String>) {
        if word.is_empty() {
            return;
        }
        let negation = NEGATIONS.contains(&word);
        if self.config.stop_words && !negation && STOP_WORDS.contains(&word) {
            return;
        }
        if self.config.stem && !negation {
            out.push(self.stemmer.stem(word).into_owned());
        } else {
            out.push(word.to_owned());
        }
    }
}

/// Stage 1: lower-case and unify apostrophes.
pub fn normalize(sentence: &str) -> String {
    sentence
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if matches!(c, '’' | '‘' | 'ʼ' | '′') {
                '\''
            } else {
                c
            }
        })
        .collect()
}

/// Stage 2 for one word: split contractions, emitting each piece.
///
/// A Unicode "word" may hold white space: segmentation keeps a combining mark with the space
/// before it (" \u{0ac9}" is one word), so a word is first cut at white space; a token never
/// holds any.
fn pre_tokenize_word(word: &str, emit: &mut dyn FnMut(&str)) {
    if word.contains(char::is_whitespace) {
        for part in word.split(char::is_whitespace) {
            pre_tokenize_word(part, emit);
        }
        return;
    }
    let word = word.trim_matches('\'');
    if word.is_empty() {
        return;
    }
    if let Some(base) = word.strip_suffix("n't") {
        let base = match base {
            "ca" => "can",
            "wo" => "will",
            "sha" => "shall",
            "ai" => "is",
            other => other,
        };
        emit(base);
        emit("not");
        return;
    }
    if word == "cannot" {
        emit("can");
        emit("not");
        return;
    }
    if let Some((base, clitic)) = word.rsplit_once('\'') {
        let expansion = match clitic {
            "re" => Some("are"),
            "ve" => Some("have"),
            "ll" => Some("will"),
            "m" => Some("am"),
            "d" => Some("would"),
            "s" if matches!(
                base,
                "there" | "here" | "it" | "that" | "what" | "who" | "where" | "he" | "she"
            ) =>
            {
                Some("is")
            }
            "s" => None, // possessive
            _ => {
                // Not a contraction ("o'brien"): keep the word whole.
                emit(word);
                return;
            }
        };
        emit(base);
        if let Some(e) = expansion {
            emit(e);
        }
        return;
    }
    emit(word);
}

/// What the tokenizer keeps across the [`Step`]s of one sentence: whether a negation's scope
/// is open and the cue classes seen. One definition, used by [`Tokenizer::tokens_into`] and by
/// the batch scorer, which replays the cached steps of each raw word.
#[derive(Debug, Clone, Copy)]
pub struct SentenceState {
    /// Negation scope is on (the tokenizer setting).
    scope: bool,
    in_scope: bool,
    cues: u8,
    /// A double quotation mark was seen (only reported with attribution on).
    quoted: bool,
}

impl SentenceState {
    pub fn new(config: &TokenizerConfig) -> Self {
        SentenceState {
            scope: config.negation_scope,
            in_scope: false,
            cues: 0,
            quoted: false,
        }
    }

    /// A double quotation mark ([`Step::Quote`]).
    #[inline]
    pub fn quote(&mut self) {
        self.quoted = true;
    }

    /// Whether the sentence gets the [`ATTRIBUTION`] token: a quotation mark and a reporting
    /// word (`Step::Quote` is only emitted with attribution on).
    pub fn attributed(&self) -> bool {
        self.quoted && self.cues & (1 << REPORT_CUE) != 0
    }

    /// A word piece (a negation word or not, signalling `cues`): whether its token takes the
    /// `neg_` form. A negation opens a scope for the words after it.
    #[inline]
    pub fn word(&mut self, negation: bool, cues: u8) -> bool {
        self.cues |= cues;
        let in_scope = self.in_scope && !negation;
        self.in_scope |= negation && self.scope;
        in_scope
    }

    /// Punctuation that ends a negation scope.
    #[inline]
    pub fn end_scope(&mut self) {
        self.in_scope = false;
    }

    /// The cue classes seen, as indices into [`CUES`], in order: their tokens end the sentence.
    pub fn cues(&self) -> impl Iterator<Item = usize> {
        let cues = self.cues;
        (0..CUES.len()).filter(move |i| cues & (1 << i) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words only: no negation scope, punctuation or cue tokens.
    const WORDS: TokenizerConfig = TokenizerConfig {
        stem: true,
        stop_words: false,
        negation_scope: false,
        punctuation: false,
        cue_words: false,
        extended_cues: false,
        attribution: false,
    };

    #[test]
    fn table_of_cases() {
        let plain = Tokenizer::new(TokenizerConfig { stem: false, ..WORDS });
        let stemmed = Tokenizer::new(WORDS);
        let cases: &[(&Tokenizer, &str, &[&str])] = &[
            (
                &plain,
                "We haven’t reached any agreement",
                &["we", "have", "not", "reached", "any", "agreement"],
            ),
            (&plain, "We don't know", &["we", "do", "not", "know"]),
            (
                &plain,
                "there’s no specific agreement",
                &["there", "is", "no", "specific", "agreement"],
            ),
            (
                &plain,
                "They can't and won't; we cannot",
                &["they", "can", "not", "and", "will", "not", "we", "can", "not"],
            ),
            (&plain, "Mexico’s President", &["mexico", "president"]),
            (
                &plain,
                "U.S.-Mexico (DEA) 2018-2024",
                &["u.s", "mexico", "dea", "2018", "2024"],
            ),
            (&plain, "“Project Portero.”", &["project", "portero"]),
            (&plain, "López Obrador", &["lópez", "obrador"]),
            (
                &stemmed,
                "Sheinbaum denied any agreements",
                &["sheinbaum", "deni", "ani", "agreement"],
            ),
            (&stemmed, "nothing, never, none", &["nothing", "never", "none"]),
            (&plain, "", &[]),
            (&plain, " — ... ", &[]),
            // Found by the property tests: a combining mark after a space made a token " \u{0ac9}".
            (&plain, "a \u{0ac9}b", &["a", "\u{0ac9}", "b"]),
            (&plain, "x \u{0ac9}", &["x", "\u{0ac9}"]),
        ];
        for (tokenizer, input, expected) in cases {
            assert_eq!(tokenizer.tokens(input), *expected, "input: {input:?}");
        }
    }

    #[test]
    fn stop_words_never_drop_negations() {
        for n in NEGATIONS {
            assert!(!STOP_WORDS.contains(n), "{n} is a stop word");
        }
        let t = Tokenizer::new(TokenizerConfig {
            stem: false,
            stop_words: true,
            ..WORDS
        });
        assert_eq!(
            t.tokens("There is no agreement with the DEA"),
            ["there", "no", "agreement", "dea"]
        );
    }

    #[test]
    fn optional_marks_negation_scope_punctuation_and_cues() {
        let plain = TokenizerConfig { stem: false, ..WORDS };
        let cases: &[(TokenizerConfig, &str, &[&str])] = &[
            (
                TokenizerConfig {
                    negation_scope: true,
                    ..plain.clone()
                },
                "Officials didn't confirm the deal, sources say",
                &[
                    "officials",
                    "did",
                    "not",
                    "neg_confirm",
                    "neg_the",
                    "neg_deal",
                    "sources",
                    "say",
                ],
            ),
            (
                TokenizerConfig {
                    punctuation: true,
                    ..plain.clone()
                },
                "Is the \"deal\" real?",
                &["is", "the", "_quote_", "deal", "_quote_", "real", "_question_"],
            ),
            (
                TokenizerConfig {
                    cue_words: true,
                    ..plain.clone()
                },
                "Mayor denies the hoax, reportedly",
                &["mayor", "denies", "the", "hoax", "reportedly", "_refute_", "_hedge_"],
            ),
            (
                TokenizerConfig {
                    cue_words: true,
                    ..plain.clone()
                },
                "Denying the report",
                &["denying", "the", "report", "_refute_", "_report_"],
            ),
            (
                TokenizerConfig {
                    cue_words: true,
                    ..plain.clone()
                },
                "She called the statement inaccurate",
                &["she", "called", "the", "statement", "inaccurate"],
            ),
            (
                TokenizerConfig {
                    cue_words: true,
                    extended_cues: true,
                    ..plain.clone()
                },
                "She called the statement inaccurate",
                &[
                    "she",
                    "called",
                    "the",
                    "statement",
                    "inaccurate",
                    "_refute_",
                    "_report_",
                ],
            ),
            (
                TokenizerConfig {
                    extended_cues: true,
                    ..plain.clone()
                },
                "She called the statement inaccurate",
                &["she", "called", "the", "statement", "inaccurate"],
            ),
            (
                TokenizerConfig {
                    cue_words: true,
                    attribution: true,
                    ..plain.clone()
                },
                "\"No deal,\" she said",
                &["no", "deal", "she", "said", "_report_", "_attrib_"],
            ),
            (
                TokenizerConfig {
                    cue_words: true,
                    attribution: true,
                    ..plain.clone()
                },
                "No deal, she said",
                &["no", "deal", "she", "said", "_report_"],
            ),
        ];
        for (config, input, expected) in cases {
            assert_eq!(Tokenizer::new(config.clone()).tokens(input), *expected, "{input}");
        }
    }
}
