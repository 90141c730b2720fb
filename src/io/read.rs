//! Bounded reads and text decoding.
//!
//! Inputs are bounded so that memory stays bounded whatever the user feeds: an article may hold
//! at most [`MAX_ARTICLE_BYTES`], a labeled CSV file [`MAX_CSV_BYTES`], a model file
//! [`MAX_MODEL_BYTES`]. The size is checked from the file's metadata before reading, and reading
//! stops one byte past the limit (for pipes and special files whose size is unknown).
//!
//! Text must be UTF-8 without NUL bytes; a leading byte-order mark is dropped, and CRLF line ends
//! work like LF.

use std::io::Read;
use std::path::Path;

use crate::error::{Byte, Location};
use crate::{Error, Result};

/// Largest article `classify` reads: 16 MiB (a long news article is well under 1 MiB).
pub const MAX_ARTICLE_BYTES: u64 = 16 << 20;
/// Largest labeled CSV file: 128 MiB. A larger labeled set can be split into several files of
/// one folder (`--data FOLDER` reads every `*.csv` in it).
pub const MAX_CSV_BYTES: u64 = 128 << 20;
/// Largest model file: 256 MiB.
pub const MAX_MODEL_BYTES: u64 = 256 << 20;

/// Whether byte `i` of `bytes` ends a line: a `\n`, or a `\r` not followed by `\n` (the
/// `\r` of a CRLF does not, its `\n` does). A `\r` as the last byte counts as a line end.
pub fn ends_line(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

/// The 1-based line holding byte `at`: lines end at `\n`, `\r\n` or a lone `\r`.
pub fn line_of(bytes: &[u8], at: usize) -> u64 {
    let end = at.min(bytes.len());
    1 + (0..end).filter(|&i| ends_line(bytes, i)).count() as u64
}

/// Checks that `bytes` is UTF-8 text (no NUL byte) and strips a byte-order mark. `at` names the
/// input in errors: a whole file (no line: the error gets the line and the byte in the file),
/// or a record's text (a line: the error keeps it and gets the byte in the text).
pub fn decode_text<'a>(bytes: &'a [u8], at: &Location) -> Result<&'a str> {
    let locate = |pos: usize| match at.line {
        None => Location::line(at.path.clone(), line_of(bytes, pos)).at_byte(Byte::InFile(pos as u64)),
        Some(_) => at.clone().at_byte(Byte::InText(pos as u64)),
    };
    if let Some(pos) = memchr::memchr(0, bytes) {
        return Err(Error::Binary { at: locate(pos) });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        at: locate(e.valid_up_to()),
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Opens a file to read it, refusing folders.
pub fn open(path: &Path) -> Result<std::fs::File> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::io(path, std::io::ErrorKind::IsADirectory.into()));
    }
    Ok(file)
}

/// Reads a whole file of at most `max` bytes. The size is checked from the metadata before
/// reading, and reading stops one byte past `max` whatever the metadata said (pipes, devices),
/// so memory stays bounded. `what` names the kind of file in the error ("article").
pub fn read_bounded(path: &Path, max: u64, what: &'static str) -> Result<Vec<u8>> {
    let file = open(path)?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if size > max {
        return Err(Error::TooLarge {
            at: Location::file(path),
            what,
            size: Some(size),
            max,
        });
    }
    read_limited(file, path, max, what)
}

/// Reads `reader` to its end, refusing more than `max` bytes (see [`read_bounded`]).
pub fn read_limited(reader: impl Read, path: &Path, max: u64, what: &'static str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max {
        return Err(Error::TooLarge {
            at: Location::file(path),
            what,
            size: None,
            max,
        });
    }
    Ok(bytes)
}

/// Reads a plain-text article of at most [`MAX_ARTICLE_BYTES`]; an empty or white-space-only
/// file is an error.
pub fn read_article(path: &Path) -> Result<String> {
    let bytes = read_bounded(path, MAX_ARTICLE_BYTES, "article")?;
    article_text(&bytes, &Location::file(path)).map(str::to_owned)
}

/// Reads an article from a stream (standard input), at most [`MAX_ARTICLE_BYTES`]; `path`
/// names it in messages (`<stdin>`).
pub fn read_article_from(reader: impl Read, path: &Path) -> Result<String> {
    let bytes = read_limited(reader, path, MAX_ARTICLE_BYTES, "article")?;
    article_text(&bytes, &Location::file(path)).map(str::to_owned)
}

/// Checks an article's bytes (see [`decode_text`]) and that it holds some text.
pub fn article_text<'a>(bytes: &'a [u8], at: &Location) -> Result<&'a str> {
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(Error::TooLarge {
            at: at.clone(),
            what: "article",
            size: Some(bytes.len() as u64),
            max: MAX_ARTICLE_BYTES,
        });
    }
    let text = decode_text(bytes, at)?;
    if text.trim().is_empty() {
        return Err(Error::Empty {
            at: at.clone(),
            what: "article has no text".into(),
        });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_text_table() {
        let f = Location::file("x.txt");
        assert_eq!(decode_text(b"\xef\xbb\xbfhello", &f).unwrap(), "hello");
        let e = decode_text(b"a\nb\n\xff", &f).unwrap_err();
        assert_eq!(e.to_string(), "x.txt:3: not valid UTF-8 text (byte 4 of the file)");
        let e = decode_text(b"ab\0c", &f).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.txt:1: binary data, not text (a NUL byte at byte 2 of the file)"
        );
        let record = Location::line("t.csv", 7);
        let e = decode_text(b"caf\xe9", &record).unwrap_err();
        assert_eq!(e.to_string(), "t.csv:7: not valid UTF-8 text (byte 3 of the text)");
        assert!(matches!(article_text(b"  \n\t", &f), Err(Error::Empty { .. })));
    }

    #[test]
    fn line_numbers_count_lf_crlf_and_lone_cr() {
        let text = "a\nb\r\nc\rd\n\ne";
        for (at, line) in [(0, 1), (1, 1), (2, 2), (4, 2), (5, 3), (7, 4), (9, 5), (10, 6)] {
            assert_eq!(line_of(text.as_bytes(), at), line, "byte {at}");
        }
    }
}
