//! crossread's compare stage: one story laid out across its outlets.
//!
//! Given the articles of one story and the copies stage's records for them,
//! [`compare`] returns a [`StoryComparison`]: the articles with their copy
//! groups, the claims aligned across articles with the number of *independent*
//! sources behind each (a copy group, a reused passage or an outlet counts once), the
//! sentences that dispute a claim, the quotes with their speakers, the named
//! entities and the numbers. [`render_terminal`] lays comparisons out as text;
//! [`by_article()`] regroups one by article (the lines of `crossread compare`).
//!
//! Everything is rule-based and offline: no model is loaded. The work is linear
//! in the story's sentences (bounded candidate scans) plus sorts, so a story of
//! n articles costs O(n log n). Article texts are cut at 200 kB and the output
//! lists are capped (see the `MAX_*` constants), so time and memory stay bounded
//! for any input.
//!
//! This crate does NOT detect copies or group articles into stories (the copies
//! and stories stages do), does no I/O, and does not judge who is right in a dispute.
#![deny(missing_docs)]

mod by_article;
mod claims;
mod entities;
mod lexicon;
mod numbers;
mod quotes;
mod render;
mod text;

use crossread_core::{
    Article, ArticleId, CopyRecord, Derivation, GroupId, Passage, PassageKind, StoryId, ThreadId,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use by_article::{
    by_article, ArticleClaim, ArticleComparison, ArticleDispute, ArticleEntity, ArticleNumber,
    ArticleQuote, ClaimStatus,
};
pub use entities::EntityKind;

pub use render::render_terminal;

/// Most claims kept per story (the best supported first).
pub const MAX_CLAIMS: usize = 2_000;
/// Most quotes kept per story.
pub const MAX_QUOTES: usize = 5_000;
/// Most entities kept per story (the most widely mentioned first).
pub const MAX_ENTITIES: usize = 1_000;
/// Most numbers kept per story (the most widely reported first).
pub const MAX_NUMBERS: usize = 1_000;

/// What compare needs to know about one story.
#[derive(Debug, Clone)]
pub struct StoryInput<'a> {
    /// The story's id (from the stories stage).
    pub story: StoryId,
    /// The thread the story belongs to.
    pub thread: ThreadId,
    /// The story's articles, in any order (duplicates by id are read once).
    pub articles: Vec<&'a Article>,
    /// The copies stage's records for these articles; articles without one
    /// are treated as original, each its own group.
    pub copies: Vec<&'a CopyRecord>,
}

/// One story laid out across outlets: one element of the `stories` array of
/// `crossread report --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryComparison {
    /// The story's id.
    pub id: StoryId,
    /// The headline of the earliest article that has one.
    pub title: Option<String>,
    /// The earliest publication date among the articles.
    pub first_seen: Option<String>,
    /// The thread the story belongs to.
    pub thread: ThreadId,
    /// The articles, earliest first (undated last, then by id).
    pub articles: Vec<StoryArticle>,
    /// Copy groups with two or more members in this story.
    pub copy_groups: Vec<CopyGroup>,
    /// Claims, most independent sources first.
    pub claims: Vec<Claim>,
    /// Quotes, by speaker then article order.
    pub quotes: Vec<Quote>,
    /// Named entities, most widely mentioned first.
    pub entities: Vec<Entity>,
    /// Numbers with their unit, most widely reported first.
    pub numbers: Vec<NumberFact>,
}

/// An article of the story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryArticle {
    /// The article's id.
    pub id: ArticleId,
    /// Its outlet, when known.
    pub outlet: Option<String>,
    /// Its headline, when known.
    pub title: Option<String>,
    /// Its publication date, when known.
    pub date: Option<String>,
    /// Its copy group, when the copies stage gave one.
    pub copy_group: Option<GroupId>,
}

/// Articles that are one article republished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyGroup {
    /// The group's id.
    pub id: GroupId,
    /// The member that came first.
    pub origin: ArticleId,
    /// Every member in this story, sorted.
    pub members: Vec<ArticleId>,
}

/// One claim and who makes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// The claim, as the earliest article words it.
    pub text: String,
    /// Every article that makes the claim.
    pub articles: Vec<ArticleId>,
    /// Distinct sources after merging copies, reused passages, articles of
    /// one outlet and articles crediting a source with that source.
    pub independent_sources: usize,
    /// The outlets of those articles (sorted, unique).
    pub outlets: Vec<String>,
    /// Sentences of other articles that contradict the claim.
    pub disputed_by: Vec<Dispute>,
    /// Where each article makes the claim. Not serialised (the JSON contract
    /// has no such field); for callers that highlight or evaluate.
    #[serde(skip)]
    pub evidence: Vec<Evidence>,
}

/// Where an article makes a claim: a sentence, as char (code point) offsets
/// into the article's text, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The article.
    pub article: ArticleId,
    /// Start of the sentence.
    pub start: usize,
    /// End of the sentence (exclusive).
    pub end: usize,
}

/// A sentence that contradicts a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispute {
    /// The disputing article.
    pub article: ArticleId,
    /// Its sentence.
    pub text: String,
}

/// A quote with its speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The speaker: the fullest name the story uses, or a description.
    pub speaker: String,
    /// The words quoted (direct) or reported.
    pub text: String,
    /// The article it appears in.
    pub article: ArticleId,
    /// The cue: the speech verb ("said", "told") or "according to".
    pub cue: String,
}

/// A named entity and the articles that mention it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The name (fullest form for people, the most frequent form otherwise).
    pub name: String,
    /// Person, organisation or place.
    pub kind: EntityKind,
    /// The articles that mention it, in story order.
    pub articles: Vec<ArticleId>,
}

/// A number as reported, with its unit and a context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberFact {
    /// The value (scale words applied: "3 million" is 3000000).
    pub value: f64,
    /// The unit word, "%" or a currency sign; empty when none.
    pub unit: String,
    /// The sentence of its first report (up to 200 chars around the number).
    pub context: String,
    /// The articles that report it, in story order.
    pub articles: Vec<ArticleId>,
}

/// The least length, in chars, of a verbatim passage that ties the sentences
/// it covers in an article the copies stage calls not derived (see
/// [`taken_from`]): about forty words, two sentences or more. Shared wording
/// between reports written apart (names, ages, charges, a line of testimony)
/// runs shorter; a block reproduced from another outlet's report (a site
/// quoting a newspaper's paragraphs) runs longer.
///
/// Chosen on METER (compare's evaluation, `scripts/eval compare`; claims
/// counted right, wire-only / self-written / mixed): no such passage
/// counting, as before, 1146 / 123 / 103; 250 chars 1151 / 123 / 104, the
/// only length tried where no row loses; 150: 1151 / 123 / 98; 100: 1159 /
/// 123 / 98; 60: 1172 / 122 / 95. Papers written apart share verbatim runs
/// too, mostly quoted testimony: in the 80 METER articles labelled not
/// derived that the stage also calls not derived (`crossread copies` over
/// METER's `articles.jsonl`), the longest run is under 140 chars in nine of
/// ten, and two reach 330 (long statements quoted by both), which this
/// length still ties.
pub const LONG_VERBATIM_CHARS: usize = 250;

/// The texts that chars `start..end` of `record`'s article are taken from,
/// as [`compare`] counts independent sources: each source whose passages
/// together cover half of the span or more (the copies stage splits a
/// reworded sentence into verbatim and rewrite pieces). In an article the
/// copies stage calls not derived, only verbatim passages of at least
/// [`LONG_VERBATIM_CHARS`] count: the stage judged what the article shares
/// with earlier texts to be shared wording (names, charges, a speaker's
/// words heard by both), not copying, which holds for short runs but not for
/// a block reproduced word for word. A whole derivation
/// ([`Derivation::Wholly`]) is not read here; [`compare`] ties such an
/// article to its source as a whole.
pub fn taken_from(record: &CopyRecord, start: usize, end: usize) -> Vec<&ArticleId> {
    let not_derived = record.derived == Derivation::None;
    let counts = |p: &&Passage| {
        p.source != record.id
            && (!not_derived
                || (p.kind == PassageKind::Verbatim
                    && p.end.saturating_sub(p.start) >= LONG_VERBATIM_CHARS))
    };
    let len = end.saturating_sub(start).max(1);
    let mut covered: Vec<(&ArticleId, usize)> = Vec::new();
    for p in record.passages.iter().filter(counts) {
        let ov = p.end.min(end).saturating_sub(p.start.max(start));
        if ov == 0 {
            continue;
        }
        match covered.iter_mut().find(|(src, _)| **src == p.source) {
            Some((_, n)) => *n += ov,
            None => covered.push((&p.source, ov)),
        }
    }
    covered
        .into_iter()
        .filter(|&(_, n)| n * 2 >= len)
        .map(|(src, _)| src)
        .collect()
}

/// Compares the articles of one story. Never panics; an empty story yields an
/// empty comparison.
pub fn compare(input: &StoryInput) -> StoryComparison {
    // Story order: dated first by date, then undated; ties by id. Duplicates read once.
    let mut arts: Vec<&Article> = input.articles.clone();
    arts.sort_by(|a, b| date_key(a).cmp(&date_key(b)).then_with(|| a.id.cmp(&b.id)));
    arts.dedup_by(|a, b| a.id == b.id);
    let records: HashMap<&ArticleId, &CopyRecord> =
        input.copies.iter().map(|r| (&r.id, *r)).collect();

    let docs: Vec<text::Doc> = arts.iter().map(|a| text::Doc::new(&a.text)).collect();
    let mut ments: Vec<Vec<entities::Mention>> = docs.iter().map(entities::mentions).collect();
    entities::promote_surnames(&mut ments);
    let mut table = entities::NameTable::default();
    for m in &ments {
        table.add(m);
    }
    for m in &ments {
        table.add_roles(m);
    }

    let articles: Vec<StoryArticle> = arts
        .iter()
        .map(|a| StoryArticle {
            id: a.id.clone(),
            outlet: a.outlet.clone(),
            title: a.title.clone(),
            date: a.date.clone(),
            copy_group: records.get(&a.id).map(|r| r.group.clone()),
        })
        .collect();

    let copy_groups = copy_groups(&arts, &records);
    let quotes = collect_quotes(&arts, &docs, &ments, &table);
    let entities = collect_entities(&arts, &ments, &table);
    let numbers = collect_numbers(&arts, &docs);
    let claims = collect_claims(&arts, &docs, &ments, &table, &records);

    let title = arts
        .iter()
        .find_map(|a| a.title.clone().filter(|t| !t.trim().is_empty()));
    let first_seen = arts
        .iter()
        .filter_map(|a| a.date.clone())
        .filter(|d| !d.is_empty())
        .min();
    StoryComparison {
        id: input.story.clone(),
        title,
        first_seen,
        thread: input.thread.clone(),
        articles,
        copy_groups,
        claims,
        quotes,
        entities,
        numbers,
    }
}

fn date_key(a: &Article) -> (bool, &str) {
    match a.date.as_deref() {
        Some(d) if !d.is_empty() => (false, d),
        _ => (true, ""),
    }
}

fn copy_groups(arts: &[&Article], records: &HashMap<&ArticleId, &CopyRecord>) -> Vec<CopyGroup> {
    let mut groups: BTreeMap<&GroupId, Vec<usize>> = BTreeMap::new();
    for (i, a) in arts.iter().enumerate() {
        if let Some(r) = records.get(&a.id) {
            groups.entry(&r.group).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (g, members) in groups {
        if members.len() < 2 {
            continue;
        }
        // The record's origin when it is in the story, else the earliest member.
        let origin = members
            .iter()
            .find_map(|&i| {
                records
                    .get(&arts[i].id)
                    .map(|r| r.origin.clone())
                    .filter(|o| members.iter().any(|&j| &arts[j].id == o))
            })
            .unwrap_or_else(|| arts[members[0]].id.clone());
        let mut ids: Vec<ArticleId> = members.iter().map(|&i| arts[i].id.clone()).collect();
        ids.sort();
        out.push(CopyGroup {
            id: g.clone(),
            origin,
            members: ids,
        });
    }
    out
}

fn collect_quotes(
    arts: &[&Article],
    docs: &[text::Doc],
    ments: &[Vec<entities::Mention>],
    table: &entities::NameTable,
) -> Vec<Quote> {
    let mut out: Vec<(String, usize, usize, Quote)> = Vec::new();
    for (i, (d, m)) in docs.iter().zip(ments).enumerate() {
        for q in quotes::quotes(d, m, table) {
            out.push((
                q.speaker.to_lowercase(),
                i,
                q.start,
                Quote {
                    speaker: q.speaker,
                    text: q.text,
                    article: arts[i].id.clone(),
                    cue: q.cue,
                },
            ));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    out.into_iter().map(|x| x.3).take(MAX_QUOTES).collect()
}

/// The key an entity is grouped by, and its kind, when it has one.
fn entity_key(
    m: &entities::Mention,
    table: &entities::NameTable,
) -> Option<(EntityKind, String, String)> {
    let kind = match m.kind {
        Some(k) => k,
        None if table.is_person(&m.name) => EntityKind::Person,
        None => return None,
    };
    if kind == EntityKind::Person {
        let full = table.fullest(&m.name);
        return Some((kind, full.to_lowercase(), full));
    }
    Some((
        kind,
        entities::alias_key(&m.name.to_lowercase()),
        m.name.clone(),
    ))
}

/// The articles mentioning an entity, and how often each surface form occurs.
type EntityAgg = (BTreeSet<usize>, BTreeMap<String, usize>);

fn collect_entities(
    arts: &[&Article],
    ments: &[Vec<entities::Mention>],
    table: &entities::NameTable,
) -> Vec<Entity> {
    // (kind, key) -> (articles, surface form counts)
    let mut agg: BTreeMap<(EntityKind, String), EntityAgg> = BTreeMap::new();
    for (i, ms) in ments.iter().enumerate() {
        for m in ms {
            let Some((kind, key, surface)) = entity_key(m, table) else {
                continue;
            };
            let e = agg.entry((kind, key)).or_default();
            e.0.insert(i);
            *e.1.entry(surface).or_insert(0) += 1;
        }
    }
    let mut out: Vec<(usize, Entity)> = agg
        .into_iter()
        .map(|((kind, _), (arts_set, forms))| {
            let name = forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|x| x.0.clone())
                .unwrap_or_default();
            let n = arts_set.len();
            (
                n,
                Entity {
                    name,
                    kind,
                    articles: arts_set.into_iter().map(|i| arts[i].id.clone()).collect(),
                },
            )
        })
        .collect();
    out.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.name.cmp(&b.1.name))
            .then(a.1.kind.cmp(&b.1.kind))
    });
    out.into_iter().map(|x| x.1).take(MAX_ENTITIES).collect()
}

fn context_around(text: &str, start: usize, end: usize) -> String {
    let s: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let _ = (start, end);
    if s.chars().count() <= 200 {
        return s;
    }
    s.chars().take(197).collect::<String>() + "..."
}

fn collect_numbers(arts: &[&Article], docs: &[text::Doc]) -> Vec<NumberFact> {
    // (value bits, unit stem) -> (articles, first context, unit as written)
    let mut agg: BTreeMap<(u64, String), (BTreeSet<usize>, String, String)> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        for n in numbers::numbers(d) {
            let key = (n.value.to_bits(), text::stem(&n.unit));
            let e = agg.entry(key).or_insert_with(|| {
                let s = &d.sents[n.sent];
                let ctx =
                    number_context(&d.text[s.start..s.end], n.start - s.start, n.end - s.start);
                (BTreeSet::new(), ctx, n.unit.clone())
            });
            e.0.insert(i);
        }
    }
    let mut out: Vec<(usize, usize, NumberFact)> = agg
        .into_iter()
        .map(|((bits, _), (set, context, unit))| {
            let first = set.iter().next().copied().unwrap_or(0);
            let n = set.len();
            (
                n,
                first,
                NumberFact {
                    value: f64::from_bits(bits),
                    unit,
                    context,
                    articles: set.into_iter().map(|i| arts[i].id.clone()).collect(),
                },
            )
        })
        .collect();
    out.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.value.total_cmp(&b.2.value))
    });
    out.into_iter().map(|x| x.2).take(MAX_NUMBERS).collect()
}

/// Up to 200 chars of the sentence around the number at bytes `s..e`.
fn number_context(sent: &str, s: usize, e: usize) -> String {
    let sent_chars = sent.chars().count();
    if sent_chars <= 200 {
        return context_around(sent, s, e);
    }
    let cs = crossread_core::char_offset(sent, s);
    let from = cs.saturating_sub(90);
    let piece: String = sent.chars().skip(from).take(200).collect();
    let piece = piece.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{}{}{}",
        if from > 0 { "..." } else { "" },
        piece,
        if from + 200 < sent_chars { "..." } else { "" }
    )
}

/// Whether sentence `si` of `d` asserts something worth aligning.
fn is_claim_sentence(d: &text::Doc, si: usize) -> bool {
    if !d.in_body(si) {
        return false;
    }
    let s = &d.sents[si];
    let words = s
        .toks
        .clone()
        .filter(|&k| d.toks[k].kind != text::TokKind::Punct)
        .count();
    if !(6..=120).contains(&words) {
        return false;
    }
    let last = d.tok(s.toks.end - 1);
    if !matches!(
        last,
        "." | "!" | "”" | "\"" | "»" | "’" | "'" | "…" | "。" | "！"
    ) {
        return false;
    }
    let t = d.sent_text(si);
    if t.contains('?')
        && t.trim_end_matches(['”', '"', '»', '’', '\''])
            .ends_with('?')
    {
        return false;
    }
    // Some lowercase content word: headings and name lists have none.
    s.toks.clone().any(|k| {
        let w = d.tok(k);
        d.toks[k].kind == text::TokKind::Word
            && w.chars().next().is_some_and(|c| c.is_lowercase())
            && !lexicon::is_stopword(w)
    })
}

/// A key for "the same source" of an article: its copy group, else itself.
fn source_key(id: &ArticleId, records: &HashMap<&ArticleId, &CopyRecord>) -> String {
    match records.get(id) {
        Some(r) => format!("g:{}", r.group),
        None => format!("a:{id}"),
    }
}

/// A credited source's name reduced for matching: "Antiwar.com", "Anti War" -> "antiwar".
fn norm_source(s: &str) -> String {
    let l = s.trim().to_lowercase();
    let l = l.trim_start_matches("www.");
    let l = [".com", ".org", ".net", ".co.uk", ".ru", ".info", ".news"]
        .iter()
        .fold(l.to_string(), |acc, t| acc.trim_end_matches(t).to_string());
    l.chars().filter(|c| c.is_alphanumeric()).collect()
}

struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, s: String) -> u32 {
        let n = self.ids.len() as u32;
        *self.ids.entry(s).or_insert(n)
    }
}

fn collect_claims(
    arts: &[&Article],
    docs: &[text::Doc],
    ments: &[Vec<entities::Mention>],
    table: &entities::NameTable,
    records: &HashMap<&ArticleId, &CopyRecord>,
) -> Vec<Claim> {
    let mut vocab = Interner {
        ids: HashMap::new(),
    };
    let mut ent_vocab = Interner {
        ids: HashMap::new(),
    };
    let mut ent_token_ids: BTreeSet<u32> = BTreeSet::new();
    let mut sents: Vec<claims::ClaimSent> = Vec::new();
    for (ai, d) in docs.iter().enumerate() {
        let nums = numbers::numbers(d);
        let mut mi = 0;
        let mut ni = 0;
        // Char offsets of sentence bounds, walked once.
        let mut char_pos = 0usize;
        let mut byte_pos = 0usize;
        for si in 0..d.sents.len() {
            let s = &d.sents[si];
            let ms_from = mi;
            while mi < ments[ai].len() && ments[ai][mi].sent <= si {
                mi += 1;
            }
            let sent_ments = &ments[ai][ms_from..mi];
            let ns_from = ni;
            while ni < nums.len() && nums[ni].sent <= si {
                ni += 1;
            }
            let sent_nums = &nums[ns_from..ni];
            if !is_claim_sentence(d, si) {
                continue;
            }
            char_pos += d.text[byte_pos..s.start].chars().count();
            let char_start = char_pos;
            char_pos += d.text[s.start..s.end].chars().count();
            byte_pos = s.end;
            let mut content = Vec::new();
            let mut words_lower = Vec::new();
            let mut word_ids: Vec<Option<u32>> = Vec::new();
            let mut negated = false;
            for k in s.toks.clone() {
                if d.toks[k].kind == text::TokKind::Punct {
                    continue;
                }
                let w = d.tok(k);
                let lw = w.to_lowercase();
                if lexicon::is_negation(&lw) || lw.ends_with("n't") || lw.ends_with("n’t") {
                    negated = true;
                }
                let mut wid = None;
                if !lexicon::is_stopword(&lw) && lw.chars().count() >= 2 {
                    let id = vocab.id(text::stem(w));
                    if lexicon::demonym_place(&lw).is_some() {
                        ent_token_ids.insert(id);
                    }
                    content.push(id);
                    wid = Some(id);
                }
                words_lower.push(lw);
                word_ids.push(wid);
            }
            content.sort_unstable();
            content.dedup();
            // What is disputed: the words after the marker, or after a "that" soon
            // after it ("ridiculous ... to claim that X", "false that X").
            let marker = claims::dispute_marker(&words_lower).map(|m| {
                (m + 1..words_lower.len().min(m + 12))
                    .find(|&k| words_lower[k] == "that")
                    .unwrap_or(m)
            });
            let mut scope: Vec<u32> = marker
                .map(|m| word_ids[m + 1..].iter().flatten().copied().collect())
                .unwrap_or_default();
            scope.sort_unstable();
            scope.dedup();
            let mut ents = Vec::new();
            for m in sent_ments {
                if let Some((_, key, _)) = entity_key(m, table) {
                    let key = key.rsplit(' ').next().unwrap_or_default().to_string();
                    ents.push(ent_vocab.id(key));
                }
                for k in m.toks.clone() {
                    if d.toks[k].kind == text::TokKind::Word {
                        ent_token_ids.insert(vocab.id(text::stem(d.tok(k))));
                    }
                }
            }
            ents.sort_unstable();
            ents.dedup();
            let mut nv: Vec<u64> = sent_nums.iter().map(|n| n.value.to_bits()).collect();
            nv.sort_unstable();
            nv.dedup();
            let mut anchors: Vec<u64> = sent_nums
                .iter()
                .filter_map(|n| claims::anchor(n, d.text.get(n.start..n.end).unwrap_or("")))
                .collect();
            anchors.sort_unstable();
            anchors.dedup();
            let disputes = !scope.is_empty();
            sents.push(claims::ClaimSent {
                article: ai,
                sent: si,
                char_start,
                char_end: char_pos,
                content,
                ents,
                nums: nv,
                anchors,
                negated,
                disputes,
                scope,
            });
        }
    }
    let n_vocab = vocab.ids.len();
    let w = claims::idf(&sents, n_vocab, arts.len());
    let mut ent_tokens = vec![false; n_vocab];
    for t in ent_token_ids {
        if let Some(x) = ent_tokens.get_mut(t as usize) {
            *x = true;
        }
    }
    let mut clusters = claims::align(&sents, &w);
    claims::find_disputes(&sents, &mut clusters, &w, &ent_tokens);

    // Credits and outlets reduced for matching.
    let outlet_of: BTreeMap<String, usize> = arts
        .iter()
        .enumerate()
        .rev()
        .filter_map(|(i, a)| a.outlet.as_deref().map(|o| (norm_source(o), i)))
        .filter(|(k, _)| !k.is_empty())
        .collect();
    let sent_text = |i: usize| -> String {
        let s = &sents[i];
        docs[s.article]
            .sent_text(s.sent)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Each story article's outlet, reduced: a text taken from an article is
    // taken from its outlet too.
    let outlet_by_id: HashMap<&ArticleId, String> = arts
        .iter()
        .filter_map(|a| Some((&a.id, a.outlet.as_deref().map(norm_source)?)))
        .filter(|(_, o)| !o.is_empty())
        .collect();
    // Ties `key` to the source `src`, and `src` to its outlet when it is an
    // article of the story.
    let tie = |same: &mut Vec<(String, String)>, key: &str, src: &ArticleId| {
        let sk = source_key(src, records);
        if let Some(o) = outlet_by_id.get(src) {
            same.push((sk.clone(), format!("s:{o}")));
        }
        same.push((key.to_string(), sk));
    };
    let mut out: Vec<(usize, usize, usize, Claim)> = Vec::with_capacity(clusters.len());
    for cl in &clusters {
        let mut member_arts: Vec<usize> = cl.members.iter().map(|&m| sents[m].article).collect();
        member_arts.sort_unstable();
        member_arts.dedup();
        let keys: Vec<String> = member_arts
            .iter()
            .map(|&a| source_key(&arts[a].id, records))
            .collect();
        let mut same: Vec<(String, String)> = Vec::new();
        for &m in &cl.members {
            let s = &sents[m];
            let a = arts[s.article];
            let key = source_key(&a.id, records);
            if let Some(r) = records.get(&a.id) {
                if r.derived == Derivation::Wholly {
                    if let Some(src) = r.source.as_ref().filter(|x| **x != a.id) {
                        tie(&mut same, &key, src);
                    }
                }
                for src in taken_from(r, s.char_start, s.char_end) {
                    tie(&mut same, &key, src);
                }
            }
            // One outlet is one source however many of its articles carry
            // the claim (an update, a second edition, a wire's versions),
            // and the same source as articles crediting it (below).
            if let Some(o) = a
                .outlet
                .as_deref()
                .map(norm_source)
                .filter(|o| !o.is_empty())
            {
                same.push((key.clone(), format!("s:{o}")));
            }
            for at in &a.attributions {
                let src = norm_source(&at.source);
                if src.is_empty()
                    || a.outlet.as_deref().map(norm_source).as_deref() == Some(src.as_str())
                {
                    continue;
                }
                same.push((key.clone(), format!("s:{src}")));
                if let Some(&j) = outlet_of.get(&src) {
                    same.push((key.clone(), source_key(&arts[j].id, records)));
                }
            }
        }
        let independent = claims::count_independent(&keys, &same);
        let outlets: BTreeSet<String> = member_arts
            .iter()
            .filter_map(|&a| arts[a].outlet.clone())
            .collect();
        let mut disputed: Vec<Dispute> = cl
            .disputed_by
            .iter()
            .map(|&i| Dispute {
                article: arts[sents[i].article].id.clone(),
                text: sent_text(i),
            })
            .collect();
        disputed.dedup();
        let claim = Claim {
            text: sent_text(cl.members[0]),
            articles: member_arts.iter().map(|&a| arts[a].id.clone()).collect(),
            independent_sources: independent,
            outlets: outlets.into_iter().collect(),
            disputed_by: disputed,
            evidence: cl
                .members
                .iter()
                .map(|&m| Evidence {
                    article: arts[sents[m].article].id.clone(),
                    start: sents[m].char_start,
                    end: sents[m].char_end,
                })
                .collect(),
        };
        out.push((independent, member_arts.len(), cl.members[0], claim));
    }
    out.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    out.into_iter().map(|x| x.3).take(MAX_CLAIMS).collect()
}

#[cfg(test)]
mod tests;
