//! Named entities by rule: runs of capitalised words, split at titles, typed as
//! person, organisation or place by the hand-written gazetteer in `lexicon`, by
//! name endings ("... Ministry", "... River") and by the titles before a name.
//! Also builds the story-wide tables that resolve a short name ("Gerasimov") to
//! the fullest one used in the story and a role ("the Russian leader") to a person.
//!
//! A name no rule or list types is taken for a person when the story also
//! uses its last word alone ("Petra Danek ... Danek told"), the way news
//! writing refers to people.
//!
//! It does NOT use a learned model: other names no rule or list knows stay
//! untyped and are left out of the output. Works on capitalisation, so scripts without case
//! yield no entities (and no panic).

use crate::lexicon;
use crate::text::{stem, Doc, TokKind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation (government bodies, parties, companies, armed groups, media).
    Organisation,
    /// A place (country, region, city, river...).
    Place,
}

/// One capitalised run in an article.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// Byte range of the name (titles stripped).
    pub start: usize,
    pub end: usize,
    /// Token range of the name.
    pub toks: std::ops::Range<usize>,
    /// The name as written, titles stripped, single-spaced.
    pub name: String,
    /// The kind, when a rule decided it.
    pub kind: Option<EntityKind>,
    /// Lowercase stems of the role words before the name or in an apposition.
    pub role: Vec<String>,
    /// Sentence index.
    pub sent: usize,
}

const CONNECTORS: &[&str] = &[
    "of", "for", "de", "al", "bin", "von", "van", "der", "du", "di", "da", "del", "la", "le", "ibn",
];

fn is_cap_word(doc: &Doc, i: usize) -> bool {
    let t = doc.toks[i];
    if t.kind != TokKind::Word {
        return false;
    }
    let w = doc.tok(i);
    let mut cs = w.chars();
    let Some(first) = cs.next() else { return false };
    if !first.is_uppercase() {
        return false;
    }
    // SHOUTED words (5+ capitals, not a known organisation) are not names.
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 5
        && letters.iter().all(|c| c.is_uppercase())
        && !lexicon::is_org_single(&w.to_lowercase())
    {
        return false;
    }
    true
}

/// Canonical lowercase key for names that have several spellings.
pub(crate) fn alias_key(lower: &str) -> String {
    let k = lower.trim_start_matches("the ").replace('.', "");
    let k = k.trim_end_matches("’s").trim_end_matches("'s").to_string();
    match k.as_str() {
        "us" | "usa" | "united states" | "america" | "united states of america" => {
            "united states".into()
        }
        "uk" | "britain" | "great britain" | "united kingdom" => "united kingdom".into(),
        "isil" | "daesh" | "islamic state" | "is" => "isis".into(),
        "un" | "united nations" => "united nations".into(),
        "eu" | "european union" => "european union".into(),
        "syrian arab republic" => "syria".into(),
        _ => k,
    }
}

/// Finds the capitalised runs of `doc` (body paragraphs only) and types what it can.
pub(crate) fn mentions(doc: &Doc) -> Vec<Mention> {
    let mut out = Vec::new();
    for (si, s) in doc.sents.iter().enumerate() {
        if !doc.in_body(si) {
            continue;
        }
        let mut i = s.toks.start;
        while i < s.toks.end {
            if !is_cap_word(doc, i) {
                i += 1;
                continue;
            }
            // Extend the run: capitalised words, "." after an abbreviation, connectors between capitals.
            let mut j = i + 1;
            while j < s.toks.end {
                let w = doc.tok(j);
                let cap_next = is_cap_word(doc, j) && doc.toks[j].start <= doc.toks[j - 1].end + 1;
                let abbrev_dot = w == "."
                    && doc.toks[j].start == doc.toks[j - 1].end
                    && crate::text::is_abbreviated(doc.tok(j - 1))
                    && j + 1 < s.toks.end
                    && is_cap_word(doc, j + 1);
                let connector = CONNECTORS.contains(&w)
                    && j + 1 < s.toks.end
                    && is_cap_word(doc, j + 1)
                    && j > i;
                if cap_next || abbrev_dot || connector {
                    j += 1;
                } else {
                    break;
                }
            }
            split_run(doc, si, i, j, &mut out);
            i = j;
        }
    }
    add_appositions(doc, &mut out);
    out
}

fn split_run(doc: &Doc, si: usize, a: usize, b: usize, out: &mut Vec<Mention>) {
    let words: Vec<usize> = (a..b)
        .filter(|&k| doc.toks[k].kind == TokKind::Word)
        .collect();
    if words.is_empty() {
        return;
    }
    let lower: Vec<String> = words.iter().map(|&k| doc.tok(k).to_lowercase()).collect();
    // Leading function words ("The", "In", "But", "Despite") are not part of a name.
    let mut first = 0;
    while first < words.len()
        && (lexicon::is_stopword(&lower[first]) || lexicon::is_name_opener(&lower[first]))
        && !lexicon::is_org_single(&lower[first])
    {
        first += 1;
    }
    if first >= words.len() {
        return;
    }
    let tail: Vec<&str> = lower[first..]
        .iter()
        .map(|w| w.trim_end_matches(['.', '’', '\'']).trim_end_matches("’s"))
        .collect();
    let tail_last = tail.last().copied().unwrap_or_default();
    let joined_all = tail.join(" ");
    // Whole-run organisations and places: "Russian Defense Ministry", "Euphrates River".
    let whole = if lexicon::ORGS.iter().any(|o| joined_all.ends_with(o))
        || (tail.len() > 1 && lexicon::is_org_word(tail_last))
    {
        Some(EntityKind::Organisation)
    } else if lexicon::PLACES.contains(&joined_all.as_str())
        || (tail.len() > 1 && lexicon::is_place_word(tail_last))
    {
        Some(EntityKind::Place)
    } else {
        None
    };
    if let Some(kind) = whole {
        let (s, e) = (words[first], words[words.len() - 1]);
        let name = (first..words.len())
            .map(|k| doc.tok(words[k]))
            .collect::<Vec<_>>()
            .join(" ");
        out.push(Mention {
            start: doc.toks[s].start,
            end: doc.toks[e].end,
            toks: s..e + 1,
            name,
            kind: Some(kind),
            role: Vec::new(),
            sent: si,
        });
        return;
    }
    // A run that ends with a title names a role, not a person.
    if lexicon::is_title(tail_last) && !lexicon::is_place_single(tail_last) {
        return;
    }
    // Titles and demonyms: the name starts after the last title word.
    let mut last_title = None;
    for k in first..words.len() {
        let lw = lower[k].trim_end_matches('.');
        let is_name_start = k + 1 < words.len() && lexicon::is_first_name(&lower[k + 1]);
        if (lexicon::is_title(lw) || lexicon::demonym_place(lw).is_some())
            && (k + 1 < words.len() || is_name_start)
        {
            // "President" inside an organisation ("NAACP President") still counts as a title.
            last_title = Some(k);
        }
    }
    let name_from = last_title.map_or(first, |k| k + 1);
    if name_from >= words.len() {
        return;
    }
    let role: Vec<String> = (first..name_from).map(|k| stem(&lower[k])).collect();
    let mut name_words = &words[name_from..];
    // A trailing connector cannot end a name.
    while let Some(&l) = name_words.last() {
        if CONNECTORS.contains(&doc.tok(l)) {
            name_words = &name_words[..name_words.len() - 1];
        } else {
            break;
        }
    }
    if name_words.is_empty() {
        return;
    }
    let nl: Vec<String> = name_words
        .iter()
        .map(|&k| doc.tok(k).to_lowercase())
        .collect();
    let joined = nl.join(" ");
    let last = nl
        .last()
        .map(|s| s.trim_end_matches('.'))
        .unwrap_or_default();
    let titled = last_title.is_some_and(|k| {
        let lw = lower[k].trim_end_matches('.');
        lexicon::is_title(lw)
    });
    let single_place = nl.len() == 1
        && !titled
        && (lexicon::is_place_single(&joined.replace('.', ""))
            || alias_key(&joined) == "united states"
            || alias_key(&joined) == "united kingdom");
    let org_word = nl
        .iter()
        .any(|w| lexicon::is_org_single(w.trim_end_matches("’s").trim_end_matches("'s")));
    let kind = if lexicon::ORGS.contains(&joined.as_str())
        || (nl.len() > 1 && lexicon::is_org_word(last))
    {
        Some(EntityKind::Organisation)
    } else if lexicon::PLACES.contains(&joined.as_str())
        || (nl.len() > 1 && lexicon::is_place_word(last))
        || single_place
    {
        Some(EntityKind::Place)
    } else if org_word && !titled {
        Some(EntityKind::Organisation)
    } else if titled || (nl.len() >= 2 && lexicon::is_first_name(&nl[0])) {
        Some(EntityKind::Person)
    } else if nl.len() == 1 && is_acronym(doc.tok(name_words[0])) {
        Some(EntityKind::Organisation)
    } else {
        None
    };
    // A lone capitalised word no rule knows stays untyped: it only counts
    // later if the story names a person that way.
    if nl.len() == 1 && lexicon::demonym_place(&nl[0]).is_some() {
        return;
    }
    if nl.len() == 1
        && (lexicon::is_month(&nl[0])
            || lexicon::is_weekday(&nl[0])
            || lexicon::is_stopword(&nl[0]))
    {
        return;
    }
    let s = name_words[0];
    let e = name_words[name_words.len() - 1];
    // The name as written, initials' periods kept ("Anita L. Russell").
    let name = doc.text[doc.toks[s].start..doc.toks[e].end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let name = name
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .to_string();
    out.push(Mention {
        start: doc.toks[s].start,
        end: doc.toks[e].end,
        toks: s..e + 1,
        name,
        kind,
        role,
        sent: si,
    });
}

fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=5).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

/// Adds role words from appositions: "X, the chief of the General Staff," and
/// "the presidential envoy to Syria, James Jeffrey".
fn add_appositions(doc: &Doc, ms: &mut [Mention]) {
    for m in ms.iter_mut() {
        if m.kind != Some(EntityKind::Person) && m.name.split(' ').count() < 2 {
            continue;
        }
        let sent = &doc.sents[m.sent];
        // After: ", the ... ,"
        let after = m.toks.end;
        if after + 1 < sent.toks.end && doc.tok(after) == "," {
            let det = doc.tok(after + 1).to_lowercase();
            if det == "the" || det == "a" || det == "an" {
                let mut words = Vec::new();
                let mut k = after + 2;
                while k < sent.toks.end && k < after + 14 && doc.tok(k) != "," {
                    if doc.toks[k].kind == TokKind::Word {
                        words.push(stem(doc.tok(k)));
                    }
                    k += 1;
                }
                if k <= sent.toks.end {
                    m.role.extend(words);
                }
            }
        }
        // Before: "the ... , NAME"
        let before = m.toks.start;
        if before >= 2 && before > sent.toks.start && doc.tok(before - 1) == "," {
            let mut k = before - 1;
            let mut words = Vec::new();
            while k > sent.toks.start && k + 14 > before {
                k -= 1;
                let w = doc.tok(k);
                if w == "," || w == "." {
                    break;
                }
                if doc.toks[k].kind == TokKind::Word {
                    words.push(w.to_lowercase());
                }
                if w.eq_ignore_ascii_case("the") {
                    m.role.extend(words.iter().map(|w| stem(w)));
                    break;
                }
            }
        }
        m.role.sort();
        m.role.dedup();
    }
}

/// Types as persons the untyped names that the story first gives in full and
/// then by their last word alone ("Petra Danek was at her bakery ... Danek
/// told"), the way news writing refers to people. Places and organisations
/// are not shortened to their last word ("the river", not "River"), and the
/// names the gazetteer or a title already typed are left as they are. Run on
/// every article of the story at once, before the [`NameTable`] is built.
pub(crate) fn promote_surnames(articles: &mut [Vec<Mention>]) {
    let alone: BTreeSet<String> = articles
        .iter()
        .flatten()
        .filter(|m| m.kind.is_none() || m.kind == Some(EntityKind::Person))
        .filter(|m| !m.name.contains(' '))
        .map(|m| m.name.to_lowercase())
        .collect();
    for m in articles.iter_mut().flatten() {
        if m.kind.is_some() {
            continue;
        }
        let words: Vec<&str> = m.name.split(' ').collect();
        if !(2..=3).contains(&words.len())
            || !words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            continue;
        }
        let last = last_word(&m.name);
        if alone.contains(&last)
            && !lexicon::is_stopword(&last)
            && !lexicon::is_place_single(&last)
            && !lexicon::is_org_single(&last)
        {
            m.kind = Some(EntityKind::Person);
        }
    }
}

/// Story-wide person names and roles.
#[derive(Debug, Default)]
pub(crate) struct NameTable {
    /// Lowercase last word -> full names (as written) with their counts.
    by_last: BTreeMap<String, BTreeMap<String, usize>>,
    /// Full name -> role stems seen with it.
    roles: BTreeMap<String, BTreeSet<String>>,
}

fn last_word(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let mut i = words.len();
    while i > 1
        && matches!(
            words[i - 1].to_lowercase().trim_end_matches('.'),
            "jr" | "sr" | "ii" | "iii"
        )
    {
        i -= 1;
    }
    words
        .get(i.saturating_sub(1))
        .map(|w| w.to_lowercase())
        .unwrap_or_default()
}

impl NameTable {
    /// Records the person mentions of one article.
    pub fn add(&mut self, ms: &[Mention]) {
        for m in ms {
            if m.kind == Some(EntityKind::Person) {
                *self
                    .by_last
                    .entry(last_word(&m.name))
                    .or_default()
                    .entry(m.name.clone())
                    .or_insert(0) += 1;
            }
        }
    }

    /// Records roles, once every article has been added (roles attach to the fullest name).
    pub fn add_roles(&mut self, ms: &[Mention]) {
        for m in ms {
            if m.kind == Some(EntityKind::Person) && !m.role.is_empty() {
                let full = self.fullest(&m.name);
                self.roles
                    .entry(full)
                    .or_default()
                    .extend(m.role.iter().cloned());
            }
        }
    }

    /// Whether `name` (a single word or more) is a person's name in this story.
    pub fn is_person(&self, name: &str) -> bool {
        self.by_last.get(&last_word(name)).is_some_and(|m| {
            let n = name.to_lowercase();
            m.keys().any(|full| {
                let f = full.to_lowercase();
                f == n || f.ends_with(&format!(" {n}")) || n.ends_with(&format!(" {f}"))
            })
        })
    }

    /// The fullest name in the story that `name` is a shorter form of; `name` itself when none.
    pub fn fullest(&self, name: &str) -> String {
        let Some(cands) = self.by_last.get(&last_word(name)) else {
            return name.to_string();
        };
        let n = name.to_lowercase();
        let nw: Vec<&str> = n.split(' ').collect();
        let mut best: Option<(&String, usize)> = None;
        for (full, &count) in cands {
            let f = full.to_lowercase();
            let fw: Vec<&str> = f.split(' ').collect();
            // Every word of the short form must appear in the full one, in order of the end.
            let compatible = nw.iter().all(|w| fw.contains(w)) || f.ends_with(&n);
            if !compatible {
                continue;
            }
            let better = match best {
                None => true,
                Some((b, bc)) => {
                    let bl = b.split(' ').count();
                    (fw.len(), count) > (bl, bc)
                }
            };
            if better {
                best = Some((full, count));
            }
        }
        best.map_or_else(|| name.to_string(), |(f, _)| f.clone())
    }

    /// The person a description such as "the Russian leader" stands for, when
    /// exactly one person of the story fits it best.
    pub fn resolve_role(&self, description: &[String]) -> Option<String> {
        let words: Vec<String> = description
            .iter()
            .map(|w| w.to_lowercase())
            .filter(|w| {
                !matches!(
                    w.as_str(),
                    "the" | "a" | "an" | "its" | "their" | "his" | "her"
                )
            })
            .collect();
        let head = words.last()?;
        let head_stem = stem(head);
        let leaderish = lexicon::is_leader_role(head);
        let quals: Vec<String> = words[..words.len() - 1].iter().map(|w| stem(w)).collect();
        let mut scored: Vec<(usize, &String)> = Vec::new();
        for (person, roles) in &self.roles {
            let head_ok = roles.contains(&head_stem)
                || (leaderish && roles.iter().any(|r| lexicon::is_leader_role(r)));
            if !head_ok {
                continue;
            }
            let score = 1 + quals.iter().filter(|q| roles.contains(*q)).count();
            scored.push((score, person));
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        match scored.as_slice() {
            [] => None,
            [(_, p)] => Some((*p).clone()),
            [(s1, p), (s2, _), ..] if s1 > s2 => Some((*p).clone()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ents(text: &str) -> Vec<(String, Option<EntityKind>)> {
        let d = Doc::new(text);
        mentions(&d).into_iter().map(|m| (m.name, m.kind)).collect()
    }

    fn check(text: &str, expect: &[(&str, Option<EntityKind>)]) {
        let got = ents(text);
        let exp: Vec<(String, Option<EntityKind>)> =
            expect.iter().map(|(n, k)| (n.to_string(), *k)).collect();
        assert_eq!(got, exp, "text: {text}");
    }

    use EntityKind::*;

    #[test]
    fn strips_titles_and_types_names() {
        check(
            "Russian First Deputy Defense Minister Gen. Valery Gerasimov spoke in Iraq and Syria on Monday.",
            &[("Valery Gerasimov", Some(Person)), ("Iraq", Some(Place)), ("Syria", Some(Place))],
        );
        check(
            "The Russian Defense Ministry met officials of the White House near the Euphrates River today.",
            &[("Russian Defense Ministry", Some(Organisation)), ("White House", Some(Organisation)), ("Euphrates River", Some(Place))],
        );
        check(
            "Mr. Blumenthal never served there, said John Smith yesterday.",
            &[("Blumenthal", Some(Person)), ("John Smith", Some(Person))],
        );
    }

    #[test]
    fn lone_capitalised_words_stay_untyped() {
        check(
            "Moreover the talks failed in the end, everyone agreed.",
            &[("Moreover", None)],
        );
        check(
            "Jeffrey spoke. Moreover, officials met Jeffrey there.",
            &[("Jeffrey", None), ("Moreover", None), ("Jeffrey", None)],
        );
    }

    #[test]
    fn a_sentence_opening_preposition_or_adverb_is_not_part_of_a_name() {
        // "Despite Trump" would otherwise become the fullest form of Trump.
        check(
            "Despite Trump saying talks went well, Democrats were dour.",
            &[("Trump", None), ("Democrats", None)],
        );
        check("Earlier Sunday, she called it a crime.", &[]);
        check("Later, officials met Jeffrey there.", &[("Jeffrey", None)]);
    }

    #[test]
    fn a_name_given_in_full_then_by_its_last_word_is_a_person() {
        // Neither first name is in the gazetteer and no title types them.
        let a = Doc::new("Petra Danek was at her bakery in Verany. Danek told us she stayed.");
        let b = Doc::new("Halina Brueck leads the inquiry. Barges on the Sorrel River waited.");
        let c = Doc::new("Brueck said the report is due. River traffic stopped.");
        let mut ms = vec![mentions(&a), mentions(&b), mentions(&c)];
        promote_surnames(&mut ms);
        let kind = |name: &str| ms.iter().flatten().find(|m| m.name == name).map(|m| m.kind);
        assert_eq!(kind("Petra Danek"), Some(Some(Person)));
        // The surname used alone in another article of the story counts too.
        assert_eq!(kind("Halina Brueck"), Some(Some(Person)));
        // A typed name keeps its kind, even when its last word is used alone.
        assert_eq!(kind("Sorrel River"), Some(Some(Place)));
        assert_eq!(kind("Danek"), Some(None));
        let mut t = NameTable::default();
        for m in &ms {
            t.add(m);
        }
        assert_eq!(t.fullest("Danek"), "Petra Danek");
        assert_eq!(t.fullest("Brueck"), "Halina Brueck");
    }

    #[test]
    fn fullest_name_and_roles() {
        let d = Doc::new(
            "Russian President Vladimir Putin spoke. Valery Gerasimov, the chief of the Russian General Staff, said so. \
             Later Gerasimov and Putin met the U.S. presidential envoy to Syria, James Jeffrey, in town.",
        );
        let ms = mentions(&d);
        let mut t = NameTable::default();
        t.add(&ms);
        t.add_roles(&ms);
        assert_eq!(t.fullest("Gerasimov"), "Valery Gerasimov");
        assert_eq!(t.fullest("Putin"), "Vladimir Putin");
        assert_eq!(t.fullest("Smith"), "Smith");
        let desc = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            t.resolve_role(&desc("the Russian leader")).as_deref(),
            Some("Vladimir Putin")
        );
        assert_eq!(
            t.resolve_role(&desc("the American envoy")).as_deref(),
            Some("James Jeffrey")
        );
        assert_eq!(
            t.resolve_role(&desc("the general staff chief")).as_deref(),
            Some("Valery Gerasimov")
        );
        assert_eq!(t.resolve_role(&desc("the mayor")), None);
    }
}
