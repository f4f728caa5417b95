//! Fuzz target: any bytes, as an HTML page and as extracted text, through the
//! whole extract stage. It must not panic; libFuzzer's timeout and RSS limits
//! catch unbounded time or memory.
#![no_main]

use crossread_core::{Body, Document};
use libfuzzer_sys::fuzz_target;

fn doc(body: Body) -> Document {
    Document {
        id: "fuzz".into(),
        origin: "fuzz".into(),
        url: Some("https://example.com/2019/11/20/story".into()),
        outlet: None,
        date: None,
        title: None,
        fetched: None,
        body,
    }
}

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data).into_owned();
    let a = crossread_extract::extract(&doc(Body::Html(s.clone())));
    if a.text.is_empty() {
        assert!(a.note.is_some(), "an empty article must say why");
    }
    let _ = crossread_extract::extract(&doc(Body::Text(s)));
});
