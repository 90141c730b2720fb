//! Sentence boundaries a reader would draw, one table per category: abbreviations before a
//! capitalized word, initials, times, page and item numbers, numbered and lettered lists,
//! ellipses, parentheses and quotes, and numbers, addresses and repeated punctuation.
//! The cases are written for this project (news-like wording), after the categories of the
//! public "golden rules" sentence-boundary suites.

use stance::text::split_sentences;

type Case = (&'static str, &'static [&'static str]);

const ABBREVIATIONS: &[Case] = &[
    (
        "Officials met in the U.S. How long they stay is unclear.",
        &["Officials met in the U.S.", "How long they stay is unclear."],
    ),
    (
        "The deal went to Pitt, Briggs & Co. It closed on Friday.",
        &["The deal went to Pitt, Briggs & Co.", "It closed on Friday."],
    ),
    (
        "She works for the U.S. Drug Enforcement Administration in Texas.",
        &["She works for the U.S. Drug Enforcement Administration in Texas."],
    ),
    (
        "He has lived in the U.S. for 20 years.",
        &["He has lived in the U.S. for 20 years."],
    ),
    (
        "The report reached the E.U. They rejected it.",
        &["The report reached the E.U.", "They rejected it."],
    ),
    (
        "The buyer is Acme Inc. The board met on Monday.",
        &["The buyer is Acme Inc.", "The board met on Monday."],
    ),
    (
        "Acme Inc. Chairman Luis Ortega resigned.",
        &["Acme Inc. Chairman Luis Ortega resigned."],
    ),
    (
        "Mr. Ortega met Dr. Ruiz and Gov. Abbott in Austin.",
        &["Mr. Ortega met Dr. Ruiz and Gov. Abbott in Austin."],
    ),
    (
        "They flew over Mt. Rainier and landed in St. Louis.",
        &["They flew over Mt. Rainier and landed in St. Louis."],
    ),
    (
        "She moved to the U.S.A. last year.",
        &["She moved to the U.S.A. last year."],
    ),
    (
        "The talks moved to the U.N. We expect a vote soon.",
        &["The talks moved to the U.N.", "We expect a vote soon."],
    ),
    (
        "That is Martin Luther King Jr.'s speech.",
        &["That is Martin Luther King Jr.'s speech."],
    ),
    (
        "Let's ask the mayor and co. They should know.",
        &["Let's ask the mayor and co.", "They should know."],
    ),
    (
        "The agreement with the U.S. Government was never signed.",
        &["The agreement with the U.S. Government was never signed."],
    ),
];

const INITIALS: &[Case] = &[
    (
        "The statement was signed by Jonas E. Smith.",
        &["The statement was signed by Jonas E. Smith."],
    ),
    (
        "John F. Kennedy visited Mexico City in 1962.",
        &["John F. Kennedy visited Mexico City in 1962."],
    ),
    (
        "Reporting by J. R. Ortiz in Mexico City.",
        &["Reporting by J. R. Ortiz in Mexico City."],
    ),
    (
        "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
        &[
            "We make a good team, you and I.",
            "Did you see Albert I. Jones yesterday?",
        ],
    ),
    (
        "The order came from Gen. George S. Patton's staff.",
        &["The order came from Gen. George S. Patton's staff."],
    ),
    (
        "It was approved under Plan B. The cost was not disclosed.",
        &["It was approved under Plan B.", "The cost was not disclosed."],
    ),
];

const TIMES: &[Case] = &[
    (
        "At 5 a.m. Mr. Ortega went to the bank. He left the bank at 6 P.M. Mr. Ortega then went home.",
        &[
            "At 5 a.m. Mr. Ortega went to the bank.",
            "He left the bank at 6 P.M. Mr. Ortega then went home.",
        ],
    ),
    (
        "The polls closed at 9 p.m. Results came two hours later.",
        &["The polls closed at 9 p.m.", "Results came two hours later."],
    ),
    (
        "The meeting starts at 10 a.m. Monday in Geneva.",
        &["The meeting starts at 10 a.m. Monday in Geneva."],
    ),
    (
        "It ends at 8 p.m. EST on Friday.",
        &["It ends at 8 p.m. EST on Friday."],
    ),
    (
        "The rally began at 11 a.m. and ended at noon.",
        &["The rally began at 11 a.m. and ended at noon."],
    ),
    (
        "The call came at 7 a.m. She answered it.",
        &["The call came at 7 a.m.", "She answered it."],
    ),
];

const PAGES_AND_NUMBERS: &[Case] = &[
    ("Please turn to p. 55.", &["Please turn to p. 55."]),
    (
        "The figures are on pp. 12-14 of the report.",
        &["The figures are on pp. 12-14 of the report."],
    ),
    (
        "The decree, No. 4 of the year, was signed in May.",
        &["The decree, No. 4 of the year, was signed in May."],
    ),
    (
        "Details are in Fig. 3 and Vol. 2 of the filing.",
        &["Details are in Fig. 3 and Vol. 2 of the filing."],
    ),
    (
        "The rule is in Section 2. The next part covers costs.",
        &["The rule is in Section 2.", "The next part covers costs."],
    ),
    (
        "The vote was held on Jan. 5 in the Senate.",
        &["The vote was held on Jan. 5 in the Senate."],
    ),
    ("She has $100.00 in her bag.", &["She has $100.00 in her bag."]),
    (
        "She has $100.00. It is in her bag.",
        &["She has $100.00.", "It is in her bag."],
    ),
    (
        "Prices rose 3.5 percent. They fell 0.2 later.",
        &["Prices rose 3.5 percent.", "They fell 0.2 later."],
    ),
];

const LISTS: &[Case] = &[
    (
        "1. The first item 2. The second item",
        &["1. The first item", "2. The second item"],
    ),
    (
        "1. The first item. 2. The second item.",
        &["1. The first item.", "2. The second item."],
    ),
    (
        "1) The first item 2) The second item",
        &["1) The first item", "2) The second item"],
    ),
    (
        "1.) The first item. 2.) The second item.",
        &["1.) The first item.", "2.) The second item."],
    ),
    (
        "a. The first item b. The second item c. The third item",
        &["a. The first item", "b. The second item", "c. The third item"],
    ),
    (
        "1. Secure the border\n2. Share intelligence",
        &["1. Secure the border", "2. Share intelligence"],
    ),
    (
        "The plan has three steps:\n1. Secure the border.\n2. Share intelligence.",
        &[
            "The plan has three steps:",
            "1. Secure the border.",
            "2. Share intelligence.",
        ],
    ),
    (
        "• 9. The first item • 10. The second item",
        &["• 9. The first item", "• 10. The second item"],
    ),
    (
        "⁃9. The first item ⁃10. The second item",
        &["⁃9. The first item", "⁃10. The second item"],
    ),
    (
        "• Border checks resume • Talks continue in May",
        &["• Border checks resume", "• Talks continue in May"],
    ),
];

const ELLIPSES: &[Case] = &[
    (
        "I never meant that.... She left the store.",
        &["I never meant that....", "She left the store."],
    ),
    (
        "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
        &["I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."],
    ),
    (
        "The talks stalled, and that was all . . . . Officials left the room.",
        &[
            "The talks stalled, and that was all . . . .",
            "Officials left the room.",
        ],
    ),
    (
        "He wrote that “the rules will appear less complex. . . .” Nobody answered.",
        &[
            "He wrote that “the rules will appear less complex. . . .”",
            "Nobody answered.",
        ],
    ),
    (
        "\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).",
        &["\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55)."],
    ),
    ("Prices rose... and then fell.", &["Prices rose... and then fell."]),
    ("It was over… Nobody spoke.", &["It was over…", "Nobody spoke."]),
];

const PARENTHESES_AND_QUOTES: &[Case] = &[
    (
        "He teaches science (He previously worked for 5 years as an engineer.) at the local University.",
        &["He teaches science (He previously worked for 5 years as an engineer.) at the local University."],
    ),
    (
        "She turned to him, \"This is great.\" she said.",
        &["She turned to him, \"This is great.\" she said."],
    ),
    (
        "She turned to him, \"This is great.\" She held the book out.",
        &["She turned to him, \"This is great.\"", "She held the book out."],
    ),
    (
        "She turned to him, 'This is great.' she said.",
        &["She turned to him, 'This is great.' she said."],
    ),
    (
        "“Is it true?” asked the reporter.",
        &["“Is it true?” asked the reporter."],
    ),
    (
        "Sheinbaum said: “There is no agreement.” The DEA disagreed.",
        &["Sheinbaum said: “There is no agreement.”", "The DEA disagreed."],
    ),
    (
        "(The meeting was closed to the press.) Officials declined to comment.",
        &[
            "(The meeting was closed to the press.)",
            "Officials declined to comment.",
        ],
    ),
    ("He said 'no.' Then he left.", &["He said 'no.'", "Then he left."]),
];

const PUNCTUATION_AND_ADDRESSES: &[Case] = &[
    ("Hello!! Long time no see.", &["Hello!!", "Long time no see."]),
    ("Hello?! Is that you?", &["Hello?!", "Is that you?"]),
    (
        "She works at Yahoo! in the accounting department.",
        &["She works at Yahoo! in the accounting department."],
    ),
    (
        "Her email is jane.doe@example.com. I sent her an email.",
        &["Her email is jane.doe@example.com.", "I sent her an email."],
    ),
    (
        "The site is https://www.example.com/new/page.html. Please check it out.",
        &[
            "The site is https://www.example.com/new/page.html.",
            "Please check it out.",
        ],
    ),
    (
        "You can find it at N°. 1026.253.553. That is where it is.",
        &["You can find it at N°. 1026.253.553.", "That is where it is."],
    ),
];

const CATEGORIES: &[(&str, &[Case])] = &[
    ("abbreviations", ABBREVIATIONS),
    ("initials", INITIALS),
    ("times", TIMES),
    ("pages and numbers", PAGES_AND_NUMBERS),
    ("lists", LISTS),
    ("ellipses", ELLIPSES),
    ("parentheses and quotes", PARENTHESES_AND_QUOTES),
    ("punctuation and addresses", PUNCTUATION_AND_ADDRESSES),
];

#[test]
fn every_category_splits_as_a_reader_would() {
    let mut failures = Vec::new();
    let mut total = 0;
    for (category, cases) in CATEGORIES {
        for (input, expected) in *cases {
            total += 1;
            let got: Vec<&str> = split_sentences(input).iter().map(|s| s.text).collect();
            if got != *expected {
                failures.push(format!("[{category}] {input:?}\n   got {got:?}"));
            }
        }
    }
    eprintln!("{} of {total} cases pass", total - failures.len());
    assert!(total >= 48, "the table holds {total} cases");
    assert!(
        failures.is_empty(),
        "{} of {total} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn spans_point_into_the_text_for_every_case() {
    for (_, cases) in CATEGORIES {
        for (input, _) in *cases {
            let mut prev_end = 0;
            for (i, s) in split_sentences(input).iter().enumerate() {
                assert_eq!(s.index, i);
                assert_eq!(&input[s.start..s.end], s.text);
                assert!(s.start >= prev_end, "{input:?}");
                prev_end = s.end;
            }
        }
    }
}
