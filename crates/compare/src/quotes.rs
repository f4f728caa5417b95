//! Quotes and their speakers.
//!
//! Direct quotes are spans between quotation marks: straight `"`, typographic
//! `“ ”` and `„ “`, single `‘ ’` (three words or more), `« »` (nested marks
//! kept inside), `「 」`, TeX-style ``` `` '' ```, a paragraph that opens a quote
//! and never closes it (a block quote), and a closing mark with no opening one
//! (the quote runs from the paragraph start). Reported speech is a sentence of
//! the shape "X said (that) ...", "..., X said", "according to X, ..." or
//! "..., according to X".
//!
//! The speaker is the subject of the nearest speech verb around the quote
//! (appositions, role words and titles handled: "Chief engineer X said",
//! "according to its harbour master, X", "according to Y's negotiator, X,
//! ...", "the county engineer, X, told reporters", "Rep. X, D-N.Y., said",
//! "the union President X said"), the person who puts a label in quotation
//! marks ("X called the deal “...”", "what he called “...”", "X described
//! it as “...”"; not passives, not things "called “...”"), a pronoun
//! resolved to the last person named before the pronoun, or a description
//! ("the Russian leader") resolved through the story's roles; names are then
//! widened to the fullest form used in the story.
//! A quote with no cue in its sentence inherits the speaker of the quote just
//! before it in the same paragraph, or of a paragraph that introduced it with a
//! colon or left its quote open.
//!
//! It does NOT attribute quotes to groups through "they"/"it", does not parse
//! syntax, and gives up (drops the quote) when no speaker is found.

use crate::entities::{EntityKind, Mention, NameTable};
use crate::lexicon;
use crate::text::{is_abbreviated, Doc, TokKind};

/// A quote found in one article, speaker resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FoundQuote {
    /// Who said it, the fullest name the story gives.
    pub speaker: String,
    /// What was said (inside the marks, or the reported clause).
    pub text: String,
    /// The word that signals the quote ("said", "according to", ...).
    pub cue: String,
    /// Byte range of `text` in the article.
    pub start: usize,
    pub end: usize,
    /// Whether the quote was written between quotation marks.
    pub direct: bool,
}

#[derive(Debug, Clone)]
enum Speaker {
    Name(String, Option<EntityKind>),
    /// A personal pronoun, at this byte offset: the person it stands for was
    /// named before it (a name between it and the quote is an object: "He
    /// called Mr. Mattis “...”").
    Pronoun(usize),
    Description(Vec<String>),
}

#[derive(Debug, Clone)]
struct Attribution {
    speaker: Speaker,
    cue: String,
}

/// A span between quotation marks, as byte ranges: the content, and the marks included.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    outer_start: usize,
    outer_end: usize,
    /// The paragraph never closed it.
    open_ended: bool,
}

fn closer_for(c: char) -> Option<&'static [char]> {
    match c {
        '“' => Some(&['”']),
        '„' => Some(&['“', '”']),
        '«' => Some(&['»']),
        '‹' => Some(&['›']),
        '「' => Some(&['」']),
        '『' => Some(&['』']),
        '‘' => Some(&['’']),
        _ => None,
    }
}

/// Finds the quotation spans of paragraph text `p` (byte offsets relative to `p`).
fn find_spans(p: &str) -> Vec<Span> {
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let n = chars.len();
    let at = |k: usize| if k < n { chars[k].0 } else { p.len() };
    let mut spans = Vec::new();
    let mut i = 0;
    let mut last_end = 0usize; // byte offset after the last span's closing mark
    while i < n {
        let (b, c) = chars[i];
        let prev = if i > 0 { chars[i - 1].1 } else { ' ' };
        let next = if i + 1 < n { chars[i + 1].1 } else { ' ' };
        // TeX-style ``...''
        if c == '`' && next == '`' {
            let start = at(i + 2);
            let close = p[start..].find("''").map(|x| start + x);
            let (end, oe, open_ended) = match close {
                Some(e) => (e, e + 2, false),
                None => (p.len(), p.len(), true),
            };
            spans.push(Span {
                start,
                end,
                outer_start: b,
                outer_end: oe,
                open_ended,
            });
            last_end = oe;
            i = chars.partition_point(|&(x, _)| x < oe);
            continue;
        }
        let opens = match c {
            '"' => prev.is_whitespace() || i == 0 || "([—–-/:".contains(prev),
            '‘' => prev.is_whitespace() || i == 0 || "([—–-“\"".contains(prev),
            '\'' => (prev.is_whitespace() || i == 0) && next.is_alphabetic(),
            _ => closer_for(c).is_some(),
        };
        if opens {
            let single = c == '‘' || c == '\'';
            let closers: &[char] = match c {
                // Mixed marks happen ("“...," she said. "...").
                '"' => &['"', '”'],
                '“' => &['”', '"'],
                '\'' => &['\''],
                _ => closer_for(c).unwrap_or(&['”']),
            };
            let mut depth = 0usize;
            let mut j = i + 1;
            let mut close = None;
            while j < n {
                let cj = chars[j].1;
                let after = if j + 1 < n { chars[j + 1].1 } else { ' ' };
                if cj == c && closer_for(c).is_some() && !single && c != '„' {
                    depth += 1;
                } else if closers.contains(&cj) {
                    let ok = if single {
                        !after.is_alphanumeric()
                    } else {
                        true
                    };
                    if ok {
                        if depth == 0 {
                            close = Some(j);
                            break;
                        }
                        depth -= 1;
                    }
                }
                j += 1;
            }
            let start = at(i + 1);
            let (end, oe, open_ended) = match close {
                Some(j) => (chars[j].0, at(j + 1), false),
                None => (p.len(), p.len(), true),
            };
            let words = p[start..end].split_whitespace().count();
            if single && (words < 3 || open_ended) {
                i += 1;
                continue;
            }
            if start < end {
                spans.push(Span {
                    start,
                    end,
                    outer_start: b,
                    outer_end: oe,
                    open_ended,
                });
            }
            last_end = oe;
            i = chars.partition_point(|&(x, _)| x < oe).max(i + 1);
            continue;
        }
        // A closing mark with nothing open: the quote began before the paragraph (or its mark was lost).
        if (c == '”' || c == '»') && !p[last_end..b].trim().is_empty() {
            let start = last_end + (p[last_end..b].len() - p[last_end..b].trim_start().len());
            if p[start..b].split_whitespace().count() >= 3 {
                spans.push(Span {
                    start,
                    end: b,
                    outer_start: start,
                    outer_end: at(i + 1),
                    open_ended: false,
                });
                last_end = at(i + 1);
            }
        }
        i += 1;
    }
    spans
}

/// Token index of the first token starting at or after byte `pos`.
fn tok_at(doc: &Doc, pos: usize) -> usize {
    doc.toks.partition_point(|t| t.start < pos)
}

fn lower(doc: &Doc, i: usize) -> String {
    doc.tok(i).to_lowercase()
}

fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "was"
            | "is"
            | "were"
            | "are"
            | "will"
            | "would"
            | "did"
            | "does"
            | "also"
            | "then"
            | "later"
    ) || (w.ends_with("ly") && w.len() > 4)
        || lexicon::is_speech_adverb(w)
}

fn is_cap(doc: &Doc, i: usize) -> bool {
    doc.toks[i].kind == TokKind::Word && doc.tok(i).chars().next().is_some_and(|c| c.is_uppercase())
}

/// Per-article context for attribution.
struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    mentions: &'d [Mention],
}

impl Ctx<'_, '_> {
    /// The mention whose last token is `k`.
    fn mention_ending(&self, k: usize) -> Option<&Mention> {
        let idx = self.mentions.partition_point(|m| m.toks.end <= k);
        self.mentions[idx..]
            .iter()
            .take(2)
            .find(|m| m.toks.end == k + 1)
    }

    /// The mention whose first token is `k`.
    fn mention_starting(&self, k: usize) -> Option<&Mention> {
        let idx = self.mentions.partition_point(|m| m.toks.start < k);
        self.mentions.get(idx).filter(|m| m.toks.start == k)
    }

    /// A noun-phrase speaker ending at token `k` (inclusive), no earlier than `lo`.
    fn speaker_ending(&self, k: usize, lo: usize) -> Option<(Speaker, usize)> {
        let d = self.doc;
        let w = lower(d, k);
        if lexicon::is_person_pronoun(&w) {
            return Some((Speaker::Pronoun(d.toks[k].start), k));
        }
        if let Some(m) = self.mention_ending(k) {
            if m.toks.start >= lo {
                // The phrase starts at the titles before the name ("Russian President Vladimir Putin").
                let mut s = m.toks.start;
                while s > lo && (is_cap(d, s - 1) || d.tok(s - 1) == ".") {
                    s -= 1;
                }
                return Some((Speaker::Name(m.name.clone(), m.kind), s));
            }
        }
        if lexicon::is_weekday(&w) || lexicon::is_month(&w) {
            return None;
        }
        if is_cap(d, k) {
            // A capitalised word no rule typed: take the run as a name.
            let mut s = k;
            while s > lo && is_cap(d, s - 1) {
                s -= 1;
            }
            let name: Vec<&str> = (s..=k).map(|x| d.tok(x)).collect();
            if lexicon::is_stopword(&name[0].to_lowercase()) {
                return None;
            }
            return Some((Speaker::Name(name.join(" "), None), s));
        }
        // A description: "the general staff chief", "a spokesman".
        if d.toks[k].kind == TokKind::Word && !lexicon::is_stopword(&w) {
            let mut s = k;
            while s > lo && s + 6 > k {
                s -= 1;
                let ws = lower(d, s);
                if ws == "the" || ws == "a" || ws == "an" {
                    let words: Vec<String> = (s..=k).map(|x| d.tok(x).to_string()).collect();
                    return Some((Speaker::Description(words), s));
                }
                if d.toks[s].kind != TokKind::Word || (lexicon::is_stopword(&ws) && ws != "of") {
                    break;
                }
            }
        }
        None
    }

    /// The subject of a speech verb at token `v`: walks back over adverbs,
    /// auxiliaries and an apposition. Returns the speaker and its first token.
    fn subject_before(&self, v: usize, lo: usize) -> Option<(Speaker, usize)> {
        let d = self.doc;
        if v == 0 || v <= lo {
            return None;
        }
        let mut k = v - 1;
        while k > lo && is_aux(&lower(d, k)) {
            k -= 1;
        }
        if d.tok(k) == "," {
            // Apposition: "NAME, the chief of X, said" or "a figure, NAME, said".
            let mut c2 = k;
            let mut found = None;
            while c2 > lo && c2 + 16 > k {
                c2 -= 1;
                if d.tok(c2) == "," {
                    found = Some(c2);
                    break;
                }
            }
            let c2 = found?;
            if c2 == 0 || c2 <= lo {
                return None;
            }
            let inner = self.speaker_ending(k - 1, c2 + 1);
            let outer = self.speaker_ending(c2 - 1, lo);
            // "..., the county engineer, NAME, told": the speaker's phrase
            // starts at the description when a comma (or the clause start) precedes it.
            let phrase_start = match outer {
                Some((Speaker::Description(_), s)) if s == lo || d.tok(s - 1) == "," => s,
                _ => c2 + 1,
            };
            return match (outer, inner) {
                (Some((Speaker::Name(n, kind), s)), _) if kind != Some(EntityKind::Place) => {
                    Some((Speaker::Name(n, kind), s))
                }
                (_, Some((Speaker::Name(n, kind), _))) if self.starts_name(c2 + 1) => {
                    Some((Speaker::Name(n, kind), phrase_start))
                }
                (Some(o), _) => Some(o),
                _ => None,
            };
        }
        self.speaker_ending(k, lo)
    }

    /// The first person named (or a pronoun) in tokens `lo..hi`: the subject of a participle cue.
    fn first_subject(&self, lo: usize, hi: usize) -> Option<Speaker> {
        let d = self.doc;
        for k in lo..hi {
            if lexicon::is_person_pronoun(&lower(d, k)) {
                return Some(Speaker::Pronoun(d.toks[k].start));
            }
            if let Some(m) = self.mention_starting(k) {
                // An untyped word opening the sentence ("Asked whether ...") is no name.
                let opener =
                    m.kind.is_none() && m.toks.len() == 1 && d.sents[m.sent].toks.start == k;
                if matches!(m.kind, Some(EntityKind::Person) | None) && !opener {
                    return Some(Speaker::Name(m.name.clone(), m.kind));
                }
            }
        }
        None
    }

    fn starts_name(&self, k: usize) -> bool {
        k < self.doc.toks.len() && is_cap(self.doc, k)
    }

    /// The speaker right after a speech verb at `v` ("said Mr. Steele").
    fn subject_after(&self, v: usize, hi: usize) -> Option<Speaker> {
        let d = self.doc;
        let k = v + 1;
        if k >= hi {
            return None;
        }
        let w = lower(d, k);
        if lexicon::is_person_pronoun(&w) {
            return Some(Speaker::Pronoun(d.toks[k].start));
        }
        if let Some(m) = self.mention_starting(k) {
            if !self.is_possessor(m) {
                return Some(Speaker::Name(m.name.clone(), m.kind));
            }
            // "Serevia's chief negotiator, Amara Quist": the person the
            // apposition names, else the description.
            let (words, e) = self.description_from(k, hi);
            return self
                .apposition_after(e, hi)
                .or_else(|| (words.len() >= 2).then_some(Speaker::Description(words)));
        }
        // Titles before the name were stripped from the mention: skip them.
        let mut j = k;
        while j < hi && j < k + 6 && (is_cap(d, j) || d.tok(j) == ".") {
            if let Some(m) = self.mention_starting(j) {
                return Some(Speaker::Name(m.name.clone(), m.kind));
            }
            j += 1;
        }
        if is_cap(d, k) {
            let mut e = k;
            while e + 1 < hi && is_cap(d, e + 1) {
                e += 1;
            }
            let name: Vec<&str> = (k..=e).map(|x| d.tok(x)).collect();
            return Some(Speaker::Name(name.join(" "), None));
        }
        if matches!(
            w.as_str(),
            "the" | "a" | "an" | "its" | "their" | "his" | "her"
        ) {
            // "the Vessa Emergency Directorate": a named body or person after the article.
            if let Some(m) = self.mention_starting(k + 1) {
                let named = match m.kind {
                    Some(EntityKind::Organisation | EntityKind::Person) => true,
                    Some(EntityKind::Place) => false,
                    None => m.name.contains(' '),
                };
                if matches!(w.as_str(), "the" | "a" | "an") && named {
                    return Some(Speaker::Name(m.name.clone(), m.kind));
                }
            }
            let (words, e) = self.description_from(k, hi);
            // "its harbour master, Gustav Ellery": the person named in apposition.
            if let Some(sp) = self.apposition_after(e, hi) {
                return Some(sp);
            }
            if words.len() >= 2 {
                return Some(Speaker::Description(words));
            }
        }
        None
    }

    /// Whether a mention is a possessor ("Serevia's"), not the speaker itself.
    fn is_possessor(&self, m: &Mention) -> bool {
        let d = self.doc;
        let last = d.tok(m.toks.end - 1);
        let ends = |t: &str| t.ends_with("'s") || t.ends_with("’s");
        ends(last) || (m.toks.end < d.toks.len() && matches!(d.tok(m.toks.end), "'s" | "’s"))
    }

    /// The words of a description starting at token `k` ("the county
    /// engineer"), up to a function word or punctuation, at most seven; and the
    /// token after them.
    fn description_from(&self, k: usize, hi: usize) -> (Vec<String>, usize) {
        let d = self.doc;
        let mut e = k + 1;
        let mut words = vec![d.tok(k).to_string()];
        while e < hi && e < k + 7 && d.toks[e].kind == TokKind::Word {
            let we = lower(d, e);
            if lexicon::is_stopword(&we) && e > k + 1 {
                break;
            }
            words.push(d.tok(e).to_string());
            e += 1;
        }
        (words, e)
    }

    /// The person named in apposition right after a description that ends
    /// before token `e`: ", Gustav Ellery".
    fn apposition_after(&self, e: usize, hi: usize) -> Option<Speaker> {
        if e + 1 < hi && self.doc.tok(e) == "," {
            let m = self.mention_starting(e + 1)?;
            if matches!(m.kind, Some(EntityKind::Person) | None) {
                return Some(Speaker::Name(m.name.clone(), m.kind));
            }
        }
        None
    }

    /// "according to X" starting at token `a` ("according"): the speaker after "to".
    fn according_to(&self, a: usize, hi: usize) -> Option<Speaker> {
        let d = self.doc;
        if a + 1 < hi && lower(d, a) == "according" && lower(d, a + 1) == "to" {
            let sp = self.subject_after(a + 1, hi)?;
            // "according to records" is a source, not a speaker.
            if let Speaker::Description(ref w) = sp {
                if w.len() < 2 {
                    return None;
                }
            }
            return Some(sp);
        }
        None
    }
}

fn is_speech_verb_at(doc: &Doc, i: usize) -> bool {
    doc.toks[i].kind == TokKind::Word
        && doc.tok(i).chars().next().is_some_and(|c| c.is_lowercase())
        && lexicon::is_speech_verb(doc.tok(i))
}

/// Participles that report speech after a comma ("..., saying that").
fn is_participle_cue(w: &str) -> bool {
    matches!(
        w,
        "saying"
            | "adding"
            | "noting"
            | "stating"
            | "arguing"
            | "insisting"
            | "telling"
            | "writing"
            | "warning"
            | "explaining"
            | "declaring"
            | "claiming"
    )
}

/// Finds a cue and speaker in tokens `lo..hi` after a quote (`,” he said`).
fn attribution_after(ctx: &Ctx, lo: usize, hi: usize) -> Option<Attribution> {
    let d = ctx.doc;
    let mut s = lo;
    while s < hi && d.toks[s].kind == TokKind::Punct {
        s += 1;
    }
    let limit = hi.min(s + 10);
    for v in s..limit {
        if lower(d, v) == "according" {
            let sp = ctx.according_to(v, hi)?;
            return Some(Attribution {
                speaker: sp,
                cue: "according to".into(),
            });
        }
        if is_speech_verb_at(d, v) {
            let cue = lower(d, v);
            if v > s {
                let (sp, first) = ctx.subject_before(v, s)?;
                // The subject must fill the gap between the quote and the
                // verb, titles included, or follow an article and a few
                // words of description ("the council President X said", not
                // "the lawyer for X said").
                let titled = (s..first).all(|x| is_cap(d, x) || d.tok(x) == ".");
                let described = matches!(sp, Speaker::Name(..))
                    && matches!(lower(d, s).as_str(), "the" | "a" | "an")
                    && first <= s + 4
                    && (s + 1..first).all(|x| {
                        d.toks[x].kind == TokKind::Word && !lexicon::is_stopword(&lower(d, x))
                    });
                if !(titled || described) {
                    return None;
                }
                return Some(Attribution { speaker: sp, cue });
            }
            let sp = ctx.subject_after(v, hi)?;
            return Some(Attribution { speaker: sp, cue });
        }
        if (d.tok(v) == "." && !(v > s && is_abbreviated(d.tok(v - 1)))) || d.tok(v) == ";" {
            break;
        }
    }
    // ",” Rep. Jerrold Nadler, D-N.Y., the former chairman of ..., told the Post."
    let mut k = s;
    while k < hi
        && k < s + 4
        && (is_cap(d, k) || d.tok(k) == ".")
        && ctx.mention_starting(k).is_none()
    {
        k += 1;
    }
    let m = ctx.mention_starting(k)?;
    if !matches!(m.kind, Some(EntityKind::Person) | None) {
        return None;
    }
    let after_name = m.toks.end;
    if after_name >= hi || d.tok(after_name) != "," {
        return None;
    }
    let far = hi.min(s + 40);
    let v = (after_name..far).find(|&v| is_speech_verb_at(d, v) && d.tok(v - 1) == ",")?;
    if (after_name..v).any(|x| {
        d.tok(x) == "."
            && !is_abbreviated(d.tok(x.saturating_sub(1)))
            && x + 1 < v
            && is_cap(d, x + 1)
    }) {
        return None;
    }
    Some(Attribution {
        speaker: Speaker::Name(m.name.clone(), m.kind),
        cue: lower(d, v),
    })
}

/// Finds a cue and speaker in tokens `lo..hi` before a quote (`He said: “`).
fn attribution_before(ctx: &Ctx, lo: usize, hi: usize) -> Option<Attribution> {
    let d = ctx.doc;
    if hi <= lo {
        return None;
    }
    let far = lo.max(hi.saturating_sub(30));
    let mut v = hi;
    while v > far {
        v -= 1;
        let w = lower(d, v);
        if w == "according" {
            if let Some(sp) = ctx.according_to(v, hi) {
                return Some(Attribution {
                    speaker: sp,
                    cue: "according to".into(),
                });
            }
        }
        if is_participle_cue(d.tok(v)) && v > lo {
            if let Some(sp) = ctx.first_subject(lo, v) {
                return Some(Attribution {
                    speaker: sp,
                    cue: w,
                });
            }
        }
        if is_speech_verb_at(d, v) {
            if let Some((sp, _)) = ctx.subject_before(v, lo) {
                return Some(Attribution {
                    speaker: sp,
                    cue: w,
                });
            }
            // "said X: “...”" (verb first)
            if let Some(sp) = ctx.subject_after(v, hi) {
                return Some(Attribution {
                    speaker: sp,
                    cue: w,
                });
            }
        }
        // "X called the deal “...”", "what he called “...”", "X described
        // the ad as “...”": the words are the subject's when the subject is
        // a person (not "a group called “...”") and the verb is not passive
        // ("he was called “...”" are someone else's words).
        if lexicon::is_naming_verb(&w) && v > lo && !is_passive_aux(&lower(d, v - 1)) {
            if let Some((sp @ (Speaker::Name(..) | Speaker::Pronoun(_)), _)) =
                ctx.subject_before(v, lo)
            {
                return Some(Attribution {
                    speaker: sp,
                    cue: w,
                });
            }
        }
    }
    None
}

/// Auxiliaries that make the next verb passive ("was called").
fn is_passive_aux(w: &str) -> bool {
    matches!(
        w,
        "is" | "was" | "are" | "were" | "be" | "been" | "being" | "get" | "got"
    )
}

/// All quotes of one article with resolved speakers.
pub(crate) fn quotes(doc: &Doc, mentions: &[Mention], table: &NameTable) -> Vec<FoundQuote> {
    let ctx = Ctx { doc, mentions };
    let mut raw: Vec<(usize, usize, String, Attribution, bool)> = Vec::new(); // start, end, text, attribution, direct
    let mut quoted: Vec<(usize, usize)> = Vec::new();
    let mut prev_para_carry: Option<Attribution> = None;
    for p in &doc.paras {
        if p.kind != crate::text::ParaKind::Body {
            prev_para_carry = None;
            continue;
        }
        let ptext = &doc.text[p.start..p.end];
        let spans = find_spans(ptext);
        let mut last_in_para: Option<Attribution> = None;
        let mut carry_next = None;
        let mut quoted_sents: Vec<usize> = Vec::new();
        for (si, sp) in spans.iter().enumerate() {
            let (qs, qe) = (p.start + sp.start, p.start + sp.end);
            let (os, oe) = (p.start + sp.outer_start, p.start + sp.outer_end);
            quoted.push((qs, qe));
            let qtext = clean_quote(&doc.text[qs..qe]);
            let words = qtext.split_whitespace().count();
            if words == 0 {
                continue;
            }
            // Context limits: the sentence of each mark, not crossing neighbouring spans.
            let s_open = sent_of(doc, os);
            let s_close = sent_of(doc, oe.saturating_sub(1));
            let prev_end = if si > 0 {
                p.start + spans[si - 1].outer_end
            } else {
                p.start
            };
            let next_start = spans.get(si + 1).map_or(p.end, |n| p.start + n.outer_start);
            let before_lo = tok_at(doc, doc.sents[s_open].start.max(prev_end));
            let before_hi = tok_at(doc, os);
            let after_lo = tok_at(doc, oe);
            // A quote that ends its own sentence ("...!” Mr. X told CNBC.") is
            // attributed in the next one.
            let mut after_end = doc.sents[s_close].end;
            if after_end <= oe
                && s_close + 1 < doc.sents.len()
                && doc.sents[s_close + 1].para == doc.sents[s_close].para
            {
                after_end = doc.sents[s_close + 1].end;
            }
            let after_hi = tok_at(doc, after_end.min(next_start));
            let mut att = attribution_after(&ctx, after_lo, after_hi.max(after_lo));
            if att.is_none() {
                att = attribution_before(&ctx, before_lo, before_hi);
            }
            let own_cue = att.is_some();
            if att.is_none() && words >= 3 {
                att = last_in_para.clone().or_else(|| {
                    if si == 0 {
                        prev_para_carry.clone()
                    } else {
                        None
                    }
                });
            }
            let title_like = words <= 4
                && qtext.split_whitespace().all(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                });
            if words < 2 || title_like {
                continue;
            }
            let Some(att) = att else { continue };
            if own_cue {
                quoted_sents.push(s_open);
                quoted_sents.push(s_close);
            }
            if sp.open_ended {
                carry_next = Some(att.clone());
            }
            last_in_para = Some(att.clone());
            raw.push((qs, qe, qtext, att, true));
        }
        // A paragraph that ends with "X said:" introduces the next one.
        if carry_next.is_none() && ptext.trim_end().ends_with(':') {
            let hi = tok_at(doc, p.end);
            let lo = tok_at(
                doc,
                doc.sents
                    .get(p.sents.end.saturating_sub(1))
                    .map_or(p.start, |s| s.start),
            );
            carry_next = attribution_before(&ctx, lo, hi);
        }
        prev_para_carry = carry_next;
        // Reported speech in sentences without an attributed direct quote.
        for s in p.sents.clone() {
            if quoted_sents.contains(&s) {
                continue;
            }
            if let Some((cs, ce, att)) = reported(&ctx, s) {
                let text = clean_quote(&doc.text[cs..ce]);
                if text.split_whitespace().count() >= 4 {
                    raw.push((cs, ce, text, att, false));
                }
            }
        }
    }
    raw.sort_by_key(|r| (r.0, r.1));
    let mut out = Vec::with_capacity(raw.len());
    let para_of = |pos: usize| doc.paras.partition_point(|p| p.end <= pos);
    // The last person quoted: (name, end of that quote, its paragraph).
    let mut last: Option<(String, usize, usize)> = None;
    for (start, end, text, att, direct) in raw {
        let para = para_of(start);
        let recent = last
            .as_ref()
            .filter(|l| para <= l.2 + 1)
            .map(|l| (l.0.clone(), l.1));
        let Some(speaker) = resolve(&ctx, table, &att.speaker, start, &quoted, recent.as_ref())
        else {
            continue;
        };
        let personal = match &att.speaker {
            Speaker::Name(_, kind) => matches!(kind, Some(EntityKind::Person) | None),
            Speaker::Pronoun(_) => true,
            Speaker::Description(_) => table.is_person(&speaker),
        };
        if personal {
            last = Some((speaker.clone(), end, para));
        }
        out.push(FoundQuote {
            speaker,
            text,
            cue: att.cue,
            start,
            end,
            direct,
        });
    }
    out
}

fn sent_of(doc: &Doc, pos: usize) -> usize {
    let i = doc.sents.partition_point(|s| s.end <= pos);
    i.min(doc.sents.len().saturating_sub(1))
}

fn clean_quote(s: &str) -> String {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    t.trim_end_matches([',', ' ']).to_string()
}

/// Reported speech in sentence `s`: returns the content's byte range and the attribution.
fn reported(ctx: &Ctx, s: usize) -> Option<(usize, usize, Attribution)> {
    let d = ctx.doc;
    let sent = &d.sents[s];
    let (a, b) = (sent.toks.start, sent.toks.end);
    if b - a < 5 || d.tok(b - 1) == "?" {
        return None;
    }
    let end_byte = if d.toks[b - 1].kind == TokKind::Punct {
        d.toks[b - 1].start
    } else {
        d.toks[b - 1].end
    };
    // "according to X, content" / "content, according to X"
    for k in a..b.saturating_sub(1) {
        if lower(d, k) == "according" && lower(d, k + 1) == "to" {
            let sp = ctx.according_to(k, b)?;
            let att = Attribution {
                speaker: sp,
                cue: "according to".into(),
            };
            if k == a {
                let mut comma = (k..b).find(|&x| d.tok(x) == ",")?;
                // "According to X's negotiator, NAME, content": skip the apposition.
                if let (Speaker::Name(n, _), Some(m)) =
                    (&att.speaker, ctx.mention_starting(comma + 1))
                {
                    if &m.name == n && m.toks.end < b && d.tok(m.toks.end) == "," {
                        comma = m.toks.end;
                    }
                }
                return (comma + 1 < b).then(|| (d.toks[comma + 1].start, end_byte, att));
            }
            if k > a + 3 && d.tok(k - 1) == "," {
                return Some((d.toks[a].start, d.toks[k - 1].start, att));
            }
            return None;
        }
    }
    for v in a..b {
        if !is_speech_verb_at(d, v) {
            continue;
        }
        let cue = lower(d, v);
        let Some((sp, first)) = ctx.subject_before(v, a) else {
            continue;
        };
        // "content, X said." ("told reporters": a short object may follow "told").
        let tail_ok = tail_is_setting(d, v + 1, b) || (cue == "told" && b - v <= 4);
        if first > a + 3 && d.tok(first - 1) == "," && tail_ok {
            return Some((
                d.toks[a].start,
                d.toks[first - 1].start,
                Attribution { speaker: sp, cue },
            ));
        }
        // "X said (that) content": the subject opens the sentence (after at
        // most three role words: "Chief engineer X said"), follows a comma,
        // or follows ", and" / ", but".
        let role_words = first - a <= 3
            && (a..first)
                .all(|x| d.toks[x].kind == TokKind::Word && !lexicon::is_stopword(&lower(d, x)));
        let after_conj = first >= a + 2
            && matches!(lower(d, first - 1).as_str(), "and" | "but")
            && d.tok(first - 2) == ",";
        let opens = first == a
            || d.tok(first - 1) == ","
            || (a..first).all(|x| is_aux(&lower(d, x)))
            || role_words
            || after_conj;
        if !opens || v + 1 >= b {
            continue;
        }
        let mut c = v + 1;
        if lower(d, c) == "that" {
            c += 1;
        } else {
            // "told the court that", "warned Iraq that": that within four tokens.
            let that = (v + 1..b.min(v + 6)).find(|&x| lower(d, x) == "that");
            match that {
                // Commas only around a short aside ("suggested, once again, that").
                Some(t) if (v + 1..t).filter(|&x| d.tok(x) == ",").count() != 1 => c = t + 1,
                _ if lexicon::is_bare_report_verb(&cue)
                    && cue != "added"
                    && !matches!(
                        lower(d, c).as_str(),
                        "to" | "in" | "on" | "at" | "by" | "it" | "so"
                    ) => {}
                _ => continue,
            }
        }
        if c < b && b - c >= 4 {
            return Some((d.toks[c].start, end_byte, Attribution { speaker: sp, cue }));
        }
    }
    None
}

/// After "..., X said" only a setting may follow: "at a briefing on Wednesday", "in a statement".
fn tail_is_setting(d: &Doc, from: usize, to: usize) -> bool {
    if from >= to {
        return true;
    }
    let w = lower(d, from);
    matches!(w.as_str(), "." | "!" | "…" | "”" | "\"" | ")")
        || matches!(
            w.as_str(),
            "at" | "in"
                | "on"
                | "to"
                | "during"
                | "after"
                | "before"
                | "from"
                | "last"
                | "this"
                | "yesterday"
                | "today"
                | "earlier"
                | "later"
                | "when"
                | "while"
                | "as"
                | "via"
        )
        || lexicon::is_weekday(&w)
}

/// Turns an attribution's speaker into the fullest name the story gives.
fn resolve(
    ctx: &Ctx,
    table: &NameTable,
    sp: &Speaker,
    at: usize,
    quoted: &[(usize, usize)],
    last: Option<&(String, usize)>,
) -> Option<String> {
    match sp {
        Speaker::Name(n, kind) => {
            if matches!(
                kind,
                Some(EntityKind::Organisation) | Some(EntityKind::Place)
            ) {
                return Some(n.clone());
            }
            Some(table.fullest(n))
        }
        Speaker::Pronoun(pos) => {
            let at = at.min(*pos);
            let inside = |m: &Mention| quoted.iter().any(|&(s, e)| m.start >= s && m.end <= e);
            let person = |m: &Mention| {
                m.kind == Some(EntityKind::Person) || (m.kind.is_none() && table.is_person(&m.name))
            };
            // Candidates: person mentions before the quote, outside quotes.
            let before: Vec<&Mention> = ctx
                .mentions
                .iter()
                .filter(|m| m.end <= at && !inside(m) && person(m))
                .collect();
            // The last speaker, unless a person has since been named as a sentence's subject.
            let subject_since = |from: usize| {
                before
                    .iter()
                    .rev()
                    .take_while(|m| m.start >= from)
                    .find(|m| {
                        before
                            .iter()
                            .filter(|o| o.sent == m.sent)
                            .map(|o| o.start)
                            .min()
                            == Some(m.start)
                    })
            };
            if let Some((name, end)) = last {
                match subject_since(*end) {
                    Some(m) => return Some(table.fullest(&m.name)),
                    None => return Some(name.clone()),
                }
            }
            let m = subject_since(0).or_else(|| before.last())?;
            Some(table.fullest(&m.name))
        }
        Speaker::Description(words) => {
            if let Some(p) = table.resolve_role(words) {
                return Some(p);
            }
            // A described speaker the story does not name ("a spokesman"): keep the
            // description when its head names a person's role.
            let head = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
            let human = lexicon::is_title(head.trim_end_matches('s'))
                || lexicon::is_title(&head)
                || lexicon::is_human_noun(&head);
            if words.len() >= 2 && human {
                Some(words.join(" ").to_lowercase())
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{mentions, promote_surnames};

    fn run(texts: &[&str]) -> Vec<Vec<(String, String, String)>> {
        let docs: Vec<Doc> = texts.iter().map(|t| Doc::new(t)).collect();
        let mut ms: Vec<Vec<Mention>> = docs.iter().map(mentions).collect();
        promote_surnames(&mut ms);
        let mut table = NameTable::default();
        for m in &ms {
            table.add(m);
        }
        for m in &ms {
            table.add_roles(m);
        }
        docs.iter()
            .zip(&ms)
            .map(|(d, m)| {
                quotes(d, m, &table)
                    .into_iter()
                    .map(|q| (q.speaker, q.text, q.cue))
                    .collect()
            })
            .collect()
    }

    fn check(text: &str, expect: &[(&str, &str, &str)]) {
        let got = run(&[text]).remove(0);
        let exp: Vec<(String, String, String)> = expect
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect();
        assert_eq!(got, exp, "text: {text}");
    }

    #[test]
    fn reported_speech_with_roles_appositions_and_possessors() {
        check(
            "According to the Vessa Emergency Directorate, some 3,200 residents were evacuated before dawn.",
            &[("Vessa Emergency Directorate", "some 3,200 residents were evacuated before dawn", "according to")],
        );
        check(
            "Chief engineer Marek Sollen said that the inspection had found no defect at all. \
             According to Sollen, the instruments recorded the water level rising.",
            &[
                (
                    "Marek Sollen",
                    "the inspection had found no defect at all",
                    "said",
                ),
                (
                    "Marek Sollen",
                    "the instruments recorded the water level rising",
                    "according to",
                ),
            ],
        );
        check(
            "About 60 barges are waiting below the port, according to its harbour master, Gustav Ellery.",
            &[("Gustav Ellery", "About 60 barges are waiting below the port", "according to")],
        );
        check(
            "According to Serevia's chief negotiator, Amara Quist, the two sides are close to a deal on grain.",
            &[("Amara Quist", "the two sides are close to a deal on grain", "according to")],
        );
        check(
            "Karin Solberg leads the cooperative. It plans a protest on Wednesday, and Solberg said she expected several hundred owners.",
            &[("Karin Solberg", "she expected several hundred owners", "said")],
        );
        check(
            "Snowmelt had raised the reservoir to its highest level in a decade, the county engineer, Dario Penn, told reporters.",
            &[("Dario Penn", "Snowmelt had raised the reservoir to its highest level in a decade", "told")],
        );
        // A speaker after a preposition is not the subject ("The lawyer for X said").
        check(
            "The lawyer for Marek Sollen said that the inspection had found no defect at all.",
            &[],
        );
    }

    #[test]
    fn direct_quotes_after_and_before() {
        check(
            "Michael Steele spoke on Friday at the event.\n\n“It was the president who was trying to be cute,” Mr. Steele said.",
            &[("Michael Steele", "It was the president who was trying to be cute", "said")],
        );
        check(
            "Dan Brown arrived late.\n\nHe said: \"We will win this fight in the end.\"",
            &[("Dan Brown", "We will win this fight in the end.", "said")],
        );
        check(
            "“They no longer prioritize civil rights,” said Jane Roe, a local activist.",
            &[("Jane Roe", "They no longer prioritize civil rights", "said")],
        );
        check(
            "Another major figure, Dan Senor, told the paper that the comments are “utterly irresponsible.”",
            &[("Dan Senor", "utterly irresponsible.", "told")],
        );
    }

    #[test]
    fn party_and_state_appositions_and_described_titles() {
        // "D-N.Y." is no sentence end; the speaker after it is found.
        check(
            "\"The vote was a failure of nerve,\" Rep. Dana Holm, D-N.Y., said on Tuesday.",
            &[("Dana Holm", "The vote was a failure of nerve", "said")],
        );
        check(
            "\"They are reading the rules like scripture,\" Sen. Owen Pike, R-S.C., the former chairman \
             of the budget committee, told reporters.",
            &[("Owen Pike", "They are reading the rules like scripture", "told")],
        );
        // An article and a few words of description before a titled name.
        check(
            "\"We take no issue with the march itself,\" the union President Carla Moss said.",
            &[(
                "Carla Moss",
                "We take no issue with the march itself",
                "said",
            )],
        );
        // Not the person a description belongs to ("the lawyer for X").
        check(
            "\"He will appeal the ruling next week,\" the lawyer for Tom Vale said.",
            &[],
        );
    }

    #[test]
    fn words_a_person_puts_a_label_on_are_theirs() {
        check(
            "Mitt Romney called the comments \"offensive and wrong in every way\" on Monday.",
            &[("Mitt Romney", "offensive and wrong in every way", "called")],
        );
        check(
            "Lis Smith described the new advert as \"dishonest and hypocritical from the start\".",
            &[(
                "Lis Smith",
                "dishonest and hypocritical from the start",
                "described",
            )],
        );
        // Passive: someone else's words. A thing, not a person, as subject.
        check(
            "Dan Brown arrived late. He was called \"the best player of his generation\" by the coach.",
            &[],
        );
        check(
            "Dan Brown founded a small firm called \"Brown and Sons of the Valley\" in 1990.",
            &[],
        );
    }

    #[test]
    fn a_pronoun_stands_for_a_person_named_before_it_not_after() {
        check(
            "\"This is scary,\" Senator Mark Warner said on Twitter. He called Mr. Mattis \"an island of \
             stability amid the chaos\" of the administration.",
            &[
                ("Mark Warner", "This is scary", "said"),
                ("Mark Warner", "an island of stability amid the chaos", "called"),
            ],
        );
    }

    #[test]
    fn guillemets_nested_and_orphan_closers() {
        check(
            "In the desert, according to James Jeffrey, ISIS is «strengthening its «positions» again.»",
            &[("James Jeffrey", "strengthening its «positions» again.", "according to")],
        );
        check(
            "Valery Gerasimov spoke on Wednesday at the ministry.\n\nThe coalition has not yielded any successes in Syria,” he said.",
            &[("Valery Gerasimov", "The coalition has not yielded any successes in Syria", "said")],
        );
    }

    #[test]
    fn reported_speech_and_roles() {
        check(
            "Russian President Vladimir Putin met officers. Other groups also present a big threat, according to the Russian leader.",
            &[("Vladimir Putin", "Other groups also present a big threat", "according to")],
        );
        check(
            "ISIS has been defeated in Syria by Russian forces, Russian President Vladimir Putin has announced.",
            &[("Vladimir Putin", "ISIS has been defeated in Syria by Russian forces", "announced")],
        );
        check(
            "Yesterday, the U.S. presidential envoy to Syria, James Jeffrey, stated that the Russian forces are incapable of it.\n\n\
             Later the American envoy stated that the priority remains the capture of the city.",
            &[
                ("James Jeffrey", "the Russian forces are incapable of it", "stated"),
                ("James Jeffrey", "the priority remains the capture of the city", "stated"),
            ],
        );
        check(
            "It is ridiculous to claim that it was Russia that won the war.",
            &[],
        );
    }

    #[test]
    fn appositions_participles_initials_and_pronouns() {
        check(
            "\"They read it like a sacred text,\" Rep. Jerrold Nadler, the former chairman of the panel, told the paper.",
            &[("Jerrold Nadler", "They read it like a sacred text", "told")],
        );
        check(
            "Mr. Santorum did not back down, saying, “I think the record is very bad on this issue.”",
            &[("Santorum", "I think the record is very bad on this issue.", "saying")],
        );
        check(
            "“We are pulling people together for this,” said Anita L. Russell, president of the branch.",
            &[("Anita L. Russell", "We are pulling people together for this", "said")],
        );
        // "he" is the last speaker, not the person the last speaker talked about.
        check(
            "“We will fight on in every state,” said Rick Perry.\n\n\"President Obama has again mistaken our tolerance,\" he said.",
            &[
                ("Rick Perry", "We will fight on in every state", "said"),
                ("Rick Perry", "President Obama has again mistaken our tolerance", "said"),
            ],
        );
    }

    #[test]
    fn names_of_shows_and_capitalised_nouns_are_not_cues() {
        check(
            "Jobs are leaving the United States and Obama gave the country \"a terrible presidency,\" critics wrote.",
            &[],
        );
        check("He spoke on NBC's \"Today\" show about the case.", &[]);
    }

    #[test]
    fn scare_quotes_without_a_cue_are_not_quotes() {
        check(
            "Rebels oppose any “reform” that stops short of that goal.",
            &[],
        );
    }

    #[test]
    fn spans_survive_odd_marks() {
        for p in [
            "\"",
            "“",
            "«",
            "”",
            "«»",
            "``",
            "''",
            "‘a’",
            "\"\"\"",
            "a ” b ” c",
            "« « « »",
        ] {
            let _ = find_spans(p);
        }
    }
}
