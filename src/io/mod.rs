//! Bytes in and out, nothing about stance: bounded reads and text decoding ([`read`]), one CSV
//! reader with true line numbers ([`csv`]), one folder walker ([`walk`]) and one atomic writer
//! ([`write`](mod@write)). Everything above reads and writes files through here, so each of
//! these is written once. Articles that are not plain text are recognized by [`sniff`] (PDF,
//! Word, images: refused; HTML: read for its main text by [`html`]). Where a batch's articles
//! come from (files, folders, standard input, JSON lines, CSV rows) is [`inputs`].

pub mod csv;
pub mod html;
pub mod inputs;
pub mod read;
pub mod sniff;
pub mod walk;
pub mod write;
