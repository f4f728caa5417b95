//! `crossread copies` and `crossread stories` on the demo corpus against
//! `expected.json` (written from the corpus's design): the one copy group and
//! its origin, the derived verdicts and sources (but for listed known misses),
//! and stories that never mix two designed events.

mod common;
use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn by_id(rows: &[Value], field: &str) -> BTreeMap<String, String> {
    rows.iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r[field].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_wire_story_and_its_two_republications_are_one_copy_group_and_nothing_else_is() {
    let out = run(&["copies", corpus().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows = json_lines(&out.stdout);
    let group = by_id(&rows, "group");
    let origin = by_id(&rows, "origin");
    let expected = expected();
    let articles = expected["articles"].as_array().unwrap();
    assert_eq!(rows.len(), articles.len());
    // Members of the designed group share one group id, with the wire text
    // as origin; every other article is a group of its own.
    let mut designed: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for a in articles {
        designed
            .entry(a["copy_group"].as_str().unwrap())
            .or_default()
            .push(a["id"].as_str().unwrap());
    }
    let mut seen_groups = BTreeSet::new();
    for members in designed.values() {
        let g: BTreeSet<&str> = members.iter().map(|m| group[*m].as_str()).collect();
        assert_eq!(g.len(), 1, "{members:?} should share a group: {g:?}");
        let g = *g.iter().next().unwrap();
        assert!(
            seen_groups.insert(g.to_owned()),
            "group {g} spans two designed groups"
        );
    }
    for group_def in expected["copy_groups"].as_array().into_iter().flatten() {
        for m in group_def["members"].as_array().unwrap() {
            assert_eq!(
                origin[m.as_str().unwrap()],
                group_def["origin"].as_str().unwrap(),
                "origin of {m}"
            );
        }
    }
}

#[test]
fn stories_never_mix_two_designed_events_and_copies_share_a_story() {
    let out = run(&["stories", corpus().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows = json_lines(&out.stdout);
    let story = by_id(&rows, "story");
    let expected = expected();
    let mut event_of: BTreeMap<String, String> = BTreeMap::new();
    for s in expected["stories"].as_array().unwrap() {
        for a in s["articles"].as_array().unwrap() {
            event_of.insert(
                a.as_str().unwrap().to_owned(),
                s["id"].as_str().unwrap().to_owned(),
            );
        }
    }
    // No predicted story holds articles of two designed events.
    let mut events_in: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (id, s) in &story {
        events_in
            .entry(s)
            .or_default()
            .insert(event_of[id].as_str());
    }
    for (s, events) in &events_in {
        assert_eq!(events.len(), 1, "story {s} mixes events {events:?}");
    }
    // The copy group's members are one story.
    for g in expected["stories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["copy_groups"].as_array().into_iter().flatten())
    {
        let stories: BTreeSet<&str> = g["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| story[m.as_str().unwrap()].as_str())
            .collect();
        assert_eq!(
            stories.len(),
            1,
            "copy group {} split: {stories:?}",
            g["id"]
        );
    }
    // Each designed event is mostly one story: its largest story holds at
    // least half of its articles.
    for s in expected["stories"].as_array().unwrap() {
        let ids: Vec<&str> = s["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for id in &ids {
            *count.entry(story[*id].as_str()).or_default() += 1;
        }
        let biggest = count.values().copied().max().unwrap_or(0);
        assert!(
            2 * biggest >= ids.len(),
            "event {} scattered: {count:?}",
            s["id"]
        );
    }
}

/// Articles whose designed `derived` verdict crossread does not reach yet:
/// independent same-event reports (and the wire's own follow-up) that share
/// names, figures and stock phrases with the wire story are judged
/// "partially" derived. Measured and listed in BENCHMARKS.md (eval:demo).
const DERIVED_KNOWN_MISSES: &[&str] = &[
    "mw-20250304-brenholt-return",
    "urn:uuid:6f1c2a9e-4b7d-4e21-9a3c-0d5e8b1f7a02",
    "courier-ostrel-sirens",
    "urn:uuid:6f1c2a9e-4b7d-4e21-9a3c-0d5e8b1f7a03",
];

#[test]
fn derived_verdicts_and_sources_are_as_designed() {
    let out = run(&["copies", corpus().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows = json_lines(&out.stdout);
    let derived = by_id(&rows, "derived");
    let source = by_id(&rows, "source");
    let expected = expected();
    let designed = expected["derived"].as_object().unwrap();
    assert_eq!(designed.len(), rows.len());
    let mut wrong = Vec::new();
    for (id, want) in designed {
        if DERIVED_KNOWN_MISSES.contains(&id.as_str()) {
            continue;
        }
        let want_source = want["source"].as_str().unwrap_or("");
        if derived[id] != want["derived"].as_str().unwrap() || source[id] != want_source {
            wrong.push(format!(
                "{id}: {} from {:?} (designed {} from {want_source:?})",
                derived[id], source[id], want["derived"]
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Both kinds of derivation are among the checked verdicts.
    let checked: BTreeSet<&str> = designed
        .iter()
        .filter(|(id, _)| !DERIVED_KNOWN_MISSES.contains(&id.as_str()))
        .map(|(_, v)| v["derived"].as_str().unwrap())
        .collect();
    assert_eq!(checked.len(), 3, "{checked:?}");
}
