//! The extract stage: turns a [`Document`] (an HTML page or text someone already
//! pulled out of a page) into an [`Article`]: the article's own paragraphs and its
//! metadata (title, publication date, author, outlet, language, attributions).
//!
//! It never reads the network and never fails: a page with no article gives an
//! empty `text` and a `note` saying why. Work is linear in the input size; the
//! HTML tree is capped in depth and walked without recursion.
//!
//! Modules: `dom` (tokenizer and tree), `body` (which block is the article),
//! `boiler` (furniture wording), `text` (text-mode cleanup), `attrib`
//! (attributions), `meta` (metadata and dates, maintained separately).
#![deny(missing_docs)]

mod attrib;
mod body;
mod boiler;
mod dom;
mod entities;
mod meta;
mod text;

use crossread_core::{primary_language, Article, Attribution, Body, DateSource, Document};

/// Extracts the article and its metadata from one document.
pub fn extract(doc: &Document) -> Article {
    let mut article = Article::from_text(doc.id.clone(), String::new());
    article.url = doc.url.clone();
    article.outlet = doc.outlet.clone();
    // A given "title" that is only a dateline (converted feeds often take the
    // page's first line) gives way to a title found in the page.
    let given_title = doc.title.clone();
    let dateline_title = given_title.as_deref().is_some_and(meta::is_date_line);
    article.title = given_title.clone().filter(|_| !dateline_title);
    article.date = doc.date.clone();
    article.date_source = article.date.as_ref().map(|_| DateSource::Given);
    let own_site;
    match &doc.body {
        Body::Html(html) => {
            let page = dom::parse(html);
            let got = body::extract(&page);
            let meta = meta::page_meta(html, doc.url.as_deref());
            let (text, attributions, site) = attributions_in_html_text(&got.text, &got.dropped);
            article.text = text;
            article.attributions = attributions;
            own_site = site;
            article.note = got.note;
            article.title = article
                .title
                .or(meta.title)
                .or_else(|| {
                    page.title
                        .as_ref()
                        .map(|t| t.trim().to_owned())
                        .filter(|t| !t.is_empty())
                })
                .or(given_title);
            if article.date.is_none() {
                article.date_source = meta.date.as_ref().map(|_| {
                    if meta.date_in_prose {
                        DateSource::Text
                    } else {
                        DateSource::Page
                    }
                });
                article.date = meta.date;
            }
            article.author = meta.author;
            article.outlet = article.outlet.or(meta.site_name);
            article.lang = meta.lang;
        }
        Body::Text(raw) => {
            let cleaned = text::clean(raw);
            article.text = cleaned.text;
            article.attributions = cleaned.attributions;
            own_site = cleaned.own_site;
            article.title = article.title.or(cleaned.title).or(given_title);
            if article.date.is_none() {
                article.date = meta::date_from_text(raw);
                article.date_source = article.date.as_ref().map(|_| DateSource::Text);
            }
            article.author = meta::byline_from_text(raw);
            if article.text.is_empty() {
                article.note = Some("no article paragraph in the text".to_owned());
            }
        }
    }
    if article.outlet.is_none() {
        article.outlet = own_site.or_else(|| doc.url.as_deref().and_then(host_of));
    }
    // "By Nadia Ferrant, Meridian Wire": the outlet is not part of the name.
    if let (Some(author), Some(outlet)) = (article.author.as_deref(), article.outlet.as_deref()) {
        if let Some((name, rest)) = author.rsplit_once(',') {
            let rest = rest.trim();
            if !name.trim().is_empty() && rest.eq_ignore_ascii_case(outlet.trim()) {
                article.author = Some(name.trim().to_owned());
            }
        }
    }
    article.lang = settle_lang(article.lang.take(), &article.text);
    if article.text.is_empty() && article.note.is_none() {
        article.note = Some("no article text found".to_owned());
    }
    article
}

/// The article text of an HTML page alone (no metadata): what the extraction
/// benchmark scores. Paragraphs are separated by a blank line.
pub fn html_to_text(html: &str) -> String {
    body::extract(&dom::parse(html)).text
}

/// What text mode did with each removed line, for evaluation reports:
/// `(reason, line)` pairs in input order, and the kept text.
pub fn explain_text_cleanup(input: &str) -> (String, Vec<(&'static str, String)>) {
    let c = text::clean(input);
    (c.text, c.removed)
}

/// Scans extracted HTML paragraphs (and dropped furniture blocks) for
/// attributions; drops paragraphs that only carry one and strips leading
/// "X reports:" credits.
fn attributions_in_html_text(
    text: &str,
    dropped: &[String],
) -> (String, Vec<Attribution>, Option<String>) {
    let mut found = Vec::new();
    let mut own = None;
    let mut out = String::with_capacity(text.len());
    for para in text.split("\n\n") {
        let a = attrib::scan_line(para);
        for f in a.found {
            attrib::push_unique(&mut found, f);
        }
        if own.is_none() {
            own = a.own_site;
        }
        if a.only_attribution {
            continue;
        }
        let para = a.rest.as_deref().unwrap_or(para);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(para);
    }
    for d in dropped {
        let a = attrib::scan_line(d);
        for f in a.found {
            attrib::push_unique(&mut found, f);
        }
        if own.is_none() {
            own = a.own_site;
        }
    }
    (out, found, own)
}

/// The host of a URL without a leading `www.`.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|x| x.1).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host
        .split(':')
        .next()?
        .trim_start_matches("www.")
        .to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

/// The article's language: what the page declares (`<html lang>`,
/// `content-language`, `og:locale`), unless the text is confidently in a
/// language with another two-letter code. Site templates often declare
/// their default (`en-US`) over pages written in another language (a
/// declared language the detector does not know stands), and the
/// stories stage drops the function words of the language it is given. With
/// no declaration, the text's language when whatlang is confident.
fn settle_lang(declared: Option<String>, text: &str) -> Option<String> {
    // Checking a declaration reads less text than finding a language with
    // none (the detector's time grows with the sample).
    let sample = if declared.is_some() {
        CHECK_SAMPLE_CHARS
    } else {
        DETECT_SAMPLE_CHARS
    };
    let found = detect_lang(text, sample);
    match (declared, found) {
        (Some(d), Some(f)) => {
            let primary = primary_language(&d);
            if f.len() == 2 && !primary.eq_ignore_ascii_case(&f) && detectable(primary) {
                Some(f)
            } else {
                Some(d)
            }
        }
        (d, f) => d.or(f),
    }
}

/// Characters of the text the detector reads when the page declares no
/// language ...
const DETECT_SAMPLE_CHARS: usize = 4000;
/// ... and when it checks a declaration.
const CHECK_SAMPLE_CHARS: usize = 1000;

/// ISO 639-1 code (or ISO 639-3 when there is none) of the text's language,
/// read from its first `sample_chars` characters, when whatlang is confident.
fn detect_lang(text: &str, sample_chars: usize) -> Option<String> {
    // None below 40 characters (without counting all of a long text).
    text.chars().nth(39)?;
    let sample: String = text.chars().take(sample_chars).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    Some(lang_code(info.lang()).to_owned())
}

/// Whether the detector knows the language of ISO code `code` (a page
/// declaring a language it does not know, Albanian say, is not corrected:
/// it would call the text something else).
fn detectable(code: &str) -> bool {
    whatlang::Lang::all()
        .iter()
        .any(|&l| lang_code(l).eq_ignore_ascii_case(code))
}

/// ISO 639-1 code of a detected language, or its ISO 639-3 code when the
/// table below has no two-letter one.
fn lang_code(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Rus => "ru",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Ara => "ar",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Nld => "nl",
        Pol => "pl",
        Tur => "tr",
        Swe => "sv",
        Heb => "he",
        Hin => "hi",
        Pes => "fa",
        Ell => "el",
        Ces => "cs",
        Ron => "ro",
        Hun => "hu",
        Fin => "fi",
        Dan => "da",
        Nob => "no",
        Ind => "id",
        Vie => "vi",
        Tha => "th",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html_doc(body: String) -> Document {
        Document {
            id: "t".into(),
            origin: "test".into(),
            url: None,
            outlet: None,
            date: None,
            title: None,
            fetched: None,
            body: Body::Html(body),
        }
    }

    #[test]
    fn bad_input_is_bounded_and_explained() {
        // 100k-deep nesting, of block and inline elements.
        for open in ["<div>", "<b>", "<table><tr><td>", "<li>", "<a href=x>"] {
            let page = format!("{}<p>deep text</p>", open.repeat(100_000));
            let a = extract(&html_doc(page));
            assert!(a.text.is_empty() || a.text.contains("deep text"));
        }
        // A page with no article at all.
        let a = extract(&html_doc(
            "<html><body><nav><a href=/>Home</a></nav></body></html>".into(),
        ));
        assert!(a.text.is_empty());
        assert!(a.note.is_some());
        // Binary junk and unmatched tags.
        let junk: String = (0..200_000u32)
            .map(|i| char::from_u32(i % 0x3000).unwrap_or('x'))
            .collect();
        let _ = extract(&html_doc(junk));
        let _ = extract(&html_doc("</span>".repeat(200_000)));
        let _ = extract(&html_doc("<p>".repeat(200_000)));
        // Text mode: many short lines, one huge line.
        let mut d = html_doc(String::new());
        d.body = Body::Text("Home\n".repeat(200_000));
        assert!(extract(&d).text.is_empty());
        d.body = Body::Text("word ".repeat(1_000_000));
        let _ = extract(&d);
    }

    #[test]
    fn an_article_page_gives_its_paragraphs() {
        let p = "The council voted on Tuesday to approve the new budget, which raises spending on schools by a tenth.";
        let page = format!(
            "<html><head><title>Budget</title></head><body><nav><a href=/>Home</a> <a href=/a>World</a></nav>\
             <article><h1>Budget passes</h1><p>{p}</p><p>{p}</p><figure><figcaption>A photo (AP Photo)</figcaption></figure>\
             <div class=share>Share this on Facebook</div><p>{p}</p></article>\
             <div id=comments><p>Great article, I loved reading it, thanks so much for writing it all up!</p></div>\
             <footer>\u{a9} 2023 Example News</footer></body></html>"
        );
        let a = extract(&html_doc(page));
        assert_eq!(a.text, format!("{p}\n\n{p}\n\n{p}"));
        assert_eq!(a.title.as_deref(), Some("Budget"));
    }

    #[test]
    fn teaser_articles_after_a_related_heading_are_dropped() {
        // A blog post whose "related posts" block holds more text than the
        // post itself: each teaser is an <article> with a paragraph cut short.
        let post =
            "Gardeners across the county say this spring came three weeks early, and the tulips \
                    opened before the last frost had passed.";
        let teaser = |topic: &str| {
            format!(
                "<article class=\"postbox\"><img src=x.jpg><div><a href=/s>Share</a></div>\
                 <p>A longer piece about {topic}, which explains at some length how the season \
                 changes what we plant, when we water and which seeds we keep for the next \
                 year, with advice from three growers who have worked the same fields for \
                 decades and who never agree with each other about anything at all \u{2026}</p></article>"
            )
        };
        let page = format!(
            "<html><body><div class=\"content\"><article class=\"postbox\"><h1>Early spring</h1>\
             <p>{post}</p></article><article class=\"postbox\"><h3 class=\"relatedpoststitle\">\
             You may also like</h3>{}{}{}</article></div></body></html>",
            teaser("roses"),
            teaser("beans"),
            teaser("apple trees")
        );
        assert_eq!(extract(&html_doc(page)).text, post);
    }

    #[test]
    fn blocks_without_a_letter_or_digit_are_dropped() {
        let p = "The ferry to the island will run twice a day from Monday, the harbour office said in a statement.";
        let q = "Tickets bought for the old timetable stay valid until the end of the month, the office added.";
        let page = format!(
            "<html><body><article><p>{p}</p><p>\u{200b}</p><p>* * *</p><table><tr><td>\u{201c}</td>\
             <td>\u{2014}</td></tr></table><p>------</p><p>{q}</p></article></body></html>"
        );
        assert_eq!(extract(&html_doc(page)).text, format!("{p}\n\n{q}"));
    }

    #[test]
    fn a_given_dateline_title_gives_way_to_the_headline() {
        let p = "The navy said on Friday that its patrol ship had stopped three pirate boats in the gulf overnight.";
        let mut d = html_doc(String::new());
        d.title = Some("Friday, November 11, 2011".into());
        d.body = Body::Text(format!(
            "Friday, November 11, 2011\nNavy stops pirate attack in the gulf\n{p}\n{p}"
        ));
        let a = extract(&d);
        assert_eq!(
            a.title.as_deref(),
            Some("Navy stops pirate attack in the gulf")
        );
        assert_eq!(a.date.as_deref(), Some("2011-11-11"));
        // With no headline in the text, the given title stays.
        d.body = Body::Text(format!("{p}\n{p}"));
        assert_eq!(
            extract(&d).title.as_deref(),
            Some("Friday, November 11, 2011")
        );
        // A real given title is kept over the text's headline.
        d.title = Some("Pirates foiled".into());
        d.body = Body::Text(format!("Navy stops pirate attack in the gulf\n{p}"));
        assert_eq!(extract(&d).title.as_deref(), Some("Pirates foiled"));
    }

    #[test]
    fn a_date_says_where_it_came_from() {
        let p = "The navy said on Friday that its patrol ship had stopped three pirate boats in the gulf overnight.";
        // A dateline in a text is read from the prose.
        let mut d = html_doc(String::new());
        d.body = Body::Text(format!("Friday, November 11, 2011\n{p}\n{p}"));
        let a = extract(&d);
        assert_eq!(a.date.as_deref(), Some("2011-11-11"));
        assert_eq!(a.date_source, Some(DateSource::Text));
        // A date given with the input wins over the dateline and says so.
        d.date = Some("2011-11-12".into());
        let a = extract(&d);
        assert_eq!(a.date.as_deref(), Some("2011-11-12"));
        assert_eq!(a.date_source, Some(DateSource::Given));
        // A page's meta tag is the page's own statement.
        let page = format!(
            "<html><head><meta property=\"article:published_time\" content=\"2011-11-10T08:00:00Z\"></head>\
             <body><article><p>{p}</p><p>{p}</p></article></body></html>"
        );
        let a = extract(&html_doc(page));
        assert_eq!(a.date.as_deref().map(|d| &d[..10]), Some("2011-11-10"));
        assert_eq!(a.date_source, Some(DateSource::Page));
        // A page that only writes the date in its prose.
        let page = format!(
            "<html><body><article><p>{p} It happened on 10 November 2011.</p><p>{p}</p></article></body></html>"
        );
        let a = extract(&html_doc(page));
        assert_eq!(a.date.as_deref(), Some("2011-11-10"));
        assert_eq!(a.date_source, Some(DateSource::Text));
        // No date, no source.
        d.date = None;
        d.body = Body::Text(format!("{p}\n{p}"));
        let a = extract(&d);
        assert_eq!((a.date, a.date_source), (None, None));
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://www.Example.com:8080/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host_of("http://user@news.site.org").as_deref(),
            Some("news.site.org")
        );
        assert_eq!(host_of(""), None);
    }

    #[test]
    fn a_declared_language_the_text_contradicts_gives_way() {
        let german = "Der Stadtrat hat am Montag beschlossen, die alte Brücke wegen Reparaturen zu sperren, und der Bürgermeister sagte, dass Busse die Fähre ersetzen werden, bis die Arbeiten im nächsten Frühjahr abgeschlossen sind.";
        let english = "The council voted on Monday to close the old bridge for repairs, and the mayor said that buses would replace the ferry service until the work is finished next spring.";
        let page = |lang: &str, body: &str| {
            html_doc(format!(
                "<html lang=\"{lang}\"><body><article><p>{body}</p></article></body></html>"
            ))
        };
        let lang = |d: Document| extract(&d).lang;
        // A template's default over a page in another language.
        assert_eq!(lang(page("en-US", german)).as_deref(), Some("de"));
        // A declaration the text agrees with is kept as written.
        assert_eq!(lang(page("en-US", english)).as_deref(), Some("en-US"));
        assert_eq!(lang(page("de", german)).as_deref(), Some("de"));
        // Too little text to judge: the declaration stands.
        assert_eq!(lang(page("en", "Kurz.")).as_deref(), Some("en"));
        // So does a language the detector does not know (it calls this
        // Albanian text something else).
        let unknown = "Qeveria njoftoi sot se ura e vjetër do të mbyllet për riparime për disa muaj, dhe autobusët do të zëvendësojnë tragetin deri në pranverën e ardhshme, tha kryetari i bashkisë.";
        assert_eq!(lang(page("sq-AL", unknown)).as_deref(), Some("sq-AL"));
    }

    #[test]
    fn a_consent_dialog_is_never_the_article() {
        let dialog = "<div id=\"cookie-notice\" class=\"privacy-popup\"><p>We and our partners store and read information on your device. Embedded videos and posts from other platforms are blocked until you agree; you can change your choice at any time in the settings.</p><p>Video platform, Example Video Inc., Dublin, Ireland. Social network, Example Social Ltd., Dublin, Ireland. Maps, Example Maps Ltd., Dublin, Ireland.</p></div>";
        // The article was loaded by a script: the dialog is most of the page,
        // and is still not taken as its text.
        let page = format!("<html><body><h1>Wine exports grow</h1>{dialog}</body></html>");
        assert_eq!(html_to_text(&page), "");
        // Beside an article, the article is kept and the dialog dropped.
        let article = "<article><p>Wine exports from the valley grew by a tenth last year, the growers' association said on Thursday, led by sales of white wine to Scandinavia and Japan.</p></article>";
        let page = format!("<html><body>{dialog}{article}</body></html>");
        let text = html_to_text(&page);
        assert!(text.starts_with("Wine exports from the valley"), "{text}");
        assert!(!text.contains("partners"), "{text}");
        // A consent manager's class on the page's frame drops nothing.
        for frame in [
            "<body class=\"cookie-banner-open\">",
            "<body><main class=\"has-consent\">",
        ] {
            let page = format!("<html>{frame}{article}</html>");
            assert!(html_to_text(&page).starts_with("Wine exports"), "{frame}");
        }
    }
}
