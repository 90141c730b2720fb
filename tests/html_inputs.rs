//! HTML articles through the real binary: a saved news page (navigation, styles, scripts in the
//! head and in the body, entities, a footer) is classified on its main text only; an HTML page
//! saved as `.txt`, or fed on standard input, is recognized; folders pick up `.html` and `.htm`
//! beside `.txt`; `--input-format html` reads every file as a page.

mod common;

use common::*;

const PAGE: &str = "tests/fixtures/inputs/dea-statement.html";
const SAVED_AS_TXT: &str = "tests/fixtures/inputs/saved-page.txt";

/// The `text` column of `classify --format csv` output.
fn texts(stdout: &str) -> Vec<String> {
    let (header, rows) = parse_csv(stdout);
    let text = header.iter().position(|h| h == "text").expect("a text column");
    rows.into_iter().map(|r| r[text].clone()).collect()
}

/// Asserts that the sentences are the article's: headline first, entities decoded, nothing of
/// the page around it.
fn assert_article(texts: &[String], headline: &str) {
    assert_eq!(texts[0], headline, "{texts:#?}");
    assert_eq!(texts.len(), 8, "{texts:#?}");
    let all = texts.join("\n");
    assert!(all.contains("Mexico’s president said on Tuesday"), "{all}");
    assert!(
        all.contains("“There is no agreement with the DEA,” she told reporters"),
        "{all}"
    );
    assert!(all.contains("both sides & their partners."), "{all}");
    assert!(all.contains("border — a description"), "{all}");
    for gone in [
        "<",
        "&rsquo;",
        "&amp;",
        "&#",
        "Home",
        "Politics",
        "Skip to content",
        "Search",
        "Most read",
        "Storm closes",
        "morning briefing",
        "Sign up",
        "All rights reserved",
        "Privacy",
        "dataLayer",
        "gtag",
        "document.write",
        "Advertisement",
        "console.log",
        "font-family",
        "NewsArticle",
    ] {
        assert!(!all.contains(gone), "{gone:?} kept:\n{all}");
    }
}

#[test]
fn a_saved_news_page_is_classified_on_its_main_text() {
    let ws = trained_workspace();
    let run = stance(
        ws.path(),
        &["classify", "--format", "csv", repo(PAGE).to_str().unwrap()],
    )
    .ok();
    assert_article(
        &texts(&run.stdout),
        "Mexico says there is no new security deal with the DEA",
    );
}

#[test]
fn an_html_page_saved_as_txt_or_piped_in_is_read_as_html() {
    let ws = trained_workspace();
    let headline = "DEA and Mexico differ over border plan";
    let run = stance(
        ws.path(),
        &["classify", "--format", "csv", repo(SAVED_AS_TXT).to_str().unwrap()],
    )
    .ok();
    assert_article(&texts(&run.stdout), headline);
    let page = std::fs::read(repo(SAVED_AS_TXT)).unwrap();
    for args in [
        &["classify", "--format", "csv", "-"][..],
        &["classify", "--format", "csv", "--input-format", "html", "-"][..],
    ] {
        let run = stance_stdin(ws.path(), args, Some(&page)).ok();
        assert_article(&texts(&run.stdout), headline);
    }
}

#[test]
fn folders_pick_up_html_and_htm_beside_txt() {
    let ws = trained_workspace();
    let news = ws.path().join("news");
    std::fs::create_dir(&news).unwrap();
    let page = std::fs::read(repo(PAGE)).unwrap();
    std::fs::write(news.join("a.txt"), "Mexico denied any agreement.\n").unwrap();
    std::fs::write(news.join("b.html"), &page).unwrap();
    std::fs::write(news.join("c.HTM"), &page).unwrap();
    std::fs::write(news.join("d.md"), "Not read.\n").unwrap();
    let run = stance(ws.path(), &["classify", "--format", "csv", "--summary", "news"]).ok();
    let docs: Vec<String> = parse_csv(&run.stdout).1.into_iter().map(|r| r[0].clone()).collect();
    assert_eq!(docs, ["a.txt", "b.html", "c.HTM"]);
    // --input-format html takes only pages from folders.
    let run = stance(
        ws.path(),
        &[
            "classify",
            "--format",
            "csv",
            "--summary",
            "--input-format",
            "html",
            "news",
        ],
    )
    .ok();
    let docs: Vec<String> = parse_csv(&run.stdout).1.into_iter().map(|r| r[0].clone()).collect();
    assert_eq!(docs, ["b.html", "c.HTM"]);
    // A folder with neither says which endings it looked for and how to choose others.
    std::fs::create_dir(ws.path().join("notes")).unwrap();
    std::fs::write(ws.path().join("notes/x.md"), "Notes.\n").unwrap();
    stance(ws.path(), &["classify", "notes"]).fails(2, "notes: folder holds no .txt or .html or .htm files (--ext");
}

#[test]
fn a_page_with_a_script_in_the_article_text_runs_nothing_and_keeps_no_markup() {
    let ws = trained_workspace();
    let page = "<html><head><title>Officials deny the report</title></head><body>\n\
        <article><p>Officials denied on Friday that any agreement had been signed with the agency, \
        saying the statement published by the agency was not accurate and had not been agreed.</p>\n\
        <script>alert('x')</script><p>The agency said it stood by its statement &amp; would publish \
        the text of the plan later this week, according to a spokesperson.</p></article></body></html>";
    std::fs::write(ws.path().join("p.htm"), page).unwrap();
    let run = stance(ws.path(), &["classify", "--format", "csv", "p.htm"]).ok();
    let texts = texts(&run.stdout);
    assert_eq!(texts[0], "Officials deny the report");
    assert!(
        texts.iter().all(|t| !t.contains("alert") && !t.contains('<')),
        "{texts:#?}"
    );
    assert!(texts.iter().any(|t| t.contains("statement & would")), "{texts:#?}");
}
