//! Throughput of the stories engine on a generated, dated news stream.
//!
//! `bench N [--dump PATH]`: generates N articles (fixed seed 42), 2,000 a
//! day, each about one of ~40 events open that day (an event lives three
//! days) plus Zipf-distributed background words, then feeds them to a fresh
//! engine in order and prints one line of JSON: the rate (articles per
//! second of the engine's own CPU time) over the whole run and over its first
//! and last 10% (flatness), and the articles held at the end (`--digest`:
//! a hash of every assignment instead, to check that a change keeps results). `--dump` writes the stream as JSON Lines (id, title, text, date) for
//! the anchor instead of running the engine.
//!
//! Text is generated before the clock starts: this times the clustering of
//! already-extracted articles, not generation.

use crossread_core::Article;
use crossread_stories::{StoryConfig, StoryEngine};
use std::io::Write;
use std::time::Instant;

/// The allocator of the `crossread` binary, so that the rate is the one
/// `crossread analyze` gets (`bench/stories.sh` also reports the system
/// allocator's rate, from the `system-alloc` build of this example).
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// xorshift64*, seeded: deterministic across runs and machines.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// Roughly Zipf over 0..n (inverse-power draw).
    fn zipf(&mut self, n: u64) -> u64 {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as u64).saturating_sub(1).min(n - 1)
    }
}

fn word(i: u64, cap: bool) -> String {
    const SYL: [&str; 16] = [
        "ka", "lo", "mi", "ne", "ru", "ta", "shi", "po", "ven", "dar", "el", "qu", "sa", "to",
        "ber", "in",
    ];
    let mut s = String::new();
    let mut x = i + 1;
    while x > 0 {
        s.push_str(SYL[(x % 16) as usize]);
        x /= 16;
    }
    if cap {
        let mut c = s.chars();
        if let Some(f) = c.next() {
            return f.to_uppercase().collect::<String>() + c.as_str();
        }
    }
    s
}

/// The generated stream, one article at a time (so that memory measures the engine).
struct Stream {
    rng: Rng,
    i: usize,
    n: usize,
}

impl Iterator for Stream {
    type Item = Article;
    fn next(&mut self) -> Option<Article> {
        if self.i >= self.n {
            return None;
        }
        let i = self.i;
        self.i += 1;
        Some(generate_one(&mut self.rng, i))
    }
}

fn generate(n: usize) -> Stream {
    Stream {
        rng: Rng(42),
        i: 0,
        n,
    }
}

fn generate_one(rng: &mut Rng, i: usize) -> Article {
    let per_day = 2000usize;
    let vocab = 50_000u64;
    {
        let day = i / per_day;
        // Events are numbered globally; the ones open today span days day-2..=day.
        let event = (day as u64).saturating_sub(2) * 14 + rng.below(42);
        let mut text = String::new();
        let mut title = String::new();
        let mut ev = Rng(event.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let names: Vec<String> = (0..4)
            .map(|_| word(100_000 + ev.below(200_000), true))
            .collect();
        let topic: Vec<String> = (0..12).map(|_| word(ev.below(vocab), false)).collect();
        let number = 10 + ev.below(990);
        for t in topic.iter().take(3) {
            title.push_str(&names[rng.below(4) as usize]);
            title.push(' ');
            title.push_str(t);
            title.push(' ');
        }
        let words = 60 + rng.below(100);
        for w in 0..words {
            let r = rng.below(10);
            let tok = if r == 0 {
                names[rng.below(4) as usize].clone()
            } else if r < 3 {
                topic[rng.below(12) as usize].clone()
            } else {
                word(rng.zipf(vocab), false)
            };
            text.push_str(&tok);
            text.push(if w % 15 == 14 { '.' } else { ' ' });
            if w % 15 == 14 {
                text.push(' ');
            }
        }
        text.push_str(&format!(" {number} were there."));
        let mut a = Article::from_text(format!("g{i}"), text);
        a.title = Some(title);
        a.date = Some(format!(
            "2020-{:02}-{:02}T{:02}:00:00Z",
            1 + (day / 28) % 12,
            1 + day % 28,
            (i % per_day) * 24 / per_day
        ));
        // Years roll over every 336 days; keep dates increasing.
        let year = 2000 + day / 336;
        if let Some(d) = a.date.as_mut() {
            d.replace_range(0..4, &year.to_string());
        }
        a
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    if let Some(i) = args.iter().position(|a| a == "--dump") {
        let Some(path) = args.get(i + 1) else {
            eprintln!("--dump PATH");
            std::process::exit(2);
        };
        let f = std::fs::File::create(path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(2)
        });
        let mut w = std::io::BufWriter::new(f);
        for a in generate(n) {
            let line = serde_json::json!({"id": a.id.as_str(), "title": a.title, "text": a.text, "date": a.date});
            let _ = writeln!(w, "{line}");
        }
        return;
    }
    // CPU time of this thread (ns, /proc/thread-self/schedstat): the machine
    // is shared, so wall-clock would count other processes' time. The stream
    // is generated twice, once alone and once feeding the engine; the engine's
    // CPU time is the difference, at the start, at 10%, at 90% and at the end.
    let tenth = (n / 10).max(1);
    // Articles are fed the way `crossread analyze` feeds them, through
    // `add_batch`, one day (2,000 articles) at a time (`--single`: one by one).
    let digest = args.iter().any(|a| a == "--digest");
    let chunk = if args.iter().any(|a| a == "--single") {
        1
    } else {
        2000
    };
    let mut fold = 0u64;
    let mut marks = |feed: bool| -> ([f64; 4], usize, usize) {
        let mut e = StoryEngine::new(StoryConfig::default());
        let mut m = [0f64; 4];
        m[0] = cpu_secs();
        let mut stories = std::collections::HashSet::new();
        let mut buf: Vec<Article> = Vec::with_capacity(chunk);
        for (i, a) in generate(n).enumerate() {
            if i == n - tenth {
                m[2] = cpu_secs();
            }
            if feed {
                buf.push(a);
                if buf.len() == chunk || i + 1 == tenth || i + 1 == n - tenth || i + 1 == n {
                    for (j, s) in e.add_batch(&buf, &[]).into_iter().enumerate() {
                        if digest {
                            let line = format!(
                                "{} {} {}",
                                s.id.as_str(),
                                s.story.as_str(),
                                s.thread.as_str()
                            );
                            fold = xxhash_rust::xxh3::xxh3_64_with_seed(line.as_bytes(), fold);
                        }
                        if (i + 1 - buf.len() + j).is_multiple_of(97) {
                            stories.insert(s.story);
                        }
                    }
                    buf.clear();
                }
            } else {
                std::hint::black_box(&a);
            }
            if i + 1 == tenth {
                m[1] = cpu_secs();
            }
        }
        m[3] = cpu_secs();
        (m, e.active_articles(), stories.len())
    };
    let wall = Instant::now();
    let (g, _, _) = marks(false);
    let (f, active, stories) = marks(true);
    let span = |a: usize, b: usize| ((f[b] - f[a]) - (g[b] - g[a])).max(1e-9);
    let total = span(0, 3);
    if digest {
        println!("{{\"n\": {n}, \"digest\": \"{fold:016x}\"}}");
        return;
    }
    println!(
        "{{\"n\": {n}, \"cpu_secs\": {total:.3}, \"rate\": {:.0}, \"rate_first10\": {:.0}, \"rate_last10\": {:.0}, \"active_end\": {active}, \"sampled_stories\": {stories}, \"wall_secs_both_passes\": {:.1}}}",
        n as f64 / total,
        tenth as f64 / span(0, 1),
        tenth as f64 / span(2, 3),
        wall.elapsed().as_secs_f64()
    );
}

/// CPU time consumed by this thread so far, in seconds (0 where unavailable).
fn cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|v| v.parse::<u64>().ok())
        })
        .map_or(0.0, |ns| ns as f64 / 1e9)
}
