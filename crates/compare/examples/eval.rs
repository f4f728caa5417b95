//! Evaluation of the compare stage. Prints one Markdown section on stdout.
//!
//! `cargo run --release -p crossread-compare --example compare-eval -- SHARED_DIR [--show-seeds] [--show-basil]`
//!
//! Copy records come from the copies stage itself
//! ([`crossread_copies::find_copies`], default configuration), run once over
//! every article of a benchmark, as `crossread analyze` runs it over its whole
//! collection; each story is then given the records of its own articles, as
//! the CLI builds a story's input. The records may name sources outside the
//! story, as they may in `analyze`.
//!
//! 1. Seeds (`SHARED/seeds`): the five sample pages as one story, each read as
//!    `analyze` reads it (a text document through
//!    [`crossread_extract::extract`]); checks of the bar and quote precision/recall against hand labels
//!    (`examples/data/seed_quotes.tsv`).
//! 2. METER (`SHARED/data/copies/meter`): the copies stage over all its texts;
//!    each METER cluster with a newspaper article (PA wire texts and the
//!    newspaper articles of one story and day) compared as one story; each
//!    aligned claim's expected number of independent sources is derived from
//!    the gold passages / document labels (scoring only). The same stories are
//!    also compared with the copy records of the stand-in this evaluation used
//!    before it took the copies stage's ([`standin_copies`]: sentence-level
//!    word 3-gram containment against earlier-dated articles of the story),
//!    shown in a column of its own for comparison.
//! 3. BASIL (`SHARED/data/stories/basil_dev.jsonl`): each article alone, no
//!    copy records; the quote spans annotated `quote: yes` with a named
//!    `speaker` score attribution.
//!
//! `METER_DEBUG=1` prints every METER miss with the copy record and the
//! passages of each of its sentences; the section counts the misses by kind
//! ([`Miss`]).
//!
//! What it does NOT do: run ingest or the stories stage, or extract METER
//! and BASIL rows (their articles are built from the benchmark files and
//! stories from the benchmark's own grouping), or use any label as input (labels only score the output and
//! sort its misses).

use crossread_compare::{compare, render_terminal, taken_from, StoryComparison, StoryInput};
use crossread_copies::find_copies;
use crossread_core::{
    Article, Body, CopyRecord, Derivation, Document, GroupId, Passage, PassageKind,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::time::Instant;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = args.first().cloned().unwrap_or_else(|| "../shared".into());
    let show = args.iter().any(|a| a == "--show-seeds");
    let mut md = String::new();
    md.push_str("## compare: claims, independent sources, disputes, quotes\n\n");
    md.push_str("Command: `scripts/eval compare` (runs `cargo run --release -p crossread-compare --example compare-eval -- $CROSSREAD_SHARED`). ");
    md.push_str("Machine: 2 cores, 24 GiB. Copy records come from the copies stage (`crossread_copies::find_copies`, default configuration), run once over all the articles of a benchmark, as `crossread analyze` runs it over its whole collection; each story is given its own articles' records, as the CLI builds a story's input. Gold labels and passages are used for scoring only.\n\n");
    seeds(&shared, show, &mut md)?;
    meter(&shared, &mut md)?;
    basil(&shared, args.iter().any(|a| a == "--show-basil"), &mut md)?;
    print!("{md}");
    Ok(())
}

// ---------------------------------------------------------------- stand-in copies

fn words_with_offsets(text: &str) -> Vec<(usize, usize, String)> {
    // (char start, char end, lowercase word)
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let mut n = 0;
    for (ci, c) in text.chars().enumerate() {
        if c.is_alphanumeric() {
            if cur.is_empty() {
                start = ci;
            }
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push((start, ci, std::mem::take(&mut cur)));
        }
        n = ci + 1;
    }
    if !cur.is_empty() {
        out.push((start, n, cur));
    }
    out
}

fn gram_hashes(words: &[(usize, usize, String)]) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    words
        .windows(3)
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for x in w {
                x.2.hash(&mut h);
            }
            h.finish()
        })
        .collect()
}

/// Whether `a` can be the source of `b`: published strictly earlier when both are dated.
fn can_source(a: &Article, b: &Article) -> bool {
    match (&a.date, &b.date) {
        (Some(x), Some(y)) => x < y,
        _ => true,
    }
}

/// Stand-in copy records, the method of this evaluation before it used the
/// copies stage, kept for comparison on METER. Articles are given in story
/// order: a sentence whose word 3-grams are 35%+ contained in an earlier
/// article becomes a passage from it; 70%+ of the words in passages from one
/// article joins its group.
fn standin_copies(arts: &[Article]) -> Vec<CopyRecord> {
    let words: Vec<Vec<(usize, usize, String)>> =
        arts.iter().map(|a| words_with_offsets(&a.text)).collect();
    let sets: Vec<HashSet<u64>> = words
        .iter()
        .map(|w| gram_hashes(w).into_iter().collect())
        .collect();
    let mut recs: Vec<CopyRecord> = Vec::new();
    for (i, a) in arts.iter().enumerate() {
        let ws = &words[i];
        let chars: Vec<char> = a.text.chars().collect();
        // Crude sentences: a word range ends where the gap holds . ! ? or a blank line.
        let mut sents: Vec<(usize, usize)> = Vec::new();
        let mut s0 = 0;
        for k in 0..ws.len() {
            let gap_end = ws.get(k + 1).map_or(chars.len(), |w| w.0);
            let gap: String = chars[ws[k].1..gap_end].iter().collect();
            if k + 1 == ws.len() || gap.contains(['.', '!', '?']) || gap.contains("\n\n") {
                sents.push((s0, k + 1));
                s0 = k + 1;
            }
        }
        let eligible: Vec<usize> = (0..i).filter(|&j| can_source(&arts[j], a)).collect();
        let mut passages = Vec::new();
        let mut covered_by: BTreeMap<usize, usize> = BTreeMap::new();
        for &(s, e) in &sents {
            if e - s < 5 {
                continue;
            }
            let g = gram_hashes(&ws[s..e]);
            let mut best: Option<(usize, usize)> = None; // (contained grams, article)
            for &j in &eligible {
                let n = g.iter().filter(|h| sets[j].contains(h)).count();
                if n > 0 && best.is_none_or(|(b, _)| n > b) {
                    best = Some((n, j));
                }
            }
            let Some((n, j)) = best else { continue };
            if n * 100 < g.len() * 35 {
                continue;
            }
            *covered_by.entry(j).or_insert(0) += e - s;
            let (cs, ce) = (ws[s].0, ws[e - 1].1);
            passages.push(Passage {
                start: cs,
                end: ce,
                text: chars[cs..ce].iter().collect(),
                source: arts[j].id.clone(),
                source_start: 0,
                source_end: 0,
                kind: if n * 10 >= g.len() * 9 {
                    PassageKind::Verbatim
                } else {
                    PassageKind::Rewrite
                },
            });
        }
        let top = covered_by
            .iter()
            .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)))
            .map(|(&j, &n)| (j, n));
        let (group, origin, derived, source) = match top {
            Some((j, n)) if n * 10 >= ws.len().max(1) * 7 => (
                recs[j].group.clone(),
                recs[j].origin.clone(),
                Derivation::Wholly,
                Some(arts[j].id.clone()),
            ),
            Some((j, _)) => (
                GroupId::new(format!("g:{}", a.id)),
                a.id.clone(),
                Derivation::Partially,
                Some(arts[j].id.clone()),
            ),
            None => (
                GroupId::new(format!("g:{}", a.id)),
                a.id.clone(),
                Derivation::None,
                None,
            ),
        };
        recs.push(CopyRecord {
            id: a.id.clone(),
            group,
            origin,
            derived,
            source,
            passages,
        });
    }
    recs
}

fn run_story(id: &str, arts: &[Article], recs: &[CopyRecord]) -> StoryComparison {
    let input = StoryInput {
        story: id.into(),
        thread: id.into(),
        articles: arts.iter().collect(),
        copies: recs.iter().collect(),
    };
    compare(&input)
}

// ---------------------------------------------------------------- seeds

struct SeedLabel {
    seed: String,
    fragment: String,
    speaker: String,
}

fn seed_labels() -> Vec<SeedLabel> {
    include_str!("data/seed_quotes.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some(SeedLabel {
                seed: f.next()?.to_string(),
                speaker: f.next()?.to_string(),
                fragment: f.next()?.to_string(),
            })
        })
        .collect()
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn seeds(shared: &str, show: bool, md: &mut String) -> Res<()> {
    let dir = format!("{shared}/seeds");
    let mut files: Vec<String> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    files.sort();
    // As `crossread analyze` reads the pages: text documents through
    // extraction (page furniture and comments dropped; title, date, outlet,
    // author and credits found). Ids are the three-digit prefixes the checks
    // below name.
    let mut arts = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(format!("{dir}/{f}"))?;
        let id = f.get(..3).unwrap_or(f).to_string();
        let doc = Document::new(id.as_str(), format!("{dir}/{f}"), Body::Text(text));
        arts.push(crossread_extract::extract(&doc));
    }
    // The copies stage over the five pages, as `analyze` runs it over a folder
    // holding them; its records come back in input order.
    let t0 = Instant::now();
    let recs = find_copies(&arts);
    let copies_time = t0.elapsed();
    let t0 = Instant::now();
    let c = run_story("seeds", &arts, &recs);
    let dt = t0.elapsed();
    if show {
        eprintln!("{}", render_terminal(std::slice::from_ref(&c), 100));
        eprintln!("{}", serde_json::to_string_pretty(&c)?);
    }
    md.push_str("### Seeds (the five sample pages as one story)\n\n");
    let groups: Vec<String> = c
        .copy_groups
        .iter()
        .map(|g| {
            format!(
                "{{{}}} origin {}",
                g.members
                    .iter()
                    .map(|m| m.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                g.origin
            )
        })
        .collect();
    // What the copies stage says of each page, in story order.
    let verdicts: Vec<String> = c
        .articles
        .iter()
        .filter_map(|sa| recs.iter().find(|r| r.id == sa.id))
        .map(|r| {
            let verbatim = r
                .passages
                .iter()
                .filter(|p| p.kind == PassageKind::Verbatim)
                .count();
            let from = r
                .source
                .as_ref()
                .map_or(String::new(), |s| format!(" from {s}"));
            format!(
                "{} {:?}{from} ({} passages, {verbatim} verbatim)",
                r.id,
                r.derived,
                r.passages.len()
            )
            .to_lowercase()
        })
        .collect();
    md.push_str(&format!(
        "Assumption: 000 and 001 both carry the Antiwar.com article (001 is MintPress's \"© Antiwar.com\" republication, dated 2017-12-07; 000 reposts it after \"Anti War reports:\"), so the copies stage should put them in one copy group with 001 as origin. \
         The pages are read as `analyze` reads them (each `.txt` page through `crossread_extract::extract`: furniture and comments dropped; title, date, outlet, author and credits as extracted), then the copies stage runs over the five; it gives: {}; per page, {}. \
         Passages an article shares with an earlier page without being derived from it are listed too (the stage's `passages_when_none`). \
         Copies took {:.1} ms on {} threads, compare {:.1} ms on one.\n\n",
        if groups.is_empty() { "no copy group".to_string() } else { format!("copy group {}", groups.join("; ")) },
        verdicts.join("; "),
        copies_time.as_secs_f64() * 1e3,
        copies_threads(),
        dt.as_secs_f64() * 1e3
    ));
    let mut checks: Vec<(String, bool, String)> = Vec::new();
    let claims_0001: Vec<_> = c
        .claims
        .iter()
        .filter(|cl| {
            let ids: BTreeSet<&str> = cl.articles.iter().map(|a| a.as_str()).collect();
            ids.contains("000") && ids.contains("001")
        })
        .collect();
    let all_one =
        !claims_0001.is_empty() && claims_0001.iter().all(|cl| cl.independent_sources == 1);
    checks.push((
        "claims carried by both 000 and 001 (the Antiwar.com text) have 1 independent source"
            .into(),
        all_one,
        format!(
            "{} such claims, sources: {:?}{}",
            claims_0001.len(),
            claims_0001
                .iter()
                .map(|c| c.independent_sources)
                .collect::<Vec<_>>(),
            claims_0001
                .iter()
                .filter(|c| c.independent_sources != 1)
                .flat_map(|c| {
                    c.evidence
                        .iter()
                        .filter(|ev| ev.article.as_str() == "000")
                        .map(|ev| {
                            format!(
                                "; {} sources: {}",
                                c.independent_sources,
                                miss_example(&arts, &recs, ev)
                            )
                        })
                })
                .collect::<String>()
        ),
    ));
    let fighters = c.claims.iter().find(|cl| cl.text.contains("3,000"));
    checks.push((
        "the \"3,000 ISIS fighters\" claim: articles 000+001, 1 source".into(),
        fighters.is_some_and(|f| f.independent_sources == 1 && f.articles.len() == 2),
        fighters.map_or("not found".into(), |f| {
            format!(
                "articles {:?}, sources {}",
                f.articles.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
                f.independent_sources
            )
        }),
    ));
    let raqqa = c.claims.iter().find(|cl| cl.text.contains("90%"));
    checks.push((
        "the Raqqa \"90% destroyed\" claim has 1 source".into(),
        raqqa.is_some_and(|r| r.independent_sources == 1),
        raqqa.map_or("not found".into(), |r| {
            format!("sources {}: {}", r.independent_sources, short(&r.text, 90))
        }),
    ));
    for (who, seed) in [
        ("Valery Gerasimov", "002"),
        ("Vladimir Putin", "004"),
        ("James Jeffrey", "003"),
    ] {
        let n = c
            .quotes
            .iter()
            .filter(|q| q.speaker == who && q.article.as_str() == seed)
            .count();
        checks.push((
            format!("quotes in {seed} carry the speaker {who}"),
            n > 0,
            format!("{n} quotes"),
        ));
    }
    let dispute = c.claims.iter().find(|cl| {
        cl.articles.iter().any(|a| a.as_str() == "004")
            && cl.disputed_by.iter().any(|d| {
                d.article.as_str() == "003"
                    && (d.text.contains("ISIS") || d.text.contains("defeat"))
            })
    });
    checks.push((
        "who defeated ISIS: a 004 claim is disputed by 003".into(),
        dispute.is_some(),
        dispute.map_or("not found".into(), |d| {
            format!(
                "\"{}\" disputed by \"{}\"",
                short(&d.text, 70),
                short(
                    d.disputed_by
                        .iter()
                        .find(|x| x.article.as_str() == "003")
                        .map_or("", |x| x.text.as_str()),
                    70
                )
            )
        }),
    ));
    md.push_str("| bar item | holds | detail |\n|---|---|---|\n");
    for (what, ok, detail) in &checks {
        md.push_str(&format!(
            "| {what} | {} | {} |\n",
            if *ok { "yes" } else { "**no**" },
            detail.replace('|', "/")
        ));
    }
    // Quote attribution against hand labels.
    let labels = seed_labels();
    let mut matched_sys = vec![false; c.quotes.len()];
    let mut correct_sys = vec![false; c.quotes.len()];
    let mut recall_hits = 0;
    for l in &labels {
        let frag = norm(&l.fragment);
        let mut hit = false;
        for (qi, q) in c.quotes.iter().enumerate() {
            if q.article.as_str() != l.seed {
                continue;
            }
            let qt = norm(&q.text);
            if qt.contains(&frag) || (qt.len() >= 8 && frag.contains(&qt)) {
                matched_sys[qi] = true;
                if q.speaker == l.speaker {
                    correct_sys[qi] = true;
                    hit = true;
                }
            }
        }
        if hit {
            recall_hits += 1;
        }
    }
    let n_sys = c.quotes.len();
    let n_correct = correct_sys.iter().filter(|x| **x).count();
    let p = ratio(n_correct, n_sys);
    let r = ratio(recall_hits, labels.len());
    md.push_str(&format!(
        "\nSeed quotes against {} hand labels (`crates/compare/examples/data/seed_quotes.tsv`; a system quote is correct when it overlaps a labelled quote and names the same speaker, full name): {} system quotes, precision {:.2}, recall {:.2}, F1 {:.2}. Unlabelled system quotes count as errors.\n\n",
        labels.len(), n_sys, p, r, f1(p, r)
    ));
    let wrong: Vec<String> = c
        .quotes
        .iter()
        .zip(&correct_sys)
        .filter(|(_, ok)| !**ok)
        .map(|(q, _)| format!("{} / {}: \"{}\"", q.article, q.speaker, short(&q.text, 60)))
        .collect();
    if !wrong.is_empty() {
        md.push_str("System quotes not matching a label: ");
        md.push_str(
            &wrong
                .iter()
                .map(|w| format!("`{}`", w.replace('`', "'")))
                .collect::<Vec<_>>()
                .join("; "),
        );
        md.push_str("\n\n");
    }
    Ok(())
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n).collect::<String>() + "..."
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

// ---------------------------------------------------------------- METER

/// Crude clean-up of PA wire copy: drop the header, join wrapped lines, `<` ends a paragraph.
fn clean_wire(t: &str) -> String {
    let mut out = String::new();
    for line in t.lines() {
        let l = line.replace('\u{19}', "");
        let s = l.trim();
        if s.starts_with("---")
            || (s.len() > 10 && s.as_bytes().get(2) == Some(&b':') && s.contains("Page"))
        {
            continue;
        }
        if s.is_empty() {
            continue;
        }
        if let Some(body) = s.strip_suffix('<') {
            out.push_str(body);
            out.push_str("\n\n");
        } else {
            out.push_str(s);
            out.push(' ');
        }
    }
    out.replace('#', "£")
}

/// The "HH:MM" of a PA slug line ("16:54 01/03/00: Page 1 ..."), "00:00" when absent.
fn wire_time(raw: &str) -> String {
    raw.lines()
        .map(str::trim)
        .find(|l| {
            l.len() > 6
                && l.as_bytes()[2] == b':'
                && l[..2].chars().all(|c| c.is_ascii_digit())
                && l.contains("Page")
        })
        .and_then(|l| l.get(..5))
        .unwrap_or("00:00")
        .to_string()
}

/// Claims of one kind, scored.
#[derive(Default)]
struct Tally {
    n: usize,
    ok: usize,
    under: usize,
    naive_ok: usize,
}

/// The scores of one source of copy records over the METER stories.
#[derive(Default)]
struct MeterScore {
    wire_only: Tally,
    independent: Tally,
    mixed: Tally,
    unresolved: usize,
    compare_time: f64,
    /// Misses by what the copy records did with their sentences ([`Miss`]).
    misses: BTreeMap<Miss, usize>,
    /// The first miss of each kind, described.
    first: BTreeMap<Miss, String>,
}

/// What the copy records did with the sentences of a claim compare counted
/// wrong (the gold units say which sentences came from PA).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Miss {
    /// Too many sources for a PA-only claim: a newspaper's sentence is tied
    /// to nothing (no one text's passages cover half of it, not wholly
    /// derived, no copy group with another member), though its passages from
    /// several texts together cover half of it or more.
    UntiedPaperPieces,
    /// Too many sources for a PA-only claim: a newspaper's sentence is
    /// covered half or more by passages of an article the stage calls not
    /// derived, which tie nothing unless they are verbatim runs of
    /// `LONG_VERBATIM_CHARS` or more.
    UntiedNotDerived,
    /// As [`Miss::UntiedPaperPieces`], its passages covering under half of it.
    UntiedPaper,
    /// Too many sources for a PA-only claim, every newspaper's sentence tied:
    /// a PA text of the claim is tied to nothing.
    UntiedWire,
    /// Too many sources for a PA-only claim whose every sentence is tied:
    /// the ties lead to texts that are not tied to each other.
    SplitTies,
    /// Too few sources: a sentence the gold marks as the paper's own is tied
    /// to another text by the records.
    OwnTied,
    /// Any other miss.
    Other,
}

/// Whether the copy records tie an article's sentence `start..end` to
/// another text, as compare reads them: wholly derived from a source, in a
/// copy group with another article of the story, or passages from one text
/// that together cover half of the sentence (`taken_from`: in an article
/// called not derived, long verbatim runs only).
fn tied(rec: Option<&CopyRecord>, start: usize, end: usize, shared: &BTreeSet<&str>) -> bool {
    rec.is_some_and(|r| {
        (r.derived == Derivation::Wholly && r.source.is_some())
            || shared.contains(r.group.as_str())
            || !taken_from(r, start, end).is_empty()
    })
}

/// Characters of `start..end` that passage `p` covers.
fn overlap(p: &Passage, start: usize, end: usize) -> usize {
    p.end.min(end).saturating_sub(p.start.max(start))
}

/// Characters of `start..end` covered by the union of an article's passages
/// from other texts.
fn covered(rec: Option<&CopyRecord>, start: usize, end: usize) -> usize {
    let Some(r) = rec else { return 0 };
    let mut spans: Vec<(usize, usize)> = r
        .passages
        .iter()
        .filter(|p| p.source != r.id)
        .map(|p| (p.start.max(start), p.end.min(end)))
        .filter(|(a, b)| a < b)
        .collect();
    spans.sort_unstable();
    let (mut total, mut reach) = (0, start);
    for (a, b) in spans {
        let a = a.max(reach);
        if b > a {
            total += b - a;
            reach = b;
        }
    }
    total
}

/// The sentence a claim's evidence points at (chars `start..end` of its
/// article's text).
fn evidence_text(arts: &[Article], ev: &crossread_compare::Evidence) -> String {
    arts.iter()
        .find(|a| a.id == ev.article)
        .map(|a| {
            a.text
                .chars()
                .skip(ev.start)
                .take(ev.end.saturating_sub(ev.start))
                .collect()
        })
        .unwrap_or_default()
}

/// A claim member's sentence with its article and the passages over it
/// (kind, characters of the sentence it covers, and the last part of its
/// source's id).
fn miss_example(arts: &[Article], recs: &[CopyRecord], ev: &crossread_compare::Evidence) -> String {
    let text = evidence_text(arts, ev);
    let over: Vec<String> = recs
        .iter()
        .find(|r| r.id == ev.article)
        .map(|r| {
            r.passages
                .iter()
                .filter(|p| p.source != r.id)
                .map(|p| (p, overlap(p, ev.start, ev.end)))
                .filter(|&(_, ov)| ov > 0)
                .map(|(p, ov)| {
                    format!(
                        "{} {ov} from {}",
                        format!("{:?}", p.kind).to_lowercase(),
                        p.source.as_str().rsplit('/').next().unwrap_or_default()
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    format!(
        "`{}` in {} ({} chars; passages over it: {})",
        short(&text, 80).replace('`', "'"),
        ev.article,
        ev.end.saturating_sub(ev.start),
        if over.is_empty() {
            "none".to_string()
        } else {
            over.join(", ")
        }
    )
}

/// METER's gold labels, for scoring only.
struct MeterGold {
    /// Document label of each labelled newspaper article.
    doc_label: HashMap<String, String>,
    /// Gold passages: per article, per char: 1 reused, 2 new.
    marks: HashMap<String, Vec<u8>>,
}

/// One METER row as an article: wire copy cleaned, the corpus `source` as
/// outlet, the collection day as date (PA copy at its slug line's time,
/// newspapers at the end of the day: they appeared the next morning).
fn meter_article(r: &Value) -> Article {
    let id = r["id"].as_str().unwrap_or_default();
    let raw = r["text"].as_str().unwrap_or_default();
    let wire = r["kind"] == "wire";
    let mut a = Article::from_text(
        id,
        if wire {
            clean_wire(raw)
        } else {
            raw.to_string()
        },
    );
    a.outlet = r["source"].as_str().map(String::from);
    let day = r["date"].as_str().unwrap_or_default();
    a.date = Some(if wire {
        format!("{day}T{}", wire_time(raw))
    } else {
        format!("{day}T23:59")
    });
    a
}

fn meter_gold(dir: &str) -> Res<MeterGold> {
    let mut doc_label: HashMap<String, String> = HashMap::new();
    for l in std::fs::read_to_string(format!("{dir}/doc_labels.jsonl"))?.lines() {
        let v: Value = serde_json::from_str(l)?;
        doc_label.insert(
            v["id"].as_str().unwrap_or_default().into(),
            v["label"].as_str().unwrap_or_default().into(),
        );
    }
    let mut gold: HashMap<String, Vec<u8>> = HashMap::new();
    for l in std::fs::read_to_string(format!("{dir}/passages.jsonl"))?.lines() {
        let v: Value = serde_json::from_str(l)?;
        if v["offsets_into"].as_str() != Some("text") {
            continue;
        }
        let mut marks: Vec<u8> = Vec::new();
        for sp in v["spans"].as_array().into_iter().flatten() {
            let (s, e) = (
                sp["start"].as_u64().unwrap_or(0) as usize,
                sp["end"].as_u64().unwrap_or(0) as usize,
            );
            if marks.len() < e {
                marks.resize(e, 0);
            }
            let m = if sp["type"].as_str() == Some("new") {
                2
            } else {
                1
            };
            for x in &mut marks[s..e] {
                *x = m;
            }
        }
        gold.insert(v["id"].as_str().unwrap_or_default().into(), marks);
    }
    Ok(MeterGold {
        doc_label,
        marks: gold,
    })
}

/// Compares one METER story with the given copy records and scores each
/// claim made by 2+ articles against the gold; `debug` prints the misses.
fn score_story(
    cl: &str,
    arts: &[Article],
    recs: &[CopyRecord],
    gold: &MeterGold,
    score: &mut MeterScore,
    debug: bool,
) {
    let t0 = Instant::now();
    let c = run_story(cl, arts, recs);
    score.compare_time += t0.elapsed().as_secs_f64();
    // Copy groups with two or more members in the story.
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for r in recs {
        *sizes.entry(r.group.as_str()).or_insert(0) += 1;
    }
    let shared: BTreeSet<&str> = sizes
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(g, _)| g)
        .collect();
    for claim in &c.claims {
        if claim.articles.len() < 2 {
            continue;
        }
        // Gold source unit of each member article's sentence.
        let mut units: BTreeMap<&str, String> = BTreeMap::new();
        let mut ok = true;
        for ev in &claim.evidence {
            let id = ev.article.as_str();
            let unit = if id.starts_with("PA/") {
                Some("PA".to_string())
            } else if let Some(marks) = gold.marks.get(id) {
                let (mut reused, mut new) = (0, 0);
                for &m in marks
                    .iter()
                    .skip(ev.start)
                    .take(ev.end.saturating_sub(ev.start))
                {
                    match m {
                        1 => reused += 1,
                        2 => new += 1,
                        _ => {}
                    }
                }
                if reused + new == 0 {
                    None
                } else if reused >= new {
                    Some("PA".to_string())
                } else {
                    Some(format!("own:{id}"))
                }
            } else {
                match gold.doc_label.get(id).map(String::as_str) {
                    Some("wholly") => Some("PA".to_string()),
                    Some("non") => Some(format!("own:{id}")),
                    _ => None,
                }
            };
            match unit {
                // An article with two sentences for one claim: the first decides.
                Some(u) => {
                    units.entry(id).or_insert(u);
                }
                None => ok = false,
            }
        }
        if !ok {
            score.unresolved += 1;
            continue;
        }
        let distinct: BTreeSet<&String> = units.values().collect();
        let expected = distinct.len();
        let all_pa = distinct.iter().all(|u| *u == "PA");
        let none_pa = distinct.iter().all(|u| *u != "PA");
        let naive = claim.articles.len();
        let got = claim.independent_sources;
        let mut miss = None;
        if got != expected {
            let is_tied = |ev: &crossread_compare::Evidence| {
                tied(
                    recs.iter().find(|r| r.id == ev.article),
                    ev.start,
                    ev.end,
                    &shared,
                )
            };
            let paper = |ev: &&crossread_compare::Evidence| !ev.article.as_str().starts_with("PA/");
            let untied_papers: Vec<&crossread_compare::Evidence> = claim
                .evidence
                .iter()
                .filter(paper)
                .filter(|ev| !is_tied(ev))
                .collect();
            let pieces = |ev: &&&crossread_compare::Evidence| {
                let rec = recs.iter().find(|r| r.id == ev.article);
                covered(rec, ev.start, ev.end) * 2 >= ev.end.saturating_sub(ev.start).max(1)
            };
            let own_tied = |ev: &&crossread_compare::Evidence| {
                units
                    .get(ev.article.as_str())
                    .is_some_and(|u| u.starts_with("own:"))
                    && is_tied(ev)
            };
            // The kind of miss and the sentence that shows it.
            let not_derived = |ev: &&&crossread_compare::Evidence| {
                recs.iter()
                    .find(|r| r.id == ev.article)
                    .is_some_and(|r| r.derived == Derivation::None)
            };
            let (kind, focus) = if all_pa && got > expected {
                if let Some(ev) = untied_papers.iter().filter(not_derived).find(pieces) {
                    (Miss::UntiedNotDerived, Some(*ev))
                } else if let Some(ev) = untied_papers.iter().find(pieces) {
                    (Miss::UntiedPaperPieces, Some(*ev))
                } else if let Some(ev) = untied_papers.first() {
                    (Miss::UntiedPaper, Some(*ev))
                } else if let Some(ev) = claim.evidence.iter().find(|ev| !is_tied(ev)) {
                    (Miss::UntiedWire, Some(ev))
                } else {
                    (Miss::SplitTies, claim.evidence.first())
                }
            } else if let Some(ev) = claim
                .evidence
                .iter()
                .find(own_tied)
                .filter(|_| got < expected)
            {
                (Miss::OwnTied, Some(ev))
            } else {
                (Miss::Other, claim.evidence.first())
            };
            if let (Some(ev), false) = (focus, score.first.contains_key(&kind)) {
                score.first.insert(kind, miss_example(arts, recs, ev));
            }
            *score.misses.entry(kind).or_insert(0) += 1;
            miss = Some(kind);
        }
        let t = if all_pa {
            &mut score.wire_only
        } else if none_pa {
            &mut score.independent
        } else {
            &mut score.mixed
        };
        t.n += 1;
        if debug && claim.independent_sources != expected {
            eprintln!(
                "MISS {cl} {} exp={expected} got={} units={:?} kind={miss:?}",
                if all_pa {
                    "wire"
                } else if none_pa {
                    "indep"
                } else {
                    "mixed"
                },
                claim.independent_sources,
                units
            );
            for ev in &claim.evidence {
                let t = evidence_text(arts, ev);
                let rec = recs.iter().find(|r| r.id == ev.article);
                // Passages overlapping the sentence: kind, source, chars of the sentence covered.
                let cov = rec
                    .map(|r| {
                        r.passages
                            .iter()
                            .map(|p| (p, overlap(p, ev.start, ev.end)))
                            .filter(|&(_, ov)| ov > 0)
                            .map(|(p, ov)| format!("{:?} from {} {ov}", p.kind, p.source))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default();
                eprintln!(
                    "   {} {:?} from {:?} group={:?} ({} chars) passages={cov:?}: {}",
                    ev.article,
                    rec.map(|r| r.derived),
                    rec.and_then(|r| r.source.as_ref()).map(|s| s.as_str()),
                    rec.map(|r| r.group.as_str()),
                    ev.end.saturating_sub(ev.start),
                    short(&t, 110)
                );
            }
        }
        if claim.independent_sources < expected {
            t.under += 1;
        }
        if claim.independent_sources == expected {
            t.ok += 1;
        }
        if naive == expected {
            t.naive_ok += 1;
        }
    }
}

fn meter(shared: &str, md: &mut String) -> Res<()> {
    let dir = format!("{shared}/data/copies/meter");
    let rows: Vec<Value> = std::fs::read_to_string(format!("{dir}/articles.jsonl"))?
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    let gold = meter_gold(&dir)?;
    // The copies stage once over the whole corpus (every PA and newspaper
    // text, whatever its story), as `analyze` runs it over a collection.
    let articles: Vec<Article> = rows.iter().map(meter_article).collect();
    let t0 = Instant::now();
    let records = find_copies(&articles);
    let copies_time = t0.elapsed().as_secs_f64();
    let record_of: HashMap<&str, &CopyRecord> =
        records.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut by_cluster: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        by_cluster
            .entry(r["cluster"].as_str().unwrap_or_default())
            .or_default()
            .push(i);
    }
    let debug = std::env::var_os("METER_DEBUG").is_some();
    let mut stage = MeterScore::default();
    let mut standin = MeterScore::default();
    let mut stories = 0usize;
    let mut story_articles = 0usize;
    // How the stage judged the newspaper articles and the PA texts of the
    // compared stories.
    let mut verdicts: BTreeMap<String, usize> = BTreeMap::new();
    let mut wire_verdicts: BTreeMap<String, usize> = BTreeMap::new();
    let mut groups = 0usize;
    for (cl, idx) in &by_cluster {
        if !idx.iter().any(|&i| rows[i]["kind"] == "newspaper") {
            continue;
        }
        stories += 1;
        let mut arts: Vec<Article> = idx.iter().map(|&i| articles[i].clone()).collect();
        arts.sort_by_key(|a| (a.date.clone(), a.id.clone()));
        story_articles += arts.len();
        // The story's own articles' records, as the CLI gives compare.
        let recs: Vec<CopyRecord> = arts
            .iter()
            .filter_map(|a| record_of.get(a.id.as_str()).map(|r| (*r).clone()))
            .collect();
        for r in &recs {
            let tally = if r.id.as_str().starts_with("PA/") {
                &mut wire_verdicts
            } else {
                &mut verdicts
            };
            *tally
                .entry(format!("{:?}", r.derived).to_lowercase())
                .or_insert(0) += 1;
        }
        let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &recs {
            *sizes.entry(r.group.as_str()).or_insert(0) += 1;
        }
        groups += sizes.values().filter(|&&n| n >= 2).count();
        score_story(cl, &arts, &recs, &gold, &mut stage, debug);
        score_story(
            cl,
            &arts,
            &standin_copies(&arts),
            &gold,
            &mut standin,
            false,
        );
    }
    md.push_str("### METER: independent sources of claims (wire + newspapers)\n\n");
    md.push_str(&format!(
        "{stories} METER stories (one cluster with a newspaper article = one story; {story_articles} of the {} texts; wire copy cleaned crudely: header dropped, wrapped lines joined, `<` ends a paragraph). \
         The copies stage ran once over all {} texts, not story by story, in {:.2} s on {} threads (its rayon pool; compare itself runs on one); of the stories' newspaper articles it called {}, of their PA texts {}; the stories hold {groups} copy groups of 2+ articles. \
         For each aligned claim made by 2+ articles, each member's sentence is labelled from the gold passages (verbatim+rewrite chars vs new chars; articles without passages: wholly -> from PA, non -> own, partially -> unresolved). \
         Expected independent sources = distinct units (all PA texts are one unit, each newspaper's own text is one). {} claims had an unresolved member and are left out ({} with the stand-in). Compare time: {:.1} ms for all stories.\n\n",
        rows.len(),
        rows.len(),
        copies_time,
        copies_threads(),
        verdicts
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect::<Vec<_>>()
            .join(", "),
        wire_verdicts
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect::<Vec<_>>()
            .join(", "),
        stage.unresolved,
        standin.unresolved,
        stage.compare_time * 1e3
    ));
    md.push_str("| claim kind | claims | compare right | compare too low / too high | with the stand-in copies (previous method): right | counting articles (no copy info) right |\n|---|---|---|---|---|---|\n");
    for (name, t, s) in [
        (
            "only the wire and newspapers copying it (expected 1)",
            &stage.wire_only,
            &standin.wire_only,
        ),
        (
            "only newspapers writing it themselves (expected = number of papers)",
            &stage.independent,
            &standin.independent,
        ),
        (
            "mixed: wire copy plus independent papers",
            &stage.mixed,
            &standin.mixed,
        ),
    ] {
        md.push_str(&format!(
            "| {name} | {} | **{} ({:.1}%)** | {} / {} | {}/{} ({:.1}%) | {} ({:.1}%) |\n",
            t.n,
            t.ok,
            100.0 * ratio(t.ok, t.n),
            t.under,
            t.n - t.ok - t.under,
            s.ok,
            s.n,
            100.0 * ratio(s.ok, s.n),
            t.naive_ok,
            100.0 * ratio(t.naive_ok, t.n)
        ));
    }
    md.push_str(&format!(
        "\nThe stand-in column is this evaluation's earlier method (sentence-level word 3-gram containment against earlier-dated articles of the story: 35%+ makes a passage, 70%+ of an article's words from one source joins its copy group), kept for comparison. Stand-in compare time: {:.1} ms.\n",
        standin.compare_time * 1e3
    ));
    md.push_str(&meter_misses(&stage, &standin));
    md.push('\n');
    Ok(())
}

/// The size of the copies stage's rayon pool: `RAYON_NUM_THREADS` when
/// set, else one per core (rayon's default).
fn copies_threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
}

/// How to read the misses of the METER table: the misses of each kind
/// ([`Miss`]) with the first of each, beside the stand-in's counts.
fn meter_misses(stage: &MeterScore, standin: &MeterScore) -> String {
    let n = |s: &MeterScore, k: Miss| s.misses.get(&k).copied().unwrap_or(0);
    let eg = |k: Miss| {
        stage
            .first
            .get(&k)
            .map_or(String::new(), |e| format!(" (first: {e})"))
    };
    let high = stage.wire_only.n - stage.wire_only.ok - stage.wire_only.under;
    let low = stage.mixed.under + stage.independent.under;
    let not_derived = n(stage, Miss::UntiedNotDerived);
    let long = crossread_compare::LONG_VERBATIM_CHARS;
    format!(
        "\nReading the misses (`METER_DEBUG=1` prints each with the copy record and the passages of every sentence). \
         compare counts two sentences as one source when the records tie them: an article wholly derived from a text or in one copy group with it, or passages taken from it that together cover half of the sentence (when the stage calls the article not derived, only verbatim runs of {long} chars or more count); articles of one outlet count once (METER's PA versions of a story: the main text, later versions, `sub`/`nl` variants), and so does a text taken from one of them. \
         Of the {high} wire-only claims counted too high, \
         {} hold a newspaper sentence that passages cover half of or more in an article the stage calls not derived{}; \
         {} hold a newspaper sentence whose passages cover half of it only when those from several texts are added up{}: each text's share is under half; \
         {} hold a newspaper sentence whose passages cover under half of it (reworded beyond what the stage aligns){}; \
         {} tie every newspaper sentence but hold a PA text the records tie to nothing{}, and {} tie every sentence, to texts not tied to each other{}. \
         The stand-in (one passage per sentence, made at 35% word 3-gram containment; texts sharing 70% of their words in one copy group) had {}, {}, {}, {} and {} such misses. \
         Of the {low} claims counted too low (mixed and independent rows), {} have a sentence that the gold marks as the paper's own tied to a PA text{} (stand-in: {}): the paper shares much of the wire's wording (names, ages, charges, quoted testimony), so a text-based copy detector marks its sentence as reused. \
         {} misses fit none of these (stand-in: {}).\n",
        not_derived,
        eg(Miss::UntiedNotDerived),
        n(stage, Miss::UntiedPaperPieces),
        eg(Miss::UntiedPaperPieces),
        n(stage, Miss::UntiedPaper),
        eg(Miss::UntiedPaper),
        n(stage, Miss::UntiedWire),
        eg(Miss::UntiedWire),
        n(stage, Miss::SplitTies),
        eg(Miss::SplitTies),
        n(standin, Miss::UntiedNotDerived),
        n(standin, Miss::UntiedPaperPieces),
        n(standin, Miss::UntiedPaper),
        n(standin, Miss::UntiedWire),
        n(standin, Miss::SplitTies),
        n(stage, Miss::OwnTied),
        eg(Miss::OwnTied),
        n(standin, Miss::OwnTied),
        n(stage, Miss::Other),
        n(standin, Miss::Other),
    )
}

// ---------------------------------------------------------------- BASIL

fn speaker_matches(label: &str, sys: &str) -> bool {
    let l: Vec<String> = label
        .split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let s: Vec<String> = sys
        .split([' ', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().trim_end_matches('.').to_string())
        .collect();
    let (Some(ll), Some(sl)) = (
        l.iter().rev().find(|w| !matches!(w.as_str(), "jr" | "jr.")),
        s.last(),
    ) else {
        return false;
    };
    // BASIL's labels lost accented letters ("Felipe_Calder" for Calderón): a prefix of 4+ letters matches.
    let prefix = |a: &str, b: &str| a.chars().count() >= 4 && b.starts_with(a);
    s.contains(ll) || l.contains(sl) || prefix(ll, sl) || s.iter().any(|w| prefix(ll, w))
}

/// A BASIL speaker label that names one person ("Donald_Trump"), not a group.
fn is_person_label(label: &str) -> bool {
    const GROUP: &[&str] = &[
        "democrats",
        "republicans",
        "lawmakers",
        "campaign",
        "party",
        "members",
        "companies",
        "catholics",
        "committee",
        "naacp",
        "administration",
        "officials",
        "gop",
        "house",
        "senate",
        "democratic",
        "republican",
        "government",
    ];
    let words: Vec<String> = label.split('_').map(|w| w.to_lowercase()).collect();
    words.len() >= 2 && !words.iter().any(|w| GROUP.contains(&w.as_str()))
}

fn basil(shared: &str, show: bool, md: &mut String) -> Res<()> {
    let path = format!("{shared}/data/stories/basil_dev.jsonl");
    let mut n_quote_spans = 0;
    let mut detected = 0;
    let mut n_named = 0;
    let mut named_correct = 0;
    let mut sys_on_named = 0;
    let mut sys_on_named_correct = 0;
    let (mut p_named, mut p_correct, mut p_sys, mut p_sys_correct) = (0, 0, 0, 0);
    let mut n_noquote = 0;
    let mut noquote_marked = 0;
    let mut n_articles = 0;
    let mut n_sys = 0;
    let mut time = 0.0;
    for l in std::fs::read_to_string(&path)?.lines() {
        let v: Value = serde_json::from_str(l)?;
        let text = v["text"].as_str().unwrap_or_default();
        let id = v["id"].as_str().unwrap_or_default();
        let mut a = Article::from_text(id, text);
        a.outlet = v["outlet"].as_str().map(String::from);
        a.title = v["title"].as_str().map(String::from);
        a.date = v["date"].as_str().map(String::from);
        n_articles += 1;
        let t0 = Instant::now();
        let c = run_story(id, std::slice::from_ref(&a), &[]);
        time += t0.elapsed().as_secs_f64();
        n_sys += c.quotes.len();
        // System quote char ranges, found in the text.
        let mut sys: Vec<(usize, usize, &str)> = Vec::new();
        let mut from_byte: HashMap<&str, usize> = HashMap::new();
        for q in &c.quotes {
            let probe: String = q.text.chars().take(60).collect();
            let start_at = from_byte.get(probe.as_str()).copied().unwrap_or(0);
            if let Some(b) = text
                .get(start_at..)
                .and_then(|t| t.find(&probe))
                .map(|x| x + start_at)
            {
                from_byte.insert(&q.text, b + 1);
                let cs = text[..b].chars().count();
                sys.push((cs, cs + q.text.chars().count(), q.speaker.as_str()));
            }
        }
        // Paragraph char starts.
        let mut para_starts = Vec::new();
        let mut pos = 0;
        for p in text.split("\n\n") {
            para_starts.push((pos, p));
            pos += p.chars().count() + 2;
        }
        let mut used_named = HashSet::new();
        for sp in v["bias_spans"].as_array().into_iter().flatten() {
            let Some(&(pstart, ptext)) = sp["paragraph"]
                .as_u64()
                .and_then(|p| para_starts.get(p as usize))
            else {
                continue;
            };
            let txt = sp["txt"].as_str().unwrap_or_default();
            let Some(b) = ptext.find(txt) else { continue };
            let s = pstart + ptext[..b].chars().count();
            let e = s + txt.chars().count();
            let overl: Vec<&(usize, usize, &str)> =
                sys.iter().filter(|q| q.0 < e && s < q.1).collect();
            if sp["quote"] == "yes" {
                n_quote_spans += 1;
                if !overl.is_empty() {
                    detected += 1;
                }
                let speaker = sp["speaker"].as_str().unwrap_or_default();
                if speaker.is_empty() || speaker.starts_with("other") {
                    continue;
                }
                n_named += 1;
                let person = is_person_label(speaker);
                if person {
                    p_named += 1;
                }
                if overl.iter().any(|q| speaker_matches(speaker, q.2)) {
                    named_correct += 1;
                    if person {
                        p_correct += 1;
                    }
                } else if show {
                    let got: Vec<&str> = overl.iter().map(|q| q.2).collect();
                    eprintln!(
                        "MISS label={speaker} got={got:?}\n  span: {}\n  para: {}\n",
                        short(txt, 80),
                        short(ptext, 400)
                    );
                }
                for q in overl {
                    if used_named.insert((q.0, q.1)) {
                        sys_on_named += 1;
                        let ok = speaker_matches(speaker, q.2);
                        if ok {
                            sys_on_named_correct += 1;
                        }
                        if person {
                            p_sys += 1;
                            if ok {
                                p_sys_correct += 1;
                            }
                        }
                    }
                }
            } else {
                n_noquote += 1;
                if !overl.is_empty() {
                    noquote_marked += 1;
                }
            }
        }
    }
    let p = ratio(sys_on_named_correct, sys_on_named);
    let r = ratio(named_correct, n_named);
    md.push_str("### Quote attribution on BASIL (dev, 192 articles, each compared alone)\n\n");
    md.push_str(&format!(
        "Labelled set: BASIL bias spans with `quote: yes` ({n_quote_spans}), of which {n_named} name a speaker (`other_*` speakers are unnamed and only count for detection). \
         A span is found when a system quote overlaps it. Speaker match: the label's last name is in the system speaker or vice versa (`Donald_Trump` ~ `Donald Trump`, `Trump`).\n\n"
    ));
    md.push_str("| measure | value |\n|---|---|\n");
    md.push_str(&format!("| speaker precision (system quotes on named spans with the right speaker) | {p:.3} ({sys_on_named_correct}/{sys_on_named}) |\n"));
    md.push_str(&format!("| speaker recall (named spans covered by a quote with the right speaker) | {r:.3} ({named_correct}/{n_named}) |\n"));
    md.push_str(&format!("| speaker F1 | **{:.3}** |\n", f1(p, r)));
    let (pp, pr) = (ratio(p_sys_correct, p_sys), ratio(p_correct, p_named));
    md.push_str(&format!(
        "| the same on spans whose label is a person's full name ({p_named} spans: labels of two or more words with no group word; `House_Democrats`, `Obama_campaign`, `NAACP`, `Trump` left out): P / R / F1 | {pp:.3} / {pr:.3} / **{:.3}** |\n",
        f1(pp, pr)
    ));

    md.push_str(&format!("| quote detection recall (all `quote: yes` spans) | {:.3} ({detected}/{n_quote_spans}) |\n", ratio(detected, n_quote_spans)));
    md.push_str(&format!("| `quote: no` spans inside a system quote (lower is better) | {:.3} ({noquote_marked}/{n_noquote}) |\n", ratio(noquote_marked, n_noquote)));
    md.push_str(&format!(
        "| system quotes / compare time | {n_sys} over {n_articles} articles / {:.1} ms |\n",
        time * 1e3
    ));
    md.push_str("\nAnchor: citron (BBC) speaker F1 **0.82** on PARC 3.0, a different corpus and label scheme (PARC marks every attribution; BASIL marks only biased spans, and its speaker labels are sometimes a group, e.g. `House_Democrats`, where the text names a person), so the numbers compare only roughly.\n");
    Ok(())
}
