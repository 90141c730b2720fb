//! Prints `doc,sentence,text` CSV of every sentence of the given articles, as the splitter cuts
//! them: the starting point for hand-labeling a new article.
fn main() {
    let mut w = csv::Writer::from_writer(std::io::stdout());
    w.write_record(["doc", "sentence", "text"]).unwrap();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = std::path::Path::new(&path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for s in stance::text::split_sentences(&text) {
            w.write_record([doc.as_str(), &s.index.to_string(), s.text]).unwrap();
        }
    }
}
