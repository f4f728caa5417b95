//! Plain-text report of story comparisons for a terminal: per story, the outlets
//! with their dates, the copy groups with their origin, the claims sorted by
//! independent support, the disputed claims with both sides, and the quotes
//! grouped by speaker. Lines are word-wrapped to the given width.
//!
//! It does NOT use colour or terminal control codes, and it shortens long lists
//! (saying how many items were left out); the JSON output has everything.

use crate::{ArticleId, StoryComparison};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Claims shown per story.
const SHOW_CLAIMS: usize = 25;
/// Disputed claims shown per story.
const SHOW_DISPUTES: usize = 10;
/// Speakers shown per story, and quotes per speaker.
const SHOW_SPEAKERS: usize = 20;
const SHOW_QUOTES_PER_SPEAKER: usize = 5;

/// Renders comparisons as text, wrapped at `width` columns (at least 40).
pub fn render_terminal(stories: &[StoryComparison], width: usize) -> String {
    let width = width.max(40);
    let mut out = String::new();
    for (n, s) in stories.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        story(&mut out, s, width);
    }
    out
}

fn outlet_of(s: &StoryComparison) -> BTreeMap<&ArticleId, String> {
    s.articles
        .iter()
        .map(|a| {
            (
                &a.id,
                a.outlet
                    .clone()
                    .filter(|o| !o.is_empty())
                    .unwrap_or_else(|| a.id.to_string()),
            )
        })
        .collect()
}

fn story(out: &mut String, s: &StoryComparison, width: usize) {
    let rule: String = "=".repeat(width);
    let _ = writeln!(out, "{rule}");
    let title = s.title.as_deref().unwrap_or("(untitled)");
    wrap(out, &format!("STORY {}: {}", s.id, title), "", "  ", width);
    let _ = writeln!(
        out,
        "first seen {}, thread {}, {} article(s), {} claim(s), {} quote(s)",
        s.first_seen.as_deref().unwrap_or("unknown"),
        s.thread,
        s.articles.len(),
        s.claims.len(),
        s.quotes.len()
    );
    let _ = writeln!(out, "{rule}");
    let outlets = outlet_of(s);

    let _ = writeln!(out, "\nOUTLETS");
    for a in &s.articles {
        let date = a
            .date
            .as_deref()
            .map(|d| d.get(..10).unwrap_or(d))
            .unwrap_or("----------");
        let outlet = a.outlet.as_deref().unwrap_or("(unknown outlet)");
        let group = a
            .copy_group
            .as_ref()
            .filter(|g| s.copy_groups.iter().any(|c| &c.id == *g))
            .map(|g| format!(" [copy group {g}]"))
            .unwrap_or_default();
        let line = format!(
            "{date}  {outlet} ({}){group}: {}",
            a.id,
            a.title.as_deref().unwrap_or("(no title)")
        );
        wrap(out, &line, "  ", "              ", width);
    }

    if !s.copy_groups.is_empty() {
        let _ = writeln!(out, "\nCOPY GROUPS (each counts as one source)");
        for g in &s.copy_groups {
            let members: Vec<String> = g
                .members
                .iter()
                .map(|m| outlets.get(m).cloned().unwrap_or_else(|| m.to_string()))
                .collect();
            let origin = outlets
                .get(&g.origin)
                .cloned()
                .unwrap_or_else(|| g.origin.to_string());
            wrap(
                out,
                &format!(
                    "{}: origin {} ({}); members: {}",
                    g.id,
                    origin,
                    g.origin,
                    members.join(", ")
                ),
                "  ",
                "    ",
                width,
            );
        }
    }

    let _ = writeln!(out, "\nCLAIMS (most independent sources first)");
    if s.claims.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for c in s.claims.iter().take(SHOW_CLAIMS) {
        let tag = format!(
            "[{} source{}, {} article{}] ",
            c.independent_sources,
            plural(c.independent_sources),
            c.articles.len(),
            plural(c.articles.len())
        );
        wrap(out, &format!("{tag}{}", c.text), "  ", "      ", width);
        let names: Vec<String> = c
            .articles
            .iter()
            .map(|a| outlets.get(a).cloned().unwrap_or_else(|| a.to_string()))
            .collect();
        wrap(
            out,
            &format!("in: {}", dedup(names).join(", ")),
            "      ",
            "        ",
            width,
        );
    }
    if s.claims.len() > SHOW_CLAIMS {
        let _ = writeln!(
            out,
            "  ... {} more claim(s) in the JSON report",
            s.claims.len() - SHOW_CLAIMS
        );
    }

    let disputed: Vec<_> = s
        .claims
        .iter()
        .filter(|c| !c.disputed_by.is_empty())
        .collect();
    if !disputed.is_empty() {
        let _ = writeln!(out, "\nDISPUTED CLAIMS");
        for c in disputed.iter().take(SHOW_DISPUTES) {
            let names: Vec<String> = c
                .articles
                .iter()
                .map(|a| outlets.get(a).cloned().unwrap_or_else(|| a.to_string()))
                .collect();
            wrap(
                out,
                &format!("CLAIM ({}): {}", dedup(names).join(", "), c.text),
                "  ",
                "      ",
                width,
            );
            for d in &c.disputed_by {
                let who = outlets
                    .get(&d.article)
                    .cloned()
                    .unwrap_or_else(|| d.article.to_string());
                wrap(
                    out,
                    &format!("DISPUTED BY {who}: {}", d.text),
                    "    ",
                    "        ",
                    width,
                );
            }
        }
        if disputed.len() > SHOW_DISPUTES {
            let _ = writeln!(
                out,
                "  ... {} more disputed claim(s)",
                disputed.len() - SHOW_DISPUTES
            );
        }
    }

    let _ = writeln!(out, "\nQUOTES BY SPEAKER");
    if s.quotes.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    let mut by_speaker: Vec<(&str, Vec<&crate::Quote>)> = Vec::new();
    for q in &s.quotes {
        match by_speaker.last_mut() {
            Some((sp, v)) if *sp == q.speaker => v.push(q),
            _ => by_speaker.push((&q.speaker, vec![q])),
        }
    }
    by_speaker.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    for (sp, qs) in by_speaker.iter().take(SHOW_SPEAKERS) {
        let _ = writeln!(out, "  {sp} ({} quote{})", qs.len(), plural(qs.len()));
        for q in qs.iter().take(SHOW_QUOTES_PER_SPEAKER) {
            let who = outlets
                .get(&q.article)
                .cloned()
                .unwrap_or_else(|| q.article.to_string());
            wrap(
                out,
                &format!("\u{201c}{}\u{201d} ({}, {who})", q.text, q.cue),
                "    ",
                "      ",
                width,
            );
        }
        if qs.len() > SHOW_QUOTES_PER_SPEAKER {
            let _ = writeln!(out, "    ... {} more", qs.len() - SHOW_QUOTES_PER_SPEAKER);
        }
    }
    if by_speaker.len() > SHOW_SPEAKERS {
        let _ = writeln!(
            out,
            "  ... {} more speaker(s)",
            by_speaker.len() - SHOW_SPEAKERS
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    v.retain(|x| seen.insert(x.clone()));
    v
}

/// Appends `text` word-wrapped to `width` columns: the first line indented by
/// `first`, the others by `rest`. A word longer than a line is cut.
fn wrap(out: &mut String, text: &str, first: &str, rest: &str, width: usize) {
    let mut line = String::from(first);
    let mut len = first.chars().count();
    let mut empty = true;
    for word in text.split_whitespace() {
        let wl = word.chars().count();
        if !empty && len + 1 + wl > width {
            out.push_str(&line);
            out.push('\n');
            line = String::from(rest);
            len = rest.chars().count();
            empty = true;
        }
        let mut word = word.to_string();
        let room = width.saturating_sub(len + usize::from(!empty)).max(1);
        if word.chars().count() > room && empty {
            word = word.chars().take(room).collect();
        }
        if !empty {
            line.push(' ');
            len += 1;
        }
        len += word.chars().count();
        line.push_str(&word);
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_within_width() {
        let mut s = String::new();
        let text = "word ".repeat(60) + &"x".repeat(300);
        wrap(&mut s, &text, "  ", "    ", 40);
        for l in s.lines() {
            assert!(l.chars().count() <= 40, "{l:?}");
        }
        assert!(s.starts_with("  word word"));
        assert!(s.lines().nth(1).is_some_and(|l| l.starts_with("    word")));
    }

    #[test]
    fn empty_input_renders_nothing() {
        assert_eq!(render_terminal(&[], 100), "");
    }
}
