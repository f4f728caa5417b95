//! Speed of `compare` on one story of n articles, for several n.
//!
//! `cargo run --release -p crossread-compare --example compare-bench -- ARTICLES.jsonl N...`
//!
//! Articles are METER texts (`{"id","text","source","date"}` lines), taken in
//! file order and cycled past the end; a cycled text is a republication, so it
//! gets a copy record in the first one's group (the copies stage would say so).
//! Prints one TSV line per n: n, MB of text, claims and quotes out, and the best
//! of three runs (one for n > 2000) in wall-clock and in CPU seconds of this
//! thread (from `/proc/thread-self/schedstat`, so a busy machine does not count).

use crossread_compare::{compare, StoryInput};
use crossread_core::{Article, CopyRecord, Derivation, GroupId};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().ok_or("usage: bench ARTICLES.jsonl N...")?;
    let ns: Vec<usize> = args[1..].iter().filter_map(|a| a.parse().ok()).collect();
    let mut base: Vec<(String, String, Option<String>, Option<String>)> = Vec::new();
    for l in std::fs::read_to_string(path)?.lines() {
        let v: serde_json::Value = serde_json::from_str(l)?;
        base.push((
            v["id"].as_str().unwrap_or_default().to_string(),
            v["text"].as_str().unwrap_or_default().to_string(),
            v["source"].as_str().map(String::from),
            v["date"].as_str().map(String::from),
        ));
    }
    if base.is_empty() {
        return Err("no articles".into());
    }
    println!("n\ttext_mb\tclaims\tquotes\twall_s\tcpu_s");
    for n in ns {
        let mut arts = Vec::with_capacity(n);
        let mut recs = Vec::with_capacity(n);
        for i in 0..n {
            let (id, text, outlet, date) = &base[i % base.len()];
            let round = i / base.len();
            let aid = format!("{id}#{round}");
            let mut a = Article::from_text(aid.as_str(), text.clone());
            a.outlet = outlet.clone();
            a.date = date.clone();
            arts.push(a);
            let first = format!("{id}#0");
            recs.push(CopyRecord {
                id: aid.as_str().into(),
                group: GroupId::new(format!("g:{first}")),
                origin: first.as_str().into(),
                derived: if round == 0 {
                    Derivation::None
                } else {
                    Derivation::Wholly
                },
                source: (round > 0).then(|| first.as_str().into()),
                passages: Vec::new(),
            });
        }
        let mb = arts.iter().map(|a| a.text.len()).sum::<usize>() as f64 / 1e6;
        let input = StoryInput {
            story: "bench".into(),
            thread: "bench".into(),
            articles: arts.iter().collect(),
            copies: recs.iter().collect(),
        };
        let runs = if n <= 2000 { 3 } else { 1 };
        let mut best = f64::INFINITY;
        let mut best_cpu = f64::INFINITY;
        let mut out = None;
        for _ in 0..runs {
            let c0 = thread_cpu_seconds();
            let t0 = Instant::now();
            let c = compare(&input);
            best = best.min(t0.elapsed().as_secs_f64());
            best_cpu = best_cpu.min(thread_cpu_seconds() - c0);
            out = Some(c);
        }
        let (claims, quotes) = out.map_or((0, 0), |c| (c.claims.len(), c.quotes.len()));
        println!("{n}\t{mb:.2}\t{claims}\t{quotes}\t{best:.4}\t{best_cpu:.4}");
    }
    Ok(())
}

/// CPU time of the calling thread in seconds (Linux schedstat); 0 elsewhere.
fn thread_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|x| x.parse::<f64>().ok())
        })
        .map_or(0.0, |ns| ns / 1e9)
}
