//! A `Hasher` for map keys that are already hashes or sequence numbers.
//!
//! Token, term and shingle hashes are well mixed already; sequence numbers
//! and node indices are not. One multiply-rotate spreads both over every bit
//! (hashbrown reads the top bits for its control bytes), far cheaper than
//! the standard library's SipHash. It does NOT resist chosen keys: use it
//! only for keys the engine derives itself, never for keys read from input.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The hasher; see the module documentation.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(26) ^ n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A `HashMap` keyed through [`KeyHasher`].
pub type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, BuildHasherDefault};

    #[test]
    fn consecutive_keys_differ_in_the_top_bits() {
        // hashbrown's control byte is the top 7 bits: sequence numbers must
        // not all share it (an identity hash would give 0 for all of them).
        let b = BuildHasherDefault::<KeyHasher>::default();
        let tops: std::collections::BTreeSet<u64> =
            (0u64..64).map(|k| b.hash_one(k) >> 57).collect();
        assert!(tops.len() > 32, "{} distinct top bytes", tops.len());
        // Equal keys hash alike whatever their integer width.
        assert_eq!(b.hash_one(7u32), b.hash_one(7u64));
    }
}
