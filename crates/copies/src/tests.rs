//! End-to-end tests of `find_copies` on small hand-made corpora and bad input.

use super::*;
use crossread_core::{char_offset, Attribution, AttributionKind};

fn words(n: usize, seed: u64) -> String {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = String::new();
    for k in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push_str(&format!("w{}", x % 20_000));
        out.push_str(if k % 12 == 11 { ". " } else { " " });
    }
    out
}

fn art(id: &str, text: &str) -> Article {
    Article::from_text(id, text)
}

/// (group, origin, derived, source) by id, per article.
type Expect<'a> = (&'a str, &'a str, Derivation, Option<&'a str>);

fn check(arts: &[Article], expect: &[Expect]) {
    let recs = find_copies(arts);
    assert_eq!(recs.len(), arts.len());
    for (r, (a, e)) in recs.iter().zip(arts.iter().zip(expect)) {
        assert_eq!(r.id, a.id);
        assert_eq!(r.group.as_str(), e.0, "group of {}", a.id);
        assert_eq!(r.origin.as_str(), e.1, "origin of {}", a.id);
        assert_eq!(r.derived, e.2, "derived of {}", a.id);
        assert_eq!(
            r.source.as_ref().map(|s| s.as_str()),
            e.3,
            "source of {}",
            a.id
        );
        check_passages(r, arts);
    }
}

/// Passage invariants: offsets are code points, text matches, sorted.
fn check_passages(r: &CopyRecord, arts: &[Article]) {
    let Some(me) = arts.iter().find(|a| a.id == r.id) else {
        panic!("record for unknown id");
    };
    let chars: Vec<char> = me.text.chars().collect();
    let mut last = 0;
    for p in &r.passages {
        assert!(p.start < p.end && p.end <= chars.len());
        assert!(p.start >= last, "sorted, disjoint");
        last = p.end;
        let t: String = chars[p.start..p.end].iter().collect();
        assert_eq!(t, p.text);
        let Some(src) = arts.iter().find(|a| a.id == p.source) else {
            panic!("passage source unknown");
        };
        assert!(p.source_start <= p.source_end && p.source_end <= src.text.chars().count());
    }
}

#[test]
fn republication_partial_reuse_and_unrelated() {
    let orig = words(400, 1);
    let mut copy = format!(
        "Menu Home About. {} Comments are closed.",
        orig.replacen("w1", "z1", 2)
    );
    copy = copy.replace("w5 ", "w5 extra ");
    let part = format!(
        "{} {}",
        words(150, 2),
        orig.split(". ").take(10).collect::<Vec<_>>().join(". ")
    );
    let other = words(400, 3);
    let mut a = art("orig", &orig);
    a.date = Some("2020-01-01".into());
    let mut b = art("copy", &copy);
    b.date = Some("2020-01-02".into());
    let c = art("part", &part);
    let d = art("other", &other);
    check(
        &[b, a, c, d],
        &[
            ("orig", "orig", Derivation::Wholly, Some("orig")),
            ("orig", "orig", Derivation::None, None),
            ("part", "part", Derivation::Partially, Some("orig")),
            ("other", "other", Derivation::None, None),
        ],
    );
}

#[test]
fn the_original_is_named_before_its_trimmed_copy() {
    // A trimmed copy of the original stands first in the input and holds
    // every passage the third article takes (from the original's start), and
    // fewer of its own words that the article lacks, so it scores higher.
    let orig = words(400, 11);
    let sents: Vec<&str> = orig.split(". ").collect();
    let mut o = art("orig", &orig);
    o.date = Some("2020-01-01".into());
    let mut c = art("copy", &sents[..24].join(". "));
    c.date = Some("2020-01-02".into());
    let mut p = art(
        "part",
        &format!("{} {}", words(150, 12), sents[..10].join(". ")),
    );
    p.date = Some("2020-01-03".into());
    check(
        &[c, o, p],
        &[
            ("orig", "orig", Derivation::Wholly, Some("orig")),
            ("orig", "orig", Derivation::None, None),
            ("part", "part", Derivation::Partially, Some("orig")),
        ],
    );
}

#[test]
fn credits_decide_the_origin() {
    let text = words(300, 5);
    let mut a = art("a", &format!("{text} Anti War reports."));
    a.outlet = Some("The Duran".into());
    a.attributions = vec![Attribution {
        kind: AttributionKind::Reports,
        source: "Antiwar.com".into(),
    }];
    let mut b = art("b", &format!("{text} extra closing line here"));
    b.outlet = Some("antiwar.com".into());
    check(
        &[a, b],
        &[
            ("b", "b", Derivation::Wholly, Some("b")),
            ("b", "b", Derivation::None, None),
        ],
    );
}

#[test]
fn bad_input_never_panics() {
    let long = "word ".repeat(2_000_000); // 10 MB
    let arts = vec![
        art("empty", ""),
        art("empty2", ""),
        art("one", "one"),
        art("one2", "one"),
        art("punct", "!!! ... ???"),
        art("bin", "\u{0}\u{1}\u{fffd}\u{7f}"),
        art("han", "中华人民共和国成立七十周年庆祝大会在北京隆重举行"),
        art("han2", "中华人民共和国成立七十周年庆祝大会在北京隆重举行。"),
        art("long", &long),
        art("long2", &long[..long.len() / 2]),
    ];
    let recs = find_copies(&arts);
    assert_eq!(recs.len(), arts.len());
    for r in &recs {
        check_passages(r, &arts);
    }
    // Empty texts are nobody's copy.
    assert_eq!(recs[0].derived, Derivation::None);
    assert_eq!(recs[1].group.as_str(), "empty2");
    // Identical one-word texts are one group.
    assert_eq!(recs[3].derived, Derivation::Wholly);
    assert_eq!(recs[3].group.as_str(), "one");
    // Same Han text but for a full stop: exact duplicate after tokenising.
    assert_eq!(recs[7].source.as_ref().map(|s| s.as_str()), Some("han"));
    // Half of a huge repetitive text: wholly derived from it.
    assert_eq!(recs[9].derived, Derivation::Wholly);
    assert_eq!(recs[9].group.as_str(), "long");
}

#[test]
fn a_million_identical_articles() {
    let n = 1_000_000;
    let arts: Vec<Article> = (0..n)
        .map(|i| art(&format!("a{i}"), "the same short text"))
        .collect();
    let recs = find_copies(&arts);
    assert_eq!(recs.len(), n);
    assert_eq!(recs[0].derived, Derivation::None);
    assert!(recs[1..]
        .iter()
        .all(|r| r.derived == Derivation::Wholly && r.group.as_str() == "a0"));
    let p = &recs[n - 1].passages[0];
    assert_eq!(
        (p.start, p.end, p.text.as_str()),
        (0, 19, "the same short text")
    );
    assert_eq!(char_offset("the same short text", 19), 19);
}

#[test]
fn output_is_deterministic() {
    let base = words(300, 9);
    let arts: Vec<Article> = (0..20)
        .map(|i| art(&format!("x{i}"), &format!("{} {}", words(50, i), base)))
        .collect();
    let r1 = find_copies(&arts);
    let r2 = find_copies(&arts);
    assert_eq!(r1, r2);
}

#[test]
fn config_is_validated() {
    let mut model = CopiesConfig::default().model;
    model.cuts = [0.9, 0.1];
    let bad = CopiesConfig {
        model,
        ..CopiesConfig::default()
    };
    assert!(matches!(
        find_copies_with(&[], &bad),
        Err(CopiesError::Config(_))
    ));
    assert_eq!(find_copies_with(&[], &CopiesConfig::default()), Ok(vec![]));
}

#[test]
fn margin_over_all_coverage_counts_later_articles() {
    // `a` takes ten sentences of `s`; `later` runs all of `a` and more, so it
    // shares more with `a` than `s` does although it cannot be its source.
    let s = words(300, 21);
    let head = s.split(". ").take(10).collect::<Vec<_>>().join(". ");
    let a_text = format!("{head}. {}", words(100, 22));
    let mut src = art("s", &s);
    src.date = Some("2020-01-01".into());
    let mut a = art("a", &a_text);
    a.date = Some("2020-01-02".into());
    let mut later = art("later", &format!("{a_text} {}", words(20, 23)));
    later.date = Some("2020-01-03".into());
    let cfg = CopiesConfig::default();
    let feat = |arts: &[Article]| {
        let out = find_copies_explained(arts, &cfg).unwrap_or_default();
        out.get(1)
            .and_then(|r| r.1)
            .map(|f| (f.margin, f.margin_any))
    };
    // Alone with its source: it stands out among earlier and all candidates.
    assert_eq!(feat(&[src.clone(), a.clone()]), Some((1.0, 1.0)));
    // With the later article: still alone among earlier ones, not among all.
    assert_eq!(feat(&[src, a, later]), Some((1.0, 0.0)));
}

/// `text` with each word whose position `pick` chooses replaced by
/// `prefix` and that position (a word no other text holds).
fn replace_words(text: &str, pick: impl Fn(usize) -> bool, prefix: &str) -> String {
    text.split(' ')
        .enumerate()
        .map(|(k, w)| {
            if pick(k) {
                format!("{prefix}{k}")
            } else {
                w.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_rewrite_is_derived_but_not_a_copy() {
    // Every other sentence reworded (every third word changed: it keeps two
    // thirds of its words, no run of three): the article is wholly derived
    // from the original, with about half of it verbatim, so it is not the
    // same article. A light edit (one word in twenty) stays a copy.
    let orig = words(400, 21);
    let sents: Vec<&str> = orig.split(". ").collect();
    let rewrite: String = sents
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if i % 2 == 1 {
                replace_words(s, |k| k % 3 == 2, &format!("r{i}x"))
            } else {
                (*s).to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(". ");
    let edited = replace_words(&orig, |k| k % 20 == 7, "e");
    let mut o = art("orig", &orig);
    o.date = Some("2020-01-01".into());
    let mut r = art("rewrite", &rewrite);
    r.date = Some("2020-01-02".into());
    let mut e = art("edited", &edited);
    e.date = Some("2020-01-02".into());
    check(
        &[o, r, e],
        &[
            ("orig", "orig", Derivation::None, None),
            ("rewrite", "rewrite", Derivation::Wholly, Some("orig")),
            ("orig", "orig", Derivation::Wholly, Some("orig")),
        ],
    );
}

fn dated(id: &str, text: &str, date: &str) -> Article {
    let mut a = art(id, text);
    a.date = Some(date.into());
    a
}

fn update(arts: &[Article], known: &[CopyRecord]) -> Vec<CopyRecord> {
    let recs = update_copies(arts, known, &CopiesConfig::default())
        .expect("the default configuration is valid");
    assert_eq!(recs.len(), arts.len());
    for r in &recs {
        check_passages(r, arts);
    }
    recs
}

/// The record of `id`.
fn rec<'a>(recs: &'a [CopyRecord], id: &str) -> &'a CopyRecord {
    let Some(r) = recs.iter().find(|r| r.id.as_str() == id) else {
        panic!("no record for {id}");
    };
    r
}

#[test]
fn an_update_decides_new_articles_as_a_batch_run_does() {
    let orig = words(400, 31);
    let fresh = words(300, 32);
    let sents: Vec<&str> = orig.split(". ").collect();
    let (head, tail) = (sents[..12].join(". "), sents[14..26].join(". "));
    let old = vec![
        dated("orig", &orig, "2020-01-01"),
        dated("other", &words(300, 33), "2020-01-02"),
        dated("part", &format!("{} {head}", words(150, 34)), "2020-01-03"),
        dated(
            "copy0",
            &format!("{orig} Comments are closed."),
            "2020-01-02",
        ),
    ];
    let known = find_copies(&old);
    assert_eq!(rec(&known, "copy0").group.as_str(), "orig");
    let mut all = old.clone();
    all.extend([
        dated(
            "copy",
            &format!("Menu Home. {orig} Share this."),
            "2020-01-05",
        ),
        dated(
            "part2",
            &format!("{tail}. {}", words(200, 35)),
            "2020-01-06",
        ),
        dated("fresh", &fresh, "2020-01-06"),
        dated("fresh-copy", &fresh, "2020-01-07"),
    ]);
    let upd = update(&all, &known);
    let batch = find_copies(&all);
    // The past is kept; every new article gets the batch run's record.
    assert_eq!(&upd[..4], &known[..]);
    assert_eq!(&upd[4..], &batch[4..]);
    // Checked by hand: the copy joins the original's group, the second
    // partial reuse (sentences the first one did not take) names it, the
    // exact copy of a new text joins that one.
    let verdict = |id: &str| {
        let r = rec(&upd, id);
        let source = r.source.as_ref().map(|s| s.as_str().to_owned());
        (r.group.as_str().to_owned(), r.derived, source)
    };
    let orig_id = Some("orig".to_owned());
    assert_eq!(
        verdict("copy"),
        ("orig".into(), Derivation::Wholly, orig_id.clone())
    );
    assert_eq!(
        verdict("part2"),
        ("part2".into(), Derivation::Partially, orig_id)
    );
    assert_eq!(
        verdict("fresh-copy"),
        ("fresh".into(), Derivation::Wholly, Some("fresh".into()))
    );
    assert_eq!(verdict("fresh"), ("fresh".into(), Derivation::None, None));
}

#[test]
fn a_new_article_that_came_first_becomes_the_source_of_a_known_one() {
    let text = words(400, 41);
    let old = vec![dated(
        "copy",
        &format!("{text} Comments are closed."),
        "2020-01-02",
    )];
    let known = find_copies(&old);
    assert_eq!(known[0].derived, Derivation::None);
    let mut all = old.clone();
    all.push(dated("orig", &text, "2020-01-01"));
    let upd = update(&all, &known);
    assert_eq!(upd, find_copies(&all));
    let copy = rec(&upd, "copy");
    assert_eq!(
        (copy.group.as_str(), copy.origin.as_str(), copy.derived),
        ("orig", "orig", Derivation::Wholly)
    );
}

#[test]
fn a_known_record_is_kept_unless_a_new_article_may_be_its_source() {
    let orig = words(400, 51);
    let head = orig.split(". ").take(10).collect::<Vec<_>>().join(". ");
    let old = vec![
        dated("orig", &orig, "2020-01-01"),
        dated("part", &format!("{head} {}", words(100, 52)), "2020-01-02"),
    ];
    let mut known = find_copies(&old);
    assert_eq!(known[1].source.as_ref().map(|s| s.as_str()), Some("orig"));
    assert!(!known[1].passages.is_empty());
    // A stand-in for what an earlier crossread stored: a kept record comes
    // back as it was, so its passages stay empty here.
    known[1].passages.clear();
    let mut all = old.clone();
    // A later article that runs all of `part` and more: a candidate of both
    // old articles, the source of neither.
    all.push(dated(
        "later",
        &format!("{head} {} {}", words(100, 52), words(30, 53)),
        "2020-01-03",
    ));
    let upd = update(&all, &known);
    assert_eq!(&upd[..2], &known[..]);
    assert_eq!(
        rec(&upd, "later").source.as_ref().map(|s| s.as_str()),
        Some("part")
    );
}

#[test]
fn an_update_with_nothing_known_is_a_batch_run() {
    let base = words(300, 61);
    let arts: Vec<Article> = (0..6)
        .map(|i| art(&format!("x{i}"), &format!("{} {base}", words(40, 62 + i))))
        .collect();
    assert_eq!(update(&arts, &[]), find_copies(&arts));
}

/// Whether `word` is a word anchor at one in `2^bits` (the shipped sample).
fn sampled(word: &str, bits: u32) -> bool {
    let h = crate::tokens::tokenize(word).toks[0].hash;
    crate::index::is_word_anchor(crate::index::word_key(h, 0), bits)
}

#[test]
fn a_brief_sharing_a_few_rare_words_is_a_candidate_in_a_small_collection() {
    // Four words that one-in-two sampling keeps and one-in-four does not.
    let shared: Vec<String> = (0..10_000)
        .map(|k| format!("zq{k}"))
        .filter(|w| sampled(w, 1) && !sampled(w, 2))
        .take(4)
        .collect();
    assert_eq!(shared.len(), 4);
    // Each shared word stands between words of its own text only, so the two
    // texts share no 3-gram and only the word anchors can pair them.
    let text = |own: &str, n: usize| {
        let mut t = String::new();
        for k in 0..n {
            t.push_str(&format!("{own}{k} "));
            if let Some(w) = shared.get(k / 3).filter(|_| k % 3 == 1) {
                t.push_str(w);
                t.push(' ');
            }
        }
        t
    };
    let arts = [art("wire", &text("fa", 40)), art("brief", &text("fb", 12))];
    let found = |cfg: &CopiesConfig| {
        let out = find_copies_explained(&arts, cfg).expect("valid config");
        out[1].1.map(|f| f.source)
    };
    assert_eq!(found(&CopiesConfig::default()), Some(0));
    let sparse = CopiesConfig {
        dense_below: 0,
        ..CopiesConfig::default()
    };
    assert_eq!(found(&sparse), None);
}
