//! Times `crossread_extract::extract` on the extraction benchmark pages: reads
//! and decompresses every page first, makes one untimed warm-up pass, then
//! times the full extraction (parse, body, metadata, attributions, language)
//! REPEATS times over all pages.
//!
//! With `--body`, times only the article-body path (`html_to_text`: parse and
//! body extraction, what the extraction benchmark scores).
//!
//! Usage: `bench DATA_DIR REPEATS [--body]`; prints `pages seconds pages_per_second`.

use crossread_core::{Body, Document};
use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), repeats) = (
        args.get(1),
        args.get(2)
            .and_then(|r| r.parse::<usize>().ok())
            .unwrap_or(1),
    ) else {
        eprintln!("usage: bench DATA_DIR REPEATS");
        std::process::exit(2);
    };
    let body_only = args.iter().any(|a| a == "--body");
    let html_dir = format!("{dir}/html");
    let mut names: Vec<_> = match std::fs::read_dir(&html_dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("bench: {html_dir}: {e}");
            std::process::exit(2);
        }
    };
    names.sort();
    let mut docs = Vec::new();
    for p in names {
        let Ok(f) = std::fs::File::open(&p) else {
            continue;
        };
        let mut buf = Vec::new();
        if flate2::read::GzDecoder::new(f)
            .read_to_end(&mut buf)
            .is_err()
        {
            continue;
        }
        docs.push(Document {
            id: p.display().to_string().as_str().into(),
            origin: "bench".into(),
            url: None,
            outlet: None,
            date: None,
            title: None,
            fetched: None,
            body: Body::Html(String::from_utf8_lossy(&buf).into_owned()),
        });
    }
    let run = |d: &Document| -> usize {
        if body_only {
            match &d.body {
                Body::Html(h) => crossread_extract::html_to_text(h).len(),
                Body::Text(t) => t.len(),
            }
        } else {
            crossread_extract::extract(d).text.len()
        }
    };
    // Warm-up: one untimed pass over every page (lazily built tables, caches).
    let mut chars: usize = docs.iter().map(run).sum();
    let t0 = std::time::Instant::now();
    for _ in 0..repeats {
        chars += docs.iter().map(run).sum::<usize>();
    }
    let dt = t0.elapsed().as_secs_f64();
    let n = docs.len() * repeats;
    eprintln!("extracted {chars} bytes of text");
    println!("{n} {dt:.4} {:.2}", n as f64 / dt);
}
