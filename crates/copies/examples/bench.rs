//! Speed bench of the candidate stage (sketching + LSH/anchor index +
//! candidate pairs) on a generated corpus, one text per line.
//!
//! `bench CORPUS PLANTED_PAIRS` prints one JSON line: articles, seconds,
//! articles/s, candidate pairs, recall of the planted near-duplicates.
//! Texts are streamed in batches of 10,000 (sketched in parallel by rayon;
//! set `RAYON_NUM_THREADS=1` for one core), so memory holds the index only.
//! A `.jsonl` corpus (rows `{text, date}`, as the stories bench dumps them)
//! is indexed with its dates (`add_texts_dated`); `-` as PLANTED_PAIRS
//! skips the recall figure. `COPIES_LIMIT=N` reads the first N texts only.

use crossread_copies::{CandidateIndex, CopiesConfig};
use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::time::Instant;

#[path = "common/cpu.rs"]
mod cpu;
use cpu::cpu_secs;

/// A row of a `.jsonl` corpus.
#[derive(serde::Deserialize)]
struct Row {
    text: String,
    #[serde(default)]
    date: Option<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(corpus), Some(planted)) = (args.first(), args.get(1)) else {
        return Err("usage: bench CORPUS PLANTED_PAIRS".into());
    };
    let mut cfg = CopiesConfig::default();
    // Experiment overrides (not used by bench/copies.sh).
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u32>().ok());
    if let Some(v) = env("COPIES_WORD_BITS") {
        cfg.word_bits = v;
    }
    if let Some(v) = env("COPIES_ANCHOR_BITS") {
        cfg.anchor_bits = v;
    }
    let mut ix = CandidateIndex::new(cfg.anchor_bits, cfg.word_bits);
    let reader = BufReader::with_capacity(1 << 20, std::fs::File::open(corpus)?);
    let mut batch: Vec<String> = Vec::with_capacity(10_000);
    let mut busy = 0f64;
    let mut cpu = 0f64;
    let mut read = 0f64;
    let jsonl = corpus.ends_with(".jsonl");
    let limit = std::env::var("COPIES_LIMIT")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(usize::MAX);
    let mut dates: Vec<Option<String>> = Vec::new();
    let mut lines = reader.lines().take(limit);
    loop {
        let t = Instant::now();
        batch.clear();
        dates.clear();
        for l in lines.by_ref().take(10_000) {
            let l = l?;
            if jsonl {
                let row: Row = serde_json::from_str(&l)?;
                batch.push(row.text);
                dates.push(row.date);
            } else {
                batch.push(l);
            }
        }
        read += t.elapsed().as_secs_f64();
        if batch.is_empty() {
            break;
        }
        let t = Instant::now();
        let c = cpu_secs();
        let refs: Vec<&str> = batch.iter().map(String::as_str).collect();
        let ds: Vec<Option<&str>> = dates.iter().map(|d| d.as_deref()).collect();
        ix.add_texts_dated(&refs, &ds);
        busy += t.elapsed().as_secs_f64();
        cpu += cpu_secs() - c;
    }
    drop(batch);
    let n = ix.len();
    let t = Instant::now();
    let c = cpu_secs();
    let pairs = ix.into_pairs();
    let pair_secs = t.elapsed().as_secs_f64();
    let pair_cpu = cpu_secs() - c;
    busy += pair_secs;
    cpu += pair_cpu;
    let found: HashSet<(u32, u32)> = pairs.iter().copied().collect();
    let (mut hit, mut total) = (0usize, 0usize);
    let planted = if planted == "-" {
        String::new()
    } else {
        std::fs::read_to_string(planted)?
    };
    for l in planted.lines() {
        let mut it = l.split('\t').filter_map(|x| x.parse::<u32>().ok());
        if let (Some(a), Some(b)) = (it.next(), it.next()) {
            total += 1;
            if found.contains(&(a.min(b), a.max(b))) {
                hit += 1;
            }
        }
    }
    println!(
        "{{\"engine\":\"crossread\",\"articles\":{n},\"seconds\":{busy:.3},\"cpu_seconds\":{cpu:.3},\"pairs_seconds\":{pair_secs:.3},\"pairs_cpu_seconds\":{pair_cpu:.3},\"read_seconds\":{read:.3},\"articles_per_s\":{:.0},\"articles_per_cpu_s\":{:.0},\"pairs\":{},\"planted_recall\":{:.4}}}",
        n as f64 / busy.max(1e-9),
        n as f64 / cpu.max(1e-9),
        pairs.len(),
        hit as f64 / total.max(1) as f64
    );
    Ok(())
}
