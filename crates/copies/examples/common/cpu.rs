//! Process CPU time for the copies benches (shared by `copies-bench` and
//! `stage` through `#[path]`; a folder without `main.rs` is no example).

/// CPU seconds (user + system) of this process so far, from /proc (Linux;
/// 0 elsewhere). The machine is shared, so CPU time is the fair measure.
pub fn cpu_secs() -> f64 {
    let Ok(s) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields overall, in clock ticks (100 per second on Linux).
    let rest = s.rsplit_once(')').map(|x| x.1).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}
