//! Evaluation of the copies stage on METER and COUNTER (dev halves) and on the
//! seed pages, printed as one Markdown section.
//!
//! `cargo run --release -p crossread-copies --example copies-eval -- SHARED_DIR [--fit] [--train PATH]`
//!
//! Input fed to the engine: each corpus's raw `text` (METER PA copy with its
//! wire header, as stored), `date`, and the corpus `source` field as `outlet`;
//! the whole corpus as one stream of articles (wire and newspaper mixed), never
//! the given pairs. Seeds: the `.txt` pages through `crossread_extract::extract`, as `analyze` reads them.
//! Labels are read only to score.
//!
//! `--fit` also trains the derivation model (an ordinal linear model over
//! the engine's generic `Features`, see `train`) on both dev halves and
//! prints its in-sample figures beside 5-fold cross-validated ones, where the
//! folds are story groups (train on four, score the fifth), dealt by a hash
//! of the group; the mean and range over 8 such deals (`COPIES_REPEAT=k`
//! for k; each deal's figures on stderr) show how much one deal's figure
//! owes to luck. `--train PATH`
//! does the same and writes the model as Rust source to PATH
//! (`crates/copies/src/trained.rs`), which the crate ships.

use crossread_copies::{
    find_copies_explained, CopiesConfig, CopyRecord, Derivation, Features, Model, PassageKind,
    N_FEATURES,
};
use crossread_core::{Article, Body, Document};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

#[derive(Deserialize)]
struct Row {
    id: String,
    text: String,
    source: Option<String>,
    date: Option<String>,
}

#[derive(Deserialize)]
struct DocLabel {
    id: String,
    label: String,
    story_group: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
struct Span {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct PassageRow {
    id: String,
    offsets_into: String,
    spans: Vec<Span>,
}

#[derive(Deserialize)]
struct Pair {
    a: String,
    b: String,
    label: String,
    story_group: String,
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn jsonl<T: for<'de> Deserialize<'de>>(p: &Path) -> Res<Vec<T>> {
    let s = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
    let mut out = Vec::new();
    for l in s.lines().filter(|l| !l.trim().is_empty()) {
        out.push(serde_json::from_str(l)?);
    }
    Ok(out)
}

fn articles(rows: &[Row]) -> Vec<Article> {
    rows.iter()
        .map(|r| {
            let mut a = Article::from_text(r.id.as_str(), r.text.as_str());
            a.date = r.date.clone();
            a.outlet = r.source.clone();
            a
        })
        .collect()
}

fn lab(d: Derivation) -> usize {
    match d {
        Derivation::Wholly => 0,
        Derivation::Partially => 1,
        Derivation::None => 2,
    }
}

fn gold(s: &str) -> usize {
    match s {
        "wholly" => 0,
        "partially" => 1,
        _ => 2,
    }
}

/// Per-class F1 over `k` classes.
fn f1s(pairs: &[(usize, usize)], k: usize) -> Vec<f64> {
    (0..k)
        .map(|c| {
            let tp = pairs.iter().filter(|&&(g, p)| g == c && p == c).count() as f64;
            let fp = pairs.iter().filter(|&&(g, p)| g != c && p == c).count() as f64;
            let fneg = pairs.iter().filter(|&&(g, p)| g == c && p != c).count() as f64;
            if tp == 0.0 {
                0.0
            } else {
                2.0 * tp / (2.0 * tp + fp + fneg)
            }
        })
        .collect()
}

fn macro_f1(pairs: &[(usize, usize)], k: usize) -> f64 {
    let f = f1s(pairs, k);
    f.iter().sum::<f64>() / k as f64
}

fn binary(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    pairs
        .iter()
        .map(|&(g, p)| ((g == 2) as usize, (p == 2) as usize))
        .collect()
}

/// (gold, features, story group) for the labelled articles of a corpus.
struct Labelled {
    gold: usize,
    feat: Option<Features>,
    group: String,
}

/// One tab-separated line per labelled article (corpus, gold, has figures,
/// the figures, story group), for the `COPIES_DUMP` diagnostic.
fn feature_rows(corpus: &str, rows: &[Labelled]) -> String {
    let mut o = String::new();
    for x in rows {
        let f = x.feat.unwrap_or_default();
        let v: Vec<String> = f.vector().iter().map(|x| format!("{x:.4}")).collect();
        o.push_str(&format!(
            "{corpus}\t{}\t{}\t{}\t{}\n",
            x.gold,
            x.feat.is_some() as u8,
            v.join("\t"),
            x.group
        ));
    }
    o
}

/// The engine's verdict from the figures, with `model` in place of the
/// shipped one.
fn classify(model: &Model, f: &Option<Features>) -> usize {
    f.as_ref().map(|f| lab(model.classify(f))).unwrap_or(2)
}

/// L2 penalty of the training (on scaled features).
const L2: f64 = 0.01;
/// Full-batch gradient steps and their size.
const STEPS: usize = 3000;
const RATE: f64 = 0.5;
/// Share of an article's words in passages below which it is not derived
/// (`Model::min_reused`, set by hand, not trained).
const MIN_REUSED: f64 = 0.05;
/// Cut points are searched on this many quantiles of the training scores.
const QUANTILES: usize = 60;
/// Fold deals averaged for the repeated cross-validation figure
/// (`COPIES_REPEAT` overrides).
const DEALS: u64 = 8;

/// Trains the ordinal model on the items given (those with features).
/// Weights: the all-threshold ordinal logistic loss (Rennie and Srebro,
/// 2005): one score w·x, and for each of "derived" and "wholly" a logistic
/// loss of score − b_k, shared w; each example is weighted so that every
/// (corpus, class) cell carries the same total weight. Zero start,
/// full-batch projected gradient descent (the weight of every figure but
/// length kept >= 0, so the score is monotone in reuse): deterministic. Cut points: then chosen on
/// the training items' scores (quantile grid) for the mean over corpora of
/// three-way macro-F1.
fn train(corpora: &[Vec<&Labelled>]) -> Model {
    let mut xs: Vec<[f64; N_FEATURES]> = Vec::new();
    let mut ys: Vec<usize> = Vec::new();
    let mut ws: Vec<f64> = Vec::new();
    for c in corpora {
        let mut count = [0usize; 3];
        for x in c.iter().filter(|x| x.feat.is_some()) {
            count[x.gold] += 1;
        }
        for x in c {
            if let Some(f) = &x.feat {
                let mut v = f.vector();
                // Diagnostic (COPIES_MASK=i,j,..): train on those features only.
                if let Ok(m) = std::env::var("COPIES_MASK") {
                    let keep: Vec<usize> = m.split(',').filter_map(|t| t.parse().ok()).collect();
                    for (k, x) in v.iter_mut().enumerate() {
                        if !keep.contains(&k) {
                            *x = 0.0;
                        }
                    }
                }
                xs.push(v);
                // Rank: none 0, partially 1, wholly 2.
                ys.push(2 - x.gold);
                ws.push(1.0 / (3.0 * corpora.len() as f64 * count[x.gold].max(1) as f64));
            }
        }
    }
    let n = xs.len().max(1) as f64;
    let mut mean = [0.0; N_FEATURES];
    let mut scale = [1.0; N_FEATURES];
    for k in 0..N_FEATURES {
        mean[k] = xs.iter().map(|v| v[k]).sum::<f64>() / n;
        let var = xs.iter().map(|v| (v[k] - mean[k]).powi(2)).sum::<f64>() / n;
        scale[k] = if var > 1e-12 { var.sqrt() } else { 1.0 };
    }
    let z: Vec<[f64; N_FEATURES]> = xs
        .iter()
        .map(|v| std::array::from_fn(|k| (v[k] - mean[k]) / scale[k]))
        .collect();
    let mut coef = [0.0; N_FEATURES];
    let mut b = [0.0; 2];
    // Diagnostic (COPIES_L2): another penalty.
    let l2 = std::env::var("COPIES_L2")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(L2);
    for _ in 0..STEPS {
        let mut gc = [0.0; N_FEATURES];
        let mut gb = [0.0; 2];
        for ((x, &y), &w) in z.iter().zip(&ys).zip(&ws) {
            let s: f64 = coef.iter().zip(x).map(|(a, b)| a * b).sum();
            for k in 0..2 {
                let t = (y > k) as usize as f64;
                let p = 1.0 / (1.0 + (-(s - b[k])).exp());
                let d = w * (p - t);
                gb[k] -= d;
                for j in 0..N_FEATURES {
                    gc[j] += d * x[j];
                }
            }
        }
        for k in 0..2 {
            b[k] -= RATE * gb[k];
        }
        for j in 0..N_FEATURES {
            coef[j] -= RATE * (gc[j] + l2 * coef[j]);
            // Monotone: every figure but length measures reuse, so more of
            // it never lowers the score (an exact copy scores highest).
            if Features::NAMES[j] != "length" {
                coef[j] = coef[j].max(0.0);
            }
        }
    }
    let mut model = Model {
        mean,
        scale,
        coef,
        cuts: [b[0].min(b[1]), b[0].max(b[1])],
        min_reused: MIN_REUSED,
    };
    // Cut points for the mean macro-F1 over corpora.
    let mut scores: Vec<f64> = corpora
        .iter()
        .flatten()
        .filter_map(|x| x.feat.as_ref().map(|f| model.score(f)))
        .collect();
    scores.sort_by(f64::total_cmp);
    if scores.len() > 1 && std::env::var("COPIES_NO_CUTS").is_err() {
        let q: Vec<f64> = (0..QUANTILES)
            .map(|k| scores[k * (scores.len() - 1) / (QUANTILES - 1)])
            .collect();
        let objective = |m: &Model| -> f64 {
            corpora
                .iter()
                .map(|c| {
                    let p: Preds = c.iter().map(|x| (x.gold, classify(m, &x.feat))).collect();
                    macro_f1(&p, 3)
                })
                .sum::<f64>()
        };
        let mut best = (objective(&model), model.cuts);
        for (i, &t1) in q.iter().enumerate() {
            for &t2 in &q[i..] {
                model.cuts = [t1, t2];
                let o = objective(&model);
                if o > best.0 + 1e-12 {
                    best = (o, [t1, t2]);
                }
            }
        }
        model.cuts = best.1;
    }
    model
}

/// The Rust source of `trained.rs` for a model.
fn model_source(m: &Model) -> String {
    let arr = |v: &[f64]| {
        let items: Vec<String> = v.iter().map(|x| format!("{x:?}")).collect();
        format!("[{}]", items.join(", "))
    };
    format!(
        "// Written by `examples/eval.rs --train`; do not edit by hand.\n\
         // Feature order: {}.\n\
         /// The shipped model (see the module doc for how it was trained).\n\
         pub(crate) const TRAINED: Model = Model {{\n\
         mean: {},\nscale: {},\ncoef: {},\ncuts: {},\nmin_reused: {:?},\n}};\n",
        Features::NAMES.join(", "),
        arr(&m.mean),
        arr(&m.scale),
        arr(&m.coef),
        arr(&m.cuts),
        m.min_reused
    )
}

fn fold_of(group: &str, salt: u64) -> usize {
    // FNV-1a of the story group: a fixed, label-free fold assignment (salt 0
    // is the reported one; other salts re-deal the groups for the repeated
    // cross-validation diagnostic).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let salted = (salt != 0).then(|| salt.to_le_bytes());
    for b in salted.iter().flatten().copied().chain(group.bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    (h % 5) as usize
}

/// Cross-validated predictions by story-group folds (train on four, predict
/// the fifth): (gold, predicted) for METER and for COUNTER.
type Preds = Vec<(usize, usize)>;
fn cross_validate(meter: &[Labelled], counter: &[Labelled], salt: u64) -> (Preds, Preds) {
    let mut pm = Vec::new();
    let mut pc = Vec::new();
    for k in 0..5 {
        let tm: Vec<&Labelled> = meter
            .iter()
            .filter(|x| fold_of(&x.group, salt) != k)
            .collect();
        let tc: Vec<&Labelled> = counter
            .iter()
            .filter(|x| fold_of(&x.group, salt) != k)
            .collect();
        // Diagnostic (COPIES_SEPARATE=1): one model per corpus.
        let (mm, mc) = if std::env::var("COPIES_SEPARATE").is_ok_and(|v| !v.is_empty()) {
            (train(&[tm]), train(&[tc]))
        } else {
            let m = train(&[tm, tc]);
            (m.clone(), m)
        };
        for x in meter.iter().filter(|x| fold_of(&x.group, salt) == k) {
            pm.push((x.gold, classify(&mm, &x.feat)));
        }
        for x in counter.iter().filter(|x| fold_of(&x.group, salt) == k) {
            pc.push((x.gold, classify(&mc, &x.feat)));
        }
    }
    (pm, pc)
}

/// One engine run's records with their figures, in input order.
type Run = [(CopyRecord, Option<Features>)];

/// A run's records (and figures) by article id.
fn by_id(out: &Run) -> HashMap<&str, &(CopyRecord, Option<Features>)> {
    out.iter().map(|r| (r.0.id.as_str(), r)).collect()
}

/// What the METER report reads off one run.
#[derive(Default)]
struct MeterScore {
    /// (gold, verdict) per labelled article.
    pairs: Preds,
    labelled: Vec<Labelled>,
    /// Articles given a source (whatever their gold label), and of those,
    /// the ones whose source is a PA text of their story.
    called: usize,
    called_ok: usize,
    /// Gold-derived articles; of those, the ones whose best-ranked source is
    /// a PA text of their story, those given a source, and those whose
    /// source is one.
    gold_derived: usize,
    top_ok: usize,
    src_named: usize,
    src_ok: usize,
}

/// Scores a METER run against the document labels (`verbose`: print each
/// gold-derived article given a wrong source).
fn score_meter(out: &Run, marts: &[Article], labels: &[DocLabel], verbose: bool) -> MeterScore {
    let by = by_id(out);
    let mut m = MeterScore::default();
    for l in labels {
        let Some((rec, feat)) = by.get(l.id.as_str()).copied() else {
            continue;
        };
        let g = gold(&l.label);
        m.pairs.push((g, lab(rec.derived)));
        m.labelled.push(Labelled {
            gold: g,
            feat: *feat,
            group: l.story_group.clone(),
        });
        let of_story = |id: &str| l.sources.iter().any(|x| x == id);
        if let Some(s) = &rec.source {
            m.called += 1;
            m.called_ok += usize::from(of_story(s.as_str()));
        }
        if g != 2 {
            m.gold_derived += 1;
            m.top_ok += usize::from(feat.is_some_and(|f| of_story(marts[f.source].id.as_str())));
            if let Some(s) = &rec.source {
                m.src_named += 1;
                if of_story(s.as_str()) {
                    m.src_ok += 1;
                } else if verbose {
                    eprintln!("wrong source {} <- {} ({:?})", l.id, s, rec.derived);
                }
            }
        }
    }
    m
}

/// What the COUNTER report reads off one run.
#[derive(Default)]
struct CounterScore {
    /// (gold, verdict) per labelled pair.
    pairs: Preds,
    labelled: Vec<Labelled>,
    /// Gold-derived articles; of those, the ones named their pair's agency
    /// text (or one with the identical text) as source, and the ones whose
    /// best-ranked source is that text.
    src_n: usize,
    src_ok: usize,
    top_ok: usize,
}

/// Scores a COUNTER run against the pair labels (`verbose`: print each
/// gold-derived article not named its agency text).
fn score_counter(
    out: &Run,
    carts: &[Article],
    cp: &[Pair],
    ctext: &HashMap<&str, &str>,
    verbose: bool,
) -> CounterScore {
    let by = by_id(out);
    let mut c = CounterScore::default();
    for p in cp {
        let Some((rec, feat)) = by.get(p.b.as_str()).copied() else {
            continue;
        };
        let g = gold(&p.label);
        if g != 2 {
            c.src_n += 1;
            // The right agency text, or one with the identical text.
            let same = |id: &str| ctext.get(id) == ctext.get(p.a.as_str());
            c.top_ok += usize::from(feat.is_some_and(|f| same(carts[f.source].id.as_str())));
            if rec.source.as_ref().is_some_and(|s| same(s.as_str())) {
                c.src_ok += 1;
            } else if verbose {
                eprintln!(
                    "counter wrong {} <- {:?} top {:?} (gold {}, {:?})",
                    p.b,
                    rec.source,
                    feat.map(|f| carts[f.source].id.as_str()),
                    p.a,
                    rec.derived
                );
            }
        }
        c.pairs.push((g, lab(rec.derived)));
        c.labelled.push(Labelled {
            gold: g,
            feat: *feat,
            group: p.story_group.clone(),
        });
    }
    c
}

/// Salts of the sample-robustness table (0 is the shipped sample).
const SALTS: u64 = 8;

/// The salt table's figures of one run: METER three-way and
/// derived-vs-non macro-F1, the share of articles called derived whose named
/// source is a PA text of their story, the share of gold-derived articles
/// whose best-ranked source is one, and COUNTER three-way macro-F1.
fn headline(m: &MeterScore, c: &CounterScore) -> [f64; 5] {
    [
        macro_f1(&m.pairs, 3),
        macro_f1(&binary(&m.pairs), 2),
        m.called_ok as f64 / m.called.max(1) as f64,
        m.top_ok as f64 / m.gold_derived.max(1) as f64,
        macro_f1(&c.pairs, 3),
    ]
}

/// The best in-sample cut points on one figure (higher means more
/// derived): (three-way macro-F1, partially from, wholly from) over every
/// pair of observed values, and (derived-vs-non macro-F1, derived from) over
/// every single one. A ceiling, not a method: the cuts are fitted to the very
/// articles they are scored on.
fn best_cuts(items: &[(usize, f64)]) -> ((f64, f64, f64), (f64, f64)) {
    let mut vals: Vec<f64> = items.iter().map(|x| x.1).collect();
    vals.sort_by(f64::total_cmp);
    vals.dedup();
    let call = |v: f64, t1: f64, t2: f64| {
        if v >= t2 {
            0
        } else if v >= t1 {
            1
        } else {
            2
        }
    };
    let mut three = (0.0, 0.0, 0.0);
    let mut two = (0.0, 0.0);
    for (i, &t1) in vals.iter().enumerate() {
        let p: Vec<(usize, usize)> = items
            .iter()
            .map(|&(g, v)| ((g == 2) as usize, (v < t1) as usize))
            .collect();
        let f = macro_f1(&p, 2);
        if f > two.0 {
            two = (f, t1);
        }
        for &t2 in &vals[i..] {
            let p: Vec<(usize, usize)> = items.iter().map(|&(g, v)| (g, call(v, t1, t2))).collect();
            let f = macro_f1(&p, 3);
            if f > three.0 {
                three = (f, t1, t2);
            }
        }
    }
    (three, two)
}

fn prf(tp: f64, fp: f64, fneg: f64) -> (f64, f64, f64) {
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fneg > 0.0 {
        tp / (tp + fneg)
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = Path::new(args.first().map(String::as_str).unwrap_or("../shared")).to_path_buf();
    let do_fit = args.iter().any(|a| a == "--fit");
    let train_to = args
        .iter()
        .position(|a| a == "--train")
        .and_then(|i| args.get(i + 1).cloned());
    let mut cfg = CopiesConfig::default();
    // Experiment overrides (not used by scripts/eval): COPIES_<FIELD>=value.
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f64>().ok());
    if let Some(v) = env("COPIES_ANCHOR_BITS") {
        cfg.anchor_bits = v as u32;
    }
    if let Some(v) = env("COPIES_DENSE_BELOW") {
        cfg.dense_below = v as usize;
    }
    if let Some(v) = env("COPIES_WORD_BITS") {
        cfg.word_bits = v as u32;
    }
    if let Some(v) = env("COPIES_MIN_TILE") {
        cfg.min_tile = v as usize;
    }
    if let Some(v) = env("COPIES_SENTENCE") {
        cfg.sentence_threshold = v as f32;
    }
    if let Some(v) = env("COPIES_SHARE") {
        cfg.source_share = v;
    }
    if let Some(v) = env("COPIES_PSHARE") {
        cfg.passage_share = v;
    }
    if let Some(v) = env("COPIES_DERIV") {
        cfg.derivative_score = v;
    }
    if let Some(v) = env("COPIES_WIRE") {
        cfg.wire_preference = v;
    }
    if let Some(v) = env("COPIES_REV") {
        cfg.reverse_power = v;
    }
    if let Some(v) = env("COPIES_PENALTY") {
        cfg.derivative_penalty = v;
    }
    if let Some(v) = env("COPIES_WINDOW") {
        cfg.date_window = v as u32;
    }
    if let Some(v) = env("COPIES_OOW") {
        cfg.out_of_window = v;
    }
    let dump = std::env::var("COPIES_DUMP").ok();
    let t0 = std::time::Instant::now();

    // ---- METER
    let mdir = shared.join("data/copies/meter");
    let mrows: Vec<Row> = jsonl(&mdir.join("articles.jsonl"))?;
    let marts = articles(&mrows);
    let mout = find_copies_explained(&marts, &cfg)?;
    let mby = by_id(&mout);
    let texts: HashMap<&str, &str> = mrows
        .iter()
        .map(|r| (r.id.as_str(), r.text.as_str()))
        .collect();
    let labels: Vec<DocLabel> = jsonl(&mdir.join("doc_labels.jsonl"))?;
    let MeterScore {
        pairs: mpairs,
        labelled: mlab,
        called,
        called_ok,
        gold_derived,
        top_ok,
        src_named,
        src_ok,
    } = score_meter(&mout, &marts, &labels, dump.is_some());
    if let Some(d) = &dump {
        std::fs::write(d, feature_rows("meter", &mlab))?;
    }
    // Passages.
    let prows: Vec<PassageRow> = jsonl(&mdir.join("passages.jsonl"))?;
    let (mut tp, mut fp, mut fnn, mut tn) = (0f64, 0f64, 0f64, 0f64);
    let (mut vtp, mut vfp, mut vfn) = (0f64, 0f64, 0f64);
    let mut npass = 0;
    // Per annotated article: (gold label, engine's label, share of its
    // marked characters that the annotators call reused, and verbatim).
    let mut marked: Vec<(usize, usize, f64, f64)> = Vec::new();
    let mut marked_ids: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let label_of: HashMap<&str, usize> = labels
        .iter()
        .map(|l| (l.id.as_str(), gold(&l.label)))
        .collect();
    for pr in prows.iter().filter(|p| p.offsets_into == "text") {
        let (Some((rec, _)), Some(text)) =
            (mby.get(pr.id.as_str()).copied(), texts.get(pr.id.as_str()))
        else {
            continue;
        };
        npass += 1;
        let chars: Vec<char> = text.chars().collect();
        let mut pred = vec![0u8; chars.len()]; // 0 none, 1 rewrite, 2 verbatim
        for p in &rec.passages {
            for c in pred.iter_mut().take(p.end.min(chars.len())).skip(p.start) {
                *c = if p.kind == PassageKind::Verbatim {
                    2
                } else {
                    1
                };
            }
        }
        let (mut all, mut reused, mut verbatim) = (0f64, 0f64, 0f64);
        for s in &pr.spans {
            for i in s.start..s.end.min(chars.len()) {
                if chars[i].is_whitespace() {
                    continue;
                }
                all += 1.0;
                reused += f64::from(s.kind != "new");
                verbatim += f64::from(s.kind == "verbatim");
                let gpos = s.kind != "new";
                let ppos = pred[i] > 0;
                match (gpos, ppos) {
                    (true, true) => tp += 1.0,
                    (false, true) => fp += 1.0,
                    (true, false) => fnn += 1.0,
                    (false, false) => tn += 1.0,
                }
                let gv = s.kind == "verbatim";
                let pv = pred[i] == 2;
                match (gv, pv) {
                    (true, true) => vtp += 1.0,
                    (false, true) => vfp += 1.0,
                    (true, false) => vfn += 1.0,
                    _ => {}
                }
            }
        }
        if let Some(&g) = label_of.get(pr.id.as_str()) {
            if all > 0.0 {
                marked.push((g, lab(rec.derived), reused / all, verbatim / all));
                marked_ids.insert(pr.id.as_str());
            }
        }
    }
    let (pp, pr_, pf) = prf(tp, fp, fnn);
    let (np, nr, nf) = prf(tn, fnn, fp);
    let (vp, vr, vf) = prf(vtp, vfp, vfn);

    // ---- COUNTER
    let cdir = shared.join("data/copies/counter");
    let crows: Vec<Row> = jsonl(&cdir.join("articles.jsonl"))?;
    let carts = articles(&crows);
    let cout = find_copies_explained(&carts, &cfg)?;
    let cp: Vec<Pair> = jsonl(&cdir.join("pairs.jsonl"))?;
    let ctext: HashMap<&str, &str> = crows
        .iter()
        .map(|r| (r.id.as_str(), r.text.as_str()))
        .collect();
    let CounterScore {
        pairs: cpairs,
        labelled: clab,
        src_n: csrc_n,
        src_ok: csrc_ok,
        top_ok: ctop_ok,
    } = score_counter(&cout, &carts, &cp, &ctext, dump.is_some());
    if let Some(d) = &dump {
        let mut o = std::fs::read_to_string(d).unwrap_or_default();
        o.push_str(&feature_rows("counter", &clab));
        std::fs::write(d, o)?;
    }

    // ---- Seeds
    let sdir = shared.join("seeds");
    let mut seeds = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&sdir) {
        let mut names: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        names.sort();
        for p in names
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            let id = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("?")
                .to_string();
            // As `crossread analyze` reads them: a text document, extracted.
            let doc = Document::new(
                id,
                p.display().to_string(),
                Body::Text(std::fs::read_to_string(&p)?),
            );
            seeds.push(crossread_extract::extract(&doc));
        }
    }
    let sout = find_copies_explained(&seeds, &cfg)?;
    let elapsed = t0.elapsed().as_secs_f64();
    // Output digest (stderr): xxh3 over every record and its figures of the
    // three runs, to check that a speed change leaves the output identical.
    {
        let mut h = xxhash_rust::xxh3::Xxh3::with_seed(0);
        for (r, f) in mout.iter().chain(&cout).chain(&sout) {
            h.update(serde_json::to_string(r)?.as_bytes());
            h.update(format!("{f:?}\n").as_bytes());
        }
        eprintln!("copies output digest {:016x}", h.digest());
    }

    // ---- Report
    let m3 = f1s(&mpairs, 3);
    let mb = f1s(&binary(&mpairs), 2);
    let c3 = f1s(&cpairs, 3);
    let cb = f1s(&binary(&cpairs), 2);
    let avg = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    println!("## Copies (METER, COUNTER, seeds)\n");
    println!("These are the library's figures: the engine is given each row's own text, date and outlet. `crossread copies FILE` reads the same files through ingest and extraction first, as a user (and an outside evaluation) does; its figures are in the section \"The stage subcommands on the benchmark files\" (`scripts/eval cli`).\n");
    let sampling = {
        let rate = |n: usize| 1u64 << cfg.word_bits_for(n).min(63);
        format!(
            "`dense_below` {}: the candidate index samples one word in {} as a word anchor on METER's {} texts and one in {} on COUNTER's {}",
            cfg.dense_below,
            rate(marts.len()),
            marts.len(),
            rate(carts.len()),
            carts.len()
        )
    };
    println!("Engine fed the whole corpus as one stream (METER: 1,045 PA + newspaper texts mixed; COUNTER: 720 texts), raw `text` as stored (PA wire headers kept), `date`, and the corpus `source` as outlet. Labels used only to score. Default `CopiesConfig` ({}; sample salt {}): derivation by the shipped ordinal linear model (`crates/copies/src/trained.rs`) over {} generic features ({}).\n", sampling, cfg.sample_salt, N_FEATURES, Features::NAMES.join(", "));
    println!("| figure | crossread | bar | anchor (README, in-sample) |");
    println!("| --- | --- | --- | --- |");
    println!("| METER three-way macro-F1 ({} articles) | **{:.3}** (wholly {:.3} / partially {:.3} / non {:.3}) | >= 0.75 | 0.605 containment-w3; 0.664 Clough et al. 2002 |", mpairs.len(), avg(&m3), m3[0], m3[1], m3[2]);
    println!("| METER derived-vs-non macro-F1 | **{:.3}** (derived {:.3} / non {:.3}) | >= 0.80 | 0.709 (0.826 / 0.592) containment-w3 |", avg(&mb), mb[0], mb[1]);
    println!("| METER named source is a PA text of the story, over the articles crossread calls derived (any gold label) | **{:.3}** ({called_ok}/{called}) | >= 0.98 | |", called_ok as f64 / called.max(1) as f64);
    println!("| METER named source is a PA text of the story, over gold-derived articles (an article called none names no source and counts as a miss) | {:.3} ({src_ok}/{gold_derived}; of those named: {:.3}) | | P@1 0.958 containment-w3 over all PA |", src_ok as f64 / gold_derived.max(1) as f64, src_ok as f64 / src_named.max(1) as f64);
    println!("| METER best-ranked source is a PA text of the story, whatever the verdict (gold-derived; the README's source-retrieval P@1, though crossread ranks every earlier text, not only PA's) | {:.3} ({top_ok}/{gold_derived}) | | P@1 0.958 containment-w3 over all PA |", top_ok as f64 / gold_derived.max(1) as f64);
    println!("| METER passage char P / R / F1, reused = verbatim+rewrite ({npass} articles) | {pp:.3} / {pr_:.3} / **{pf:.3}** | F1 >= 0.80 | 0.882 / 0.572 / 0.694 (3-gram marking); all-reused F1 ~0.74 |");
    println!(
        "| METER passage reused/new macro-F1 | {:.3} (new F1 {nf:.3}, P {np:.3} R {nr:.3}) | | |",
        (pf + nf) / 2.0
    );
    println!("| METER passage verbatim-only P / R / F1 | {vp:.3} / {vr:.3} / {vf:.3} | | |");
    println!("| COUNTER three-way macro-F1 ({} pairs) | **{:.3}** (wholly {:.3} / partially {:.3} / non {:.3}) | >= 0.78 | 0.737 containment-w1 |", cpairs.len(), avg(&c3), c3[0], c3[1], c3[2]);
    println!("| COUNTER named source is the pair's agency text (gold-derived) | {:.3} ({csrc_ok}/{csrc_n}) | | |", csrc_ok as f64 / csrc_n.max(1) as f64);
    println!("| COUNTER best-ranked source is the pair's agency text, whatever the verdict (gold-derived) | {:.3} ({ctop_ok}/{csrc_n}) | | |", ctop_ok as f64 / csrc_n.max(1) as f64);
    println!("| COUNTER derived-vs-non macro-F1 | {:.3} (derived {:.3} / non {:.3}) | | 0.788 containment-w1 |", avg(&cb), cb[0], cb[1]);
    println!();
    {
        // How far reuse alone can take the call: the annotators' own marks.
        let sub: Vec<(usize, usize)> = marked.iter().map(|m| (m.0, m.1)).collect();
        let rest: Vec<(usize, usize)> = labels
            .iter()
            .filter(|l| !marked_ids.contains(l.id.as_str()))
            .filter_map(|l| {
                mby.get(l.id.as_str())
                    .map(|r| (gold(&l.label), lab(r.0.derived)))
            })
            .collect();
        let by_reused: Vec<(usize, f64)> = marked.iter().map(|m| (m.0, m.2)).collect();
        let by_verbatim: Vec<(usize, f64)> = marked.iter().map(|m| (m.0, m.3)).collect();
        let (r3, r2) = best_cuts(&by_reused);
        let (v3, v2) = best_cuts(&by_verbatim);
        println!("**How far reuse alone can take the derivation call (METER).** {} of the labelled articles carry the annotators' passage marks. Taking each one's share of marked characters that the annotators call reused (verbatim + rewrite), and fitting the cut points to these very articles (in-sample, so a ceiling and not a method), gives three-way macro-F1 **{:.3}** (partially from {:.2}, wholly from {:.2}) and derived-vs-non **{:.3}** (derived from {:.2}); the verbatim share alone gives {:.3} and {:.3}. crossread on the same {} articles: three-way {:.3}, derived-vs-non {:.3}; on the other {} labelled articles: {:.3} and {:.3}. So a passage finder as good as the annotators, with its cut points fitted in-sample, would reach at best {:.3} three-way (bar 0.75) and {:.3} derived-vs-non (bar 0.80) on these articles: the labels weigh more than how much of an article was reused.\n",
            marked.len(), r3.0, r3.1, r3.2, r2.0, r2.1, v3.0, v2.0, sub.len(), macro_f1(&sub, 3), macro_f1(&binary(&sub), 2), rest.len(), macro_f1(&rest, 3), macro_f1(&binary(&rest), 2), r3.0.max(v3.0), r2.0.max(v2.0));
    }
    {
        // The same runs under other samples of the candidate index.
        let run = |c: &CopiesConfig| -> Res<[f64; 5]> {
            let m = find_copies_explained(&marts, c)?;
            let k = find_copies_explained(&carts, c)?;
            Ok(headline(
                &score_meter(&m, &marts, &labels, false),
                &score_counter(&k, &carts, &cp, &ctext, false),
            ))
        };
        let mut runs: Vec<[f64; 5]> = Vec::new();
        let mut sparse: Vec<[f64; 5]> = Vec::new();
        for salt in 0..SALTS {
            let c = CopiesConfig {
                sample_salt: salt,
                ..cfg.clone()
            };
            // The report's own run is this one: it is not run again.
            runs.push(if salt == cfg.sample_salt {
                headline(
                    &score_meter(&mout, &marts, &labels, false),
                    &score_counter(&cout, &carts, &cp, &ctext, false),
                )
            } else {
                run(&c)?
            });
            sparse.push(run(&CopiesConfig {
                dense_below: 0,
                ..c
            })?);
        }
        let names = [
            "METER three-way macro-F1",
            "METER derived-vs-non macro-F1",
            "METER named source is a PA text of the story (articles called derived)",
            "METER best-ranked source is a PA text of the story (gold-derived)",
            "COUNTER three-way macro-F1",
        ];
        println!("**How much the figures owe to one sample of the candidate index.** The engine draws a fixed sample of each text's shingles and words (sketch bins, bands, anchors, word anchors; `CopiesConfig::sample_salt`, 0 shipped). The same METER and COUNTER runs under salts 0-{}:\n", SALTS - 1);
        println!("| figure | salt 0 (shipped) | mean over {SALTS} salts | min - max | the same with one-in-four word sampling at any size (`dense_below` 0): mean, min - max |\n| --- | --- | --- | --- | --- |");
        let spread = |rs: &[[f64; 5]], k: usize| {
            let v: Vec<f64> = rs.iter().map(|r| r[k]).collect();
            (
                v[0],
                v.iter().sum::<f64>() / v.len() as f64,
                v.iter().copied().fold(f64::INFINITY, f64::min),
                v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            )
        };
        for (k, name) in names.iter().enumerate() {
            let (first, mean, lo, hi) = spread(&runs, k);
            let (_, smean, slo, shi) = spread(&sparse, k);
            println!("| {name} | {first:.3} | {mean:.3} | {lo:.3} - {hi:.3} | {smean:.3}, {slo:.3} - {shi:.3} |");
        }
        println!();
    }
    // Seeds.
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (r, f) in &sout {
        let desc = match (f, &r.source) {
            (Some(f), Some(s)) => format!(
                "{} ({:?} from {}; verbatim {:.2}, reused {:.2}, source's words in it {:.2}, its 3-grams {:.2}, longest run {} words, {:.2} of it)",
                r.id, r.derived, s, f.verbatim, f.reused, f.rev[0], f.rev[1], f.run, f.longest[0]
            ),
            (Some(f), None) => format!(
                "{} (none; vs its best earlier candidate: verbatim {:.2}, reused {:.2}, candidate's 3-grams in it {:.2})",
                r.id, f.verbatim, f.reused, f.rev[1]
            ),
            _ => format!("{} (none; no earlier candidate)", r.id),
        };
        groups
            .entry(r.group.to_string())
            .or_default()
            .push(desc.to_lowercase());
    }
    println!(
        "Seeds (the `.txt` pages through `crossread_extract::extract`, as `analyze` reads them: text, outlet, date and credits as extracted): {} groups:",
        groups.len()
    );
    for (g, m) in &groups {
        println!("- `{g}`: {}", m.join(", "));
    }
    let grouped: HashSet<&str> = sout
        .iter()
        .filter(|r| r.0.derived != Derivation::None)
        .map(|r| r.0.id.as_str())
        .collect();
    let _ = grouped;
    println!();
    if do_fit || train_to.is_some() {
        let mrefs: Vec<&Labelled> = mlab.iter().collect();
        let crefs: Vec<&Labelled> = clab.iter().collect();
        let model = train(&[mrefs.clone(), crefs.clone()]);
        let ins = |items: &[&Labelled]| -> Preds {
            items
                .iter()
                .map(|x| (x.gold, classify(&model, &x.feat)))
                .collect()
        };
        let (im, ic) = (ins(&mrefs), ins(&crefs));
        // Cross-validation over DEALS deals of the story groups into folds
        // (salts 0..DEALS): deal 0 is the reported one, the mean and range
        // say how much of its figure is the luck of one deal.
        let deals = std::env::var("COPIES_REPEAT")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(DEALS)
            .max(1);
        let mut rep = [0.0; 4];
        let mut spread = [(f64::MAX, f64::MIN); 2];
        let (mut cvm, mut cvc) = (Preds::new(), Preds::new());
        for salt in 0..deals {
            let (pm, pc) = cross_validate(&mlab, &clab, salt);
            let b = |p: &Preds| avg(&f1s(&binary(p), 2));
            let v = [macro_f1(&pm, 3), b(&pm), macro_f1(&pc, 3), b(&pc)];
            eprintln!(
                "cv deal {salt}: METER {:.3} / {:.3}, COUNTER {:.3} / {:.3}",
                v[0], v[1], v[2], v[3]
            );
            for (s, x) in rep.iter_mut().zip(v) {
                *s += x / deals as f64;
            }
            for (k, x) in [v[0], v[2]].into_iter().enumerate() {
                spread[k] = (spread[k].0.min(x), spread[k].1.max(x));
            }
            if salt == 0 {
                (cvm, cvc) = (pm, pc);
            }
        }
        let b = |p: &Preds| avg(&f1s(&binary(p), 2));
        println!("Training (`--fit`; ordinal linear model over the {N_FEATURES} features, scaled: all-threshold logistic loss, weights of the reuse figures kept >= 0, L2 {L2}, {STEPS} full-batch steps, every (corpus, class) cell weighted alike, then both cut points on {QUANTILES} score quantiles for the mean three-way macro-F1; standardised figures clamped to 4 SD; an article with under {MIN_REUSED} of its words in passages is none (set by hand); METER and COUNTER dev halves together): three-way macro-F1 in-sample METER {:.3}, COUNTER {:.3}; **5-fold CV by story group** (trained on four folds, scored on the fifth) METER {:.3}, COUNTER {:.3}. Derived-vs-non in-sample METER {:.3}, COUNTER {:.3}; CV METER {:.3}, COUNTER {:.3}. Over {deals} deals of the story groups into folds (FNV-1a of the group, salted; the figures above are deal 0), mean CV three-way METER {:.3} (range {:.3}-{:.3}), COUNTER {:.3} ({:.3}-{:.3}); derived-vs-non METER {:.3}, COUNTER {:.3}. The shipped model is the in-sample one{}.\n",
            macro_f1(&im, 3), macro_f1(&ic, 3), macro_f1(&cvm, 3), macro_f1(&cvc, 3), b(&im), b(&ic), b(&cvm), b(&cvc),
            rep[0], spread[0].0, spread[0].1, rep[2], spread[1].0, spread[1].1, rep[1], rep[3],
            if model == cfg.model { " (identical to the model trained here)" } else { " (differs from the model trained here: re-run with --train)" });
        // Diagnostic (COPIES_ARTICLES=extract JSON lines): each article's
        // verdict under the shipped and the fitted model, on stderr.
        if let Ok(p) = std::env::var("COPIES_ARTICLES") {
            let arts: Vec<Article> = jsonl(Path::new(&p))?;
            for (r, f) in find_copies_explained(&arts, &cfg)? {
                let fitted = f.as_ref().map_or(Derivation::None, |f| model.classify(f));
                let src = f.map_or("-", |f| arts[f.source].id.as_str());
                let v: Vec<String> = f
                    .map(|f| f.vector().iter().map(|x| format!("{x:.2}")).collect())
                    .unwrap_or_default();
                eprintln!(
                    "demo\t{}\t{:?}\t{:?}\t{:.2}\t{}\t{}",
                    r.id,
                    r.derived,
                    fitted,
                    f.map_or(f64::NAN, |f| model.score(&f)),
                    src,
                    v.join(" ")
                );
            }
        }
        if let Some(path) = &train_to {
            std::fs::write(path, model_source(&model))?;
            eprintln!("wrote {path}");
        }
    }
    println!("Command: `scripts/eval copies` (builds and runs `crates/copies/examples/eval.rs $CROSSREAD_SHARED --fit`); the three engine runs (METER, COUNTER, seeds) took {elapsed:.1} s together. Machine: 2 cores, 24 GiB.");
    Ok(())
}
