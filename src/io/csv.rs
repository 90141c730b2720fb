//! One CSV reader with true line numbers, used by labeled data and by `classify --input-format
//! csv`: streaming (it holds one record and a small window of bytes, whatever the size of the
//! input), column lookup by trimmed header name, every error with its [`Location`], records
//! bounded in length, and a quote left open at the end of the input reported on the line where
//! it opened (the `csv` crate itself silently ends such a field at the end of the input).

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::error::Location;
use crate::io::read::ends_line;
use crate::{Error, Result};

/// Capacity of the `csv` reader's buffer: 64 KiB.
pub const CSV_BUFFER: usize = 1 << 16;

/// How far past the text limit a raw CSV record may grow while it is read, for its other
/// columns, its quotes (doubled inside quoted fields) and the reader's look-ahead: 1 MiB.
pub const CSV_RECORD_SLACK: u64 = 1 << 20;

/// A streaming CSV reader (header row first) over any byte source.
pub struct CsvReader<R> {
    path: PathBuf,
    reader: csv::Reader<LineCounter<R>>,
    headers: csv::ByteRecord,
    record: csv::ByteRecord,
    /// The limit named when a record is too long (the record limit less [`CSV_RECORD_SLACK`]).
    max: u64,
    done: bool,
}

/// One record and the line where it starts.
pub struct Record<'a> {
    pub line: u64,
    pub fields: &'a csv::ByteRecord,
}

impl<R: Read> CsvReader<R> {
    /// Reads the header of `inner`; `path` names it in errors. A record longer than `max` plus
    /// [`CSV_RECORD_SLACK`] bytes fails the read (an error naming `max`) and ends the reader.
    pub fn new(inner: R, path: &Path, max: u64) -> Result<Self> {
        Self::with_limit(inner, path, max, max.saturating_add(CSV_RECORD_SLACK))
    }

    /// [`CsvReader::new`] refusing records of more than `limit` bytes.
    fn with_limit(inner: R, path: &Path, max: u64, limit: u64) -> Result<Self> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .buffer_capacity(CSV_BUFFER)
            .from_reader(LineCounter::new(inner, limit));
        let headers = reader.byte_headers().cloned();
        let mut this = CsvReader {
            path: path.to_owned(),
            reader,
            headers: csv::ByteRecord::new(),
            record: csv::ByteRecord::new(),
            max,
            done: false,
        };
        if let Some(e) = this.open_quote() {
            return Err(e);
        }
        this.headers = headers.map_err(|e| this.failure(e))?;
        Ok(this)
    }

    /// The header's names (lossily decoded).
    pub fn header_names(&self) -> Vec<String> {
        self.headers
            .iter()
            .map(|h| String::from_utf8_lossy(h).into_owned())
            .collect()
    }

    /// The index of the column named `name` (header names are trimmed).
    pub fn column(&self, name: &str) -> Result<usize> {
        self.headers
            .iter()
            .position(|h| String::from_utf8_lossy(h).trim() == name)
            .ok_or_else(|| Error::MissingColumn {
                at: Location::file(&self.path),
                column: name.to_owned(),
                found: self.header_names().join(","),
            })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The next record, or the error that stands in its place. After an error that leaves the
    /// input unreadable (a record too long, a broken stream, a quote never closed) it returns
    /// `None`; after others (a row of the wrong length) reading goes on.
    #[allow(clippy::should_implement_trait)] // a lending iterator: the record is reused
    pub fn next(&mut self) -> Option<Result<Record<'_>>> {
        if self.done {
            return None;
        }
        let at = self.reader.position().byte();
        self.reader.get_mut().start_record(at);
        let result = self.reader.read_byte_record(&mut self.record);
        if let Some(e) = self.open_quote() {
            return Some(Err(e));
        }
        match result {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => Some(Ok(Record {
                line: self.reader.get_ref().record_line(),
                fields: &self.record,
            })),
            Err(e) => Some(Err(self.failure(e))),
        }
    }

    /// The error for a quote left open at the end of the input, once (it ends the reader).
    fn open_quote(&mut self) -> Option<Error> {
        let line = self.reader.get_ref().open_quote_at_end()?;
        self.done = true;
        Some(Error::Csv {
            at: Location::line(&self.path, line),
            message: "unterminated quoted field: the `\"` opened on this line is never closed".into(),
        })
    }

    /// The error for a failed read, on the line of the record being read.
    fn failure(&mut self, e: csv::Error) -> Error {
        let message = e.to_string();
        let at = Location::line(&self.path, self.reader.get_ref().record_line());
        match e.into_kind() {
            csv::ErrorKind::Io(io) => {
                // The stream is broken (or holds a record too long to read): nothing more is
                // read from it.
                self.done = true;
                if io.get_ref().is_some_and(|inner| inner.is::<RecordTooLong>()) {
                    return Error::TooLarge {
                        at,
                        what: "CSV record",
                        size: None,
                        max: self.max,
                    };
                }
                Error::Csv { at, message }
            }
            csv::ErrorKind::UnequalLengths { expected_len, len, .. } => Error::Csv {
                at,
                message: format!("row has {len} fields, the header has {expected_len}"),
            },
            _ => Error::Csv { at, message },
        }
    }
}

/// The reader under a streaming CSV reader. It passes the bytes through, counting line ends as
/// they go (`\n`, `\r\n` or a lone `\r`), so that each record gets its true line: the `csv`
/// crate's position of a record points at the end of the previous record's terminator (the
/// `\n` of a CRLF) or at the blank lines skipped before the record, and its line count knows
/// only `\n`. It also fails the read, with [`RecordTooLong`], once the current record has grown
/// past `limit` bytes, so one huge record cannot take all memory.
///
/// It keeps only the last bytes read (at most `4 * CSV_BUFFER`): the `csv` reader consumes its
/// buffer (of [`CSV_BUFFER`] bytes) before reading more, so the position where the next record
/// starts is never further back than that.
///
/// As bytes pass, it follows the quotes as the `csv` crate does ([`QuoteScan`]), so that a quote
/// still open at the end of the input is known, with its line.
struct LineCounter<R> {
    inner: R,
    /// Bytes `start..start + window.len()` of the stream: the last ones read.
    window: Vec<u8>,
    start: u64,
    /// Line ends are counted in bytes `..counted` (`start <= counted <= ` the end of `window`).
    counted: u64,
    /// The number of line ends before `counted`.
    lines: u64,
    record: RecordStart,
    limit: u64,
    quotes: QuoteScan,
    /// The inner reader reached its end.
    eof: bool,
}

/// Follows quoted fields as bytes pass, by the `csv` crate's rules: a `"` opens a quoted field
/// only at the start of a field (after `,`, `\r`, `\n` or at the start of the input), `""`
/// inside one is a literal quote, and the next `"` closes it. It jumps from quote to quote
/// (`memchr`) and counts lines (`\n`, `\r\n`, lone `\r`) as it goes, to know where a quote opened.
#[derive(Debug, Clone, Default)]
struct QuoteScan {
    /// Line ends in the bytes fed so far.
    lines: u64,
    /// The last byte fed (`None` at the start of the input).
    last: Option<u8>,
    in_quote: bool,
    /// Inside a quoted field, the last byte fed was a `"`: it closes the field unless a `"`
    /// follows.
    pending: bool,
    /// The 1-based line of the `"` that opened the current quoted field.
    open_line: u64,
}

impl QuoteScan {
    fn feed(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        // Line ends are counted up to `counted` (for the line of a quote that opens).
        let mut counted = 0;
        let mut i = 0;
        if self.pending {
            self.pending = false;
            if bytes[0] == b'"' {
                i = 1; // `""`: a literal quote, still inside
            } else {
                self.in_quote = false;
            }
        }
        while i < bytes.len() {
            let Some(k) = memchr::memchr(b'"', &bytes[i..]) else {
                break;
            };
            let q = i + k;
            if self.in_quote {
                match bytes.get(q + 1) {
                    None => self.pending = true,
                    Some(b'"') => {
                        i = q + 2;
                        continue;
                    }
                    Some(_) => self.in_quote = false,
                }
            } else {
                let before = if q > 0 { Some(bytes[q - 1]) } else { self.last };
                if before.is_none_or(|b| matches!(b, b',' | b'\n' | b'\r')) {
                    self.lines += self.line_ends(bytes, counted, q);
                    counted = q;
                    self.in_quote = true;
                    self.open_line = self.lines + 1;
                }
            }
            i = q + 1;
        }
        self.lines += self.line_ends(bytes, counted, bytes.len());
        self.last = bytes.last().copied();
    }

    /// Line ends in `bytes[from..to]`: every `\r`, and every `\n` not right after a `\r` (the
    /// byte before `bytes` is the last one fed).
    fn line_ends(&self, bytes: &[u8], from: usize, to: usize) -> u64 {
        memchr::memchr2_iter(b'\n', b'\r', &bytes[from..to])
            .filter(|&k| {
                let at = from + k;
                let before = if at > 0 { Some(bytes[at - 1]) } else { self.last };
                bytes[at] == b'\r' || before != Some(b'\r')
            })
            .count() as u64
    }

    /// The line of a quote opened and not closed by the bytes fed so far.
    fn open(&self) -> Option<u64> {
        (self.in_quote && !self.pending).then_some(self.open_line)
    }
}

/// Where the record being read starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RecordStart {
    /// At the first byte at or after this one that is not a line break (not read yet).
    Seek(u64),
    /// At this byte, on this 1-based line.
    Found { byte: u64, line: u64 },
}

/// A CSV record grew too long to read (see [`LineCounter`]).
#[derive(Debug)]
struct RecordTooLong(u64);

impl std::fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CSV record longer than {} bytes", self.0)
    }
}

impl std::error::Error for RecordTooLong {}

impl<R> LineCounter<R> {
    /// Bytes kept after each read.
    const KEEP: usize = 2 * CSV_BUFFER;

    fn new(inner: R, limit: u64) -> Self {
        LineCounter {
            inner,
            window: Vec::new(),
            start: 0,
            counted: 0,
            lines: 0,
            record: RecordStart::Seek(0),
            limit,
            quotes: QuoteScan::default(),
            eof: false,
        }
    }

    /// The line of a quote left open at the end of the input, once the end is reached.
    fn open_quote_at_end(&self) -> Option<u64> {
        self.quotes.open().filter(|_| self.eof)
    }

    /// The next record starts at byte `at` of the stream (the `csv` reader's position, before
    /// any blank lines).
    fn start_record(&mut self, at: u64) {
        debug_assert!(
            at >= self.start,
            "record at byte {at}, but bytes before {} are gone",
            self.start
        );
        self.record = RecordStart::Seek(at);
        self.find_record();
    }

    /// The 1-based line of the record being read (once its first byte is read; before that, the
    /// line of the next byte).
    fn record_line(&self) -> u64 {
        match self.record {
            RecordStart::Found { line, .. } => line,
            RecordStart::Seek(_) => {
                let from = (self.counted - self.start) as usize;
                let ends = (from..self.window.len())
                    .filter(|&i| ends_line(&self.window, i))
                    .count();
                1 + self.lines + ends as u64
            }
        }
    }

    fn end(&self) -> u64 {
        self.start + self.window.len() as u64
    }

    /// Counts the line ends before byte `to`, which must be in the window (so a `\r` just before
    /// it is known to be a CRLF or not).
    fn count_to(&mut self, to: u64) {
        let (from, to_i) = ((self.counted - self.start) as usize, (to - self.start) as usize);
        self.lines += (from..to_i).filter(|&i| ends_line(&self.window, i)).count() as u64;
        self.counted = to;
    }

    /// Looks for the first byte of the record being read among the bytes read.
    fn find_record(&mut self) {
        let RecordStart::Seek(at) = self.record else {
            return;
        };
        let from = at.clamp(self.start, self.end());
        let rest = &self.window[(from - self.start) as usize..];
        match rest.iter().position(|b| !matches!(b, b'\r' | b'\n')) {
            Some(i) => {
                let byte = from + i as u64;
                debug_assert!(
                    byte >= self.counted,
                    "record at byte {byte}, lines counted to {}",
                    self.counted
                );
                if byte > self.counted {
                    self.count_to(byte);
                }
                let line = 1 + self.lines;
                self.record = RecordStart::Found { byte, line };
            }
            None => self.record = RecordStart::Seek(self.end()),
        }
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let cap = buf.len().min(CSV_BUFFER);
        let n = self.inner.read(&mut buf[..cap])?;
        self.eof |= n == 0 && cap > 0;
        self.quotes.feed(&buf[..n]);
        self.window.extend_from_slice(&buf[..n]);
        self.find_record();
        if let RecordStart::Found { byte, .. } = self.record {
            if self.end() - byte > self.limit {
                return Err(io::Error::new(io::ErrorKind::InvalidData, RecordTooLong(self.limit)));
            }
        }
        if self.window.len() > 2 * Self::KEEP {
            let cut = self.window.len() - Self::KEEP;
            let new_start = self.start + cut as u64;
            if self.counted < new_start {
                self.count_to(new_start);
            }
            self.window.drain(..cut);
            self.start = new_start;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record's line, or the error's message, reading `bytes` to the end.
    fn read_all(bytes: &[u8], max: u64) -> Vec<String> {
        let mut reader = match CsvReader::new(bytes, Path::new("t.csv"), max) {
            Ok(r) => r,
            Err(e) => return vec![e.to_string()],
        };
        let mut got = Vec::new();
        while let Some(r) = reader.next() {
            got.push(match r {
                Ok(r) => format!("{}:{}", r.line, String::from_utf8_lossy(&r.fields[0])),
                Err(e) => e.to_string(),
            });
            assert!(reader.reader.get_ref().window.len() <= 4 * CSV_BUFFER);
        }
        got
    }

    #[test]
    fn quotes_left_open_table() {
        let cases: &[(&[u8], Option<u64>)] = &[
            (b"a,b\n1,2\n", None),
            (b"a,b\n1,\"x\n", Some(2)),
            (b"a,b\n1,\"x,\"\"y\"\"\n\"\n", None), // quoted field with a line break and ""
            (b"a,b\n1,x\"y\n", None),              // a quote inside a field is literal
            (b"a,b\n1,\"x\"\"\n", Some(2)),        // "" is a quote, still open
            (b"a,b\r\"x\n", Some(2)),
            (b"a,b\r\n\r\n1,\"x\"\n2,\"\ny\n", Some(4)),
            (b"\"", Some(1)),
        ];
        for (bytes, want) in cases {
            let mut scan = QuoteScan::default();
            scan.feed(bytes);
            assert_eq!(scan.open(), *want, "{:?}", String::from_utf8_lossy(bytes));
            // Fed one byte at a time: the same.
            let mut scan = QuoteScan::default();
            bytes.chunks(1).for_each(|b| scan.feed(b));
            assert_eq!(scan.open(), *want, "{:?} by bytes", String::from_utf8_lossy(bytes));
        }
    }

    /// Lines counted across any chunking agree with [`ends_line`], and the quote state with a
    /// byte-by-byte reading.
    #[test]
    fn quote_scan_is_the_same_for_any_chunking() {
        let text: &[u8] = b"a,\"b\r\n\"\"c\",d\r\re,\"f\n\ng\"x\",\"\"\"\r\n\"h\r\n\"";
        let want_lines = (0..text.len()).filter(|&i| ends_line(text, i)).count() as u64;
        let whole = {
            let mut s = QuoteScan::default();
            s.feed(text);
            s
        };
        assert_eq!(whole.lines, want_lines);
        for size in 1..text.len() {
            let mut s = QuoteScan::default();
            text.chunks(size).for_each(|c| s.feed(c));
            assert_eq!((s.lines, s.open()), (whole.lines, whole.open()), "chunks of {size}");
        }
    }

    #[test]
    fn a_quote_left_open_ends_the_reader_on_its_line() {
        let got = read_all(b"id,text\na,x\nb,\"y\nc,z\nd,w\n", 1000);
        assert_eq!(got[0], "2:a");
        assert_eq!(
            got[1],
            "t.csv:3: unterminated quoted field: the `\"` opened on this line is never closed"
        );
        assert_eq!(got.len(), 2);
        // A row of the wrong length because of it: the quote is what is reported.
        let got = read_all(b"id,text,more\na,\"x,y\nb,c,d\n", 1000);
        assert_eq!(
            got,
            ["t.csv:2: unterminated quoted field: the `\"` opened on this line is never closed"]
        );
        let got = read_all(b"\n\"id,text\n", 1000);
        assert_eq!(
            got,
            ["t.csv:2: unterminated quoted field: the `\"` opened on this line is never closed"]
        );
    }

    /// A record longer than the limit fails the read, naming the record's line; the records
    /// before it are read, none after.
    #[test]
    fn records_past_the_limit_are_refused_on_their_line() {
        for end in ["\n", "\r\n", "\r"] {
            let text = "x".repeat(5 * CSV_BUFFER);
            let csv = format!("id,text{end}a,Short.{end}{end}{end}b,\"{text}\"{end}c,Short.{end}");
            let mut reader =
                CsvReader::with_limit(csv.as_bytes(), Path::new("t.csv"), 7, 2 * CSV_BUFFER as u64).unwrap();
            let first = reader.next().unwrap().unwrap();
            assert_eq!((first.line, &first.fields[0]), (2, &b"a"[..]), "{end:?}");
            let err = reader.next().unwrap().err().unwrap().to_string();
            assert_eq!(
                err, "t.csv:5: CSV record too large (more than 7 bytes; the limit is 7 bytes)",
                "{end:?}"
            );
            assert!(reader.next().is_none());
        }
        // A header too long is refused on its line too.
        let csv = format!("\n\nid,{}\n", "x".repeat(3 * CSV_BUFFER));
        let e = CsvReader::with_limit(csv.as_bytes(), Path::new("t.csv"), 7, CSV_BUFFER as u64)
            .err()
            .unwrap();
        let got = [e.to_string()];
        assert!(got[0].starts_with("t.csv:3: CSV record too large"), "{got:?}");
    }

    #[test]
    fn lines_of_records_and_errors() {
        let got = read_all(
            b"\r\nid,text\r\n\r\n\r\na,x\r\r\rb,\r\n\rc,x,y\n\r\nd,\"q\nq\"\re,1",
            1000,
        );
        assert_eq!(
            got,
            [
                "5:a",
                "8:b",
                "t.csv:10: row has 3 fields, the header has 2",
                "12:d",
                "14:e"
            ]
        );
    }
}
