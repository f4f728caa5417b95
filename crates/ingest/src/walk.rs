//! Turning command-line paths into the list of inputs: files as named, folders
//! walked recursively (following links, refusing loops), `-` for standard input.
//! Inside a folder only files with a known extension are taken; the rest are
//! counted as skipped.

use crate::format::Format;
use crate::{IngestError, Input, Rejection};
use std::path::PathBuf;

/// The inputs found under `paths`, the rejections met on the way, and how many
/// files in folders were skipped for an unknown extension. Files come in a stable
/// order (sorted by path within each folder).
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Rejection>, usize) {
    let mut inputs = Vec::new();
    let mut rejections = Vec::new();
    let mut skipped = 0;
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                rejections.push(Rejection {
                    origin: path.display().to_string(),
                    error: IngestError::Io(e),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            inputs.push(Input::File(path.clone()));
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => {
                    if Format::from_path(e.path()).is_some() {
                        inputs.push(Input::File(e.into_path()));
                    } else {
                        skipped += 1;
                    }
                }
                Err(e) => {
                    let origin = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| path.display().to_string());
                    let error = if e.loop_ancestor().is_some() {
                        IngestError::SymlinkLoop
                    } else {
                        match e.into_io_error() {
                            Some(io) => IngestError::Io(io),
                            None => IngestError::SymlinkLoop,
                        }
                    };
                    rejections.push(Rejection { origin, error });
                }
            }
        }
    }
    (inputs, rejections, skipped)
}
