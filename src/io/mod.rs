//! Bytes in and out, nothing about stance: bounded reads and text decoding ([`read`]), one CSV
//! reader with true line numbers ([`csv`]), one folder walker ([`walk`]) and one atomic writer
//! ([`write`]). Everything above reads and writes files through here, so each of these is
//! written once.

pub mod csv;
pub mod read;
pub mod walk;
pub mod write;
