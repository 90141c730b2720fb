//! An HTML page's main text, for classifying a saved web page as an article.
//!
//! The page goes through `dom_smoothie`, a port of Mozilla's readability.js (the Firefox
//! reader view): it scores the page's blocks and keeps the article, dropping navigation,
//! scripts, styles, forms, headers and footers, share buttons and other boilerplate. Its
//! formatted text mode decodes entities and ends each paragraph, heading and list item with a
//! line break, which the sentence splitter honours. The page title (as readability cleans it,
//! without the site name) comes first, on a line of its own, unless the text already starts
//! with it.

use dom_smoothie::{Config, Readability, TextMode};

/// The main text of an HTML page: title, then one paragraph per line. `None` when the page
/// holds no article text.
pub fn main_text(html: &str) -> Option<String> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = Readability::new(html, None, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    let body = tidy(&article.text_content);
    let title = article.title.trim();
    let text = if title.is_empty() || body.starts_with(title) {
        body
    } else {
        format!("{title}\n{body}")
    };
    (!text.trim().is_empty()).then_some(text)
}

/// One paragraph per line: lines trimmed, runs of white space inside them made one space,
/// blank lines dropped.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            continue;
        }
        for (i, w) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>No deal with the DEA, says Mexico | Daily Wire</title>
<style>body { font-family: serif; } .ad { display: none; }</style>
<script>window.dataLayer = [{"page": "article"}]; function track() { return "assertion"; }</script>
</head><body>
<header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sports">Sports</a></nav></header>
<main><article>
<h1>No deal with the DEA, says Mexico</h1>
<p>Mexico&rsquo;s president said on Monday that there is no new security agreement with the United States, rejecting a statement issued by the agency last week.</p>
<p>&ldquo;We have not reached any agreement,&rdquo; she told reporters at the morning press conference, adding that cooperation continues under existing rules &amp; treaties.</p>
<script>track("inline");</script>
<p>The agency had described the plan as a joint effort against trafficking networks operating on both sides of the border, and said talks would continue in the coming weeks.</p>
</article></main>
<footer><p>&copy; 2025 Daily Wire. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"#;

    #[test]
    fn keeps_the_article_and_drops_the_rest() {
        let text = main_text(PAGE).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("No deal with the DEA"), "{text}");
        assert!(text.contains("Mexico’s president said on Monday"), "{text}");
        assert!(text.contains("“We have not reached any agreement,” she told"), "{text}");
        assert!(text.contains("rules & treaties."), "{text}");
        for gone in [
            "Home",
            "Sports",
            "dataLayer",
            "track(",
            "font-family",
            "Privacy",
            "&rsquo;",
            "<p>",
        ] {
            assert!(!text.contains(gone), "{gone:?} kept in {text}");
        }
        // Each paragraph on a line of its own.
        assert!(
            lines.iter().any(|l| l.starts_with("The agency had described")),
            "{text}"
        );
    }

    #[test]
    fn a_page_without_text_has_none() {
        let page = "<html><head><title></title><style>p { margin: 0 }</style></head>\n\
                    <body><script>document.write(\"Breaking\")</script></body></html>";
        assert_eq!(main_text(page), None);
    }
}
