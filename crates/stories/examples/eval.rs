//! Scores the stories engine on the benchmark sets and the seed pages, and
//! prints one Markdown section.
//!
//! `cargo run --release -p crossread-stories --example stories-eval -- SHARED_DIR [key=value ...]`
//!
//! The engine sees only `id`, `title`, `text`, `date`, `lang`, `outlet` and
//! `url`; `cluster` is read for scoring only. Files are sorted by cluster, so
//! the input is first put in a fixed pseudo-random order (xxh3 of the id,
//! seed 7) before `cluster_with` orders it by date. `key=value` arguments
//! override `StoryConfig` fields (for exploration; the reported figures use
//! the defaults). `--tune` prints a grid over the main parameters on
//! `ecbplus_train.jsonl` only: `GRID="threshold=0.2,0.25;name_mix=..."`
//! sets the axes, `ORDERS=n` scores each setting over n input orders (seeds
//! 7, 8, ...; mean and worst pairwise F1), and `LEAD=bytes` also scores the
//! same texts cut to a short lead (a stand-in, from the training split, for
//! roundup excerpts). Each set's row also gives the pairwise F1 over eight
//! input orders, since an online clusterer's result depends on the order.
//! `--quick` prints one line per set instead: pairwise P / R / F1 in the
//! reported order, and F1 within each half of the set split by a hash of
//! the gold cluster (of the topic for ECB+), the disjoint-halves check;
//! with `DIAG_DUMP=PATH` it also writes each set's gold and predicted story
//! per article to `PATH.<articles>`.

use crossread_core::{Article, GroupId};
use crossread_stories::{cluster_with, StoryConfig};
use serde_json::Value;
use std::collections::HashMap;
use std::time::Instant;

struct Set {
    articles: Vec<Article>,
    gold: Vec<String>,
}

/// The articles of the gold clusters whose members all have a date, and
/// the others, each in the set's order.
fn split_by_dating(set: &Set) -> (Set, Set) {
    let mut undated: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (a, g) in set.articles.iter().zip(&set.gold) {
        if a.date.is_none() {
            undated.insert(g.as_str());
        }
    }
    let mut dated = Set {
        articles: Vec::new(),
        gold: Vec::new(),
    };
    let mut rest = Set {
        articles: Vec::new(),
        gold: Vec::new(),
    };
    for (a, g) in set.articles.iter().zip(&set.gold) {
        let to = if undated.contains(g.as_str()) {
            &mut rest
        } else {
            &mut dated
        };
        to.articles.push(a.clone());
        to.gold.push(g.clone());
    }
    (dated, rest)
}

fn load(path: &str) -> Result<Set, String> {
    load_seeded(path, 7, usize::MAX)
}

/// `load` with another shuffle seed and the text cut to `lead` bytes (tuning only).
fn load_seeded(path: &str, seed: u64, lead: usize) -> Result<Set, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut rows: Vec<(u64, Article, String)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        let id = s("id").ok_or_else(|| format!("{path}:{}: no id", n + 1))?;
        let mut text = s("text").unwrap_or_default();
        if text.len() > lead {
            let mut e = lead;
            while !text.is_char_boundary(e) {
                e -= 1;
            }
            text.truncate(e);
        }
        let mut a = Article::from_text(id.as_str(), text);
        a.title = s("title");
        a.date = s("date");
        // Rows written by `crossread extract` say where their date came
        // from; the benchmark rows do not.
        a.date_source = v
            .get("date_source")
            .and_then(|d| serde_json::from_value(d.clone()).ok());
        a.lang = s("lang");
        a.outlet = s("outlet");
        a.url = s("url");
        let gold = s("cluster").ok_or_else(|| format!("{path}:{}: no cluster", n + 1))?;
        let key = xxhash_rust_free_hash(&id, seed);
        rows.push((key, a, gold));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    Ok(Set {
        articles: rows.iter().map(|r| r.1.clone()).collect(),
        gold: rows.into_iter().map(|r| r.2).collect(),
    })
}

/// Draws of ten ECB+ topics in the held-back-half estimate.
const TOPIC_DRAWS: usize = 200;

/// The next value of a splitmix64 stream.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a then a murmur finaliser, seed 7: a fixed shuffle key (the example
/// avoids extra dependencies).
fn xxhash_rust_free_hash(s: &str, seed: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in s.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

#[derive(Default, Clone, Copy)]
struct Scores {
    p: f64,
    r: f64,
    f: f64,
    bp: f64,
    br: f64,
    bf: f64,
    clusters: usize,
    gold_clusters: usize,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn score(gold: &[String], pred: &[String]) -> Scores {
    let c2 = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    let mut cell: HashMap<(&str, &str), usize> = HashMap::new();
    let mut gsz: HashMap<&str, usize> = HashMap::new();
    let mut psz: HashMap<&str, usize> = HashMap::new();
    for (g, p) in gold.iter().zip(pred) {
        *cell.entry((g, p)).or_default() += 1;
        *gsz.entry(g).or_default() += 1;
        *psz.entry(p).or_default() += 1;
    }
    let tp: f64 = cell.values().map(|&n| c2(n)).sum();
    let pp: f64 = psz.values().map(|&n| c2(n)).sum();
    let gp: f64 = gsz.values().map(|&n| c2(n)).sum();
    let p = if pp > 0.0 { tp / pp } else { 1.0 };
    let r = if gp > 0.0 { tp / gp } else { 1.0 };
    let n = gold.len().max(1) as f64;
    let (mut bp, mut br) = (0.0, 0.0);
    for (g, q) in gold.iter().zip(pred) {
        let both = cell[&(g.as_str(), q.as_str())] as f64;
        bp += both / psz[q.as_str()] as f64;
        br += both / gsz[g.as_str()] as f64;
    }
    bp /= n;
    br /= n;
    Scores {
        p,
        r,
        f: f1(p, r),
        bp,
        br,
        bf: f1(bp, br),
        clusters: psz.len(),
        gold_clusters: gsz.len(),
    }
}

fn run(cfg: &StoryConfig, set: &Set) -> (Scores, f64, usize) {
    let t = Instant::now();
    let out = if std::env::var("DIAG_BATCH_IDF").is_ok() {
        // Diagnostic only (never reported): document frequencies of the whole set first.
        let mut e = crossread_stories::StoryEngine::new(cfg.clone());
        for a in &set.articles {
            e.observe(a);
        }
        let mut out: Vec<_> = set.articles.iter().map(|a| e.add(a, None)).collect();
        out.truncate(set.articles.len());
        out
    } else {
        cluster_with(cfg.clone(), &set.articles, &[])
    };
    let secs = t.elapsed().as_secs_f64();
    let pred: Vec<String> = out.iter().map(|a| a.story.to_string()).collect();
    if let Ok(path) = std::env::var("DIAG_DUMP") {
        // Diagnostic, of a set's first run: the reported one (default
        // config, seed 7).
        let file = format!("{path}.{}", set.gold.len());
        if !std::path::Path::new(&file).exists() {
            let _ = std::fs::write(file, diag_lines(set, &pred));
        }
    }
    let threads: std::collections::BTreeSet<&str> = out.iter().map(|a| a.thread.as_str()).collect();
    (score(&set.gold, &pred), secs, threads.len())
}

/// The `DIAG_DUMP` diagnostic: one JSON line per article of `set` with its
/// gold and predicted story.
fn diag_lines(set: &Set, pred: &[String]) -> String {
    let lines: Vec<String> = set
        .gold
        .iter()
        .zip(pred)
        .zip(&set.articles)
        .map(|((g, p), a)| {
            serde_json::json!({"id": a.id.as_str(), "gold": g, "pred": p}).to_string()
        })
        .collect();
    lines.join("\n")
}

fn apply(cfg: &mut StoryConfig, kv: &str) -> Result<(), String> {
    let (k, v) = kv
        .split_once('=')
        .ok_or_else(|| format!("expected key=value, got {kv}"))?;
    let f = || v.parse::<f32>().map_err(|e| format!("{kv}: {e}"));
    let u = || v.parse::<usize>().map_err(|e| format!("{kv}: {e}"));
    match k {
        "threshold" => cfg.threshold = f()?,
        "candidate_stories" => cfg.candidate_stories = u()?,
        "neighbours" => cfg.neighbours = u()?,
        "max_postings" => cfg.max_postings = u()?,
        "chunk_articles" => cfg.chunk_articles = u()?,
        "window_days" => cfg.window_days = f()?,
        "name_mix" => cfg.name_mix = f()?,
        "phrase_weight" => cfg.phrase_weight = f()?,
        "number_mix" => cfg.number_mix = f()?,
        "attach_threshold" => cfg.attach_threshold = f()?,
        "attach_margin" => cfg.attach_margin = f()?,
        "weekday_factor" => cfg.weekday_factor = f()?,
        "weekday_lead_bytes" => cfg.weekday_lead_bytes = u()?,
        "event_factor" => cfg.event_factor = f()?,
        "event_floor" => cfg.event_floor = f()?,
        "mix_shrink" => cfg.mix_shrink = f()?,
        "time_bonus" => cfg.time_bonus = f()?,
        "idf_prior_docs" => cfg.idf_prior_docs = f()?,
        "max_text_bytes" => cfg.max_text_bytes = u()?,
        "candidate_terms" => cfg.candidate_terms = u()?,
        "thread_threshold" => cfg.thread_threshold = f()?,
        "snn_neighbours" => cfg.snn_neighbours = u()?,
        "snn_mix" => cfg.snn_mix = f()?,
        "snn_floor" => cfg.snn_floor = f()?,
        _ => return Err(format!("unknown parameter {k}")),
    }
    Ok(())
}

fn seeds(dir: &str, cfg: &StoryConfig) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let mut arts = Vec::new();
    for n in &names {
        let t = std::fs::read_to_string(format!("{dir}/{n}")).map_err(|e| format!("{n}: {e}"))?;
        arts.push(Article::from_text(n.trim_end_matches(".txt"), t));
    }
    let mut lines = Vec::new();
    let content = cluster_with(cfg.clone(), &arts, &[]);
    let grouped: Vec<Option<GroupId>> = (0..arts.len())
        .map(|i| (i < 2).then(|| GroupId::new("antiwar")))
        .collect();
    let with_group = cluster_with(cfg.clone(), &arts, &grouped);
    let ok = |b: bool| if b { "yes" } else { "**no**" };
    if content.len() >= 5 {
        lines.push(format!(
            "| 000 and 001 (Antiwar.com republications) one story, on content alone | {} |",
            ok(content[0].story == content[1].story)
        ));
        lines.push(format!(
            "| 000 and 001 one story, given their shared copy group | {} |",
            ok(with_group[0].story == with_group[1].story)
        ));
        let one_thread = content.iter().all(|a| a.thread == content[0].thread);
        lines.push(format!(
            "| all five seeds one thread | {} |",
            ok(one_thread)
        ));
        let stories: std::collections::BTreeSet<_> =
            content.iter().map(|a| a.story.as_str()).collect();
        lines.push(format!(
            "| stories / threads over the five seeds | {} / {} |",
            stories.len(),
            content
                .iter()
                .map(|a| a.thread.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        ));
    }
    Ok(lines)
}

/// The gold cluster's half (0 or 1) for the disjoint-halves check: a hash
/// of the cluster, or of the topic for ECB+ (`<topic>_<kind>`), so that the
/// two events of one ECB+ topic fall in the same half.
fn half(gold: &str) -> usize {
    let key = if gold.starts_with("allsides") {
        gold
    } else {
        topic_of(gold)
    };
    (xxhash_rust_free_hash(key, 11) & 1) as usize
}

/// The ECB+ topic of a gold cluster (`12` of `12_ecbplus`); a label
/// without one is its own topic.
fn topic_of(gold: &str) -> &str {
    gold.split_once('_').map_or(gold, |t| t.0)
}

/// `--quick`: one run per set (the reported order), with the pairwise
/// P / R / F1 of the whole set and of each half split by [`half`] (scored
/// on that half's articles only).
fn quick(cfg: &StoryConfig, data: &str) -> Result<(), String> {
    for (name, file) in [
        ("ECB+ dev", "ecbplus_dev.jsonl"),
        ("BASIL dev", "basil_dev.jsonl"),
        ("AllSides dev", "allsides_dev.jsonl"),
        ("ECB+ train", "ecbplus_train.jsonl"),
    ] {
        let set = load(&format!("{data}/{file}"))?;
        let out = cluster_with(cfg.clone(), &set.articles, &[]);
        let pred: Vec<String> = out.iter().map(|a| a.story.to_string()).collect();
        if let Ok(path) = std::env::var("DIAG_DUMP") {
            std::fs::write(
                format!("{path}.{}", set.gold.len()),
                diag_lines(&set, &pred),
            )
            .map_err(|e| format!("{path}: {e}"))?;
        }
        let s = score(&set.gold, &pred);
        let mut halves = Vec::new();
        for h in 0..2 {
            let (g, p): (Vec<String>, Vec<String>) = set
                .gold
                .iter()
                .zip(&pred)
                .filter(|(g, _)| half(g) == h)
                .map(|(g, p)| (g.clone(), p.clone()))
                .unzip();
            halves.push(score(&g, &p).f);
        }
        println!(
            "{name:<12} P {:.3} R {:.3} F1 {:.4}  halves {:.4} / {:.4}",
            s.p, s.r, s.f, halves[0], halves[1]
        );
    }
    Ok(())
}

fn main() {
    if let Err(e) = real_main() {
        eprintln!("eval: {e}");
        std::process::exit(2);
    }
}

fn real_main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = args
        .first()
        .ok_or("usage: eval SHARED_DIR [--tune] [key=value ...]")?;
    let tune = args.iter().any(|a| a == "--tune");
    let mut cfg = StoryConfig::default();
    for kv in args.iter().skip(1).filter(|a| !a.starts_with("--")) {
        apply(&mut cfg, kv)?;
    }
    let data = format!("{shared}/data/stories");
    if args.iter().any(|a| a == "--quick") {
        return quick(&cfg, &data);
    }
    if tune {
        // Several fixed input orders (seeds 7, 8, ...), since an online
        // clusterer's result depends on the order; optionally also the same
        // texts cut to a short lead (LEAD bytes), like a roundup's excerpt.
        let orders: u64 = std::env::var("ORDERS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        let lead: usize = std::env::var("LEAD")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let path = format!("{data}/ecbplus_train.jsonl");
        let mut trains = Vec::new();
        for o in 0..orders {
            trains.push(load_seeded(&path, 7 + o, usize::MAX)?);
        }
        let mut leads = Vec::new();
        if lead > 0 {
            for o in 0..orders {
                leads.push(load_seeded(&path, 7 + o, lead)?);
            }
        }
        let grid = std::env::var("GRID").unwrap_or_default();
        let mut combos: Vec<StoryConfig> = vec![cfg.clone()];
        for axis in grid.split(';').filter(|s| !s.is_empty()) {
            let (k, vs) = axis.split_once('=').ok_or("GRID: key=v1,v2;key=...")?;
            let mut next = Vec::new();
            for c in &combos {
                for v in vs.split(',') {
                    let mut c = c.clone();
                    apply(&mut c, &format!("{k}={v}"))?;
                    next.push(c);
                }
            }
            combos = next;
        }
        for c in &combos {
            let mean = |sets: &[Set]| {
                let v: Vec<Scores> = sets.iter().map(|t| run(c, t).0).collect();
                let n = v.len().max(1) as f64;
                (
                    v.iter().map(|s| s.f).sum::<f64>() / n,
                    v.iter().map(|s| s.f).fold(f64::INFINITY, f64::min),
                    v.iter().map(|s| s.bf).sum::<f64>() / n,
                )
            };
            let (f, fmin, bf) = mean(&trains);
            let (lf, _, _) = mean(&leads);
            println!(
                "thr={} shrink={} name={} phrase={} num={} bytes={} cand={} snn={}/{}/{}  F1 {:.4} min {:.4} B3 {:.4} lead {:.4} both {:.4}",
                c.threshold, c.mix_shrink, c.name_mix, c.phrase_weight, c.number_mix, c.max_text_bytes, c.candidate_terms, c.snn_neighbours, c.snn_mix, c.snn_floor,
                f, fmin, bf, lf, (f + lf) / 2.0
            );
        }
        return Ok(());
    }
    let sets = [
        (
            "ECB+ dev",
            "ecbplus_dev.jsonl",
            0.97,
            "TF-IDF single-pass 0.846",
        ),
        (
            "BASIL dev",
            "basil_dev.jsonl",
            0.97,
            "TF-IDF single-pass, 7-day window 0.950",
        ),
        (
            "AllSides dev",
            "allsides_dev.jsonl",
            0.75,
            "TF-IDF single-pass 0.429",
        ),
        (
            "ECB+ train (tuning split)",
            "ecbplus_train.jsonl",
            f64::NAN,
            "-",
        ),
    ];
    println!("### Stories (same-event clustering)\n");
    println!("These are the library's figures: the engine is given each row's own title and text. `crossread stories FILE` reads the same files through ingest, extraction and the copies stage first, as a user (and an outside evaluation) does; its figures (on ECB+ it also reads the datelines in the texts as dates, see there) are in the section \"The stage subcommands on the benchmark files\" (`scripts/eval cli`).\n");
    println!("Pairwise P/R/F1 as in Miranda et al. 2018 (Priberam `eval_lib.py`) and B-cubed, one fresh engine per set, default `StoryConfig`, all articles of a set in one chunk (`add_batch`: average-link clustering of the chunk, see the crate docs); input in a fixed hash-of-id order, then by date. The engine sees only id, title, text, date, lang, outlet and url. How the parameters were chosen: `name_mix` and `number_mix` by pairwise F1 on `ecbplus_train.jsonl` (`number_mix` re-chosen there once the shared-neighbour step was in: 0.15 -> 0.3 raised the tuning split 0.854 -> 0.888, and kept or raised every dev set and both hash halves of each); `threshold`, `mix_shrink`, `idf_prior_docs`, `neighbours` were compared on `ecbplus_train.jsonl` (full texts and 400-byte leads), which cannot separate thresholds 0.2-0.25 or shrink 0-5 beyond its noise, so the dev sets below were also looked at when settling them (the disjoint test halves were not); `time_bonus` (0.05, added to the cosine of two dated articles published the same day, falling to 0 at the window's edge) was set on BASIL dev, the one fully dated set, and checked to help both halves of it split by a hash of the cluster (0.883/0.885 -> 0.945/0.952 within-half F1) and AllSides' dated part; ECB+ has no dates and is untouched by it; `window_days` = 3 is the top of the field notes' 1-3 days; `thread_threshold` makes the five seeds one thread; the shared-neighbour step (`snn_neighbours` 5, `snn_mix` 0.2, `snn_floor` 0.2: an edge's similarity moves a fifth of the way to the Jaccard overlap of its two articles' 5 nearest neighbours above 0.2) was compared over 3-5 neighbours, mixes 0.2-0.3, floors 0.1-0.2 and thresholds 0.2-0.275 on `ecbplus_train.jsonl` and the three dev sets; this is the setting that raised or kept every one of them at the existing threshold (the tuning split alone prefers a floor of 0.1 and threshold 0.2, which costs BASIL 0.04 and AllSides 0.05), and it raises or keeps both halves of every set split by a hash of the cluster (topic for ECB+). The orphan step (`attach_threshold` 0.1, `attach_margin` 1.5: an article that joined nothing in its chunk joins the new cluster of two or more it links to best, if that average link is at least 0.1 and 1.5 times its next best) was compared over thresholds 0.075-0.225 and margins 1-3 on `ecbplus_train.jsonl` and the dev sets: without a margin the tuning split rises steadily as the threshold falls (0.888 -> 0.901) but AllSides falls (0.567 -> 0.536); a margin of 1.25-1.75 keeps nearly all of the gain and loses nothing on any set (0.075-0.125 give the same dev figures); both hash halves of every set rise. The weekday step (`weekday_factor` 0.5, `weekday_lead_bytes` 500: two articles of a chunk, not both dated, whose title and first 500 bytes name days of the week but none in common have their similarity halved) came from the errors on AllSides: among the pairs crossread put together there, where both leads named days, same-event pairs shared a day 1,802 times and did not 210 times, other pairs 542 and 1,455 times. Compared over factors 0-1 and leads 300-4000 bytes on `ecbplus_train.jsonl` and the dev sets; with the whole text or for dated pairs it cost BASIL (full, dated texts) 0.01-0.03, so it reads the lead and leaves dated pairs to their dates; at 0.5 the tuning split rises 0.898 -> 0.907 and AllSides 0.568 -> 0.627, ECB+ dev and BASIL are unchanged, and both hash halves of every set rise or hold. Applied to links with stories of earlier chunks too (the union of their members' days), it cost the tuning split placed one article at a time 0.10, so it is not. The event-word step (`event_factor` 0.7, `event_floor` 0.03: two articles of a chunk, not both dated, that both use event words, words that at least half of the documents holding them write in lower case, but whose event-word vectors have a cosine under 0.03, count 0.7) also came from AllSides' errors: most of its false pairs are two roundups of one topic (a nomination, its hearing, its vote) that share every name; among the pairs crossread put together there, the cosine of their lower-case words was 0 for 19% of the other-event pairs and 5% of the same-event pairs (medians 0.10 and 0.24), while their names were as alike (medians 0.47 and 0.52). A word counts by its case over the whole collection, not in the one article: with the article's own case ECB+ dev fell to 0.953 (one outlet writes \"Surgeon General\", the others \"surgeon general\"). Compared over factors 0.4-0.75 and floors 0.01-0.05 on `ecbplus_train.jsonl` and the dev sets, AllSides moves 0.634-0.643, ECB+ dev 0.976-0.984 and the tuning split not at all (0.909); 0.7 rather than 0.5 because 0.5 costs ECB+ dev placed 50 at a time 0.013. At 0.7 AllSides rises 0.627 -> 0.639, ECB+ dev 0.976 -> 0.980, the tuning split 0.907 -> 0.909, BASIL holds at 1.000, both hash halves of every set rise or hold, and so do the figures placed 50 at a time. Applied to an article's links with stories of earlier chunks too (its average event-word cosine with the story's members that have event words, from the story's summed event-word vectors), it changes nothing in one chunk and raises AllSides placed 50 at a time 0.420 -> 0.436 and one at a time 0.395 -> 0.416 (both hash halves rise), with ECB+, BASIL and the tuning split unchanged at both chunk sizes; unlike the weekdays (a story's members name several days as it goes on), a story's event words stay those of its event. A merge veto on two clusters of two or more whose event words are far less alike across than within (complete-link in spirit) was tried too: it could not keep ECB+ dev's one such merge (the Surgeon General reports) and gained AllSides only 0.002-0.009 beyond this step at the settings that kept ECB+ dev, so it is not kept. The title counts twice, and a text that opens with its title is read from after it, so a `title` that repeats the text's first sentence (as ECB+'s does) weighs the same whether the row's text keeps that sentence (here) or extraction drops it (`crossread stories`, see eval:cli); with it AllSides rose 0.639 -> 0.645 here and 0.640 -> 0.647 through the CLI, ECB+ dev 0.935 -> 0.948 through the CLI (0.980 here either way), and the tuning split went 0.909 -> 0.906. The orphan step then also asks an orphan that has names to share one with the cluster's named articles: without that, a one-sentence report of another earthquake joined the unit test's two reports of one (its average link 0.10-0.12); on these sets the gate moves AllSides by under 0.001 and nothing else. The order column shows how far the result moves with the input order alone.\n");
    println!("| set | docs | clusters (gold) | pairwise P / R / F1 | B3 P / R / F1 | pairwise F1 over 8 input orders: mean (min-max) | bar (F1) | baseline (README) | threads | articles/s (wall clock, loaded machine, incl. set-up; see bench:stories) |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (name, file, bar, base) in sets {
        let path = format!("{data}/{file}");
        let set = load(&path)?;
        let (s, secs, threads) = run(&cfg, &set);
        // The engine is online, so its result depends on the input order
        // (among undated articles and same-date ties): the same set in the
        // orders of shuffle seeds 7..=14 (seed 7 is the row's order).
        let mut fs = vec![s.f];
        for seed in 8..15 {
            fs.push(run(&cfg, &load_seeded(&path, seed, usize::MAX)?).0.f);
        }
        let orders = format!(
            "{:.3} ({:.3}-{:.3})",
            fs.iter().sum::<f64>() / fs.len() as f64,
            fs.iter().copied().fold(f64::INFINITY, f64::min),
            fs.iter().copied().fold(f64::NEG_INFINITY, f64::max)
        );
        let bar = if bar.is_nan() {
            "-".to_owned()
        } else if s.f >= bar {
            format!(">= {bar:.2} met")
        } else {
            format!(">= {bar:.2} **not met**")
        };
        println!(
            "| {name} | {} | {} ({}) | {:.3} / {:.3} / **{:.3}** | {:.3} / {:.3} / {:.3} | {orders} | {bar} | {base} | {threads} | {:.0} |",
            set.articles.len(), s.clusters, s.gold_clusters, s.p, s.r, s.f, s.bp, s.br, s.bf,
            set.articles.len() as f64 / secs.max(1e-9)
        );
    }
    // How the threshold trades the sets against each other (one order).
    println!(
        "\nThreshold sensitivity (pairwise F1, same order as the table; default {}):\n",
        cfg.threshold
    );
    println!("| set | 0.2 | 0.225 | 0.25 | 0.275 |\n| --- | --- | --- | --- | --- |");
    for (name, file, _, _) in sets {
        let set = load(&format!("{data}/{file}"))?;
        let mut cells = Vec::new();
        for t in [0.2f32, 0.225, 0.25, 0.275] {
            let c = StoryConfig {
                threshold: t,
                ..cfg.clone()
            };
            cells.push(format!("{:.3}", run(&c, &set).0.f));
        }
        println!("| {name} | {} |", cells.join(" | "));
    }
    // The same sets fed in smaller chunks, as a stream fed a few articles at
    // a time would be, with and without the shared-neighbour step (which
    // only acts inside a chunk).
    println!(
        "\nChunk size (pairwise F1, same order; articles placed `chunk_articles` at a time, earlier chunks' stories fixed; `add` is a chunk of one):\n"
    );
    println!("| set | one chunk (default) | 50 | 50, no shared-neighbour step | 1 | 1, no shared-neighbour step |\n| --- | --- | --- | --- | --- | --- |");
    for (name, file, _, _) in sets {
        let set = load(&format!("{data}/{file}"))?;
        let mut cells = Vec::new();
        for (chunk, snn) in [
            (cfg.chunk_articles, true),
            (50, true),
            (50, false),
            (1, true),
            (1, false),
        ] {
            let c = StoryConfig {
                chunk_articles: chunk,
                snn_neighbours: if snn { cfg.snn_neighbours } else { 0 },
                ..cfg.clone()
            };
            cells.push(format!("{:.3}", run(&c, &set).0.f));
        }
        println!("| {name} | {} |", cells.join(" | "));
    }
    // Where AllSides is lost: its stories scored apart by whether all three
    // articles carry a date (the gold clusters choose the subsets; the
    // engine sees each subset as a set of its own).
    let all = load(&format!("{data}/allsides_dev.jsonl"))?;
    let (dated, rest) = split_by_dating(&all);
    println!(
        "\nAllSides by dating (pairwise P / R / F1 of each subset clustered on its own; README anchor for the fully dated stories: TF-IDF single-pass with a 2-day window 0.858, without a window 0.529):\n"
    );
    println!("| subset | docs | one chunk | 50 at a time | 1 at a time |\n| --- | --- | --- | --- | --- |");
    for (name, set) in [
        ("stories whose three articles are dated", &dated),
        ("the other stories (at least one article undated)", &rest),
    ] {
        let mut cells = Vec::new();
        for chunk in [cfg.chunk_articles, 50, 1] {
            let c = StoryConfig {
                chunk_articles: chunk,
                ..cfg.clone()
            };
            let s = run(&c, set).0;
            cells.push(format!("{:.3} / {:.3} / **{:.3}**", s.p, s.r, s.f));
        }
        println!(
            "| {name} | {} | {} |",
            set.articles.len(),
            cells.join(" | ")
        );
    }
    // What the held-back ECB+ half (10 topics, topics 36-45) may score:
    // the 33 topics of the tuning split and dev, drawn 10 at a time, each
    // draw clustered on its own.
    {
        let mut pool = load(&format!("{data}/ecbplus_train.jsonl"))?;
        let dev = load(&format!("{data}/ecbplus_dev.jsonl"))?;
        pool.articles.extend(dev.articles);
        pool.gold.extend(dev.gold);
        let mut topics: Vec<&str> = pool.gold.iter().map(|g| topic_of(g)).collect();
        topics.sort();
        topics.dedup();
        let mut fs = Vec::new();
        let mut state = 0x5eed_u64;
        for _ in 0..TOPIC_DRAWS {
            // Fisher-Yates over a splitmix64 stream: the same draws every run.
            let mut order = topics.clone();
            for i in (1..order.len()).rev() {
                let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            let chosen: std::collections::HashSet<&str> = order.iter().take(10).copied().collect();
            let mut sub = Set {
                articles: Vec::new(),
                gold: Vec::new(),
            };
            for (a, g) in pool.articles.iter().zip(&pool.gold) {
                if chosen.contains(topic_of(g)) {
                    sub.articles.push(a.clone());
                    sub.gold.push(g.clone());
                }
            }
            fs.push(run(&cfg, &sub).0.f);
        }
        fs.sort_by(f64::total_cmp);
        let at = |q: f64| fs[((fs.len() - 1) as f64 * q).round() as usize];
        let met = fs.iter().filter(|&&f| f >= 0.97).count();
        println!(
            "\nECB+ ten topics at a time (the held-back half is topics 36-45): {TOPIC_DRAWS} draws of 10 of the {} topics of `ecbplus_train.jsonl` and `ecbplus_dev.jsonl`, each draw clustered on its own: pairwise F1 mean {:.3}, 10th percentile {:.3}, median {:.3}, 90th percentile {:.3}, min {:.3}, max {:.3}; {met} of {TOPIC_DRAWS} draws reach the bar of 0.97. The ECB+ dev row above is one set of 8 of these topics; all 33 were looked at in tuning, so a held-back half should expect no more than this.",
            topics.len(),
            fs.iter().sum::<f64>() / fs.len().max(1) as f64,
            at(0.1),
            at(0.5),
            at(0.9),
            fs[0],
            fs[fs.len() - 1]
        );
    }
    println!("\nSeed pages (`seeds/`, raw text files, no dates, fed in file order):\n");
    println!("| check | result |\n| --- | --- |");
    for l in seeds(&format!("{shared}/seeds"), &cfg)? {
        println!("{l}");
    }
    println!("\nConfig: `{cfg:?}`\n");
    Ok(())
}
