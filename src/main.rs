//! The `bantin` command: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use bantin::progress::{self, Feedback, Verbosity};
use clap::{Parser, Subcommand};

/// See Cargo.toml: a build allocates on every render thread at once.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "bantin",
    version,
    about = "Builds multilingual social-insurance bulletins from YAML data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        /// The site folder (holding content/, templates/, locales/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/output].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Base URL the site is published under, e.g. https://example.org/bao-cao/.
        #[arg(long)]
        base_url: Option<String>,
        /// Also build bulletins marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Write charts as SVG only, without their PNG downloads.
        #[arg(long)]
        no_png: bool,
        /// Cache of rasterized charts [default: <root>/.bantin-cache]; safe to delete.
        #[arg(long)]
        cache_dir: Option<PathBuf>,
        /// Replace an output folder bantin did not make (it has no .bantin-output file).
        #[arg(long)]
        force: bool,
        /// Read files that symbolic links lead to outside the site folder (refused by default).
        #[arg(long)]
        allow_outside: bool,
        /// Print only warnings and errors: no progress bar, no summary.
        #[arg(long, short)]
        quiet: bool,
        /// Also list every file written.
        #[arg(long, short, conflicts_with = "quiet")]
        verbose: bool,
    },
    /// Check the site: stated figures against the data, identities, translations, narratives,
    /// figure citations and links (rendered in memory; nothing is written).
    Check {
        /// The site folder (holding content/, templates/, locales/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Check the links of this built site instead of a site rendered in memory.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// How to print the findings.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Read files that symbolic links lead to outside the site folder (refused by default).
        #[arg(long)]
        allow_outside: bool,
    },
    /// Preview the site: build it into memory, serve it on this machine, and rebuild the
    /// pages a change affects as files are saved (open pages reload; errors show over them).
    Serve {
        /// The site folder (holding content/, templates/, locales/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 8421)]
        port: u16,
        /// The address to listen on. Another than 127.0.0.1 lets other machines read the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Also show bulletins marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Cache of rasterized charts [default: <root>/.bantin-cache]; safe to delete.
        #[arg(long)]
        cache_dir: Option<PathBuf>,
        /// Read files that symbolic links lead to outside the site folder (refused by default).
        #[arg(long)]
        allow_outside: bool,
    },
    /// Create new content.
    New {
        #[command(subcommand)]
        what: New,
    },
    /// Record that a translated narrative now says what the default-language narrative says
    /// (its `translated-from` line), so `check` can tell when the source changes again.
    Translated {
        /// The bulletin, as its folder in content/bulletins/ (e.g. 2024-01-18-nghe-an).
        bulletin: String,
        /// The language of the translation (e.g. en).
        lang: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a small site that builds at once, in a new or empty folder.
    Init {
        /// The folder to create the site in.
        dir: PathBuf,
    },
}

#[derive(Subcommand)]
enum New {
    /// A bulletin folder with bulletin.yaml and a narrative per language, as a draft.
    Bulletin {
        /// The region id, as in content/regions.yaml (e.g. nghe-an).
        #[arg(long)]
        region: String,
        /// The date of the conference, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            no_png,
            cache_dir,
            force,
            allow_outside,
            quiet,
            verbose,
        } => {
            let options = bantin::BuildOptions {
                root,
                output,
                base_url,
                drafts,
                skip_png: no_png,
                cache_dir,
                force,
                allow_outside,
            };
            let verbosity = match (quiet, verbose) {
                (true, _) => Verbosity::Quiet,
                (_, true) => Verbosity::Verbose,
                _ => Verbosity::Normal,
            };
            let mode = progress::mode(verbosity, &progress::Terminal::detect());
            let feedback = Feedback::new(mode, progress::bar_delay());
            let built = bantin::build_with(&options, &feedback);
            feedback.clear();
            match built {
                Ok(report) => {
                    for warning in &report.warnings.0 {
                        eprintln!("{warning}");
                    }
                    print!("{}", feedback.report(&report));
                    ExitCode::SUCCESS
                }
                Err(problems) => {
                    eprint!("{problems}");
                    let count = problems.errors().count();
                    eprintln!(
                        "build failed with {count} error{}; the previous output is unchanged",
                        if count == 1 { "" } else { "s" }
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check {
            root,
            output,
            strict,
            format,
            allow_outside,
        } => check(
            bantin::check::CheckOptions {
                root,
                output,
                allow_outside,
            },
            strict,
            format,
        ),
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
            cache_dir,
            allow_outside,
        } => {
            let options = bantin::serve::ServeOptions {
                root,
                bind,
                port,
                open,
                drafts,
                cache_dir,
                allow_outside,
            };
            match bantin::serve::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(problem) => {
                    eprintln!("{problem}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::New {
            what: New::Bulletin { region, date, root },
        } => match bantin::scaffold::new_bulletin(&root, &region, &date) {
            Ok(created) => {
                for file in &created.files {
                    println!("created {}", file.display());
                }
                println!(
                    "the bulletin is a draft: write its narratives, then remove `draft: true` from {}",
                    created.folder.join("bulletin.yaml").display()
                );
                ExitCode::SUCCESS
            }
            Err(problems) => fail(&problems),
        },
        Command::Translated {
            bulletin,
            lang,
            root,
        } => match bantin::translated::mark_translated(&root, &bulletin, &lang) {
            Ok(recorded) => {
                let shown = |path: &std::path::Path| {
                    path.strip_prefix(&root)
                        .unwrap_or(path)
                        .display()
                        .to_string()
                };
                let source = shown(&recorded.source);
                let place = format!("{}:{}", shown(&recorded.path), recorded.line);
                if recorded.changed {
                    println!("{place}: recorded as translated from {source} as it is now");
                } else {
                    println!("{place}: already recorded as translated from {source} as it is now");
                }
                ExitCode::SUCCESS
            }
            Err(problems) => fail(&problems),
        },
        Command::Init { dir } => match bantin::scaffold::init(&dir) {
            Ok(files) => {
                println!(
                    "created a site of {} files in {}",
                    files.len(),
                    dir.display()
                );
                println!(
                    "build it with `bantin build --root {0}` and check it with `bantin check --root {0}`",
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(problems) => fail(&problems),
        },
    }
}

fn fail(problems: &bantin::diagnostics::Diagnostics) -> ExitCode {
    eprint!("{problems}");
    ExitCode::FAILURE
}

/// Prints what `check` finds; exit 1 on errors, and on warnings too with `--strict`.
fn check(options: bantin::check::CheckOptions, strict: bool, format: Format) -> ExitCode {
    let found = bantin::check::run(&options);
    match format {
        Format::Json => match serde_json::to_string_pretty(&found.0) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("error: cannot write JSON: {e}");
                return ExitCode::FAILURE;
            }
        },
        Format::Text => {
            print!("{found}");
            let errors = found.errors().count();
            let warnings = found.warnings().count();
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            println!(
                "check: {errors} error{}, {warnings} warning{}",
                plural(errors),
                plural(warnings)
            );
        }
    }
    if found.has_errors() || (strict && found.warnings().next().is_some()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
