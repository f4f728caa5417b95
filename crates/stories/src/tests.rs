//! Behaviour tests of the public API on small hand-written articles.

use super::*;
use crossread_core::{ArticleId, DateSource, StoryId, ThreadId};

fn art(id: &str, date: Option<&str>, title: &str, text: &str) -> Article {
    let mut a = Article::from_text(id, text);
    a.title = Some(title.to_owned());
    a.date = date.map(str::to_owned);
    a
}

const QUAKE_A: (&str, &str) = (
    "Earthquake of magnitude 6.1 strikes Napa Valley",
    "A magnitude 6.1 earthquake struck Napa Valley in California early Sunday, injuring 120 people and damaging historic buildings in downtown Napa.",
);
const QUAKE_B: (&str, &str) = (
    "Napa earthquake injures 120",
    "The 6.1 magnitude quake near Napa, California damaged wineries and buildings; officials in Napa said 120 people were injured.",
);
const QUAKE_C: (&str, &str) = (
    "Powerful earthquake hits Iquique in Chile",
    "An 8.2 magnitude earthquake hit off the coast of Iquique in northern Chile, killing six people and triggering a tsunami warning across the Pacific.",
);
const REHAB: (&str, &str) = (
    "Lindsay Lohan checks into rehab at Betty Ford",
    "Actress Lindsay Lohan entered the Betty Ford Center for a 90 day rehab stay ordered by a Los Angeles judge.",
);

/// One input row: id, date, (title, text), copy group.
type Row<'a> = (
    &'a str,
    Option<&'a str>,
    (&'a str, &'a str),
    Option<&'a str>,
);

/// Feeds rows in order; checks which share a story.
fn check(input: &[Row], same_story: &[&[&str]]) {
    let mut e = StoryEngine::new(StoryConfig::default());
    let mut got = Vec::new();
    for (id, date, (title, text), group) in input {
        let g = group.map(GroupId::new);
        got.push(e.add(&art(id, *date, title, text), g.as_ref()));
    }
    let story_of = |id: &str| {
        got.iter()
            .find(|a| a.id.as_str() == id)
            .map(|a| a.story.clone())
    };
    // Expected partition: ids in the same group share a story, others do not.
    for (gi, group) in same_story.iter().enumerate() {
        for id in *group {
            assert_eq!(
                story_of(id),
                story_of(group[0]),
                "{id} should join {}",
                group[0]
            );
        }
        for other in &same_story[gi + 1..] {
            assert_ne!(
                story_of(group[0]),
                story_of(other[0]),
                "{} vs {}",
                group[0],
                other[0]
            );
        }
    }
}

#[test]
fn same_event_joins_and_same_kind_event_does_not() {
    check(
        &[
            ("a", None, QUAKE_A, None),
            ("c", None, QUAKE_C, None),
            ("b", None, QUAKE_B, None),
            ("r", None, REHAB, None),
        ],
        &[&["a", "b"], &["c"], &["r"]],
    );
}

#[test]
fn copy_group_always_joins() {
    check(
        &[
            ("a", None, QUAKE_A, Some("g1")),
            ("r", None, REHAB, Some("g1")),
            ("c", None, QUAKE_C, None),
        ],
        &[&["a", "r"], &["c"]],
    );
}

#[test]
fn dated_articles_beyond_the_window_do_not_join() {
    check(
        &[
            ("a", Some("2014-08-24"), QUAKE_A, None),
            ("b", Some("2014-09-20"), QUAKE_B, None),
        ],
        &[&["a"], &["b"]],
    );
    check(
        &[
            ("a", Some("2014-08-24"), QUAKE_A, None),
            ("b", Some("2014-08-25T10:00:00Z"), QUAKE_B, None),
        ],
        &[&["a", "b"]],
    );
}

#[test]
fn a_date_read_from_the_prose_orders_but_does_not_keep_apart() {
    // The same two reports, 27 days apart, as in the test above: with
    // dates the input or the page gives they stay apart, with dates read
    // from their datelines they join (a follow-up weeks later is often the
    // same event).
    let place = |source: DateSource| {
        let mut arts = vec![
            art("b", Some("2014-09-20"), QUAKE_B.0, QUAKE_B.1),
            art("a", Some("2014-08-24"), QUAKE_A.0, QUAKE_A.1),
        ];
        for a in &mut arts {
            a.date_source = Some(source);
        }
        cluster(&arts, &[])
    };
    for source in [DateSource::Given, DateSource::Page] {
        let out = place(source);
        assert_ne!(out[0].story, out[1].story, "{source:?}");
    }
    let out = place(DateSource::Text);
    assert_eq!(out[0].story, out[1].story);
    // Still fed by date: the earlier article names the story.
    assert_eq!(out[0].story, StoryId::new("a"));
}

#[test]
fn undated_members_do_not_carry_a_story_across_time() {
    check(
        &[
            ("a", Some("2014-08-24"), QUAKE_A, None),
            ("u", None, QUAKE_B, None),
            ("b", Some("2014-09-20"), QUAKE_A, None),
        ],
        &[&["a", "u"], &["b"]],
    );
}

#[test]
fn ids_come_from_the_first_member() {
    let mut e = StoryEngine::new(StoryConfig::default());
    let a = e.add(&art("first", None, QUAKE_A.0, QUAKE_A.1), None);
    let b = e.add(&art("second", None, QUAKE_B.0, QUAKE_B.1), None);
    assert_eq!(a.story, StoryId::new("first"));
    assert_eq!(a.thread, ThreadId::new("first"));
    assert_eq!(b.story, StoryId::new("first"));
    assert_eq!(b.id, ArticleId::new("second"));
}

fn stream() -> Vec<Article> {
    // Four events, repeated with small variations over twelve days.
    let mut v = Vec::new();
    for day in 0..12 {
        for (k, (t, x)) in [QUAKE_A, QUAKE_B, QUAKE_C, REHAB].iter().enumerate() {
            let date = format!("2014-08-{:02}", day + 1);
            v.push(art(
                &format!("d{day}k{k}"),
                Some(&date),
                t,
                &format!("{x} Update {day}."),
            ));
        }
        v.push(art(&format!("u{day}"), None, REHAB.0, REHAB.1));
    }
    v
}

#[test]
fn save_and_load_continue_exactly() {
    let arts = stream();
    let mut whole = StoryEngine::new(StoryConfig::default());
    let expect: Vec<_> = arts.iter().map(|a| whole.add(a, None)).collect();
    for cut in [0, 1, 7, 30, arts.len()] {
        let mut first = StoryEngine::new(StoryConfig::default());
        let mut got: Vec<_> = arts[..cut].iter().map(|a| first.add(a, None)).collect();
        let bytes = first.save();
        let mut second = StoryEngine::load(&bytes).expect("loads");
        assert_eq!(
            second.save(),
            bytes,
            "save is deterministic and round-trips"
        );
        got.extend(arts[cut..].iter().map(|a| second.add(a, None)));
        assert_eq!(got, expect, "cut at {cut}");
    }
}

#[test]
fn load_rejects_bad_bytes_without_panicking() {
    let good = StoryEngine::new(StoryConfig::default()).save();
    assert!(matches!(
        StoryEngine::load(b""),
        Err(StoriesError::BadMagic)
    ));
    assert!(matches!(
        StoryEngine::load(b"hello world, not a state"),
        Err(StoriesError::BadMagic)
    ));
    let mut v99 = good.clone();
    v99[8] = 99;
    assert!(matches!(
        StoryEngine::load(&v99),
        Err(StoriesError::UnsupportedVersion(99))
    ));
    let mut full = StoryEngine::new(StoryConfig::default());
    for a in stream() {
        full.add(&a, None);
    }
    let bytes = full.save();
    for cut in [12, 13, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            StoryEngine::load(&bytes[..cut]).is_err(),
            "truncated at {cut}"
        );
    }
}

#[test]
fn window_bounds_memory() {
    let mut e = StoryEngine::new(StoryConfig {
        max_undated: 10,
        window_days: 2.0,
        ..StoryConfig::default()
    });
    for a in stream() {
        e.add(&a, None);
    }
    // Dated: the last 2 days (+ today) of 4 a day; undated: at most 10.
    assert!(e.active_articles() <= 3 * 4 + 10, "{}", e.active_articles());
}

#[test]
fn odd_input_never_panics() {
    let long = "word ".repeat(50_000);
    let odd = [
        "",
        "x",
        "Hello",
        "東京で大きな地震があり、多くの建物が倒壊した。",
        "Землетрясение магнитудой 6,1 произошло в Калифорнии.",
        "\u{0}\u{1}\u{fffd}\u{10ffff}",
        long.as_str(),
    ];
    let mut e = StoryEngine::new(StoryConfig::default());
    for (i, t) in odd.iter().enumerate() {
        for date in [
            None,
            Some("garbage"),
            Some("2020-02-30"),
            Some("9999-12-31T23:59"),
        ] {
            let a = art(&format!("{i}"), date, t, t);
            let s = e.add(&a, None);
            assert_eq!(s.id.as_str(), format!("{i}"));
        }
    }
    // Empty articles never join anything.
    let x = e.add(&art("e1", None, "", ""), None);
    let y = e.add(&art("e2", None, "", ""), None);
    assert_ne!(x.story, y.story);
}

#[test]
fn cluster_returns_input_order_and_sorts_by_date() {
    let arts = vec![
        art("late", Some("2014-08-25"), QUAKE_B.0, QUAKE_B.1),
        art("undated", None, REHAB.0, REHAB.1),
        art("early", Some("2014-08-24"), QUAKE_A.0, QUAKE_A.1),
    ];
    let out = cluster(&arts, &[]);
    let ids: Vec<&str> = out.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["late", "undated", "early"]);
    // "early" is fed first, so the quake story is named after it.
    assert_eq!(out[0].story, StoryId::new("early"));
    assert_eq!(feed_order(&arts), vec![2, 0, 1]);
}

#[test]
fn hostile_state_values_do_not_panic() {
    // A state whose counters sit at their maxima still loads and runs.
    let mut e = StoryEngine::new(StoryConfig {
        max_df_terms: 0,
        max_groups: 0,
        max_threads: 0,
        ..StoryConfig::default()
    });
    for a in stream() {
        e.add(&a, Some(&GroupId::new("g")));
    }
    let bytes = e.save();
    let mut again = StoryEngine::load(&bytes).expect("loads");
    for a in stream() {
        let s = again.add(&a, None);
        assert_eq!(s.id, a.id);
    }
    // Flipping bytes of a valid state either fails to load or loads and runs.
    for i in (12..bytes.len()).step_by(97) {
        let mut b = bytes.clone();
        b[i] ^= 0xff;
        if let Ok(mut x) = StoryEngine::load(&b) {
            x.add(&art("z", Some("2014-08-30"), QUAKE_A.0, QUAKE_A.1), None);
        }
    }
}

#[test]
fn observe_counts_without_placing() {
    let mut e = StoryEngine::new(StoryConfig::default());
    for a in stream() {
        e.observe(&a);
    }
    assert_eq!(e.active_articles(), 0, "observed articles are not stored");
    let s = e.add(&art("x", None, QUAKE_A.0, QUAKE_A.1), None);
    assert_eq!(
        s.story,
        StoryId::new("x"),
        "no observed article became a story"
    );
    let t = e.add(&art("y", None, QUAKE_B.0, QUAKE_B.1), None);
    assert_eq!(t.story, StoryId::new("x"));
}

/// Partition of `add_batch`'s output as sets of ids sharing a story.
fn partition(out: &[StoryAssignment]) -> Vec<Vec<String>> {
    let mut by: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for a in out {
        by.entry(a.story.to_string())
            .or_default()
            .push(a.id.to_string());
    }
    let mut v: Vec<Vec<String>> = by.into_values().collect();
    v.sort();
    v
}

#[test]
fn a_batch_is_clustered_as_a_whole() {
    let arts = [
        art("a", None, QUAKE_A.0, QUAKE_A.1),
        art("c", None, QUAKE_C.0, QUAKE_C.1),
        art("r", None, REHAB.0, REHAB.1),
        art("b", None, QUAKE_B.0, QUAKE_B.1),
    ];
    let out = cluster(&arts, &[]);
    assert_eq!(partition(&out), vec![vec!["a", "b"], vec!["c"], vec!["r"]]);
    // Story ids name the first member; output keeps the input order.
    assert_eq!(out[3].id.as_str(), "b");
    assert_eq!(out[3].story, StoryId::new("a"));
}

#[test]
fn copies_in_one_batch_share_a_story_whatever_their_text() {
    let arts = [
        art("a", None, QUAKE_A.0, QUAKE_A.1),
        art("c", None, QUAKE_C.0, QUAKE_C.1),
        art("r", None, REHAB.0, REHAB.1),
    ];
    let g = [Some(GroupId::new("g")), None, Some(GroupId::new("g"))];
    assert_eq!(
        partition(&cluster(&arts, &g)),
        vec![vec!["a", "r"], vec!["c"]]
    );
}

#[test]
fn a_later_batch_continues_saved_stories_without_changing_them() {
    let mut e = StoryEngine::new(StoryConfig::default());
    let first = e.add_batch(
        &[
            art("a", Some("2024-03-01"), QUAKE_A.0, QUAKE_A.1),
            art("c", Some("2024-03-01"), QUAKE_C.0, QUAKE_C.1),
        ],
        &[],
    );
    assert_ne!(first[0].story, first[1].story);
    let mut e = StoryEngine::load(&e.save()).expect("state loads");
    let second = e.add_batch(
        &[
            art("b", Some("2024-03-02"), QUAKE_B.0, QUAKE_B.1),
            art("r", Some("2024-03-02"), REHAB.0, REHAB.1),
        ],
        &[],
    );
    assert_eq!(second[0].story, StoryId::new("a"));
    assert_eq!(second[1].story, StoryId::new("r"));
}

#[test]
fn closeness_in_time_adds_to_the_similarity_of_dated_articles() {
    // A threshold no content match reaches: only the time bonus can join.
    let cfg = StoryConfig {
        threshold: 0.99,
        time_bonus: 0.99,
        window_days: 3.0,
        ..StoryConfig::default()
    };
    let pair = |da: Option<&str>, db: Option<&str>, text_b: (&str, &str)| {
        let arts = [
            art("a", da, QUAKE_A.0, QUAKE_A.1),
            art("b", db, text_b.0, text_b.1),
        ];
        let out = cluster_with(cfg.clone(), &arts, &[]);
        out[0].story == out[1].story
    };
    // Same day and related: the full bonus lifts the pair over the bar.
    assert!(pair(Some("2024-03-01"), Some("2024-03-01"), QUAKE_B));
    // Undated: no bonus.
    assert!(!pair(None, None, QUAKE_B));
    // Two of three window days apart: a third of the bonus is not enough.
    assert!(!pair(Some("2024-03-01"), Some("2024-03-03"), QUAKE_B));
    // Same day but nothing in common: no bonus either.
    assert!(!pair(Some("2024-03-01"), Some("2024-03-01"), REHAB));
    // Dates read from the prose earn the bonus as well.
    let arts = [
        art("a", Some("2024-03-01"), QUAKE_A.0, QUAKE_A.1),
        art("b", Some("2024-03-01"), QUAKE_B.0, QUAKE_B.1),
    ]
    .map(|mut a| {
        a.date_source = Some(DateSource::Text);
        a
    });
    let out = cluster_with(cfg.clone(), &arts, &[]);
    assert_eq!(out[0].story, out[1].story);
}

#[test]
fn undated_leads_naming_different_weekdays_are_kept_apart() {
    const A: (&str, &str) = (
        "Senate confirms Alma Ruiz to Velmora high court",
        "Senators confirmed Judge Alma Ruiz to the Velmora Supreme Court on Monday after a long debate.",
    );
    let b = |day: &str| {
        (
            "Alma Ruiz confirmed to Velmora Supreme Court",
            format!(
                "Judge Alma Ruiz was confirmed to the Velmora Supreme Court by senators on {day}."
            ),
        )
    };
    // The factor applies only when both name days and share none.
    let joined = |factor: f32, day: &str, dated: bool| {
        let cfg = StoryConfig {
            weekday_factor: factor,
            ..StoryConfig::default()
        };
        let date = dated.then_some("2024-03-04");
        let (bt, bx) = b(day);
        let arts = [art("a", date, A.0, A.1), art("b", date, bt, &bx)];
        let out = cluster_with(cfg, &arts, &[]);
        out[0].story == out[1].story
    };
    assert!(joined(0.0, "Monday", false), "same day named");
    assert!(!joined(0.0, "Thursday", false), "different days named");
    assert!(joined(1.0, "Thursday", false), "factor 1 is off");
    assert!(joined(0.0, "the same day", false), "one names no day");
    assert!(
        joined(0.0, "Thursday", true),
        "both dated: the dates decide"
    );
}

/// Two events of one topic for the event-word tests (title, text): the
/// same names (Alma Ruiz, Velmora, Judge, Senate), different happenings. A's
/// lower-case words (questioned, hearing, ...) and B's (sworn, chief,
/// justice, ...) have none in common.
const TOPIC_A: (&str, &str) = (
    "Velmora Senate questions Judge Alma Ruiz",
    "Senators questioned Judge Alma Ruiz of Velmora at a hearing on her record.",
);
/// See [`TOPIC_A`].
const TOPIC_B: (&str, &str) = (
    "Judge Alma Ruiz takes Velmora Senate seat",
    "Judge Alma Ruiz of Velmora was sworn in before the Senate by the chief justice.",
);
/// B told with A's words: they share "questioned" and "hearing".
const TOPIC_B_SAME: (&str, &str) = (
    "Judge Alma Ruiz takes Velmora Senate seat",
    "Judge Alma Ruiz of Velmora was questioned before the Senate at a hearing.",
);
/// No word in lower case at all: no event words, so no evidence either way.
const TOPIC_B_NONE: (&str, &str) = (
    "Judge Alma Ruiz Of Velmora Senate",
    "Alma Ruiz, Velmora Senate.",
);

/// The date both reports carry when a case is dated.
const TOPIC_DATE: &str = "2024-03-04";

/// The event-word cases, given whether A and a second report (title, text)
/// end up in one story at an `event_factor`, both dated or not.
fn check_event_cases(joined: impl Fn(f32, (&str, &str), bool) -> bool) {
    assert!(
        joined(1.0, TOPIC_B, false),
        "factor 1 is off: the names join them"
    );
    assert!(!joined(0.0, TOPIC_B, false), "no event word in common");
    assert!(joined(0.0, TOPIC_B_SAME, false), "event words in common");
    assert!(joined(0.0, TOPIC_B_NONE, false), "one has no event words");
    assert!(joined(0.0, TOPIC_B, true), "both dated: the dates decide");
}

#[test]
fn two_events_of_one_topic_without_a_shared_event_word_are_kept_apart() {
    // Their event-word cosine is 0, under `event_floor`.
    let joined = |factor: f32, b: (&str, &str), dated: bool| {
        let cfg = StoryConfig {
            event_factor: factor,
            ..StoryConfig::default()
        };
        let date = dated.then_some(TOPIC_DATE);
        let arts = [
            art("a", date, TOPIC_A.0, TOPIC_A.1),
            art("b", date, b.0, b.1),
        ];
        let out = cluster_with(cfg, &arts, &[]);
        out[0].story == out[1].story
    };
    check_event_cases(joined);
}

#[test]
fn a_later_report_of_another_event_of_the_topic_does_not_join_its_story() {
    // The same two events as above, placed one at a time (a stream): B
    // meets A's story, a fixed story of one member whose event words
    // (questioned, hearing, ...) share none with B's (sworn, chief, ...):
    // average event-word cosine 0, under `event_floor`.
    let joined = |factor: f32, b: (&str, &str), dated: bool| {
        let cfg = StoryConfig {
            event_factor: factor,
            ..StoryConfig::default()
        };
        let date = dated.then_some(TOPIC_DATE);
        let mut e = StoryEngine::new(cfg);
        let first = e.add(&art("a", date, TOPIC_A.0, TOPIC_A.1), None);
        // The story's event-word sums survive a save and a load.
        let mut e = StoryEngine::load(&e.save()).expect("state loads");
        let second = e.add(&art("b", date, b.0, b.1), None);
        first.story == second.story
    };
    check_event_cases(joined);
}

#[test]
fn a_story_of_prose_dated_reports_is_not_kept_apart_across_chunks() {
    // The two quake reports of the test above, the first dated by its
    // dateline and the second by the input, with an unrelated report beside
    // each so that a chunk of two closes after the first quake report. The
    // first chunk's story is still active when the second chunk starts (its
    // first date is a day later), and the second quake report joins it: the
    // story holds no stated date, so nothing keeps them apart, as in one
    // chunk.
    let mut arts = vec![
        art("a", Some("2014-08-24"), QUAKE_A.0, QUAKE_A.1),
        art("x", Some("2014-08-24"), REHAB.0, REHAB.1),
        art("y", Some("2014-08-25"), QUAKE_C.0, QUAKE_C.1),
        art("b", Some("2014-09-20"), QUAKE_B.0, QUAKE_B.1),
    ];
    for a in &mut arts {
        a.date_source = Some(DateSource::Given);
    }
    arts[0].date_source = Some(DateSource::Text);
    let groups = vec![None; arts.len()];
    for chunk in [20_000, 2] {
        let cfg = StoryConfig {
            chunk_articles: chunk,
            ..StoryConfig::default()
        };
        let out = cluster_with(cfg.clone(), &arts, &groups);
        assert_eq!(out[3].story, StoryId::new("a"), "chunks of {chunk}");
        assert_ne!(out[1].story, out[0].story);
        assert_ne!(out[2].story, out[0].story);
    }
    // A stated date far from the story's stated dates still keeps apart.
    arts[0].date_source = Some(DateSource::Given);
    let cfg = StoryConfig {
        chunk_articles: 2,
        ..StoryConfig::default()
    };
    let out = cluster_with(cfg.clone(), &arts, &groups);
    assert_ne!(out[3].story, out[0].story);
}

const FLOOD: (&str, &str) = (
    "Inondations à Lyon",
    "De fortes pluies ont provoqué des inondations dans la ville de Lyon pendant la nuit de mardi à mercredi. Les pompiers ont évacué plus de deux cents habitants des quartiers situés le long de la Saône, et la préfecture a ouvert un gymnase pour les accueillir. Selon la mairie, il n'y a pas de victime, mais de nombreuses caves et des commerces sont sous l'eau. Les écoles du quartier resteront fermées jusqu'à la fin de la semaine, le temps de nettoyer les bâtiments.",
);
const FLOOD_LATER: (&str, &str) = (
    "Lyon : un gymnase pour les habitants évacués",
    "La préfecture a ouvert un gymnase pour accueillir les habitants évacués après les inondations de Lyon. Les pompiers sont intervenus toute la nuit le long de la Saône, selon la mairie, et plus de deux cents personnes ont quitté leur logement. Les écoles du quartier restent fermées.",
);
const TRANSFER: (&str, &str) = (
    "Marseille signe un attaquant brésilien",
    "Le club de football de Marseille a annoncé mercredi la signature d'un attaquant brésilien pour une durée de quatre ans. Le joueur, qui évoluait jusqu'ici dans le championnat portugais, sera présenté à la presse dans la semaine et pourrait jouer dès le prochain match à domicile. Le montant du transfert n'a pas été communiqué par les deux clubs, mais la presse sportive parle de plus de vingt millions d'euros. L'entraîneur s'est dit très heureux de l'arrivée de ce joueur rapide et puissant.",
);

#[test]
fn function_words_of_the_article_language_do_not_make_a_story() {
    // French reports among English ones: French function words ("le", "la",
    // "les", "de", "des", "pour", "dans") are in every French text and in
    // almost no other, so the collection counts them as rare. They must not
    // tie a football transfer to a flood; the two flood reports still share
    // a story.
    let place = |lang: Option<&str>| {
        let mut arts = vec![
            art("qa", None, QUAKE_A.0, QUAKE_A.1),
            art("fl", None, FLOOD.0, FLOOD.1),
            art("qc", None, QUAKE_C.0, QUAKE_C.1),
            art("tr", None, TRANSFER.0, TRANSFER.1),
            art("re", None, REHAB.0, REHAB.1),
            art("qb", None, QUAKE_B.0, QUAKE_B.1),
        ];
        for a in &mut arts {
            a.lang = Some("en".to_owned());
        }
        arts[1].lang = lang.map(str::to_owned);
        arts[3].lang = lang.map(str::to_owned);
        cluster(&arts, &[])
    };
    let out = place(Some("fr"));
    assert_ne!(out[1].story, out[3].story);
    assert_eq!(out[0].story, out[5].story);
    // A region suffix is read too.
    let out = place(Some("fr-FR"));
    assert_ne!(out[1].story, out[3].story);
    // Without their language the two French texts are one story: the case
    // above is the one this guards against.
    let out = place(None);
    assert_eq!(out[1].story, out[3].story);
    // Two reports of the flood still share a story.
    let mut arts = vec![
        art("fl", None, FLOOD.0, FLOOD.1),
        art("qa", None, QUAKE_A.0, QUAKE_A.1),
        art("fb", None, FLOOD_LATER.0, FLOOD_LATER.1),
        art("tr", None, TRANSFER.0, TRANSFER.1),
    ];
    for (a, lang) in arts.iter_mut().zip(["fr", "en", "fr", "fr"]) {
        a.lang = Some(lang.to_owned());
    }
    let out = cluster(&arts, &[]);
    assert_eq!(out[0].story, out[2].story);
    assert_ne!(out[0].story, out[3].story);
}

#[test]
fn scripts_without_spaces_are_read_in_pairs_of_characters() {
    // Two Chinese reports of one earthquake and one of a football match,
    // among English reports. Chinese is written without spaces: read as
    // whole runs between punctuation, the two quake reports would share no
    // token at all.
    let mut arts = vec![
        art(
            "za",
            None,
            "四川发生六级地震",
            "四川省昨天凌晨发生六级地震，造成至少十二人死亡，数百间房屋倒塌。救援人员正在搜寻被困居民。",
        ),
        art("qa", None, QUAKE_A.0, QUAKE_A.1),
        art(
            "zc",
            None,
            "上海队赢得足球比赛",
            "上海队昨晚在主场以三比一战胜北京队，前锋在下半场打进两球，球迷在体育场外庆祝到深夜。",
        ),
        art(
            "zb",
            None,
            "四川地震死亡人数上升",
            "四川地震已造成十二人死亡，救援人员连夜搜寻倒塌房屋中的被困居民，当地政府开放学校安置灾民。",
        ),
        art("re", None, REHAB.0, REHAB.1),
    ];
    for (a, lang) in arts.iter_mut().zip(["zh", "en", "zh", "zh", "en"]) {
        a.lang = Some(lang.to_owned());
    }
    let out = cluster(&arts, &[]);
    assert_eq!(out[0].story, out[3].story);
    assert_ne!(out[0].story, out[2].story);
    assert_ne!(out[0].story, out[1].story);
}
