//! Whole-stage bench: `find_copies` (tokenising, exact duplicates, sketch
//! index, candidate scoring, two-hop expansion, sources, alignment, passages,
//! features, groups) on a corpus, as `crossread analyze` runs it.
//!
//! `stage CORPUS [N]` reads the first N articles (all by default) of either a
//! JSON Lines file of `{id, title, text, date}` rows (`.jsonl`) or a text file
//! with one article per line (ids `t0`, `t1`, ..., no dates), and prints one
//! JSON line: articles, CPU and wall seconds of `find_copies` alone (reading
//! excluded), articles per CPU-second, record and passage counts, and a digest
//! (xxh3-64, seed 0, over every `CopyRecord` serialised as JSON, in order),
//! so that a change can be checked for identical output. Peak memory comes
//! from `/usr/bin/time -v` around the process (see `bench/copies.sh`). With
//! `COPIES_DUMP=FILE`, it also writes one tab-separated line per record (id,
//! source or `-`, derivation, passage count) to FILE, to compare two runs
//! article by article.

use crossread_copies::{find_copies_with, CopiesConfig};
use crossread_core::Article;
use std::io::{BufRead, BufReader};
use std::time::Instant;

#[path = "common/cpu.rs"]
mod cpu;
use cpu::cpu_secs;

#[derive(serde::Deserialize)]
struct Row {
    id: String,
    #[serde(default)]
    title: Option<String>,
    text: String,
    #[serde(default)]
    date: Option<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(corpus) = args.first() else {
        return Err("usage: stage CORPUS [N]".into());
    };
    let limit: usize = match args.get(1) {
        Some(n) => n.parse()?,
        None => usize::MAX,
    };
    let jsonl = corpus.ends_with(".jsonl");
    let reader = BufReader::with_capacity(1 << 20, std::fs::File::open(corpus)?);
    let mut articles = Vec::new();
    for (i, l) in reader.lines().enumerate() {
        if articles.len() >= limit {
            break;
        }
        let l = l?;
        if jsonl {
            let r: Row = serde_json::from_str(&l)?;
            let mut a = Article::from_text(r.id.as_str(), r.text);
            a.title = r.title;
            a.date = r.date;
            articles.push(a);
        } else {
            articles.push(Article::from_text(format!("t{i}").as_str(), l));
        }
    }
    let n = articles.len();
    let t = Instant::now();
    let c = cpu_secs();
    // Experiment override (not used by bench/copies.sh).
    let mut cfg = CopiesConfig::default();
    if let Some(v) = std::env::var("COPIES_DENSE_BELOW")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        cfg.dense_below = v;
    }
    let recs = find_copies_with(&articles, &cfg)?;
    let cpu = cpu_secs() - c;
    let wall = t.elapsed().as_secs_f64();
    let mut h = xxhash_rust::xxh3::Xxh3::with_seed(0);
    let (mut derived, mut passages) = (0usize, 0usize);
    let mut dump = match std::env::var_os("COPIES_DUMP") {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => None,
    };
    for r in &recs {
        if let Some(d) = dump.as_mut() {
            use std::io::Write;
            writeln!(
                d,
                "{}\t{}\t{:?}\t{}",
                r.id,
                r.source.as_ref().map_or("-", |s| s.as_str()),
                r.derived,
                r.passages.len()
            )?;
        }
        h.update(serde_json::to_string(r)?.as_bytes());
        h.update(b"\n");
        derived += usize::from(r.source.is_some());
        passages += r.passages.len();
    }
    if let Some(mut d) = dump {
        use std::io::Write;
        d.flush()?;
    }
    println!(
        "{{\"articles\":{n},\"cpu_seconds\":{cpu:.2},\"seconds\":{wall:.2},\"articles_per_cpu_s\":{:.0},\"derived\":{derived},\"passages\":{passages},\"digest\":\"{:016x}\"}}",
        n as f64 / cpu.max(1e-9),
        h.digest()
    );
    Ok(())
}
