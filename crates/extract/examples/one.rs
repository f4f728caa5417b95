//! Extracts one gzip'd or plain HTML file and prints the text (development aid).
use std::io::Read;
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let mut buf = Vec::new();
    let f = std::fs::File::open(&path).expect("open");
    if path.ends_with(".gz") {
        flate2::read::GzDecoder::new(f)
            .read_to_end(&mut buf)
            .expect("gz");
    } else {
        std::io::BufReader::new(f)
            .read_to_end(&mut buf)
            .expect("read");
    }
    println!(
        "{}",
        crossread_extract::html_to_text(&String::from_utf8_lossy(&buf))
    );
}
