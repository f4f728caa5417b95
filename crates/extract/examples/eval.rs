//! Scores the HTML extraction on the Scrapinghub article-extraction benchmark
//! folder given as the first argument, with the benchmark's own metric (4-gram
//! shingle F1 over `\w+` tokens, see the data README), and prints a Markdown
//! table on stdout; the worst pages go to stderr.
//!
//! Usage: `eval DATA_DIR [--dump OUT_DIR]`

use std::collections::HashMap;
use std::io::Read;

fn is_word(c: char) -> bool {
    // Python's `\w` in Unicode mode: alphanumeric (str.isalnum) or underscore.
    c == '_' || c.is_alphanumeric()
}

fn tokens(s: &str) -> Vec<&str> {
    s.split(|c: char| !is_word(c))
        .filter(|t| !t.is_empty())
        .collect()
}

fn shingles(toks: &[&str]) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    let n = 4;
    let count = if toks.len() >= n {
        toks.len() - n + 1
    } else {
        1
    };
    for i in 0..count {
        let end = (i + n).min(toks.len());
        let s = toks[i..end].join(" ");
        if !s.is_empty() {
            *m.entry(s).or_insert(0) += 1;
        }
    }
    m
}

fn score(truth: &str, pred: &str) -> (usize, usize, usize) {
    let t = shingles(&tokens(truth));
    let p = shingles(&tokens(pred));
    let mut tp = 0;
    let mut fp = 0;
    for (k, &c) in &p {
        let tc = t.get(k).copied().unwrap_or(0);
        tp += c.min(tc);
        fp += c.saturating_sub(tc);
    }
    let mut fn_ = 0;
    for (k, &c) in &t {
        fn_ += c.saturating_sub(p.get(k).copied().unwrap_or(0));
    }
    (tp, fp, fn_)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage: eval DATA_DIR [--dump OUT_DIR]");
        std::process::exit(2);
    };
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1));
    let gt_text =
        std::fs::read_to_string(format!("{dir}/ground-truth.json")).expect("ground-truth.json");
    let gt: serde_json::Value = serde_json::from_str(&gt_text).expect("ground truth is JSON");
    let Some(gt) = gt.as_object() else {
        eprintln!("ground truth is not an object");
        std::process::exit(2);
    };
    let mut ids: Vec<&String> = gt.keys().collect();
    ids.sort();
    let (mut precs, mut recs, mut exact) = (Vec::new(), Vec::new(), 0usize);
    let mut per_page = Vec::new();
    let mut secs = 0f64;
    let mut pages_html: Vec<String> = Vec::new();
    for id in &ids {
        let truth = gt[*id]["articleBody"].as_str().unwrap_or("");
        let path = format!("{dir}/html/{id}.html.gz");
        let mut html = String::new();
        let f = std::fs::File::open(&path).expect("page");
        let mut buf = Vec::new();
        flate2::read::GzDecoder::new(f)
            .read_to_end(&mut buf)
            .expect("gzip");
        html.push_str(&String::from_utf8_lossy(&buf));
        let t0 = std::time::Instant::now();
        let pred = crossread_extract::html_to_text(&html);
        secs += t0.elapsed().as_secs_f64();
        if let Some(d) = dump {
            let _ = std::fs::create_dir_all(d);
            let _ = std::fs::write(format!("{d}/{id}.txt"), &pred);
            let _ = std::fs::write(format!("{d}/{id}.gt.txt"), truth);
        }
        let (tp, fp, fn_) = score(truth, &pred);
        pages_html.push(html);
        let p = if tp + fp > 0 {
            Some(tp as f64 / (tp + fp) as f64)
        } else {
            None
        };
        let r = if tp + fn_ > 0 {
            tp as f64 / (tp + fn_) as f64
        } else {
            0.0
        };
        if let Some(p) = p {
            precs.push(p);
        }
        recs.push(r);
        if tokens(truth) == tokens(&pred) {
            exact += 1;
        }
        per_page.push((p.unwrap_or(0.0), r, id.to_string()));
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let p = mean(&precs);
    let r = mean(&recs);
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    per_page.sort_by(|a, b| {
        let fa = 2.0 * a.0 * a.1 / (a.0 + a.1).max(1e-9);
        let fb = 2.0 * b.0 * b.1 / (b.0 + b.1).max(1e-9);
        fa.total_cmp(&fb)
    });
    eprintln!("worst pages (P, R, id):");
    for (p, r, id) in per_page.iter().take(25) {
        eprintln!("  {p:.3} {r:.3} {id}");
    }
    println!("| pages | F1 | precision | recall | accuracy | extraction time |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| {} | {f1:.3} | {p:.3} | {r:.3} | {:.3} | {:.1} ms/page (parse + extract, one thread) |",
        ids.len(),
        exact as f64 / ids.len().max(1) as f64,
        secs * 1000.0 / ids.len().max(1) as f64
    );
    robustness(&pages_html);
}

/// Peak resident memory of this process so far (Linux `VmHWM`), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Times the extraction on hostile inputs built from the benchmark pages and
/// prints a second table.
fn robustness(pages: &[String]) {
    let mut big = String::new();
    'fill: loop {
        for p in pages {
            big.push_str(p);
            if big.len() >= 50_000_000 {
                break 'fill;
            }
        }
        if pages.is_empty() {
            break;
        }
    }
    let cases: Vec<(&str, String)> = vec![
        ("benchmark pages concatenated to 50 MB", big),
        (
            "100,000 nested `<div>` + 100,000 nested `<b>`",
            format!(
                "{}{}<p>text</p>",
                "<div>".repeat(100_000),
                "<b>".repeat(100_000)
            ),
        ),
        ("1,000,000 unmatched `</span>`", "</span>".repeat(1_000_000)),
        (
            "5 MB with no `>` after `<a`",
            format!("<a {}", "x=\"y\" ".repeat(800_000)),
        ),
    ];
    println!();
    println!("| hostile input | size | time | text chars |");
    println!("|---|---|---|---|");
    for (name, html) in &cases {
        let t0 = std::time::Instant::now();
        let out = crossread_extract::html_to_text(html);
        let dt = t0.elapsed().as_secs_f64();
        println!(
            "| {name} | {:.1} MB | {:.2} s | {} |",
            html.len() as f64 / 1e6,
            dt,
            out.chars().count()
        );
    }
    if let Some(rss) = peak_rss_mib() {
        println!();
        println!("Peak RSS of the whole evaluation run (all of the above, inputs held in memory): {rss:.0} MiB.");
    }
}
