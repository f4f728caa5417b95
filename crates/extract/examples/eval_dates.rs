//! Publication-date evaluation on htmldate's 1,000 labelled pages.
//!
//! Usage: `eval_dates LABELS.tsv HTML_DIR [ERRORS.tsv]`, where HTML_DIR holds the
//! unpacked archives (`eval/`, `cache/`, `test_set/`). Each page is decoded as a
//! browser would (BOM, `<meta charset>`, then chardetng), its metadata is read
//! with the crate's `meta` module, and the date is scored at day resolution with
//! htmldate's definitions: TP when it equals the gold date, FP when it is another
//! date, FN when there is none. Prints a Markdown table on stdout.
//!
//! Diagnostics: a third argument ERRORS.tsv receives one line per miss (gold,
//! ours, source); `DATES_DEBUG=misses` prints every miss with all the date
//! candidates the page offered (source tier and value, in page order), and
//! `DATES_DEBUG=frag1,frag2` does the same for the pages whose path contains
//! one of the fragments.
//!
//! The `meta` module is private to the library, so it is compiled in here from
//! its source file.

#[allow(dead_code, unused_imports)]
#[path = "../src/meta/mod.rs"]
mod meta;

use std::collections::BTreeMap;
use std::time::Instant;

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn add(&mut self, gold: &str, got: Option<&str>) {
        match got {
            None => self.fn_ += 1,
            Some(d) if d == gold => self.tp += 1,
            Some(_) => self.fp += 1,
        }
    }
    fn n(&self) -> usize {
        self.tp + self.fp + self.fn_
    }
    fn row(&self, name: &str) -> String {
        let (tp, fp, fn_) = (self.tp as f64, self.fp as f64, self.fn_ as f64);
        let div = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        format!(
            "| {name} | {} | {} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
            self.n(),
            self.tp,
            self.fp,
            self.fn_,
            div(tp, tp + fp),
            div(tp, tp + fn_),
            div(tp, self.n() as f64),
            div(2.0 * tp, 2.0 * tp + fp + fn_)
        )
    }
}

/// Decodes a page: BOM, then a `charset` declared in the first 4 KB, then
/// chardetng's guess.
fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    if let Some(p) = memchr::memmem::find(&lower, b"charset=") {
        let rest = &head[p + 8..];
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.')))
            .unwrap_or(rest.len());
        if let Some(enc) = encoding_rs::Encoding::for_label(&rest[..end]) {
            // A page declared as UTF-16 but read as bytes here is really ASCII-compatible.
            let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                encoding_rs::UTF_8
            } else {
                enc
            };
            return enc.decode_without_bom_handling(bytes).0.into_owned();
        }
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

struct Page {
    subset: String,
    path: String,
    gold: String,
    url: String,
    html: String,
    raw: Vec<u8>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: eval_dates LABELS.tsv HTML_DIR [ERRORS.tsv]");
        std::process::exit(2);
    }
    let labels = match std::fs::read_to_string(&args[1]) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("eval_dates: cannot read {}: {e}", args[1]);
            std::process::exit(2);
        }
    };
    let dir = std::path::Path::new(&args[2]);
    let mut pages = Vec::new();
    let mut bytes_total = 0usize;
    for line in labels.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let path = dir.join(f[1]);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("eval_dates: cannot read {}: {e}", path.display());
                std::process::exit(2);
            }
        };
        bytes_total += bytes.len();
        pages.push(Page {
            subset: f[0].to_owned(),
            path: f[1].to_owned(),
            gold: f[2].to_owned(),
            url: f[3].to_owned(),
            html: decode(&bytes),
            raw: bytes,
        });
    }

    if let Some(seeds) = std::env::args()
        .nth(3)
        .filter(|a| a.starts_with("--seeds="))
    {
        // Text mode on the seed pages: the date and byline found in each.
        let dir = seeds.trim_start_matches("--seeds=");
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        names.sort();
        println!("| seed | date_from_text | byline_from_text |");
        println!("|---|---|---|");
        for path in names {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            println!(
                "| {name} | {} | {} |",
                meta::date_from_text(&text).unwrap_or_else(|| "-".into()),
                meta::byline_from_text(&text).unwrap_or_else(|| "-".into())
            );
        }
        return;
    }
    if let Ok(want) = std::env::var("DATES_DEBUG") {
        // DATES_DEBUG=misses: every page whose date is wrong or missing, with
        // our date, its source and every candidate; otherwise a comma-separated
        // list of path fragments.
        let misses = want == "misses";
        for p in pages.iter().filter(|p| {
            if misses {
                let m = meta::page_meta(&p.html, Some(&p.url));
                m.date.as_deref().map(|d| &d[..d.len().min(10)]) != Some(p.gold.as_str())
            } else {
                want.split(',').any(|w| p.path.contains(w))
            }
        }) {
            let m = meta::page_meta(&p.html, Some(&p.url));
            println!(
                "== {} gold {} got {} from {} ({})",
                p.path,
                if p.gold.is_empty() { "-" } else { &p.gold },
                m.date.as_deref().unwrap_or("-"),
                m.date_source.unwrap_or("none"),
                p.url
            );
            for (src, d) in meta::date_candidates(&p.html, Some(&p.url)) {
                println!("   {src:14} {d}");
            }
        }
        return;
    }
    // Timed: metadata of every page, one thread; best of three passes.
    let mut results: Vec<meta::PageMeta> = Vec::new();
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        results = pages
            .iter()
            .map(|p| meta::page_meta(&p.html, Some(&p.url)))
            .collect();
        best = best.min(t.elapsed().as_secs_f64());
    }
    // Timed: the same from the raw bytes, charset decoding included (what
    // htmldate's time covers too).
    let mut best_raw = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        let n = pages
            .iter()
            .filter(|p| {
                meta::page_meta(&decode(&p.raw), Some(&p.url))
                    .date
                    .is_some()
            })
            .count();
        best_raw = best_raw.min(t.elapsed().as_secs_f64());
        std::hint::black_box(n);
    }

    let mut by_subset: BTreeMap<String, Score> = BTreeMap::new();
    let mut all = Score::default();
    let mut by_source: BTreeMap<&str, Score> = BTreeMap::new();
    let mut errors = String::from("subset\tpath\tgold\tgot\tsource\turl\n");
    for (p, m) in pages.iter().zip(&results) {
        let got = m.date.as_deref().map(|d| &d[..d.len().min(10)]);
        by_subset
            .entry(p.subset.clone())
            .or_default()
            .add(&p.gold, got);
        all.add(&p.gold, got);
        by_source
            .entry(m.date_source.unwrap_or("none"))
            .or_default()
            .add(&p.gold, got);
        if got != Some(p.gold.as_str()) {
            errors.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\n",
                p.subset,
                p.path,
                p.gold,
                got.unwrap_or("-"),
                m.date_source.unwrap_or("none"),
                p.url
            ));
        }
    }
    if let Some(path) = args.get(3).filter(|a| !a.starts_with("--")) {
        if let Err(e) = std::fs::write(path, &errors) {
            eprintln!("eval_dates: cannot write {path}: {e}");
        }
    }

    println!("| subset | pages | TP | FP | FN | P | R | Acc | F1 |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (name, s) in &by_subset {
        println!("{}", s.row(name));
    }
    println!("{}", all.row("**all**"));
    println!();
    println!("Where the answers came from (a diagnostic): sources are tried in the order url, meta, jsonld, markup, jsonld-other, keyword, time, class, boiler-markup, meta-weak, modified, text, meta-fuzzy, boiler, title, script, links, summary; the first that has a date wins. A machine date (url, meta, jsonld, attribute) is then checked twice: one the page never shows its readers gives way to a later revision date the page does show (shown-revision), a UTC timestamp given elsewhere as the same instant with the publisher's offset is read on the publisher's day (local-offset), and a UTC or zone-less timestamp one day off the date the article header shows gives way to the shown day (shown-day).");
    println!();
    println!("| source | pages | TP | FP | FN | P |");
    println!("|---|---|---|---|---|---|");
    for (name, s) in &by_source {
        let p = if s.tp + s.fp > 0 {
            s.tp as f64 / (s.tp + s.fp) as f64
        } else {
            0.0
        };
        println!(
            "| {name} | {} | {} | {} | {} | {p:.3} |",
            s.n(),
            s.tp,
            s.fp,
            s.fn_
        );
    }
    println!();
    println!(
        "Speed (metadata only, decoded pages, one thread, best of 3 passes): {} pages in {:.3} s = **{:.0} pages/s**, {:.2} ms per page, {:.0} MB/s of HTML.",
        pages.len(),
        best,
        pages.len() as f64 / best,
        best * 1000.0 / pages.len().max(1) as f64,
        bytes_total as f64 / 1e6 / best
    );
    println!();
    println!(
        "Speed (charset decoding + metadata, raw bytes, one thread, best of 3 passes): {} pages in {:.3} s = **{:.0} pages/s**, {:.2} ms per page.",
        pages.len(),
        best_raw,
        pages.len() as f64 / best_raw,
        best_raw * 1000.0 / pages.len().max(1) as f64
    );
}
