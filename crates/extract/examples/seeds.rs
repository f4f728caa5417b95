//! Runs text-mode extraction on the seed pages (`../shared/seeds/*.txt`) and
//! prints, per seed, a Markdown report: metadata and attributions found, every
//! removed line with its reason, and the kept paragraphs' first words, so a
//! reader can check paragraph by paragraph what stayed and what went.
//!
//! Usage: `seeds SEEDS_DIR`

use crossread_core::{Body, Document};

fn short(s: &str, n: usize) -> String {
    let t: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        format!("{t}…")
    } else {
        t
    }
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: seeds SEEDS_DIR");
        std::process::exit(2);
    };
    let mut paths: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect(),
        Err(e) => {
            eprintln!("seeds: cannot read {dir}: {e}");
            std::process::exit(2);
        }
    };
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let raw = match std::fs::read_to_string(&p) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("seeds: {name}: {e}");
                std::process::exit(2);
            }
        };
        let doc = Document {
            id: name.as_str().into(),
            origin: p.display().to_string(),
            url: None,
            outlet: None,
            date: None,
            title: None,
            fetched: None,
            body: Body::Text(raw.clone()),
        };
        let a = crossread_extract::extract(&doc);
        let (_, removed) = crossread_extract::explain_text_cleanup(&raw);
        let paras: Vec<&str> = a.text.split("\n\n").filter(|p| !p.is_empty()).collect();
        println!("#### `{name}`\n");
        println!(
            "title: {:?} · date: {:?} · author: {:?} · outlet: {:?} · lang: {:?}\n",
            a.title, a.date, a.author, a.outlet, a.lang
        );
        let attrs: Vec<String> = a
            .attributions
            .iter()
            .map(|x| {
                format!(
                    "{} \"{}\"",
                    serde_json::to_string(&x.kind)
                        .unwrap_or_default()
                        .trim_matches('"'),
                    x.source
                )
            })
            .collect();
        println!(
            "attributions: {}\n",
            if attrs.is_empty() {
                "none".to_owned()
            } else {
                attrs.join(", ")
            }
        );
        println!("kept {} paragraphs:\n", paras.len());
        for (i, p) in paras.iter().enumerate() {
            println!("{}. {}", i + 1, short(p, 90));
        }
        println!("\nremoved {} lines:\n", removed.len());
        for (why, line) in &removed {
            println!("- *{why}*: {}", short(line, 70));
        }
        println!();
    }
}
