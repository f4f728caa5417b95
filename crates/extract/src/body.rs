//! Main-content extraction from a parsed page: which part of the page is the
//! article, and its paragraphs as plain text.
//!
//! How: elements that never hold article text (scripts, navigation, forms,
//! figures and captions, hidden blocks, blocks whose class/id says "comments",
//! "share", "related", ..., and the `<article>` teasers that follow such a
//! heading under the same parent) are dropped; every paragraph-like block then votes for
//! its ancestors with a score that grows with its length and punctuation and
//! shrinks with its share of link text (a DOM-density score); the best-scoring
//! container wins, and its blocks are cleaned one by one (link lists, share and
//! subscribe lines, captions, credits, blocks without a letter or digit).
//!
//! It does NOT read metadata (see `meta`), nor know any site: every rule is
//! about the shape of the page or common wording of boilerplate.

use crate::dom::{Dom, Kind, NodeId, Tag, NONE};
use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

/// The extracted article text (paragraphs separated by a blank line), or why
/// there is none.
pub(crate) struct Extracted {
    /// Paragraphs, separated by "\n\n".
    pub text: String,
    /// Why `text` is empty, when it is.
    pub note: Option<String>,
    /// Blocks of the article container dropped as furniture (at most
    /// [`MAX_DROPPED`]); attributions are looked for in them too.
    pub dropped: Vec<String>,
}

/// How many dropped blocks are kept for the attribution scan.
pub(crate) const MAX_DROPPED: usize = 64;

/// Words in class/id that mark a block as not article text.
const NEGATIVE: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "sidebar",
    "widget",
    "newsletter",
    "subscri",
    "promo",
    "advert",
    "breadcrumb",
    "byline",
    "caption",
    "credit",
    "footer",
    "navbar",
    "navigation",
    "menu",
    "popup",
    "modal",
    "signup",
    "sign-up",
    "sponsor",
    "recommend",
    "outbrain",
    "taboola",
    "disqus",
    "toolbar",
    "masthead",
    "skip",
    "sr-only",
    "visually-hidden",
    "screen-reader",
    "more-from",
    "read-more",
    "readmore",
    "most-popular",
    "mostpopular",
    "trending",
    "pagination",
    "pager",
    "rating",
    "login",
    "banner",
    "tags",
    "tagline",
    "author-bio",
    "author-info",
    "about-author",
    "dateline",
    "timestamp",
    "print-only",
    "hidden",
    "complementary",
    "contentinfo",
    "dialog",
    "alert",
    "jump",
    "correction",
    "disclaimer",
    "inline-link",
    "see-also",
    "also-read",
    "rel-",
    "rollover",
    "tooltip",
    "popover",
    "hovercard",
];

/// Class/id words that mark the article body itself.
const POSITIVE: &[&str] = &[
    "articlebody",
    "article-body",
    "article_body",
    "article__body",
    "articletext",
    "article-text",
    "article_text",
    "article-content",
    "article_content",
    "article__content",
    "articlecontent",
    "entry-content",
    "entry_content",
    "post-content",
    "post_content",
    "postcontent",
    "post-body",
    "post_body",
    "postbody",
    "post-entry",
    "story-body",
    "storybody",
    "story-content",
    "story_content",
    "storycontent",
    "story-text",
    "body-text",
    "bodytext",
    "body-copy",
    "content-body",
    "main-content",
    "text-content",
    "field-body",
    "field-name-body",
    "article-main",
    "rich-text",
    "blog-content",
    "news-text",
    "news-content",
];

/// Matchers for the hint word lists, built once.
struct Hints {
    negative: AhoCorasick,
    positive: AhoCorasick,
    consent: AhoCorasick,
}

fn hints() -> &'static Hints {
    static H: OnceLock<Hints> = OnceLock::new();
    H.get_or_init(|| Hints {
        // The word lists are short literal strings: building cannot fail, and
        // if it ever did, an empty matcher only disables hint rules.
        negative: AhoCorasick::new(NEGATIVE).unwrap_or_else(|_| empty_matcher()),
        positive: AhoCorasick::new(POSITIVE).unwrap_or_else(|_| empty_matcher()),
        consent: AhoCorasick::new(CONSENT).unwrap_or_else(|_| empty_matcher()),
    })
}

fn empty_matcher() -> AhoCorasick {
    AhoCorasick::new::<_, &str>([])
        .unwrap_or_else(|_| unreachable!("an empty matcher always builds"))
}

fn is_positive(hint: &str) -> bool {
    !hint.is_empty() && hints().positive.is_match(hint)
}

/// "ad", "ads", "ad-slot", "dfp-ad": advert containers named with the short word.
fn is_ad_hint(hint: &str) -> bool {
    hint.split(|c: char| c.is_whitespace()).any(|w| {
        w == "ad"
            || w == "ads"
            || w.starts_with("ad-")
            || w.starts_with("ad_")
            || w.starts_with("ads-")
            || w.ends_with("-ad")
            || w.ends_with("_ad")
            || w.ends_with("-ads")
            || w.starts_with("dfp")
    })
}

/// Class/id words of cookie and privacy-consent dialogs (`dsgvo` and `rgpd`:
/// the GDPR's German and French names). Not in [`NEGATIVE`]: their own rule
/// drops them whatever their size.
const CONSENT: &[&str] = &["cookie", "consent", "gdpr", "dsgvo", "rgpd"];

fn consent_hint(hint: &str) -> bool {
    !hint.is_empty() && hints().consent.is_match(hint) && !is_positive(hint)
}

fn negative_hint(hint: &str) -> bool {
    !hint.is_empty() && (hints().negative.is_match(hint) || is_ad_hint(hint)) && !is_positive(hint)
}

/// Tags whose content never is article text.
fn hard_drop(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Script
            | Style
            | Noscript
            | Template
            | Svg
            | Button
            | Select
            | Option
            | Optgroup
            | Input
            | Textarea
            | Iframe
            | Object
            | Embed
            | Canvas
            | Audio
            | Video
            | Head
            | Title
            | Meta
            | Link
            | Map
            | Picture
            | Img
            | Figcaption
            | Figure
            | Dialog
            | Label
    )
}

/// Tags that usually hold page chrome, dropped unless they hold most of the page.
fn soft_drop(tag: Tag) -> bool {
    use Tag::*;
    matches!(tag, Nav | Aside | Footer | Header | Form | Menu)
}

/// Per-node figures, all in chars of normalised text.
#[derive(Clone, Copy, Default)]
struct Stat {
    text: u32,
    link: u32,
}

fn count_chars(s: &str) -> u32 {
    s.chars().filter(|c| !c.is_whitespace()).count() as u32
}

fn is_paragraph_tag(tag: Tag) -> bool {
    use Tag::*;
    matches!(tag, P | Pre | Td | Blockquote | Dd | Li | H2 | H3 | H4)
}

/// Runs the extraction on a parsed page.
pub(crate) fn extract(dom: &Dom) -> Extracted {
    let n = dom.nodes.len();
    if n <= 1 {
        return empty("empty page");
    }
    // Raw text size of every subtree (before any drop), bottom-up.
    let mut raw = vec![0u32; n];
    for id in (1..n).rev() {
        if let Kind::Text { .. } = dom.nodes[id].kind {
            raw[id] = count_chars(dom.text_of(id as NodeId));
        }
        let p = dom.nodes[id].parent;
        if p != NONE {
            raw[p as usize] = raw[p as usize].saturating_add(raw[id]);
        }
    }
    let total = raw[0].max(1);
    // Which subtrees hold a block named like an article body, bottom-up.
    let mut holds_positive = vec![false; n];
    for id in (1..n).rev() {
        let hint = dom.hint(id as NodeId);
        // Article bodies, and embedded posts (the standard Twitter embed class)
        // that articles quote: hints on their ancestors must not drop them.
        if (is_positive(hint) && raw[id] >= 200 && raw[id] >= total / 10)
            || hint.contains("twitter-tweet")
        {
            holds_positive[id] = true;
        }
        let p = dom.nodes[id].parent;
        if p != NONE && holds_positive[id] {
            holds_positive[p as usize] = true;
        }
    }
    // Which subtrees are dropped, top-down (parents come before children).
    let mut dead = vec![false; n];
    let mut in_link = vec![false; n];
    // Parents under which a heading named like furniture ("Related posts",
    // class `relatedpoststitle`) has been seen: the `<article>` elements
    // that follow it there are the teasers it introduces.
    let mut teasers_after = vec![false; n];
    for id in 1..n {
        let p = dom.nodes[id].parent as usize;
        if dead[p] {
            dead[id] = true;
            continue;
        }
        in_link[id] = in_link[p];
        let Some(tag) = dom.tag(id as NodeId) else {
            continue;
        };
        if tag == Tag::A {
            in_link[id] = true;
        }
        if hard_drop(tag) || (tag == Tag::Article && teasers_after[p] && !holds_positive[id]) {
            dead[id] = true;
            continue;
        }
        // The page's frame is never dropped for its class: consent managers
        // mark <body> ("cookie-banner-open") while their dialog shows.
        let named = !matches!(tag, Tag::Body | Tag::Html | Tag::Main);
        let hint = dom.hint(id as NodeId);
        // A cookie or privacy-consent dialog is dropped even when it holds
        // most of the page's text (an article loaded by script leaves
        // little else), unless it holds a block named like an article body.
        if named && !holds_positive[id] && consent_hint(hint) {
            dead[id] = true;
            continue;
        }
        let keep = holds_positive[id] || raw[id] as f32 > 0.5 * total as f32;
        if keep {
            continue;
        }
        let furniture = named && negative_hint(hint);
        if soft_drop(tag) || dom.hidden(id as NodeId) || furniture {
            dead[id] = true;
        }
        if furniture && tag.is_heading() {
            teasers_after[p] = true;
        }
    }
    // Live text and link text per subtree.
    let mut stat = vec![Stat::default(); n];
    for id in (1..n).rev() {
        if dead[id] {
            continue;
        }
        if let Kind::Text { .. } = dom.nodes[id].kind {
            let c = raw[id];
            stat[id].text = c;
            if in_link[id] {
                stat[id].link = c;
            }
        }
        let p = dom.nodes[id].parent as usize;
        let s = stat[id];
        stat[p].text = stat[p].text.saturating_add(s.text);
        stat[p].link = stat[p].link.saturating_add(s.link);
    }
    // Elements with a live block-level child (a `<br>` does not count).
    let mut has_block_child = vec![false; n];
    for id in 1..n {
        if dead[id] {
            continue;
        }
        if let Some(tag) = dom.tag(id as NodeId) {
            if tag.is_block() && tag != Tag::Br {
                has_block_child[dom.nodes[id].parent as usize] = true;
            }
        }
    }
    // Paragraph votes.
    let mut score = vec![0f32; n];
    for id in 1..n {
        if dead[id] {
            continue;
        }
        let Some(tag) = dom.tag(id as NodeId) else {
            continue;
        };
        let own_para = is_paragraph_tag(tag)
            || (matches!(
                tag,
                Tag::Div | Tag::Section | Tag::Article | Tag::Center | Tag::Font
            ) && (!has_block_child[id] || has_direct_text(dom, id as NodeId, &dead)));
        if !own_para {
            continue;
        }
        let s = stat[id];
        if s.text < 25 {
            continue;
        }
        let ld = s.link as f32 / s.text as f32;
        let commas = commas_in(dom, id as NodeId, &dead) as f32;
        let v = (1.0 + commas + (s.text as f32 / 100.0).min(3.0)) * (1.0 - ld);
        let mut anc = dom.nodes[id].parent;
        let mut level = 0;
        while anc != NONE && level < 3 {
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                _ => 3.0,
            };
            score[anc as usize] += v / div;
            anc = dom.nodes[anc as usize].parent;
            level += 1;
        }
    }
    // Pick the best container.
    let mut best = NONE;
    let mut best_score = 0f32;
    for id in 1..n {
        if dead[id] || score[id] <= 0.0 {
            continue;
        }
        let s = stat[id];
        let ld = if s.text > 0 {
            s.link as f32 / s.text as f32
        } else {
            0.0
        };
        let hint = dom.hint(id as NodeId);
        let mut w = score[id] * (1.0 - ld);
        if is_positive(hint) {
            w *= 1.5;
        }
        if dom.tag(id as NodeId) == Some(Tag::Article) {
            w *= 1.2;
        }
        if w > best_score {
            best_score = w;
            best = id as NodeId;
        }
    }
    if let Some(needle) = debug_needle() {
        debug_trace(dom, needle, &dead, &score, &stat, best);
    }
    if best == NONE {
        return empty("no article-like text block on the page");
    }
    // Prose: text whose nearest block is a long, link-poor block.
    let good = prose_chars(dom, &dead, &stat);
    // Climb while what the parent adds is mostly prose: an article split into
    // several sections (by ads, images, pull quotes) is one article.
    let mut top = best;
    loop {
        let p = dom.nodes[top as usize].parent;
        if p == NONE || p == 0 {
            break;
        }
        let extra_text = stat[p as usize]
            .text
            .saturating_sub(stat[top as usize].text) as f32;
        let extra_good = good[p as usize].saturating_sub(good[top as usize]) as f32;
        if extra_text <= 0.0 || extra_good >= CLIMB_PROSE * extra_text {
            top = p;
        } else {
            break;
        }
    }
    let (text, dropped) = render(dom, top, &dead, &in_link);
    if text.trim().is_empty() {
        return empty("the best block held no text after cleanup");
    }
    Extracted {
        text,
        note: None,
        dropped,
    }
}

/// Share of prose in what a parent adds for the container to grow into it.
const CLIMB_PROSE: f32 = 0.6;

/// Chars of prose per subtree: text whose nearest block ancestor holds at
/// least 40 chars with under 30% link text.
fn prose_chars(dom: &Dom, dead: &[bool], stat: &[Stat]) -> Vec<u32> {
    let n = dom.nodes.len();
    let mut block_of = vec![0 as NodeId; n];
    let mut good = vec![0u32; n];
    for id in 1..n {
        let p = dom.nodes[id].parent as usize;
        block_of[id] = match dom.tag(id as NodeId) {
            Some(t) if t.is_block() && t != Tag::Br => id as NodeId,
            _ => block_of[p],
        };
        if dead[id] {
            continue;
        }
        if let Kind::Text { .. } = dom.nodes[id].kind {
            let b = stat[block_of[id] as usize];
            if b.text >= 40 && (b.link as f32) < 0.3 * b.text as f32 {
                good[id] = stat[id].text;
            }
        }
    }
    for id in (1..n).rev() {
        let p = dom.nodes[id].parent as usize;
        good[p] = good[p].saturating_add(good[id]);
    }
    good
}

fn empty(why: &str) -> Extracted {
    Extracted {
        text: String::new(),
        note: Some(why.to_owned()),
        dropped: Vec::new(),
    }
}

/// At least 25 chars of text directly inside `id` (not inside a child element).
fn has_direct_text(dom: &Dom, id: NodeId, dead: &[bool]) -> bool {
    let mut c = dom.nodes[id as usize].first_child;
    let mut chars = 0;
    while c != NONE {
        if !dead[c as usize] {
            if let Kind::Text { .. } = dom.nodes[c as usize].kind {
                chars += count_chars(dom.text_of(c));
            }
        }
        c = dom.nodes[c as usize].next;
    }
    chars >= 25
}

/// Commas in the live text of `id`'s subtree (a paragraph's clause count).
fn commas_in(dom: &Dom, id: NodeId, dead: &[bool]) -> usize {
    let mut count = 0;
    let mut c = dom.next_in(id, id);
    while c != NONE {
        if dead[c as usize] {
            c = dom.next_skip(c, id);
            continue;
        }
        if let Kind::Text { .. } = dom.nodes[c as usize].kind {
            count += dom.text_of(c).matches([',', '，', '、']).count();
        }
        c = dom.next_in(c, id);
    }
    count
}

/// One paragraph of output under construction.
#[derive(Default)]
struct Block {
    text: String,
    link_chars: usize,
    chars: usize,
    tag: Option<Tag>,
    in_list: bool,
}

/// Walks `root` and emits its cleaned paragraphs.
fn render(dom: &Dom, root: NodeId, dead: &[bool], in_link: &[bool]) -> (String, Vec<String>) {
    let mut st = Render {
        dom,
        dead,
        in_link,
        blocks: Vec::new(),
        cur: Block::default(),
        list_depth: 0,
        dead_texts: Vec::new(),
    };
    let mut id = root;
    let mut go_down = st.enter(id);
    loop {
        if go_down {
            let fc = dom.nodes[id as usize].first_child;
            if fc != NONE {
                id = fc;
                go_down = st.enter(id);
                continue;
            }
        }
        loop {
            st.leave(id);
            if id == root {
                flush(&mut st.cur, &mut st.blocks);
                return with_dead(finish(st.blocks), st.dead_texts);
            }
            let node = &dom.nodes[id as usize];
            if node.next != NONE {
                id = node.next;
                go_down = st.enter(id);
                break;
            }
            id = node.parent;
            if id == NONE {
                flush(&mut st.cur, &mut st.blocks);
                return with_dead(finish(st.blocks), st.dead_texts);
            }
        }
    }
}

/// Appends the short dropped subtrees to the dropped blocks (bounded).
fn with_dead(
    (text, mut dropped): (String, Vec<String>),
    dead: Vec<String>,
) -> (String, Vec<String>) {
    for d in dead {
        if dropped.len() >= 2 * MAX_DROPPED {
            break;
        }
        dropped.push(d);
    }
    (text, dropped)
}

/// The text of `id`'s subtree when it is short (under 300 chars, within 64
/// nodes); `None` otherwise or when empty.
fn short_text(dom: &Dom, id: NodeId) -> Option<String> {
    let mut out = String::new();
    let mut n = id;
    for _ in 0..64 {
        let t = dom.text_of(n);
        if !t.trim().is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t.trim());
            if out.len() > 300 {
                return None;
            }
        }
        n = dom.next_in(n, id);
        if n == NONE {
            let t = out.split_whitespace().collect::<Vec<_>>().join(" ");
            return (!t.is_empty()).then_some(t);
        }
    }
    None
}

struct Render<'a> {
    dom: &'a Dom,
    dead: &'a [bool],
    in_link: &'a [bool],
    blocks: Vec<Block>,
    /// Short subtrees dropped as furniture, for the attribution scan.
    dead_texts: Vec<String>,
    cur: Block,
    list_depth: usize,
}

impl Render<'_> {
    /// Enters a node; returns whether to walk its children.
    fn enter(&mut self, id: NodeId) -> bool {
        if self.dead[id as usize] {
            // A short dropped block ("© Meridian Wire" in a credit line) is
            // kept aside: attributions are looked for in it.
            if self.dead_texts.len() < MAX_DROPPED {
                if let Some(t) = short_text(self.dom, id) {
                    self.dead_texts.push(t);
                }
            }
            return false;
        }
        match self.dom.nodes[id as usize].kind {
            Kind::Text { .. } => {
                push_text(
                    &mut self.cur,
                    self.dom.text_of(id),
                    self.in_link[id as usize],
                );
                false
            }
            Kind::Element { tag, .. } => {
                if tag.is_block() {
                    flush(&mut self.cur, &mut self.blocks);
                    self.cur.tag = Some(tag);
                    self.cur.in_list = self.list_depth > 0;
                }
                if matches!(tag, Tag::Ul | Tag::Ol) {
                    self.list_depth += 1;
                }
                true
            }
        }
    }

    fn leave(&mut self, id: NodeId) {
        if self.dead[id as usize] {
            return;
        }
        if let Some(tag) = self.dom.tag(id) {
            if tag.is_block() {
                flush(&mut self.cur, &mut self.blocks);
            }
            if matches!(tag, Tag::Ul | Tag::Ol) {
                self.list_depth = self.list_depth.saturating_sub(1);
            }
        }
    }
}

fn push_text(cur: &mut Block, t: &str, link: bool) {
    if t.starts_with(char::is_whitespace) && !cur.text.is_empty() && !cur.text.ends_with(' ') {
        cur.text.push(' ');
    }
    let mut first = true;
    for w in t.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !first {
            cur.text.push(' ');
        }
        first = false;
        cur.text.push_str(w);
        let c = w.chars().count();
        cur.chars += c;
        if link {
            cur.link_chars += c;
        }
    }
    if t.ends_with(char::is_whitespace) && !cur.text.is_empty() && !cur.text.ends_with(' ') {
        cur.text.push(' ');
    }
}

fn flush(cur: &mut Block, blocks: &mut Vec<Block>) {
    if !cur.text.trim().is_empty() {
        let mut b = std::mem::take(cur);
        b.text = b.text.trim().to_owned();
        blocks.push(b);
    } else {
        *cur = Block::default();
    }
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end().ends_with([
        '.', '!', '?', ':', '"', '\u{201d}', '\u{2019}', ')', '\u{3002}', '\u{2026}', ';',
    ])
}

/// A block that reads as running prose, not a label or a title.
fn is_prose(b: &Block) -> bool {
    b.chars >= 120 || (b.chars >= 40 && ends_sentence(&b.text))
}

/// A short label-like block: no sentence end, few words.
fn is_label(b: &Block) -> bool {
    b.chars < 100 && !ends_sentence(&b.text)
}

fn finish(blocks: Vec<Block>) -> (String, Vec<String>) {
    let mut dropped = Vec::new();
    let mut kept: Vec<&Block> = Vec::with_capacity(blocks.len());
    for b in &blocks {
        if keep_block(b) {
            kept.push(b);
        } else if dropped.len() < MAX_DROPPED && b.chars < 300 {
            dropped.push(b.text.clone());
        }
    }
    let first = kept.iter().position(|b| is_prose(b)).unwrap_or(0);
    let last = kept
        .iter()
        .rposition(|b| is_prose(b))
        .unwrap_or(kept.len().saturating_sub(1));
    let mut out = String::new();
    for (i, b) in kept.iter().enumerate() {
        // Labels before the first paragraph (kickers, datelines, "by" lines,
        // image counters) and after the last one (section labels, teasers'
        // titles) are page furniture.
        let heading = b.tag.is_some_and(|t| t.is_heading());
        if ((i < first && !b.in_list) || (i > last && heading)) && is_label(b) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&b.text);
    }
    (out, dropped)
}

fn keep_block(b: &Block) -> bool {
    // A block without a letter or digit in any script (a lone quote mark in
    // a table cell, a rule of dashes, a zero-width space, "* * *") says
    // nothing. A rule of underscores stays: word tokens (`\w`, as the
    // extraction benchmark reads text) include it, and the benchmark's
    // annotators kept such rules as part of the article.
    if b.chars == 0 || !b.text.chars().any(|c| c.is_alphanumeric() || c == '_') {
        return false;
    }
    if b.tag == Some(Tag::H1) {
        return false;
    }
    let ld = b.link_chars as f32 / b.chars as f32;
    // Link lists go; a long linked sentence stays.
    if ld > 0.5 && !(b.chars >= 150 && ends_sentence(&b.text) && ld < 0.9) {
        return false;
    }
    !crate::boiler::is_boilerplate_line(&b.text)
}

/// The text to trace when `CROSSREAD_DEBUG` is set (read once per process).
fn debug_needle() -> Option<&'static str> {
    static NEEDLE: OnceLock<Option<String>> = OnceLock::new();
    NEEDLE
        .get_or_init(|| std::env::var("CROSSREAD_DEBUG").ok())
        .as_deref()
}

/// Prints, to stderr, the ancestors of the text node holding `needle` and the
/// chosen container (a development aid, on only with `CROSSREAD_DEBUG`).
fn debug_trace(dom: &Dom, needle: &str, dead: &[bool], score: &[f32], stat: &[Stat], best: NodeId) {
    let show = |id: NodeId| {
        format!(
            "#{id} {:?} [{}] dead={} score={:.1} text={} link={}",
            dom.tag(id),
            dom.hint(id),
            dead[id as usize],
            score[id as usize],
            stat[id as usize].text,
            stat[id as usize].link
        )
    };
    eprintln!(
        "best: {}",
        if best == NONE {
            "none".into()
        } else {
            show(best)
        }
    );
    if best != NONE {
        let mut a = dom.nodes[best as usize].parent;
        while a != NONE {
            eprintln!("   best-anc {}", show(a));
            a = dom.nodes[a as usize].parent;
        }
    }
    for id in 0..dom.nodes.len() as NodeId {
        if dom.text_of(id).contains(needle) {
            eprintln!("needle in #{id}");
            let mut a = dom.nodes[id as usize].parent;
            while a != NONE {
                eprintln!("   {}", show(a));
                a = dom.nodes[a as usize].parent;
            }
            break;
        }
    }
}
