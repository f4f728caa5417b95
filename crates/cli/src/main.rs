//! The `crossread` command line: the only place that talks to a terminal, uses
//! `anyhow`, and decides exit codes. Every stage lives in its own library crate;
//! this binary only wires them together.
//!
//! Exit codes: 0 success; 1 a fatal error (nothing or not everything could run);
//! 2 a usage error; 3 the run finished but some inputs were rejected (each is named
//! on stderr; every good input beside them was processed).

mod cmd;
mod pipeline;
mod progress;

use clap::{Parser, Subcommand};

/// mimalloc rather than the system allocator: every stage allocates many
/// small, short-lived vectors per article; measured in BENCHMARKS.md
/// (bench:stories gives the rate with both).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  crossread analyze examples/corpus              # ingest a folder into ./crossread.db and run every stage
  crossread analyze --db news.db crawl.warc.gz   # any mix of .txt .html .warc .jsonl, gzip or not
  crossread report                               # stories, copies, claims and quotes, for a terminal
  crossread report --json > report.json          # the same as JSON
  crossread extract page.html                    # one JSON line per article, nothing stored
  crossread compare examples/corpus              # each article's claims, disputes and quotes, nothing stored
  cat rows.jsonl | crossread extract -           # standard input works everywhere a path does

Exit status: 0 ok, 1 fatal error, 2 usage error, 3 finished but some inputs were rejected.";

/// Read one news story across many outlets.
#[derive(Parser, Debug)]
#[command(name = "crossread", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options every command that reads inputs shares.
#[derive(clap::Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or folders (walked recursively) of .txt, .html, .htm, .warc, .jsonl,
    /// optionally .gz; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Largest article accepted, in MiB after decompression.
    #[arg(long, default_value_t = 32, value_name = "MIB")]
    pub max_article_mb: usize,
    /// Worker threads of every stage (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
}

/// A pipeline stage, in order.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Read inputs into the store.
    Ingest,
    /// Extract article text and metadata.
    Extract,
    /// Find copies and reused passages.
    Copies,
    /// Group articles into stories and threads.
    Stories,
    /// Compare each story across outlets.
    Compare,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Ingest inputs into the store and run every stage over them.
    #[command(
        after_help = "Running it again on the same inputs adds nothing and finishes what an interrupted run left."
    )]
    Analyze {
        /// The store file.
        #[arg(long, default_value = "crossread.db", value_name = "PATH")]
        db: PathBuf,
        #[command(flatten)]
        input: InputArgs,
        /// Never show a progress bar.
        #[arg(long, short = 'q')]
        quiet: bool,
        /// Run the stages only up to this one (the next run finishes the rest).
        #[arg(long, value_enum, default_value_t = Stage::Compare)]
        stop_after: Stage,
        /// Work out every stored article's copy record again over the whole
        /// collection (what `crossread copies` gives over the same files),
        /// instead of deciding only the new articles and those they came
        /// before.
        #[arg(long)]
        recompute_copies: bool,
    },
    /// Print what the store holds: stories with their articles.
    Report {
        /// The store file.
        #[arg(long, default_value = "crossread.db", value_name = "PATH")]
        db: PathBuf,
        /// JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Text width for the terminal report.
        #[arg(long, default_value_t = 100)]
        width: usize,
    },
    /// Read the inputs and print one JSON line per document as read (the JSONL
    /// input format, plus origin and crawl time).
    Ingest {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Extract each article (text and metadata) and print one JSON line per article.
    Extract {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Find copies and reused passages; print one JSON line per article.
    Copies {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Group articles into stories and threads; print one JSON line per article.
    Stories {
        #[command(flatten)]
        input: InputArgs,
    },
    /// Compare each story across outlets; print one JSON line per article (its
    /// claims, disputes, quotes, entities and numbers).
    Compare {
        #[command(flatten)]
        input: InputArgs,
    },
}

impl Command {
    /// The input options of a command that reads inputs.
    fn input(&self) -> Option<&InputArgs> {
        match self {
            Command::Analyze { input, .. }
            | Command::Ingest { input }
            | Command::Extract { input }
            | Command::Copies { input }
            | Command::Stories { input }
            | Command::Compare { input } => Some(input),
            Command::Report { .. } => None,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // `-j` bounds every stage's workers, not only ingest's.
    if let Some(n) = cli.command.input().and_then(|i| i.threads) {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
        {
            eprintln!("crossread: error: cannot start {n} worker threads: {e}");
            return ExitCode::from(1);
        }
    }
    let result = match cli.command {
        Command::Analyze {
            db,
            input,
            quiet,
            stop_after,
            recompute_copies,
        } => cmd::analyze(
            &db,
            &input,
            cmd::StageOptions {
                quiet,
                stop_after,
                recompute_copies,
            },
        ),
        Command::Report { db, json, width } => cmd::report(&db, json, width),
        Command::Ingest { input } => cmd::ingest(&input),
        Command::Extract { input } => cmd::extract(&input),
        Command::Copies { input } => cmd::copies(&input),
        Command::Stories { input } => cmd::stories(&input),
        Command::Compare { input } => cmd::compare_cmd(&input),
    };
    match result {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(e) => {
            eprintln!("crossread: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
