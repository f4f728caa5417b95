//! Containment figures of one article against many of its candidates.
//!
//! The article's shingle hashes go into a small open-addressing table and
//! its word ids into a bitset; each candidate then costs one probe per
//! element of its own sets, where a merge of two sorted sets walks both.
//! An article meets tens of candidates, so its own sets are walked once
//! instead of once per candidate.
//!
//! The figures are exactly those of the merge: the shingle count is a
//! count, and the word weights of the shared words are summed in ascending
//! word id, the order the merge meets them in.
//!
//! It does NOT choose the pairs, weigh anything but by the IDF over all
//! representatives, or keep anything between two articles.

use crate::store::Store;

/// Articles with at most this many distinct shingles get a table eight
/// times their size (512 KiB at most); larger ones, twice.
const SPREAD_UP_TO: usize = 1 << 13;

/// Reusable scratch for one thread: load an article, measure candidates
/// against it, unload.
pub(crate) struct Probe {
    /// Open addressing over the loaded article's shingle hashes; 0 is empty.
    slots: Vec<u64>,
    mask: usize,
    /// The loaded article holds the shingle hash 0 (kept out of `slots`).
    has_zero: bool,
    /// One bit per word id of the loaded article.
    words: Vec<u64>,
    /// The loaded article, if any.
    loaded: Option<usize>,
}

impl Probe {
    pub(crate) fn new(st: &Store) -> Probe {
        Probe {
            slots: Vec::new(),
            mask: 0,
            has_zero: false,
            words: vec![0; st.vocab.len().div_ceil(64)],
            loaded: None,
        }
    }

    /// Makes `a` the article candidates are measured against.
    pub(crate) fn load(&mut self, a: usize, st: &Store) {
        if self.loaded == Some(a) {
            return;
        }
        self.unload(st);
        let s3 = st.s3(a);
        // Mostly empty, so that a probe of an absent hash nearly always
        // ends at its first slot (measured: two fifths of the CPU of a day's
        // run of `bench/analyze.sh` at 100k went to the merge, and a
        // half-full table was no faster than it); a huge article's table is
        // only twice its size.
        let spread = if s3.len() <= SPREAD_UP_TO { 8 } else { 2 };
        let cap = (s3.len() * spread).next_power_of_two().max(16);
        self.slots.clear();
        self.slots.resize(cap, 0);
        self.mask = cap - 1;
        self.has_zero = false;
        for &h in s3 {
            if h == 0 {
                self.has_zero = true;
                continue;
            }
            let mut i = slot_of(h) & self.mask;
            while self.slots[i] != 0 {
                i = (i + 1) & self.mask;
            }
            self.slots[i] = h;
        }
        for &x in st.s1(a) {
            if let Some(w) = self.words.get_mut(x as usize / 64) {
                *w |= 1 << (x % 64);
            }
        }
        self.loaded = Some(a);
    }

    /// Clears the loaded article's word bits (the table is rebuilt by the
    /// next load).
    fn unload(&mut self, st: &Store) {
        if let Some(a) = self.loaded.take() {
            for &x in st.s1(a) {
                if let Some(w) = self.words.get_mut(x as usize / 64) {
                    *w = 0;
                }
            }
        }
    }

    /// Shared shingles and the IDF weight of the shared words of the loaded
    /// article and `b`: what [`crate::engine`]'s merge of the two gives.
    pub(crate) fn against(&self, b: usize, st: &Store) -> (u32, f64) {
        let mut n3 = 0u32;
        if self.loaded.is_some() {
            for &h in st.s3(b) {
                if h == 0 {
                    n3 += u32::from(self.has_zero);
                    continue;
                }
                let mut i = slot_of(h) & self.mask;
                loop {
                    let s = self.slots[i];
                    if s == h || s == 0 {
                        n3 += u32::from(s == h);
                        break;
                    }
                    i = (i + 1) & self.mask;
                }
            }
        }
        let mut w1 = 0f64;
        for &x in st.s1(b) {
            let bit = self
                .words
                .get(x as usize / 64)
                .is_some_and(|w| w >> (x % 64) & 1 == 1);
            if bit {
                w1 += f64::from(st.idf.get(x as usize).copied().unwrap_or(0.0));
            }
        }
        (n3, w1)
    }
}

/// Table position of a shingle hash (already mixed: its low bits will do,
/// folded with the high ones).
fn slot_of(h: u64) -> usize {
    (h ^ (h >> 32)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_the_figures_of_the_merge() {
        // Overlapping texts of different lengths, one empty, one repeated
        // word, and one long enough for the sparse table.
        let long: String = (0..9000).map(|i| format!("w{} ", i % 4000)).collect();
        let texts = [
            "the council voted on the new budget for the city on monday",
            "on monday the council voted on the new budget, the city said",
            "",
            "budget budget budget",
            "a completely different text about a football match",
            long.as_str(),
            "w1 w2 w3 w4 w5 w6 w7 w8 the budget",
        ];
        let mut st = Store::build(texts.iter().copied());
        let all: Vec<usize> = (0..texts.len()).collect();
        st.set_idf(&all);
        let mut probe = Probe::new(&st);
        for a in 0..texts.len() {
            probe.load(a, &st);
            for b in 0..texts.len() {
                let (n3, w1) = probe.against(b, &st);
                let (m3, v1) = crate::engine::merge_figures(a, b, &st);
                assert_eq!(n3, m3, "shingles of {a} and {b}");
                assert_eq!(w1.to_bits(), v1.to_bits(), "words of {a} and {b}");
            }
        }
        // Shared figures are not zero everywhere: the check can fail.
        probe.load(0, &st);
        assert!(probe.against(1, &st).0 > 0);
        probe.load(6, &st);
        assert!(probe.against(5, &st).0 > 0);
    }
}
