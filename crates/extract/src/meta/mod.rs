//! Page metadata: title, publication date, author, site name, canonical URL and
//! language, from JSON-LD, OpenGraph and meta tags, `<time>`, bylines and URL
//! patterns, with a plain-text fallback (dates and bylines written in the text).
//!
//! The page is read once with a small tokenizer ([`scan`]), never parsed into a
//! DOM. The publication date is the ORIGINAL one: sources are ranked ([`Tier`]:
//! URL path, publication meta tags, JSON-LD `datePublished`, markup that says
//! "published", ...), a modification date ranks below every source that names
//! a publication date, dates in sidebars, footers and teaser lists rank last,
//! and dates inside comment threads are ignored. A machine date (URL, meta,
//! JSON-LD, attribute) that the page never shows its readers gives way to a
//! later revision date the page does show, and a UTC timestamp is read on the
//! publisher's calendar day when the page gives the same instant with its own
//! offset. A page with no recognisable date gets `None`; the crawl date is
//! never used.
//!
//! It does not decide what the article body is.

mod date;
mod jsonld;
mod scan;
mod text;

pub(crate) use text::{byline_from_text, date_from_text, is_date_line};

use aho_corasick::AhoCorasick;
use date::{find_dates, make_date, may_hold_date, parse_machine};
use scan::{decode_entities, Attr, Token, Tokenizer};
use std::sync::OnceLock;

/// Metadata found for one page. Every field is `None` when not found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    /// Where the date came from (for evaluation and debugging), e.g. `"url"`,
    /// `"jsonld"`, `"meta"`, `"text"`.
    pub date_source: Option<&'static str>,
    /// The date was found in the page's prose or in a weak textual source
    /// (its text, title, footer or sidebars, link paths, description), not
    /// in markup, the address or a machine value (see [`Tier::in_prose`]).
    pub date_in_prose: bool,
}

/// How much a date source is trusted; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// `/2017/12/07/` in the URL.
    Url,
    /// A publication-date meta tag.
    Meta,
    /// `datePublished` of a JSON-LD article.
    LdArticle,
    /// Markup that says "published": `itemprop=datePublished`, `<time pubdate>`,
    /// `class="published"`.
    Marked,
    /// `datePublished` of another JSON-LD object.
    LdOther,
    /// Text after a word such as "published", "veröffentlicht", "posted".
    Keyword,
    /// `<time datetime>` without a hint.
    Time,
    /// Text inside an element whose class or id speaks of a date.
    Classed,
    /// Marked as published, but in a sidebar, footer or teaser list.
    BoilerMarked,
    /// A meta tag with an ambiguous name (`date`, `DC.date`).
    MetaWeak,
    /// A modification date.
    Modified,
    /// Any date in the page text.
    Text,
    /// A meta tag whose name merely mentions a date (`sw-pubdate`).
    MetaFuzzy,
    /// Any date in a sidebar, footer, navigation or share box.
    Boiler,
    /// A date in the page title.
    Title,
    /// A machine date inside a script.
    Script,
    /// A date in the path of a link or image on the page (an upload folder).
    Links,
    /// A date in the page's description meta tag (the summary): a last resort.
    Summary,
}

impl Tier {
    /// Whether a date of this tier is read from prose or another weak
    /// textual source rather than stated by markup, the address or a
    /// machine value.
    fn in_prose(self) -> bool {
        matches!(
            self,
            Tier::Text | Tier::Boiler | Tier::Title | Tier::Links | Tier::Summary
        )
    }

    fn label(self) -> &'static str {
        match self {
            Tier::Url => "url",
            Tier::LdArticle => "jsonld",
            Tier::Meta => "meta",
            Tier::Marked => "markup",
            Tier::LdOther => "jsonld-other",
            Tier::Keyword => "keyword",
            Tier::Time => "time",
            Tier::Classed => "class",
            Tier::MetaWeak => "meta-weak",
            Tier::Text => "text",
            Tier::BoilerMarked => "boiler-markup",
            Tier::Modified => "modified",
            Tier::MetaFuzzy => "meta-fuzzy",
            Tier::Boiler => "boiler",
            Tier::Title => "title",
            Tier::Script => "script",
            Tier::Links => "links",
            Tier::Summary => "summary",
        }
    }
}

#[derive(Debug, Clone)]
struct Cand {
    tier: Tier,
    /// Preference within the tier (lower first): the position of a meta
    /// name in [`META_PUB`].
    rank: usize,
    day: jiff::civil::Date,
    value: String,
    /// Written in the page text a reader sees (not an attribute, meta tag,
    /// script or URL).
    visible: bool,
}

/// Element context flags, inherited by descendants.
const BOILER: u8 = 1;
const PUB: u8 = 2;
const MODIF: u8 = 4;
const DATEISH: u8 = 8;
const AUTHOR: u8 = 16;
const HEAD: u8 = 32;
const COMMENT: u8 = 64;

/// Deepest element stack kept; deeper elements inherit their parent's flags.
const MAX_DEPTH: usize = 512;
/// Date candidates kept per tier-independent list.
const MAX_CANDS: usize = 4096;
/// Text searched for dates, in bytes.
const MAX_TEXT: usize = 4 << 20;

const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that may appear in `<head>`.
const HEAD_ELEMENTS: [&str; 10] = [
    "head", "html", "meta", "link", "title", "script", "style", "base", "noscript", "template",
];

/// Meta names (lower case) that name the publication date.
const META_PUB: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "article.published",
    "article_date_original",
    "datepublished",
    "date_published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "published_date",
    "publication_date",
    "publication-date",
    "originalpublicationdate",
    "original-publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.created",
    "datecreated",
    "date_created",
    "creation_date",
    "article.created",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_online_date",
    "citation_date",
    "prism.publicationdate",
    "cxenseparse:recs:publishtime",
    "rnews:datepublished",
    "og:pubdate",
    "bt:pubdate",
    "displaydate",
    "release_date",
    "firstpublishedtime",
];

/// Meta names that usually, but not always, give the publication date.
const META_WEAK: &[&str] = &[
    "date",
    "dc.date",
    "dcterms.date",
    "created",
    "timestamp",
    "published",
    "last-published",
];

/// Meta names of modification dates.
const META_MOD: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "dc.date.modified",
    "dcterms.modified",
    "datemodified",
    "date_modified",
    "last-modified",
    "lastmod",
    "modified",
    "revised",
    "article.updated",
    "updated_time",
];

/// Words that introduce a publication date in running text.
const PUB_WORDS: &[&str] = &[
    "veröffentlicht",
    "veroeffentlicht",
    "publiziert",
    "erschienen",
    "erstellt",
    "datum",
    "published",
    "posted",
    "publié",
    "publie",
    "publicado",
    "publicada",
    "pubblicato",
    "gepubliceerd",
    "opublikowano",
    "yayınlanma",
    "опубликовано",
    "опубліковано",
    "date:",
];

/// Words that introduce a modification date.
const MOD_WORDS: &[&str] = &[
    "aktualisiert",
    "geändert",
    "updated",
    "update:",
    "modified",
    "last edited",
    "mis à jour",
    "actualizado",
    "aggiornato",
    "bijgewerkt",
    "güncelleme",
    "обновлено",
    "оновлено",
];

fn has_any(hay: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| hay.contains(n))
}

/// Class and id fragments, each with the kind of hint it gives.
const CLASS_HINTS: &[(&str, u8)] = &[
    ("footer", H_BOILER),
    ("sidebar", H_BOILER),
    ("widget", H_BOILER),
    ("related", H_BOILER),
    ("breadcrumb", H_BOILER),
    ("cookie", H_BOILER),
    ("share", H_BOILER),
    ("social", H_BOILER),
    ("copyright", H_BOILER),
    ("teaser", H_BOILER),
    ("recommend", H_BOILER),
    ("popular", H_BOILER),
    ("trending", H_BOILER),
    ("newsletter", H_BOILER),
    ("navbar", H_BOILER),
    ("menu", H_BOILER),
    ("tags", H_BOILER),
    ("archive", H_BOILER),
    ("comment", H_COMMENT),
    ("kommentar", H_COMMENT),
    ("respond", H_COMMENT),
    ("reply", H_COMMENT),
    ("disqus", H_COMMENT),
    ("discussion", H_COMMENT),
    ("update", H_MODIF),
    ("modif", H_MODIF),
    ("aktualisiert", H_MODIF),
    ("geaendert", H_MODIF),
    ("changed", H_MODIF),
    ("edited", H_MODIF),
    ("revised", H_MODIF),
    ("publish", H_PUB),
    ("pubdate", H_PUB),
    ("pub-date", H_PUB),
    ("pub_date", H_PUB),
    ("entry-date", H_PUB),
    ("post-date", H_PUB),
    ("post_date", H_PUB),
    ("postdate", H_PUB),
    ("created", H_PUB),
    ("posted", H_PUB),
    ("veroeffentlicht", H_PUB),
    ("article-date", H_PUB),
    ("article__date", H_PUB),
    ("articledate", H_PUB),
    ("story-date", H_PUB),
    ("date", H_DATE),
    ("datum", H_DATE),
    ("time", H_DATE),
    ("byline", H_DATE | H_AUTHOR),
    ("meta", H_DATE),
    ("stamp", H_DATE),
    ("fecha", H_DATE),
    ("tarih", H_DATE),
    ("info", H_DATE),
    ("author", H_AUTHOR),
    ("autor", H_AUTHOR),
    ("verfasser", H_AUTHOR),
    ("creator", H_AUTHOR),
    ("writer", H_AUTHOR),
];
const H_BOILER: u8 = 1;
const H_COMMENT: u8 = 2;
const H_MODIF: u8 = 4;
const H_PUB: u8 = 8;
const H_DATE: u8 = 16;
const H_AUTHOR: u8 = 32;

/// The kinds of hint in a class or id value, in one pass over it.
fn class_hints(v: &str) -> u8 {
    static AC: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let ac = AC.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(CLASS_HINTS.iter().map(|(p, _)| p))
            .ok()
    });
    let Some(ac) = ac else { return 0 };
    let mut h = 0;
    for m in ac.find_overlapping_iter(v) {
        h |= CLASS_HINTS[m.pattern().as_usize()].1;
    }
    h
}

/// Class prefixes that name the post's categories and tags (WordPress and
/// similar put `category-kommentar tag-social-media` on the article wrapper):
/// they say what the text is about, not what part of the page it is.
const TAXONOMY: [&str; 6] = ["category-", "tag-", "tags-", "cat-", "term-", "topic-"];

/// A class value without its taxonomy tokens.
fn without_taxonomy(v: &str) -> std::borrow::Cow<'_, str> {
    let is_tax = |w: &str| {
        TAXONOMY.iter().any(|p| {
            w.len() > p.len() && w.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
        })
    };
    if !v.split_ascii_whitespace().any(is_tax) {
        return std::borrow::Cow::Borrowed(v);
    }
    let kept: Vec<&str> = v.split_ascii_whitespace().filter(|w| !is_tax(w)).collect();
    std::borrow::Cow::Owned(kept.join(" "))
}

/// Context flags an element adds from its name and attributes.
fn element_flags(name: &str, attrs: &[Attr<'_>]) -> u8 {
    let mut f = 0;
    if matches!(
        name,
        "nav" | "footer" | "aside" | "select" | "option" | "button"
    ) {
        f |= BOILER;
    }
    if name == "time" {
        f |= DATEISH;
    }
    // A page-wide class ("has-sidebar" on <body>) says nothing about the text.
    let structural = matches!(name, "html" | "body" | "main" | "article");
    for a in attrs {
        let an = a.name;
        let is_class = an.eq_ignore_ascii_case("class") || an.eq_ignore_ascii_case("id");
        let is_prop = an.eq_ignore_ascii_case("itemprop") || an.eq_ignore_ascii_case("property");
        let is_rel = an.eq_ignore_ascii_case("rel");
        if !(is_class || is_prop || is_rel) || a.value.is_empty() || a.value.len() > 300 {
            continue;
        }
        let v = a.value.trim();
        if is_prop {
            let is = |s: &str| v.eq_ignore_ascii_case(s);
            if is("datepublished") || is("datecreated") {
                f |= PUB;
            } else if is("datemodified") {
                f |= MODIF;
            } else if is("author") || is("creator") {
                f |= AUTHOR;
            } else if is("comment") || is("comments") {
                f |= COMMENT;
            }
            continue;
        }
        if is_rel {
            if v.eq_ignore_ascii_case("author") {
                f |= AUTHOR;
            }
            continue;
        }
        let h = class_hints(&without_taxonomy(v));
        if !structural && h & H_BOILER != 0 {
            f |= BOILER;
        }
        // "comments-date" and "comment-time" links sit in article headers.
        if !structural && h & H_COMMENT != 0 && h & H_DATE == 0 {
            f |= COMMENT;
        }
        if h & H_MODIF != 0 {
            f |= MODIF;
        } else if h & H_PUB != 0 {
            f |= PUB | DATEISH;
        } else if h & H_DATE != 0 {
            f |= DATEISH;
        }
        if h & H_AUTHOR != 0 {
            f |= AUTHOR;
        }
    }
    f
}

/// Everything gathered in the one pass over the page.
#[derive(Default)]
struct Gathered {
    title_tag: Option<String>,
    h1: Option<String>,
    lang: Option<String>,
    canonical: Option<String>,
    /// (lower-cased key, decoded content) of every meta tag, in page order.
    metas: Vec<(String, String)>,
    ld: Vec<jsonld::LdObject>,
    cands: Vec<Cand>,
    author_text: Option<String>,
    month_first: bool,
}

impl Gathered {
    fn push(&mut self, tier: Tier, value: Option<String>) {
        self.push_as(tier, value, false);
    }

    fn push_as(&mut self, tier: Tier, value: Option<String>, visible: bool) {
        let Some(value) = value else { return };
        if self.cands.len() >= MAX_CANDS {
            return;
        }
        let Some(day) = day_of(&value) else { return };
        self.cands.push(Cand {
            tier,
            rank: 0,
            day,
            value,
            visible,
        });
    }

    fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .find_map(|k| {
                self.metas
                    .iter()
                    .find(|(mk, v)| mk == k && !v.trim().is_empty())
            })
            .map(|(_, v)| v.trim())
    }
}

/// The calendar day of a normalised date string (`YYYY-MM-DD...`).
fn day_of(value: &str) -> Option<jiff::civil::Date> {
    let b = value.as_bytes();
    let n = |r: std::ops::Range<usize>| value.get(r).and_then(|s| s.parse::<i64>().ok());
    if b.len() < 10 {
        return None;
    }
    make_date(n(0..4)?, n(5..7)?, n(8..10)?)
}

fn attr<'a>(attrs: &[Attr<'a>], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
        .map(|a| a.value)
}

fn clean_text(s: &str) -> String {
    let d = decode_entities(s);
    let mut out = String::with_capacity(d.len());
    for w in d.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A date written in a URL path: `/2017/12/07/`, `/2017-12-07-`, `/20171207/`.
fn url_date(url: &str) -> Option<String> {
    let path_start = url.find("://").map_or(0, |p| {
        url[p + 3..].find('/').map_or(url.len(), |q| p + 3 + q)
    });
    let path = url.get(path_start..)?;
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let b = path.as_bytes();
    let mut i = 0;
    while i + 8 <= b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let num = |a: usize, n: usize| -> Option<i64> {
                let s = b.get(a..a + n)?;
                s.iter()
                    .all(u8::is_ascii_digit)
                    .then(|| s.iter().fold(0i64, |x, &c| x * 10 + i64::from(c - b'0')))
            };
            if let (Some(y), Some(s1)) = (num(i, 4), b.get(i + 4)) {
                if matches!(s1, b'/' | b'-' | b'_' | b'.') {
                    if let (Some(m), Some(s2), Some(d)) =
                        (num(i + 5, 2), b.get(i + 7), num(i + 8, 2))
                    {
                        if s2 == s1 && !b.get(i + 10).is_some_and(u8::is_ascii_digit) {
                            if let Some(date) = make_date(y, m, d) {
                                return Some(date.to_string());
                            }
                        }
                    }
                }
            }
            // One-digit month or day between slashes: /2017/7/12/
            if i > 0 && b[i - 1] == b'/' && b.get(i + 4) == Some(&b'/') {
                let run = |a: usize| {
                    let n = b[a.min(b.len())..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .count();
                    (1..=2).contains(&n).then_some(n)
                };
                if let (Some(y), Some(ml)) = (num(i, 4), run(i + 5)) {
                    let dpos = i + 5 + ml + 1;
                    if b.get(i + 5 + ml) == Some(&b'/') {
                        if let Some(dl) = run(dpos) {
                            let end = b.get(dpos + dl);
                            // "/2023/10/3-fragen-an-..." is a slug, not a day.
                            if end.is_none_or(|c| *c == b'/') && (ml == 1 || dl == 1) {
                                if let (Some(m), Some(d)) = (num(i + 5, ml), num(dpos, dl)) {
                                    if let Some(date) = make_date(y, m, d) {
                                        return Some(date.to_string());
                                    }
                                }
                            }
                        }
                    }
                }
            }
            // Day first: /29-10-2021
            if i > 0 && matches!(b[i - 1], b'/' | b'-' | b'_') {
                if let (Some(d), Some(s1), Some(m), Some(s2), Some(y)) = (
                    num(i, 2),
                    b.get(i + 2),
                    num(i + 3, 2),
                    b.get(i + 5),
                    num(i + 6, 4),
                ) {
                    if s1 == s2
                        && matches!(s1, b'-' | b'.' | b'_')
                        && !b.get(i + 10).is_some_and(u8::is_ascii_digit)
                    {
                        if let Some(date) = make_date(y, m, d) {
                            return Some(date.to_string());
                        }
                    }
                }
            }
            // Compact form between separators: /20171207/
            if i > 0 && matches!(b[i - 1], b'/' | b'-' | b'_') {
                if let Some(n) = num(i, 8) {
                    if b.get(i + 8)
                        .is_none_or(|c| matches!(c, b'/' | b'-' | b'_' | b'.'))
                    {
                        if let Some(date) = make_date(n / 10000, n / 100 % 100, n % 100) {
                            return Some(date.to_string());
                        }
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// Reads the metadata of one page. `url` is where the page was fetched from,
/// when known (its path may carry the date).
pub(crate) fn page_meta(html: &str, url: Option<&str>) -> PageMeta {
    let mut g = gather(html);
    let canonical = g
        .canonical
        .clone()
        .or_else(|| g.meta(&["og:url"]).map(str::to_owned))
        .filter(|u| u.starts_with("http"));
    let page_url = url.map(str::to_owned).or_else(|| canonical.clone());

    // URL dates: the address the page came from, then the one it declares.
    if let Some(u) = &page_url {
        g.push(Tier::Url, url_date(u));
    }
    if let Some(u) = &canonical {
        g.push(Tier::Url, url_date(u));
    }
    if let Some(u) = g.meta(&["og:url"]).map(str::to_owned) {
        g.push(Tier::Url, url_date(&u));
    }
    if let Some(u) = g.meta(&["og:image", "twitter:image"]).map(str::to_owned) {
        g.push(Tier::Links, url_date(&u));
    }
    // JSON-LD.
    let ld = std::mem::take(&mut g.ld);
    for o in &ld {
        let tier = if o.article {
            Tier::LdArticle
        } else {
            Tier::LdOther
        };
        g.push(tier, o.published.as_deref().and_then(parse_machine));
        g.push(
            Tier::Modified,
            o.modified.as_deref().and_then(parse_machine),
        );
    }
    // Meta tags.
    let metas = std::mem::take(&mut g.metas);
    for (k, v) in &metas {
        let key = k.as_str();
        if let Some(rank) = META_PUB.iter().position(|m| *m == key) {
            let before = g.cands.len();
            g.push(Tier::Meta, parse_machine(v));
            if g.cands.len() > before {
                if let Some(c) = g.cands.last_mut() {
                    c.rank = rank;
                }
            }
        } else if META_WEAK.contains(&key) {
            g.push(Tier::MetaWeak, parse_machine(v));
        } else if META_MOD.contains(&key) {
            g.push(Tier::Modified, parse_machine(v));
        } else if is_date_key(key) {
            g.push(Tier::MetaFuzzy, parse_machine(v));
        } else if matches!(key, "description" | "og:description") {
            let first = find_dates(v, g.month_first)
                .first()
                .map(|f| f.date.to_string());
            g.push(Tier::Summary, first);
        } else if key == "parsely-page" {
            if let Some(p) = v.find("\"pub_date\"") {
                let rest = v[p + 10..].trim_start_matches([' ', ':', '"']);
                g.push(
                    Tier::Meta,
                    parse_machine(rest.split('"').next().unwrap_or("")),
                );
            }
        }
    }
    g.metas = metas;

    if let Some(t) = &g.title_tag {
        let first = find_dates(t, g.month_first)
            .first()
            .map(|f| f.date.to_string());
        g.push(Tier::Title, first);
    }
    let (date, date_source, tier) = choose(&g.cands);

    let title = g
        .meta(&["og:title", "twitter:title"])
        .map(clean_text)
        .or_else(|| {
            ld.iter()
                .find_map(|o| o.headline.as_deref().map(clean_text))
        })
        .or_else(|| g.title_tag.clone())
        .or_else(|| g.h1.clone())
        .filter(|t| !t.is_empty());
    let author = ld
        .iter()
        .filter(|o| o.article)
        .chain(ld.iter().filter(|o| !o.article))
        .find(|o| !o.authors.is_empty())
        .map(|o| {
            o.authors
                .iter()
                .map(|a| clean_text(a))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .or_else(|| {
            g.meta(&[
                "author",
                "article:author",
                "parsely-author",
                "sailthru.author",
                "dc.creator",
                "byl",
                "twitter:creator",
            ])
            .filter(|a| !a.starts_with("http") && !a.starts_with('@'))
            .map(|a| strip_by(&clean_text(a)))
        })
        .or_else(|| g.author_text.clone())
        .filter(|a| !a.is_empty() && a.chars().count() <= 120);
    let site_name = g
        .meta(&["og:site_name", "application-name", "twitter:site"])
        .map(clean_text)
        .or_else(|| {
            ld.iter()
                .find_map(|o| o.publisher.as_deref().map(clean_text))
        })
        .filter(|s| !s.is_empty());
    let lang = g
        .lang
        .clone()
        .or_else(|| {
            g.meta(&["content-language", "og:locale", "language", "dc.language"])
                .map(str::to_owned)
        })
        .map(|l| l.trim().replace('_', "-"))
        .filter(|l| !l.is_empty() && l.len() <= 35);
    PageMeta {
        title,
        date,
        author,
        site_name,
        url: canonical.or(page_url),
        lang,
        date_source,
        date_in_prose: tier.is_some_and(Tier::in_prose),
    }
}

/// Every date candidate of a page as (source, date), in the order found: a
/// diagnostic for the evaluation (`DATES_DEBUG=path` in eval_dates).
#[allow(dead_code)]
pub(crate) fn date_candidates(html: &str, url: Option<&str>) -> Vec<(&'static str, String)> {
    let mut g = gather(html);
    if let Some(u) = url {
        g.push(Tier::Url, url_date(u));
    }
    for o in std::mem::take(&mut g.ld) {
        let tier = if o.article {
            Tier::LdArticle
        } else {
            Tier::LdOther
        };
        g.push(tier, o.published.as_deref().and_then(parse_machine));
        g.push(
            Tier::Modified,
            o.modified.as_deref().and_then(parse_machine),
        );
    }
    for (k, v) in std::mem::take(&mut g.metas) {
        g.push(Tier::Meta, parse_machine(&v).map(|d| format!("{d} [{k}]")));
    }
    g.cands
        .into_iter()
        .map(|c| (c.tier.label(), c.value))
        .collect()
}

/// Picks the publication date: the best tier wins; within a tier the earliest
/// date (the original publication, not a later revision). Two checks follow
/// ([`revise`]). Also returns the tier the pick was made in (a revision
/// keeps it: it only revises machine dates).
fn choose(cands: &[Cand]) -> (Option<String>, Option<&'static str>, Option<Tier>) {
    let Some(best) = cands.iter().map(|c| c.tier).min() else {
        return (None, None, None);
    };
    let pick = match best {
        // Markup: a machine timestamp (`datetime`, `content`) over a written
        // date, then page order.
        Tier::Marked => cands
            .iter()
            .find(|c| c.tier == best && c.value.len() > 10)
            .or_else(|| cands.iter().find(|c| c.tier == best)),
        // Text tiers: the first date in page order.
        Tier::Keyword
        | Tier::Time
        | Tier::Classed
        | Tier::Text
        | Tier::BoilerMarked
        | Tier::Boiler
        | Tier::Title
        | Tier::Script
        | Tier::Modified
        | Tier::Links
        | Tier::Summary => cands.iter().find(|c| c.tier == best),
        // Meta tags: the most specific name, then the earliest date.
        Tier::Meta => cands
            .iter()
            .filter(|c| c.tier == best)
            .min_by_key(|c| (c.rank, c.day)),
        _ => cands
            .iter()
            .filter(|c| c.tier == best)
            .min_by_key(|c| c.day),
    };
    let Some(c) = pick else {
        return (None, None, None);
    };
    let (c, label) = revise(c, cands);
    (Some(c.value.clone()), Some(label), Some(best))
}

/// Second looks at a date taken from a machine source (URL, meta tag,
/// JSON-LD, attribute):
/// - a UTC timestamp given elsewhere on the page as the same instant with the
///   publisher's own offset is read on the publisher's calendar day;
/// - a date the page never shows its readers, on a page that shows a later
///   revision date ("Aktualisiert am ...", or a machine modification date that
///   is also written in the text), gives way to that shown date: the page as
///   published is the revised one.
fn revise<'a>(c: &'a Cand, cands: &'a [Cand]) -> (&'a Cand, &'static str) {
    let machine = matches!(
        c.tier,
        Tier::Url | Tier::Meta | Tier::LdArticle | Tier::Marked | Tier::LdOther
    ) && !c.visible;
    if !machine {
        return (c, c.tier.label());
    }
    let shown = |d: jiff::civil::Date| cands.iter().any(|x| x.visible && x.day == d);
    if !shown(c.day) {
        let revised = cands
            .iter()
            .filter(|x| x.tier == Tier::Modified && x.day > c.day)
            .filter(|x| x.visible || shown(x.day))
            .min_by_key(|x| x.day);
        if let Some(r) = revised {
            return (r, "shown-revision");
        }
    }
    if let Some(t) = instant(&c.value).filter(|(_, off)| *off == 0) {
        if let Some(local) = cands
            .iter()
            .find(|x| instant(&x.value).is_some_and(|(u, off)| u == t.0 && off != 0))
        {
            return (local, "local-offset");
        }
    }
    // A UTC or zone-less timestamp one day off the day the page shows in its
    // header (not a revision, not running text): the shown day is the
    // publisher's.
    let zoneless = c.value.len() > 10 && instant(&c.value).is_none_or(|(_, off)| off == 0);
    if zoneless && !shown(c.day) {
        if let Some(x) = cands.iter().find(|x| {
            x.visible
                && matches!(
                    x.tier,
                    Tier::Marked | Tier::Keyword | Tier::Time | Tier::Classed
                )
                && (x.day - c.day).get_days().abs() == 1
        }) {
            return (x, "shown-day");
        }
    }
    (c, c.tier.label())
}

/// The instant of a normalised timestamp with an offset, as (epoch seconds,
/// offset seconds); `None` for a bare date or a time without offset.
fn instant(value: &str) -> Option<(i64, i32)> {
    if value.len() <= 19 {
        return None;
    }
    let ts: jiff::Timestamp = value.parse().ok()?;
    let off = match value.get(19..)? {
        "Z" => 0,
        o => {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let h: i32 = o.get(1..3)?.parse().ok()?;
            let m: i32 = o.get(4..6)?.parse().ok()?;
            sign * (h * 3600 + m * 60)
        }
    };
    Some((ts.as_second(), off))
}

fn strip_by(s: &str) -> String {
    let t = s.trim();
    for p in [
        "By ", "by ", "BY ", "Von ", "von ", "Par ", "par ", "Por ", "por ", "Di ", "Door ",
        "Autor: ", "Author: ",
    ] {
        if let Some(r) = t.strip_prefix(p) {
            return r.trim().to_owned();
        }
    }
    t.to_owned()
}

struct Frame<'a> {
    /// The element name in lower case (borrowed from the page when it is
    /// written in lower case already, as almost always).
    name: std::borrow::Cow<'a, str>,
    flags: u8,
}

/// The single pass over the page.
fn gather(html: &str) -> Gathered {
    let mut g = Gathered::default();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut overflow = 0usize;
    let mut in_head = false;
    let mut text_budget = MAX_TEXT;
    let mut script_budget = MAX_TEXT;
    let mut links_seen = false;
    // The last few words of page text, to see what introduces a date.
    let mut recent = String::new();
    let mut in_h1 = false;
    let mut ld_next = false;
    for tok in Tokenizer::new(html) {
        let flags = stack.last().map_or(0, |f| f.flags) | if in_head { HEAD } else { 0 };
        match tok {
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                let lname: std::borrow::Cow<'_, str> =
                    if name.bytes().any(|c| c.is_ascii_uppercase()) {
                        std::borrow::Cow::Owned(name.to_ascii_lowercase())
                    } else {
                        std::borrow::Cow::Borrowed(name)
                    };
                let mut own = element_flags(&lname, &attrs);
                match lname.as_ref() {
                    "html" if g.lang.is_none() => {
                        g.lang = attr(&attrs, "lang")
                            .or_else(|| attr(&attrs, "xml:lang"))
                            .map(str::to_owned);
                    }
                    "head" => in_head = true,
                    "body" => in_head = false,
                    "meta" => read_meta(&mut g, &attrs, flags),
                    "link" => {
                        let rel = attr(&attrs, "rel").unwrap_or("");
                        if rel.eq_ignore_ascii_case("canonical") && g.canonical.is_none() {
                            g.canonical = attr(&attrs, "href")
                                .map(|h| decode_entities(h.trim()).into_owned());
                        }
                    }
                    "script" => {
                        ld_next = attr(&attrs, "type")
                            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                    }
                    "h1" => in_h1 = g.h1.is_none(),
                    _ => {}
                }
                if in_head && !HEAD_ELEMENTS.contains(&lname.as_ref()) {
                    // A page that never closes <head> nor opens <body>.
                    in_head = false;
                }
                let ctx = flags | own;
                if !links_seen && ctx & COMMENT == 0 && matches!(lname.as_ref(), "a" | "img") {
                    let link = attr(&attrs, if lname == "a" { "href" } else { "src" });
                    if let Some(d) = link.and_then(url_date) {
                        g.push(Tier::Links, Some(d));
                        links_seen = true;
                    }
                }
                if lname == "a" && ctx & (PUB | DATEISH) != 0 && ctx & COMMENT == 0 {
                    // A date archive link: <a href="/2019/10/19/">.
                    if let Some(h) = attr(&attrs, "href") {
                        let tier = if ctx & PUB != 0 {
                            Tier::Marked
                        } else {
                            Tier::Classed
                        };
                        if let Some(tier) = demote(tier, ctx) {
                            g.push(tier, url_date(h));
                        }
                    }
                }
                {
                    // Machine dates in attributes.
                    let dt = attr(&attrs, "datetime")
                        .or_else(|| {
                            if lname == "abbr" {
                                attr(&attrs, "title")
                            } else {
                                None
                            }
                        })
                        .or_else(|| {
                            if own & (PUB | MODIF) != 0 {
                                attr(&attrs, "content")
                            } else {
                                None
                            }
                        });
                    if let Some(v) = dt {
                        let pubattr = attr(&attrs, "pubdate").is_some();
                        let tier = if ctx & MODIF != 0 && own & PUB == 0 {
                            Tier::Modified
                        } else if pubattr || ctx & PUB != 0 {
                            Tier::Marked
                        } else if lname == "time" {
                            Tier::Time
                        } else {
                            Tier::Classed
                        };
                        if let Some(tier) = demote(tier, ctx) {
                            g.push(tier, parse_machine(&decode_entities(v)));
                        }
                    }
                }
                let void = self_closing || VOID.contains(&lname.as_ref());
                close_implied(&mut stack, &lname);
                if !void {
                    if stack.len() < MAX_DEPTH {
                        // The nearest hint wins: an "updated" element inside a
                        // "posted" one speaks of the update.
                        let mut inherited = flags & !HEAD;
                        if own & MODIF != 0 {
                            inherited &= !PUB;
                        }
                        if own & PUB != 0 {
                            inherited &= !MODIF;
                        }
                        own |= inherited;
                        stack.push(Frame {
                            name: lname,
                            flags: own,
                        });
                    } else {
                        overflow += 1;
                    }
                }
            }
            Token::End { name } => {
                if name.eq_ignore_ascii_case("head") {
                    in_head = false;
                }
                if name.eq_ignore_ascii_case("h1") {
                    in_h1 = false;
                }
                if overflow > 0 {
                    overflow -= 1;
                    continue;
                }
                // Pop to the matching element when it is near the top.
                if let Some(pos) = stack
                    .iter()
                    .rev()
                    .position(|f| f.name.eq_ignore_ascii_case(name))
                {
                    let keep = stack.len() - 1 - pos;
                    stack.truncate(keep);
                }
            }
            Token::Raw(raw) => {
                let top = stack.last().map(|f| f.name.as_ref()).unwrap_or("");
                if top == "title" && g.title_tag.is_none() {
                    g.title_tag = Some(clean_text(raw)).filter(|t| !t.is_empty());
                } else if top == "script" && ld_next {
                    jsonld::read(raw, &mut g.ld);
                } else if top == "script"
                    && script_budget > 0
                    && !g.cands.iter().any(|c| c.tier == Tier::Script)
                {
                    let part = &raw.as_bytes()[..raw.len().min(script_budget)];
                    script_budget -= part.len();
                    g.push(Tier::Script, script_date(part));
                }
                ld_next = false;
            }
            Token::Text(t) => {
                if flags & HEAD != 0 || t.bytes().all(|c| c.is_ascii_whitespace()) {
                    continue;
                }
                if in_h1 {
                    let h = clean_text(t);
                    if !h.is_empty() {
                        g.h1 = Some(match g.h1.take() {
                            Some(prev) if prev.len() < 300 => format!("{prev} {h}"),
                            Some(prev) => prev,
                            None => h,
                        });
                    }
                }
                if flags & COMMENT != 0 || text_budget == 0 {
                    continue;
                }
                let wants_author = flags & (AUTHOR | BOILER) == AUTHOR && g.author_text.is_none();
                if !wants_author && !may_hold_date(t.as_bytes()) {
                    // No date here: keep only the words that may introduce one.
                    let mut from = t.len().saturating_sub(100);
                    while !t.is_char_boundary(from) {
                        from += 1;
                    }
                    remember(&mut recent, &clean_text(&t[from..]));
                    continue;
                }
                let text = clean_text(t);
                text_budget = text_budget.saturating_sub(text.len());
                if flags & (AUTHOR | BOILER) == AUTHOR && g.author_text.is_none() {
                    let a = strip_by(&text);
                    if (3..=60).contains(&a.chars().count())
                        && !a.chars().any(|c| c.is_ascii_digit())
                    {
                        g.author_text = Some(a);
                    }
                }
                for f in find_dates(&text, g.month_first) {
                    // Only the last words before the date matter (and copying more
                    // would be quadratic in a long run of dates).
                    let mut from = f.start.saturating_sub(200);
                    while !text.is_char_boundary(from) {
                        from += 1;
                    }
                    let before = format!("{recent} {}", &text[from..f.start]).to_lowercase();
                    let tail: String = {
                        let chars: Vec<char> = before.chars().collect();
                        chars[chars.len().saturating_sub(40)..].iter().collect()
                    };
                    let tier =
                        if flags & MODIF != 0 && flags & PUB == 0 || has_any(&tail, MOD_WORDS) {
                            Tier::Modified
                        } else if flags & PUB != 0 {
                            Tier::Marked
                        } else if has_any(&tail, PUB_WORDS) {
                            Tier::Keyword
                        } else if flags & DATEISH != 0 {
                            Tier::Classed
                        } else {
                            Tier::Text
                        };
                    if let Some(tier) = demote(tier, flags) {
                        g.push_as(tier, Some(f.date.to_string()), true);
                    }
                }
                remember(&mut recent, &text);
            }
        }
    }
    g
}

/// Keeps the last ~60 bytes of page text, to see what introduces a date.
fn remember(recent: &mut String, text: &str) {
    recent.push(' ');
    recent.push_str(text);
    if recent.len() > 120 {
        let cut = recent.len() - 60;
        let cut = (cut..recent.len())
            .find(|&i| recent.is_char_boundary(i))
            .unwrap_or(recent.len());
        recent.drain(..cut);
    }
}

/// Closes the elements whose end tag HTML lets authors leave out, when `name`
/// starts: an open `<li>` at a new `<li>`, an open `<p>` at a new block, ...
fn close_implied(stack: &mut Vec<Frame<'_>>, name: &str) {
    let (closes, boundary): (&[&str], &[&str]) = match name {
        "li" => (&["li"], &["ul", "ol", "menu"]),
        "dt" | "dd" => (&["dt", "dd"], &["dl"]),
        "tr" => (&["tr", "td", "th"], &["table", "tbody", "thead", "tfoot"]),
        "td" | "th" => (&["td", "th"], &["tr", "table"]),
        "option" => (&["option"], &["select", "datalist"]),
        "p" | "div" | "ul" | "ol" | "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        | "section" | "article" | "header" | "footer" | "blockquote" | "pre" | "form" | "dl"
        | "nav" | "aside" | "figure" => (&["p"], &[]),
        _ => return,
    };
    // Look a few levels up only: the omitted end tag is that of a near ancestor.
    let top = stack.len();
    for i in (top.saturating_sub(4)..top).rev() {
        let n = stack[i].name.as_ref();
        if boundary.contains(&n) {
            return;
        }
        if closes.contains(&n) {
            stack.truncate(i);
            return;
        }
    }
}

/// A meta name not in the lists that still speaks of a publication date
/// (`sw-pubdate`, `article.pubdate`, `custom:created`).
fn is_date_key(key: &str) -> bool {
    (key.contains("date") || key.contains("publish") || key.contains("created"))
        && !has_any(
            key,
            &[
                "modif", "update", "expir", "valid", "birth", "event", "start", "end", "revis",
            ],
        )
}

/// Where a date in a sidebar, footer or comment goes: comments never count,
/// boilerplate only after the article's own dates.
fn demote(tier: Tier, ctx: u8) -> Option<Tier> {
    if ctx & COMMENT != 0 {
        return None;
    }
    if ctx & BOILER == 0 {
        return Some(tier);
    }
    Some(match tier {
        Tier::Marked => Tier::BoilerMarked,
        Tier::Modified => Tier::Modified,
        _ => Tier::Boiler,
    })
}

/// The first `YYYY-MM-DD` or `YYYY/MM/DD` in script code.
fn script_date(b: &[u8]) -> Option<String> {
    let mut i = 0;
    while i + 10 <= b.len() {
        let c = b[i + 4];
        if (c == b'-' || c == b'/')
            && b[i + 7] == c
            && b[i..i + 4].iter().all(u8::is_ascii_digit)
            && b[i + 5..i + 7].iter().all(u8::is_ascii_digit)
            && b[i + 8..i + 10].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && !b.get(i + 10).is_some_and(u8::is_ascii_digit)
        {
            let s = std::str::from_utf8(&b[i..i + 10]).ok()?;
            if let Some(d) = parse_machine(s) {
                return Some(d);
            }
        }
        i += 1;
    }
    None
}

fn read_meta(g: &mut Gathered, attrs: &[Attr<'_>], flags: u8) {
    if let Some(cs) = attr(attrs, "http-equiv") {
        if cs.eq_ignore_ascii_case("content-language") {
            if let Some(c) = attr(attrs, "content") {
                g.metas.push(("content-language".to_owned(), c.to_owned()));
            }
            return;
        }
    }
    let Some(content) = attr(attrs, "content") else {
        return;
    };
    let key = attr(attrs, "property")
        .or_else(|| attr(attrs, "name"))
        .or_else(|| attr(attrs, "itemprop"))
        .or_else(|| attr(attrs, "http-equiv"));
    let Some(key) = key else { return };
    if g.metas.len() >= 1024 || key.len() > 64 {
        return;
    }
    let key = key.trim().to_ascii_lowercase();
    if flags & BOILER != 0 && key.starts_with("date") {
        return;
    }
    if key == "og:locale" || key == "language" {
        // en_US / en-US: month-first numeric dates.
        let c = content.to_ascii_lowercase();
        g.month_first |= c.starts_with("en_us") || c.starts_with("en-us");
    }
    g.metas.push((key, decode_entities(content).into_owned()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str, url: Option<&str>, expect: Option<&str>) {
        let m = page_meta(html, url);
        assert_eq!(m.date.as_deref(), expect, "page: {html}");
    }

    #[test]
    fn date_sources() {
        // JSON-LD article beats a modification meta.
        check(
            r#"<html><head><meta property="article:modified_time" content="2018-01-01T00:00:00Z">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2017-12-07"}</script></head></html>"#,
            None,
            Some("2017-12-07"),
        );
        // OpenGraph published time, with offset kept as written.
        check(
            r#"<meta property="article:published_time" content="2017-12-07T23:30:00-05:00">"#,
            None,
            Some("2017-12-07T23:30:00-05:00"),
        );
        // URL path.
        check(
            "<p>no date here</p>",
            Some("https://ex.com/2017/12/07/story.html"),
            Some("2017-12-07"),
        );
        // German byline line; the copyright year and the comment date are ignored.
        check(
            r#"<body><div class="artikel-kopf">Veröffentlicht am 7. Dezember 2017</div><p>Text</p>
            <div class="comments"><p>Am 9. Dezember 2017 schrieb Leser:</p></div>
            <footer>© 2023 Verlag</footer></body>"#,
            None,
            Some("2017-12-07"),
        );
        // <time datetime> with a publication class beats an "updated" time.
        check(
            r#"<p><time class="updated" datetime="2019-05-05">5. Mai</time>
            <time class="entry-date published" datetime="2019-05-01T08:00:00+02:00">1. Mai</time></p>"#,
            None,
            Some("2019-05-01T08:00:00+02:00"),
        );
        // Only a modification date: better than nothing.
        check(
            r#"<meta name="last-modified" content="2016-03-04">"#,
            None,
            Some("2016-03-04"),
        );
        // A publication meta the page never shows, and a revision it does
        // show: the shown revision.
        check(
            r#"<meta property="article:published_time" content="2021-11-29T14:13:37+00:00">
            <meta property="article:modified_time" content="2022-01-12T14:27:30+00:00">
            <body><p class="meta">Aktualisiert am 12. Januar 2022</p></body>"#,
            None,
            Some("2022-01-12"),
        );
        // ... but when the page shows the publication date too, it stays.
        check(
            r#"<meta property="article:published_time" content="2021-11-29T14:13:37+00:00">
            <meta property="article:modified_time" content="2022-01-12T14:27:30+00:00">
            <body><p>29. November 2021</p><p class="meta">Aktualisiert am 12. Januar 2022</p></body>"#,
            None,
            Some("2021-11-29T14:13:37+00:00"),
        );
        // A UTC timestamp given elsewhere with the publisher's offset: the
        // publisher's calendar day.
        check(
            r#"<meta property="article:published_time" content="2023-11-09T02:11:03+00:00">
            <script type="application/ld+json">{"@type":"WebPage","datePublished":"2023-11-08T21:11:03-05:00"}</script>"#,
            None,
            Some("2023-11-08T21:11:03-05:00"),
        );
        // A UTC timestamp a day off the date the article header shows: the
        // shown day.
        check(
            r#"<meta property="article:published_time" content="2019-10-18T22:04:00Z">
            <body><div class="article-date">19.10.2019</div></body>"#,
            None,
            Some("2019-10-19"),
        );
        // Post categories on the article wrapper do not make it a comment.
        check(
            r#"<div class="post hentry category-kommentar tag-social"><p class="post-date">19. Oktober 2019</p></div>"#,
            None,
            Some("2019-10-19"),
        );
        // A date in the summary when nothing else has one.
        check(
            r#"<meta name="description" content="Pescasseroli, 14 gennaio 2020 - Il Parco ...">"#,
            None,
            Some("2020-01-14"),
        );
        // Nothing at all.
        check("<html><body><p>Hello</p></body></html>", None, None);
        check("", None, None);
    }

    #[test]
    fn other_fields() {
        let m = page_meta(
            r#"<html lang="de-DE"><head><title>T - Site</title><meta property="og:site_name" content="Site">
            <link rel="canonical" href="https://ex.com/a"><meta name="author" content="By Anna Weber"></head>
            <body><h1>Head</h1></body></html>"#,
            None,
        );
        assert_eq!(m.title.as_deref(), Some("T - Site"));
        assert_eq!(m.site_name.as_deref(), Some("Site"));
        assert_eq!(m.url.as_deref(), Some("https://ex.com/a"));
        assert_eq!(m.author.as_deref(), Some("Anna Weber"));
        assert_eq!(m.lang.as_deref(), Some("de-DE"));
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            url_date("https://a.com/2017/12/07/x").as_deref(),
            Some("2017-12-07")
        );
        assert_eq!(
            url_date("https://a.com/news/20171207/x").as_deref(),
            Some("2017-12-07")
        );
        assert_eq!(
            url_date("https://a.com/home/2017/7/12/x").as_deref(),
            Some("2017-07-12")
        );
        assert_eq!(
            url_date("https://a.com/2017/12/3").as_deref(),
            Some("2017-12-03")
        );
        assert_eq!(url_date("https://a.com/2017/7/123/x"), None);
        assert_eq!(url_date("https://a.com/2023/10/3-fragen-an"), None);
        assert_eq!(url_date("https://a.com/2017/12/x"), None);
        assert_eq!(url_date("https://2017-12-07.com/x"), None);
        assert_eq!(url_date("https://a.com/id/120171207999"), None);
        // A web archive's capture time is a crawl date, not a publication date.
        assert_eq!(
            url_date("https://web.archive.org/web/20120216182711/http://a.it/x"),
            None
        );
    }

    #[test]
    fn hostile_input() {
        let deep = "<div>".repeat(100_000) + "7. Dezember 2017";
        assert_eq!(page_meta(&deep, None).date.as_deref(), Some("2017-12-07"));
        let junk: String = (0..20_000u32)
            .filter_map(|i| char::from_u32(i * 7 % 0x11000))
            .collect();
        let _ = page_meta(&junk, Some("\u{0}//"));
        let _ = page_meta("<<<>>><a b='><script><!--", None);
        // One 1 MB run of dates, and 50,000 unclosed list items: linear time.
        let dates = format!("<p>{}</p>", "07.12.2017 ".repeat(100_000));
        assert_eq!(page_meta(&dates, None).date.as_deref(), Some("2017-12-07"));
        let items = format!(
            "<ul class=menu>{}</ul><p>8. Mai 2019</p>",
            "<li>x".repeat(50_000)
        );
        assert_eq!(page_meta(&items, None).date.as_deref(), Some("2019-05-08"));
    }
}
