//! Shared vocabulary of the crossread pipeline.
//!
//! `ingest -> extract -> copies -> stories -> compare -> store -> report / serve`
//!
//! This crate holds the types that cross a stage boundary: what ingest hands to
//! extract ([`Document`]), what extract hands to every later stage ([`Article`]),
//! and the per-article records that copies and stories produce ([`CopyRecord`],
//! [`StoryAssignment`]). It does no I/O, owns no algorithm and depends on no
//! other crossread crate. Beside the types it holds utilities that stages
//! share: [`KeyHasher`], the hasher for maps keyed by hashes and sequence numbers;
//! and facts about text that stages must read alike ([`written_without_spaces`],
//! [`primary_language`], [`char_offset`]).
//!
//! Architecture invariant: every type here serialises to the JSON shape that the
//! CLI prints, field for field; changing a field name changes a public contract.
#![deny(missing_docs)]

mod article;
mod copies;
mod document;
mod hash;
mod ids;
mod stories;
mod text;

pub use article::{Article, Attribution, AttributionKind, DateSource};
pub use copies::{CopyRecord, Derivation, Passage, PassageKind};
pub use document::{Body, ContentHash, Document};
pub use hash::{KeyHasher, KeyMap};
pub use ids::{ArticleId, GroupId, StoryId, ThreadId};
pub use stories::StoryAssignment;
pub use text::{primary_language, written_without_spaces};

/// Offsets into article text are counted in Unicode scalar values (code points),
/// as Python indexes `str`. Converts a byte offset of `text` into that unit.
///
/// `byte` must lie on a char boundary; a byte past the end counts every char.
pub fn char_offset(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text[..byte].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points_not_bytes() {
        let t = "é£a";
        assert_eq!(char_offset(t, 0), 0);
        assert_eq!(char_offset(t, 2), 1); // é is two bytes
        assert_eq!(char_offset(t, 4), 2); // £ is two bytes
        assert_eq!(char_offset(t, 99), 3);
    }
}
