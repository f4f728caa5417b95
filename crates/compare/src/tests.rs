//! Tests of the whole comparison on small stories written by hand.

use super::*;
use crossread_core::{Derivation, Passage, PassageKind};

fn art(id: &str, outlet: &str, date: Option<&str>, text: &str) -> Article {
    let mut a = Article::from_text(id, text);
    a.outlet = Some(outlet.to_string());
    a.date = date.map(String::from);
    a.title = Some(format!("Title of {id}"));
    a
}

fn own(id: &str) -> CopyRecord {
    CopyRecord {
        id: id.into(),
        group: GroupId::new(format!("g-{id}")),
        origin: id.into(),
        derived: Derivation::None,
        source: None,
        passages: vec![],
    }
}

/// The record of `id`, `derived` from `source` through `passages`.
fn taken(id: &str, derived: Derivation, source: &str, passages: Vec<Passage>) -> CopyRecord {
    CopyRecord {
        passages,
        derived,
        source: (derived != Derivation::None).then(|| source.into()),
        ..own(id)
    }
}

/// A passage of `text` taken from `source`: chars `start..start + len(text)`
/// of the article (ASCII texts in these tests).
fn passage(text: &str, start: usize, source: &str, kind: PassageKind) -> Passage {
    let n = text.chars().count();
    Passage {
        start,
        end: start + n,
        text: text.to_string(),
        source: source.into(),
        source_start: 0,
        source_end: n,
        kind,
    }
}

fn run(arts: &[Article], recs: &[CopyRecord]) -> StoryComparison {
    let input = StoryInput {
        story: "s1".into(),
        thread: "t1".into(),
        articles: arts.iter().collect(),
        copies: recs.iter().collect(),
    };
    compare(&input)
}

fn claim_with<'a>(c: &'a StoryComparison, needle: &str) -> &'a Claim {
    c.claims
        .iter()
        .find(|c| c.text.contains(needle))
        .unwrap_or_else(|| panic!("no claim with {needle:?} in {:#?}", c.claims))
}

const WIRE: &str =
    "An estimated 3,000 ISIS fighters remain in Iraq and Syria, the ministry said on Monday.\n\n\
                    The army will hold talks with the coalition about joint operations next week.";

#[test]
fn a_copy_group_counts_once() {
    let arts = vec![
        art("a", "Wire", Some("2017-12-07"), WIRE),
        art("b", "Paper", Some("2017-12-08"), WIRE),
        art("c", "Other", Some("2017-12-08"), "Officials believe an estimated 3,000 ISIS fighters still remain in Iraq and Syria today."),
    ];
    let mut rb = own("b");
    rb.group = GroupId::new("g-a");
    rb.origin = "a".into();
    rb.derived = Derivation::Wholly;
    rb.source = Some("a".into());
    let recs = vec![own("a"), rb, own("c")];
    let c = run(&arts, &recs);
    let fighters = claim_with(&c, "3,000 ISIS fighters");
    let ids: Vec<&str> = fighters.articles.iter().map(|a| a.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(
        fighters.independent_sources, 2,
        "a and b are one copy group; c wrote it itself"
    );
    assert_eq!(c.copy_groups.len(), 1);
    assert_eq!(c.copy_groups[0].origin.as_str(), "a");
    assert_eq!(
        c.claims[0].independent_sources, 2,
        "claims are sorted by independent support"
    );
}

#[test]
fn a_reused_passage_counts_once_but_new_text_counts_again() {
    let paper = "An estimated 3,000 ISIS fighters remain in Iraq and Syria, the ministry said on Monday.\n\n\
                 Our reporter saw the army commanders hold talks with the coalition about joint operations.";
    let arts = vec![
        art("w", "Wire", Some("2017-12-07"), WIRE),
        art("p", "Paper", Some("2017-12-08"), paper),
    ];
    let first_para_chars = paper.split("\n\n").next().map_or(0, |s| s.chars().count());
    let first: String = paper.chars().take(first_para_chars).collect();
    let rp = taken(
        "p",
        Derivation::Partially,
        "w",
        vec![passage(&first, 0, "w", PassageKind::Verbatim)],
    );
    let c = run(&arts, &[own("w"), rp]);
    assert_eq!(claim_with(&c, "3,000 ISIS fighters").independent_sources, 1);
    let talks = claim_with(&c, "talks with the coalition");
    assert_eq!(talks.articles.len(), 2, "{:#?}", c.claims);
    assert_eq!(talks.independent_sources, 2);
}

#[test]
fn a_reworded_sentence_in_pieces_from_one_source_counts_once() {
    // The copies stage marks a reworded sentence as verbatim and rewrite
    // pieces, none of them half the sentence; together they cover it.
    let paper = "An estimated 3,000 ISIS fighters are still in Iraq and Syria, the ministry said on Monday.";
    let arts = vec![
        art("w", "Wire", Some("2017-12-07"), WIRE),
        art("p", "Paper", Some("2017-12-08"), paper),
    ];
    let piece = |text: &str, kind: PassageKind| {
        let start = paper.find(text).expect("piece of the paper");
        passage(text, start, "w", kind)
    };
    let pieces = [
        piece("An estimated 3,000 ISIS fighters", PassageKind::Verbatim),
        piece(" are still ", PassageKind::Rewrite),
        piece("in Iraq and Syria, the ministry", PassageKind::Verbatim),
        piece(" said on Monday", PassageKind::Verbatim),
    ];
    assert!(pieces.iter().all(|p| 2 * (p.end - p.start) < paper.len()));
    let rp = taken("p", Derivation::Partially, "w", pieces.to_vec());
    let c = run(&arts, &[own("w"), rp]);
    let fighters = claim_with(&c, "3,000 ISIS fighters");
    assert_eq!(fighters.articles.len(), 2, "{:#?}", c.claims);
    assert_eq!(fighters.independent_sources, 1);
}

#[test]
fn one_outlet_counts_once_however_many_articles_it_runs() {
    // A first report and its update by one outlet, no copy records between
    // them, and another outlet's own report.
    let arts = vec![
        art("w1", "Wire", Some("2017-12-07"), WIRE),
        art(
            "w2",
            "Wire",
            Some("2017-12-08"),
            "An estimated 3,000 ISIS fighters remain in Iraq and Syria, the ministry said again on Tuesday.",
        ),
        art(
            "p",
            "Paper",
            Some("2017-12-08"),
            "Officials believe an estimated 3,000 ISIS fighters still remain in Iraq and Syria today.",
        ),
    ];
    let c = run(&arts, &[own("w1"), own("w2"), own("p")]);
    let fighters = claim_with(&c, "3,000 ISIS fighters");
    assert_eq!(fighters.articles.len(), 3, "{:#?}", c.claims);
    assert_eq!(fighters.independent_sources, 2);
}

#[test]
fn a_text_taken_from_one_version_of_a_wire_story_counts_with_the_others() {
    // A wire's two versions of a story; the paper's sentence is a passage
    // from the first version, whose own wording of it aligns elsewhere.
    let paper =
        "An estimated 3,000 ISIS fighters remain in Iraq and Syria, the ministry said on Monday.";
    let arts = vec![
        art(
            "w1",
            "Wire",
            Some("2017-12-07"),
            "The ministry gave its estimate of the fighters on Monday.",
        ),
        art("w2", "Wire", Some("2017-12-07"), WIRE),
        art("p", "Paper", Some("2017-12-08"), paper),
    ];
    let rp = taken(
        "p",
        Derivation::Partially,
        "w1",
        vec![passage(paper, 0, "w1", PassageKind::Rewrite)],
    );
    let c = run(&arts, &[own("w1"), own("w2"), rp]);
    let fighters = claim_with(&c, "3,000 ISIS fighters");
    let ids: Vec<&str> = fighters.articles.iter().map(|a| a.as_str()).collect();
    assert_eq!(ids, ["w2", "p"]);
    assert_eq!(fighters.independent_sources, 1);
}

#[test]
fn short_passages_of_an_article_called_not_derived_tie_nothing() {
    // The copies stage lists what a paper shares with the wire even when it
    // judges the paper written on its own; a sentence-long run is shared
    // wording, not copying.
    let paper =
        "An estimated 3,000 ISIS fighters remain in Iraq and Syria, the ministry said on Monday.";
    let arts = vec![
        art("w", "Wire", Some("2017-12-07"), WIRE),
        art("p", "Paper", Some("2017-12-08"), paper),
    ];
    let record = |derived| {
        let whole = passage(paper, 0, "w", PassageKind::Verbatim);
        taken("p", derived, "w", vec![whole])
    };
    let sources = |derived| {
        let c = run(&arts, &[own("w"), record(derived)]);
        claim_with(&c, "3,000 ISIS fighters").independent_sources
    };
    assert_eq!(sources(Derivation::Partially), 1);
    assert_eq!(sources(Derivation::None), 2);
}

#[test]
fn numbers_must_agree_for_claims_to_align() {
    let arts = vec![
        art(
            "a",
            "A",
            None,
            "The city of Raqqa was 90% destroyed during the long siege by coalition forces.",
        ),
        art(
            "b",
            "B",
            None,
            "The city of Raqqa was 50% destroyed during the long siege by coalition forces.",
        ),
    ];
    let c = run(&arts, &[]);
    assert_eq!(c.claims.len(), 2, "{:#?}", c.claims);
    assert!(c.claims.iter().all(|x| x.independent_sources == 1));
}

#[test]
fn ridiculous_to_claim_is_a_dispute() {
    let arts = vec![
        art(
            "x",
            "X",
            Some("2017-12-01"),
            "ISIS has been militarily defeated in Syria largely through the combined efforts of Russian and Syrian forces, \
             Russian President Vladimir Putin has announced.",
        ),
        art(
            "y",
            "Y",
            Some("2019-05-01"),
            "And it is particularly ridiculous for the Kremlin and its propagandists to claim that it was Putin’s Russia \
             that defeated ISIS in the first place.",
        ),
    ];
    let c = run(&arts, &[]);
    let claim = claim_with(&c, "militarily defeated");
    assert_eq!(claim.disputed_by.len(), 1, "{:#?}", c.claims);
    assert_eq!(claim.disputed_by[0].article.as_str(), "y");
    assert!(claim.disputed_by[0].text.contains("ridiculous"));
    let q = &c.quotes;
    assert!(
        q.iter()
            .any(|q| q.speaker == "Vladimir Putin" && q.cue == "announced"),
        "{q:#?}"
    );
}

#[test]
fn by_article_gives_each_article_its_sentences_and_disputes() {
    // "é" and "’" are one char each but several bytes: the offsets are chars.
    let a_text = "Café owners met on Monday. ISIS has been militarily defeated in Syria largely \
                  through the combined efforts of Russian and Syrian forces, Russian President \
                  Vladimir Putin has announced.";
    let y_text =
        "And it is particularly ridiculous for the Kremlin and its propagandists to claim \
                  that it was Putin’s Russia that defeated ISIS in the first place.";
    let arts = vec![
        art("x", "X", Some("2017-12-01"), a_text),
        art("y", "Y", Some("2019-05-01"), y_text),
    ];
    let c = run(&arts, &[]);
    let refs: Vec<&Article> = arts.iter().collect();
    let views = by_article(&c, &refs);
    let ids: Vec<&str> = views.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, ["x", "y"]);
    let x = &views[0];
    assert_eq!(x.story.as_str(), "s1");
    let claim = x
        .claims
        .iter()
        .find(|k| k.claim.contains("militarily defeated"))
        .unwrap_or_else(|| panic!("{:#?}", x.claims));
    // The second sentence starts after "Café owners met on Monday. " (27 chars).
    let want = &a_text[a_text.find("ISIS").unwrap_or(0)..];
    assert_eq!(claim.text, want);
    assert_eq!(claim.start, 27);
    assert_eq!(claim.end, 27 + want.chars().count());
    assert_eq!(claim.status, ClaimStatus::Unique);
    assert_eq!(claim.articles, vec![ArticleId::from("x")]);
    assert_eq!(claim.disputed_by, vec![ArticleId::from("y")]);
    let y = &views[1];
    assert_eq!(y.disputes.len(), 1, "{:#?}", y.disputes);
    assert!(y.disputes[0].text.contains("ridiculous"));
    assert!(y.disputes[0].claim.contains("militarily defeated"));
    assert!(
        x.quotes.iter().any(|q| q.speaker == "Vladimir Putin"),
        "{:#?}",
        x.quotes
    );
    assert!(y.quotes.iter().all(|q| q.speaker != "Vladimir Putin"));
    // ISIS is named in both articles, Syria only in x.
    let count = |v: &ArticleComparison, name: &str| {
        v.entities
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.articles)
    };
    assert_eq!(count(x, "ISIS"), Some(2), "{:#?}", x.entities);
    assert_eq!(count(y, "ISIS"), Some(2), "{:#?}", y.entities);
    assert_eq!(count(x, "Syria"), Some(1), "{:#?}", x.entities);
    assert_eq!(count(y, "Syria"), None, "{:#?}", y.entities);
}

#[test]
fn entities_and_numbers_are_listed_per_article() {
    let arts = vec![
        art(
            "a",
            "A",
            None,
            "Russian President Vladimir Putin visited Damascus on Monday with 40 officials.",
        ),
        art(
            "b",
            "B",
            None,
            "Putin later flew to Syria with 40 officials and met the White House envoy.",
        ),
    ];
    let c = run(&arts, &[]);
    let putin = c
        .entities
        .iter()
        .find(|e| e.name == "Vladimir Putin")
        .expect("Putin");
    assert_eq!(putin.kind, EntityKind::Person);
    assert_eq!(
        putin.articles.len(),
        2,
        "the short name resolves to the full one"
    );
    assert!(c
        .entities
        .iter()
        .any(|e| e.name == "Damascus" && e.kind == EntityKind::Place));
    assert!(c
        .entities
        .iter()
        .any(|e| e.name == "White House" && e.kind == EntityKind::Organisation));
    let forty = c.numbers.iter().find(|n| n.value == 40.0).expect("40");
    assert_eq!(forty.unit, "officials");
    assert_eq!(forty.articles.len(), 2);
}

#[test]
fn json_has_the_contract_fields() {
    let arts = vec![art("a", "A", Some("2020-01-02"), WIRE)];
    let c = run(&arts, &[own("a")]);
    let v = serde_json::to_value(&c).expect("serialises");
    let keys: Vec<&str> = v
        .as_object()
        .map(|o| o.keys().map(|k| k.as_str()).collect())
        .unwrap_or_default();
    for k in [
        "id",
        "title",
        "first_seen",
        "thread",
        "articles",
        "copy_groups",
        "claims",
        "quotes",
        "entities",
        "numbers",
    ] {
        assert!(keys.contains(&k), "missing {k}");
    }
    assert_eq!(v["articles"][0]["copy_group"], "g-a");
    assert_eq!(v["first_seen"], "2020-01-02");
    let claim = &v["claims"][0];
    for k in [
        "text",
        "articles",
        "independent_sources",
        "outlets",
        "disputed_by",
    ] {
        assert!(claim.get(k).is_some(), "claim misses {k}");
    }
    let back: StoryComparison = serde_json::from_value(v).expect("reads back");
    let mut c = c;
    for cl in &mut c.claims {
        assert!(!cl.evidence.is_empty());
        cl.evidence.clear();
    }
    assert_eq!(back, c);
}

#[test]
fn bad_input_gives_sensible_output() {
    // Empty story.
    let c = run(&[], &[]);
    assert!(c.articles.is_empty() && c.claims.is_empty() && c.title.is_none());
    // One article, no sentences, binary, other scripts.
    let texts = [
        "",
        "\u{0}\u{1}\u{2}\u{ffff}",
        "Путин заявил, что операция завершена. «Мы победили», — сказал он журналистам в Москве.",
        "普京宣布在叙利亚取得胜利。他说：“我们赢了。”",
        "بوتين يعلن النصر في سوريا. وقال إن العملية انتهت.",
        &"« « « \" \" “ ” ”".repeat(1000),
        &"word ".repeat(100_000),
    ];
    for t in texts {
        let c = run(&[art("a", "A", None, t)], &[]);
        assert_eq!(c.articles.len(), 1);
        assert!(c.claims.iter().all(|x| x.independent_sources == 1));
        let _ = render_terminal(&[c], 100);
    }
    // Duplicate ids and records for articles not in the story.
    let a = art("a", "A", None, WIRE);
    let c = run(&[a.clone(), a], &[own("zzz")]);
    assert_eq!(c.articles.len(), 1);
}

#[test]
fn terminal_report_fits_100_columns() {
    let arts = vec![
        art("a", "Wire Service", Some("2017-12-07"), WIRE),
        art("b", "Paper", Some("2017-12-08"), &format!("{WIRE}\n\n\"We will not stop until the job is done,\" said John Smith, the commander.")),
    ];
    let c = run(&arts, &[own("a"), own("b")]);
    let text = render_terminal(&[c], 100);
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
    for section in ["OUTLETS", "CLAIMS", "QUOTES BY SPEAKER", "John Smith"] {
        assert!(text.contains(section), "missing {section} in\n{text}");
    }
}

#[test]
fn random_text_never_panics() {
    // Deterministic xorshift over a pool rich in marks, digits and scripts.
    let pool: Vec<char> = "aZ .,;:!?\"'“”‘’«»„「」()[]-–—\n\n0123456789%£$€MrGen.saidtoldaccording ИЖ中文ع é\u{0}\u{200b}`"
        .chars()
        .collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for round in 0..60 {
        let mut arts = Vec::new();
        for k in 0..(1 + round % 4) {
            let len = (next() % 600) as usize;
            let text: String = (0..len)
                .map(|_| pool[(next() % pool.len() as u64) as usize])
                .collect();
            arts.push(art(&format!("r{round}-{k}"), "O", None, &text));
        }
        let c = run(&arts, &[]);
        assert_eq!(c.articles.len(), arts.len());
        let _ = render_terminal(&[c], 60);
    }
}

#[test]
fn ten_thousand_articles_stay_bounded() {
    let texts = [
        WIRE,
        "Officials believe an estimated 3,000 ISIS fighters still remain in Iraq and Syria today.",
        "",
    ];
    let arts: Vec<Article> = (0..10_000)
        .map(|i| {
            art(
                &format!("a{i:05}"),
                &format!("O{}", i % 50),
                None,
                texts[i % 3],
            )
        })
        .collect();
    let c = run(&arts, &[]);
    assert_eq!(c.articles.len(), 10_000);
    assert!(c.claims.len() <= MAX_CLAIMS && c.quotes.len() <= MAX_QUOTES);
    let fighters = claim_with(&c, "3,000 ISIS fighters");
    assert!(
        fighters.articles.len() > 3000,
        "republished sentences join one claim"
    );
}

#[test]
fn taken_from_adds_up_one_source_s_pieces_only() {
    // A 40-char span: 12 + 12 chars from "w" make 24 (half or more); 12 from
    // "x" and 12 from "y" make no source.
    let p =
        |start: usize, source: &str| passage(&"a".repeat(12), start, source, PassageKind::Verbatim);
    let rec = |derived, passages| taken("p", derived, "w", passages);
    let ids = |r: &CopyRecord| -> Vec<String> {
        taken_from(r, 0, 40)
            .iter()
            .map(|a| a.as_str().to_string())
            .collect()
    };
    assert_eq!(
        ids(&rec(Derivation::Partially, vec![p(0, "w"), p(20, "w")])),
        ["w"]
    );
    assert!(ids(&rec(Derivation::Partially, vec![p(0, "x"), p(20, "y")])).is_empty());
    assert!(ids(&rec(Derivation::None, vec![p(0, "w"), p(20, "w")])).is_empty());
    // Outside the span counts nothing.
    assert!(ids(&rec(Derivation::Partially, vec![p(40, "w"), p(60, "w")])).is_empty());
}

#[test]
fn a_long_verbatim_block_ties_even_an_article_called_not_derived() {
    // A site reproduces two paragraphs of a newspaper's report word for word
    // inside its own, longer article; the copies stage calls the site's
    // article not derived (most of it is its own), but the block is copying.
    let block = "The inspectors found that the northern reservoir had been drained to a third of its \
                 capacity by the end of August. Engineers at the water board had warned in June that \
                 the intake pipes would run dry if the drought lasted into the autumn months. The \
                 board has since asked farmers to cut irrigation by half until the rains return.";
    let own_text =
        "Residents of the valley say nobody told them about the shortage until the taps ran low.";
    let paper = format!("{block}\n\n{own_text}");
    let site = format!("{own_text} Here is what the newspaper reported:\n\n{block}");
    let start = site
        .find(block)
        .map(|b| site[..b].chars().count())
        .unwrap_or(0);
    assert!(block.chars().count() >= LONG_VERBATIM_CHARS);
    let arts = vec![
        art("n", "Newspaper", Some("2024-09-02"), &paper),
        art("s", "Site", Some("2024-09-03"), &site),
    ];
    let sources = |kind| {
        let rec = taken(
            "s",
            Derivation::None,
            "n",
            vec![passage(block, start, "n", kind)],
        );
        let c = run(&arts, &[own("n"), rec]);
        claim_with(&c, "intake pipes would run dry").independent_sources
    };
    assert_eq!(
        sources(PassageKind::Verbatim),
        1,
        "the block is the newspaper's"
    );
    assert_eq!(
        sources(PassageKind::Rewrite),
        2,
        "a reworded block in an article called not derived ties nothing"
    );
}

#[test]
fn a_verbatim_run_ties_an_article_called_not_derived_from_the_long_length_on() {
    let rec = |n: usize| {
        let p = passage(&"a".repeat(n), 0, "w", PassageKind::Verbatim);
        taken("p", Derivation::None, "w", vec![p])
    };
    let short = rec(LONG_VERBATIM_CHARS - 1);
    let long = rec(LONG_VERBATIM_CHARS);
    assert!(taken_from(&short, 0, 40).is_empty());
    let ids: Vec<&str> = taken_from(&long, 0, 40)
        .iter()
        .map(|a| a.as_str())
        .collect();
    assert_eq!(ids, ["w"]);
}
