//! Sentence splitting for news text.
//!
//! Rules, in order:
//! - a line break always ends a sentence, so a title or subtitle line without final punctuation
//!   is a sentence of its own;
//! - inside a line, a sentence ends after `.`, `!`, `?` or `…` (and any run of them), together
//!   with the closing quotation marks and brackets that follow (straight and curly), when white
//!   space follows and the next word starts like a sentence (an upper-case letter, a digit or an
//!   opening quotation mark);
//! - a single `.` does not end a sentence after a known abbreviation ("Mr.", "Gen."), a
//!   single-letter initial ("John F. Kennedy") or a dotted acronym ("U.S.", "a.m.");
//!   a `.` with no white space after it ("3.5", "U.S.-Mexico") never does.
//!
//! Sentences are returned with their 0-based index and the byte span of the trimmed text in the
//! original string, so `&text[s.start..s.end] == s.text`.

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

/// Titles and other words whose abbreviation ends in a period that does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Apr", "Atty", "Aug", "Capt", "Cmdr", "Co", "Col", "Corp", "Dec", "Dept", "Det", "Dr", "Feb", "Fig", "Fr",
    "Ft", "Gen", "Gov", "Hon", "Inc", "Insp", "Jan", "Jr", "Lt", "Ltd", "Maj", "Mr", "Mrs", "Ms", "Mt", "No", "Nov",
    "Oct", "Pres", "Prof", "Rep", "Rev", "Sen", "Sep", "Sept", "Sgt", "Sr", "St", "Supt", "Univ", "approx", "e.g",
    "i.e", "vs",
];

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '¿' | '¡')
}

/// Whether `word` (the text before a single period, without it) is an abbreviation, an
/// initial or a dotted acronym.
fn is_abbreviation(word: &str) -> bool {
    let word = word.trim_start_matches(|c: char| is_opener(c) || c == '-' || c == '—');
    if word.is_empty() {
        return false;
    }
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    let mut chars = word.chars();
    // Single-letter initial: "F." in "John F. Kennedy".
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic() && c.is_uppercase();
    }
    // Dotted acronym: "U.S", "a.m", "Ph.D": short alphabetic parts separated by dots.
    word.contains('.')
        && word
            .split('.')
            .all(|part| (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic))
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

/// Calls `cut` with each byte offset (relative to `line`) where a sentence ends inside one line.
///
/// Scans bytes, not characters: the terminators are ASCII `.`, `!`, `?` or `…` (bytes E2 80 A6),
/// and no byte of a multi-byte UTF-8 character is ASCII, so the scan finds exactly the terminator
/// characters; characters are decoded only around them.
fn boundaries_in_line(line: &str, mut cut: impl FnMut(usize)) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| matches!(b, b'.' | b'!' | b'?' | 0xE2)) {
        let pos = i + offset;
        if bytes[pos] == 0xE2 && !bytes[pos + 1..].starts_with(&[0x80, 0xA6]) {
            i = pos + 1;
            continue;
        }
        // Extend over the run of terminators, then over closing quotes and brackets.
        let single_period = bytes[pos] == b'.';
        let mut end = pos;
        let mut run = 0;
        for d in line[end..].chars().take_while(|&d| is_terminator(d)) {
            run += 1;
            end += d.len_utf8();
        }
        for d in line[end..].chars().take_while(|&d| is_closer(d)) {
            end += d.len_utf8();
        }
        i = end;
        if end >= bytes.len() {
            break; // the line end closes the sentence anyway
        }
        let rest = &line[end..];
        if !rest.starts_with(char::is_whitespace) || !starts_sentence(rest.trim_start()) {
            continue;
        }
        if single_period && run == 1 {
            let word_start = line[..pos]
                .rfind(char::is_whitespace)
                .map(|i| i + line[i..].chars().next().map_or(1, char::len_utf8))
                .unwrap_or(0);
            if is_abbreviation(&line[word_start..pos]) {
                continue;
            }
        }
        cut(end);
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
