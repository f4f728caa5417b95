//! Identifier newtypes. They are plain strings on the wire (`serde(transparent)`).

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a string as this id.
            pub fn new(s: impl Into<String>) -> Self {
                Self(s.into())
            }
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }
    };
}

id_type!(
    /// One article: a file's name without extensions, a JSONL row's `id`, or a
    /// WARC record's `WARC-Record-ID`.
    ArticleId
);
id_type!(
    /// A copy group: articles that are the same article (republished whole or
    /// lightly edited). Stable across runs for the same inputs.
    GroupId
);
id_type!(
    /// A story: articles reporting the same event.
    StoryId
);
id_type!(
    /// A thread: stories on the same ongoing topic over weeks or years.
    ThreadId
);
