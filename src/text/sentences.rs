//! Sentence splitting for news text.
//!
//! Rules, in order:
//! - a line break always ends a sentence, so a title or subtitle line without final punctuation
//!   is a sentence of its own;
//! - list items are sentences: a piece that starts with an item marker (`1.`, `2)`, `3.)`, `a.`,
//!   optionally after a bullet `•`) is not cut after the marker, and the next marker of the same
//!   list (`2.` after `1.`, `b.` after `a.`) or a bullet after white space starts a new sentence
//!   even when the item before it has no final punctuation;
//! - inside a line, a sentence ends after `.`, `!`, `?` or `…` (and any run of them), together
//!   with the closing quotation marks and brackets that follow (straight and curly), when white
//!   space follows and the next word starts like a sentence (an upper-case letter, a digit or an
//!   opening quotation mark);
//! - a single `.` after a word that is an abbreviation ends a sentence only as that kind of
//!   abbreviation allows (its `Abbreviation` kind): never after a title ("Mr.", "Gen."); not before
//!   a number after "p.", "No.", "Fig."; after a name's ending, an initial or a dotted acronym
//!   ("Co.", "Jr.", "F.", "U.S.") only when the next word is one that usually opens a sentence
//!   ("It", "The", "How": see [`SENTENCE_OPENERS`]), so "the U.S. Drug Enforcement
//!   Administration" stays whole and "in the U.S. How about you?" is cut; after "a.m."/"p.m."
//!   unless a title, day, month or time zone follows ("6 P.M. Mr. Smith", "9 a.m. Monday");
//! - an ellipsis ends a sentence, except one in brackets (`[...]`) or one that stands between
//!   spaces as an omission (`is ... I`, `is . . . I`); a spaced ellipsis of four dots (`. . . .`)
//!   is an omission followed by the sentence's own period, so it ends the sentence;
//! - a `.` with no white space after it ("3.5", "U.S.-Mexico", "example.com") never ends one.
//!
//! Sentences are returned with their 0-based index and the byte span of the trimmed text in the
//! original string, so `&text[s.start..s.end] == s.text`. The category cases (abbreviations,
//! initials, times, page numbers, lists, ellipses, parentheses and quotes) are in
//! `tests/sentence_boundaries.rs`.

/// One sentence of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence<'a> {
    /// 0-based position of the sentence in the document.
    pub index: usize,
    /// Byte offset of the first character in the document.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// The sentence text, `&document[start..end]`.
    pub text: &'a str,
}

/// How a word written with a final period behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbreviation {
    /// Stands before a name ("Mr.", "Gen.", "Mt."): never ends a sentence.
    Title,
    /// Stands before a number ("p. 55", "No. 4", "Fig. 3"): ends a sentence only when no digit
    /// follows.
    BeforeNumber,
    /// Can end a sentence as well as a phrase ("Co.", "Jr.", "Jan.", an initial, "U.S."): ends
    /// one only before a word in [`SENTENCE_OPENERS`].
    Ending,
    /// "a.m." / "p.m.": ends a sentence unless a title, day, month or time zone follows.
    Time,
}

const TITLES: &[&str] = &[
    "Adm", "Atty", "Capt", "Cmdr", "Col", "Det", "Dr", "Fr", "Ft", "Gen", "Gov", "Hon", "Insp", "Lt", "Maj", "Messrs",
    "Mr", "Mrs", "Ms", "Mt", "Pres", "Prof", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "St", "Supt", "approx", "cf",
    "e.g", "i.e", "vs",
];

const BEFORE_NUMBER: &[&str] = &[
    "Art", "Ch", "Fig", "Figs", "N°", "No", "Nos", "Nr", "Nº", "Para", "Vol", "art", "ch", "fig", "no", "p", "para",
    "pg", "pp", "sec", "vol",
];

const ENDINGS: &[&str] = &[
    "Apr", "Aug", "Bros", "Co", "Corp", "Dec", "Dept", "Feb", "Inc", "Jan", "Jr", "Jul", "Jun", "Ltd", "Nov", "Oct",
    "Sep", "Sept", "Sr", "Univ", "co", "etc",
];

/// Words that, after an abbreviation that can end a sentence, show that a new one has begun:
/// pronouns, determiners, conjunctions and question words that rarely follow "U.S." or "Co."
/// inside a name ("the U.S. Government", "Co. Chairman").
pub const SENTENCE_OPENERS: &[&str] = &[
    "A",
    "After",
    "Also",
    "Although",
    "An",
    "And",
    "Are",
    "As",
    "At",
    "Because",
    "Before",
    "But",
    "Can",
    "Could",
    "Did",
    "Do",
    "Does",
    "During",
    "Each",
    "For",
    "From",
    "Had",
    "Has",
    "Have",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Is",
    "It",
    "Its",
    "Many",
    "Meanwhile",
    "Most",
    "My",
    "No",
    "Now",
    "On",
    "Our",
    "She",
    "Since",
    "So",
    "Some",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "To",
    "Was",
    "We",
    "Were",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "Will",
    "With",
    "Would",
    "Yet",
    "You",
    "Your",
];

/// Words after "a.m."/"p.m." that continue the sentence (besides titles and upper-case time
/// zones such as "EST").
const AFTER_TIME: &[&str] = &[
    "April",
    "August",
    "Central",
    "December",
    "Eastern",
    "February",
    "Friday",
    "January",
    "July",
    "June",
    "March",
    "May",
    "Monday",
    "Mountain",
    "November",
    "October",
    "Pacific",
    "Saturday",
    "September",
    "Sunday",
    "Thursday",
    "Tuesday",
    "Wednesday",
];

/// Characters that mark a list item (each three bytes in UTF-8, the first E2: see
/// [`has_bullet`]).
const BULLETS: &[char] = &['•', '⁃', '‣', '◦', '▪'];

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '¿' | '¡')
}

/// What kind of abbreviation `word` (the text before a single period, without it) is, if any.
fn abbreviation(word: &str) -> Option<Abbreviation> {
    let word = word.trim_start_matches(|c: char| is_opener(c) || c == '-' || c == '—');
    if word.is_empty() {
        return None;
    }
    if TITLES.contains(&word) {
        return Some(Abbreviation::Title);
    }
    if BEFORE_NUMBER.contains(&word) {
        return Some(Abbreviation::BeforeNumber);
    }
    if ENDINGS.contains(&word) {
        return Some(Abbreviation::Ending);
    }
    if matches!(word, "a.m" | "p.m" | "A.M" | "P.M") {
        return Some(Abbreviation::Time);
    }
    let mut chars = word.chars();
    // Single-letter initial: "F." in "John F. Kennedy".
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return (c.is_alphabetic() && c.is_uppercase()).then_some(Abbreviation::Ending);
    }
    // Dotted acronym: "U.S", "E.U", "Ph.D": short alphabetic parts separated by dots.
    let acronym = word.contains('.')
        && word
            .split('.')
            .all(|part| (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic));
    acronym.then_some(Abbreviation::Ending)
}

/// The word at the start of `s` (after opening quotes and brackets), and whether a period
/// follows it directly.
fn first_word(s: &str) -> (&str, bool) {
    let s = s.trim_start_matches(is_opener);
    let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    (&s[..end], s[end..].starts_with('.'))
}

/// Whether a single period after an abbreviation of `kind` ends the sentence, when `next` (the
/// text after the white space) starts like a sentence.
fn abbreviation_ends_sentence(kind: Abbreviation, next: &str) -> bool {
    let (word, dotted) = first_word(next);
    match kind {
        Abbreviation::Title => false,
        Abbreviation::BeforeNumber => !next.starts_with(|c: char| c.is_ascii_digit()),
        Abbreviation::Ending => !dotted && SENTENCE_OPENERS.contains(&word),
        Abbreviation::Time => {
            let title = dotted && abbreviation(word) == Some(Abbreviation::Title);
            let zone = (2..=4).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase());
            !(title || zone || AFTER_TIME.contains(&word))
        }
    }
}

/// Whether the text starting at `rest` begins like a new sentence.
fn starts_sentence(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => true,
        Some(c) if is_opener(c) => match chars.next() {
            Some(d) => d.is_uppercase() || d.is_ascii_digit() || is_opener(d),
            None => false,
        },
        _ => false,
    }
}

/// Whether the ellipsis or period run `line[pos..run_end]` is an omission inside the sentence
/// rather than its end (see the module documentation).
fn is_inner_ellipsis(line: &str, pos: usize, run_end: usize) -> bool {
    let run = &line[pos..run_end];
    let before = &line[..pos];
    if run == "." {
        // The last dot of a spaced ellipsis ". . ." (three dots: an omission; four: the end).
        let mut dots = 1;
        let mut rest = before;
        while let Some(r) = rest.strip_suffix(". ") {
            dots += 1;
            rest = r;
        }
        return dots == 3;
    }
    let ellipsis = run == "..." || run == "…";
    ellipsis && (before.ends_with('[') || before.ends_with(char::is_whitespace))
}

/// Where the sentence that ends with the terminator at `pos` is cut: the end of its run of
/// terminators and closing marks. `None` when it does not end there.
fn sentence_end_at(line: &str, pos: usize) -> Option<usize> {
    let mut end = pos;
    let mut run = 0;
    for d in line[end..].chars().take_while(|&d| is_terminator(d)) {
        run += 1;
        end += d.len_utf8();
    }
    let run_end = end;
    for d in line[end..].chars().take_while(|&d| is_closer(d)) {
        end += d.len_utf8();
    }
    let rest = &line[end..];
    let next = rest.trim_start();
    if end < line.len() && (!rest.starts_with(char::is_whitespace) || !starts_sentence(next)) {
        return None;
    }
    if end == line.len() {
        return Some(end);
    }
    if line[pos..run_end].bytes().all(|b| b != b'!' && b != b'?') && is_inner_ellipsis(line, pos, run_end) {
        return None;
    }
    if run == 1 && line.as_bytes()[pos] == b'.' && end == run_end {
        let word_start = line[..pos]
            .rfind(char::is_whitespace)
            .map(|i| i + line[i..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        if let Some(kind) = abbreviation(&line[word_start..pos]) {
            return abbreviation_ends_sentence(kind, next).then_some(end);
        }
    }
    Some(end)
}

/// A list item marker at the start of a piece: `1.`, `2)`, `3.)`, `a.`, `b)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    /// Length of the marker, bullet and punctuation included.
    len: usize,
    /// The item number (`a` is 1) and whether it is a letter.
    number: u32,
    letter: bool,
    /// The punctuation after the number: `.`, `)` or `.)`.
    punctuation: &'static str,
}

impl Marker {
    /// The marker at the start of `s` (which starts with no white space), if `s` is a list item:
    /// the marker is followed by white space and a word that starts like a sentence.
    fn parse(s: &str) -> Option<Marker> {
        let bullet = s.strip_prefix(BULLETS).map_or(0, |r| s.len() - r.trim_start().len());
        let body = &s[bullet..];
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        let (number, letter, len) = match digits {
            1..=3 => (body[..digits].parse().ok()?, false, digits),
            0 => match body.as_bytes().first() {
                Some(&b) if b.is_ascii_alphabetic() => (u32::from(b.to_ascii_lowercase() - b'a') + 1, true, 1),
                _ => return None,
            },
            _ => return None,
        };
        let punctuation = [".)", ".", ")"].into_iter().find(|p| body[len..].starts_with(p))?;
        let end = bullet + len + punctuation.len();
        let rest = &s[end..];
        (rest.starts_with(char::is_whitespace) && starts_sentence(rest.trim_start())).then_some(Marker {
            len: end,
            number,
            letter,
            punctuation,
        })
    }

    /// Whether `s` starts with the next marker of the same list.
    fn is_followed_by(&self, s: &str) -> bool {
        Marker::parse(s).is_some_and(|m| {
            m.letter == self.letter && m.punctuation == self.punctuation && m.number == self.number + 1
        })
    }
}

/// The first offset at or after `from` where a new list item starts in `line`: the next marker
/// of the list whose item starts at `from - marker.len` or, anywhere, a bullet after white space.
fn next_item(line: &str, from: usize, marker: Option<Marker>, bullets: bool) -> Option<usize> {
    if marker.is_none() && !bullets {
        return None;
    }
    line[from..]
        .char_indices()
        .filter(|&(i, c)| {
            i > 0 && c.is_whitespace() && !line[from + i + c.len_utf8()..].starts_with(char::is_whitespace)
        })
        .map(|(i, c)| from + i + c.len_utf8())
        .find(|&at| {
            let s = &line[at..];
            (bullets && s.starts_with(BULLETS)) || marker.is_some_and(|m| m.is_followed_by(s))
        })
}

/// Whether `bytes` holds a [`BULLETS`] character. Every bullet is three bytes starting with E2,
/// so only the few characters starting so (curly quotes, dashes) are decoded.
fn has_bullet(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0xE2, bytes).any(|i| {
        bytes
            .get(i..i + 3)
            .and_then(|b| std::str::from_utf8(b).ok())
            .is_some_and(|c| c.starts_with(BULLETS))
    })
}

/// Calls `cut` with each byte offset (relative to `line`) where a sentence ends inside one line.
///
/// Scans bytes, not characters: the terminators are ASCII `.`, `!`, `?` or `…` (bytes E2 80 A6),
/// and no byte of a multi-byte UTF-8 character is ASCII, so the scan finds exactly the terminator
/// characters; characters are decoded only around them.
fn boundaries_in_line(line: &str, mut cut: impl FnMut(usize)) {
    let bytes = line.as_bytes();
    let bullets = has_bullet(bytes);
    let mut piece = 0;
    'pieces: while piece < line.len() {
        let body = piece + (line[piece..].len() - line[piece..].trim_start().len());
        let marker = Marker::parse(&line[body..]);
        let mut i = body + marker.map_or(0, |m| m.len);
        let item_end = next_item(line, i, marker, bullets).unwrap_or(line.len());
        while let Some(offset) = bytes[i..item_end]
            .iter()
            .position(|&b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
        {
            let pos = i + offset;
            i = pos + 1;
            if bytes[pos] == 0xE2 && !bytes[pos + 1..].starts_with(&[0x80, 0xA6]) {
                continue;
            }
            if let Some(end) = sentence_end_at(line, pos) {
                if end >= line.len() {
                    return; // the line end closes the sentence anyway
                }
                cut(end);
                piece = end;
                continue 'pieces;
            }
            // Skip the rest of the run, so a run is judged once, at its first terminator.
            i = pos
                + line[pos..]
                    .chars()
                    .take_while(|&d| is_terminator(d))
                    .map(char::len_utf8)
                    .sum::<usize>();
        }
        if item_end < line.len() {
            cut(item_end);
        }
        piece = item_end;
    }
}

/// Splits a document into sentences (see the module documentation for the rules).
pub fn split_sentences(text: &str) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut piece_start = line_start;
        let body = line.trim_end_matches(['\n', '\r']);
        boundaries_in_line(body, |cut| {
            push_trimmed(text, piece_start, line_start + cut, &mut out);
            piece_start = line_start + cut;
        });
        push_trimmed(text, piece_start, line_start + body.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn push_trimmed<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Sentence<'a>>) {
    let piece = &text[start..end];
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let lead = piece.len() - piece.trim_start().len();
    let start = start + lead;
    out.push(Sentence {
        index: out.len(),
        start,
        end: start + trimmed.len(),
        text: trimmed,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        split_sentences(s).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn table_of_cases() {
        let cases: &[(&str, &[&str])] = &[
            // Titles without final punctuation end at the line break.
            (
                "Project Portero: Initiative against smuggling networks\nOn Monday, the DEA announced it.",
                &["Project Portero: Initiative against smuggling networks", "On Monday, the DEA announced it."],
            ),
            // "U.S." inside a sentence, followed by a capitalised name.
            (
                "Mexico’s government has publicly stated there is no new agreement with the U.S. Drug Enforcement Administration (DEA). The disagreement highlights it.",
                &[
                    "Mexico’s government has publicly stated there is no new agreement with the U.S. Drug Enforcement Administration (DEA).",
                    "The disagreement highlights it.",
                ],
            ),
            // Dotted acronym glued to a hyphen.
            ("This episode reveals the U.S.-Mexico security relationship. For years it was hard.", &["This episode reveals the U.S.-Mexico security relationship.", "For years it was hard."]),
            // Titles and initials.
            ("Mr. Cole met Gen. Smith and John F. Kennedy Jr. in Texas. Then he left.", &["Mr. Cole met Gen. Smith and John F. Kennedy Jr. in Texas.", "Then he left."]),
            // Decimal numbers.
            ("Prices rose 3.5 percent. They fell 0.2 later.", &["Prices rose 3.5 percent.", "They fell 0.2 later."]),
            // Closing curly quotes stay with their sentence.
            (
                "“We haven’t reached any agreement,” she emphasized. “They issued the statement.” The president added more.",
                &["“We haven’t reached any agreement,” she emphasized.", "“They issued the statement.”", "The president added more."],
            ),
            // Straight quotes too.
            ("He said \"no deal.\" Then he left.", &["He said \"no deal.\"", "Then he left."]),
            // An ellipsis followed by lower case does not split.
            (
                "“I learned about the statement at that same time [as you did]... as did the secretary,” Sheinbaum explained.",
                &["“I learned about the statement at that same time [as you did]... as did the secretary,” Sheinbaum explained."],
            ),
            // Question marks split when a capital follows.
            ("“Who does the Mexican government make agreements with? With the United States government.”", &["“Who does the Mexican government make agreements with?", "With the United States government.”"]),
            // Blank lines and CRLF.
            ("First line\r\n\r\nSecond one.  \r\n", &["First line", "Second one."]),
            ("", &[]),
            ("   \n\t\n", &[]),
        ];
        for (input, expected) in cases {
            assert_eq!(texts(input), *expected, "input: {input:?}");
        }
    }

    #[test]
    fn bullets_are_three_bytes_starting_with_e2() {
        for b in BULLETS {
            assert_eq!(b.to_string().as_bytes()[..1], [0xE2]);
            assert_eq!(b.len_utf8(), 3);
            assert!(has_bullet(format!("x “y” {b} z").as_bytes()));
        }
        assert!(!has_bullet("“quoted” — dash…".as_bytes()));
    }

    #[test]
    fn spans_point_into_the_text_in_order() {
        let doc = "Title line\nOne sentence here. Another one “quoted.” Last?\n\nEnd";
        let sentences = split_sentences(doc);
        let mut prev_end = 0;
        for (i, s) in sentences.iter().enumerate() {
            assert_eq!(s.index, i);
            assert_eq!(&doc[s.start..s.end], s.text);
            assert!(s.start >= prev_end);
            prev_end = s.end;
        }
        assert_eq!(sentences.len(), 5);
    }
}
