//! The `bantin` command: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    },
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
        } => {
            let options = bantin::BuildOptions {
                root,
                output,
                base_url,
                drafts,
                skip_png: no_png,
                cache_dir,
            };
            match bantin::build(&options) {
                Ok(report) => {
                    for warning in &report.warnings.0 {
                        eprintln!("{warning}");
                    }
                    println!(
                        "built {} pages ({} files) into {}\nopen {} in a browser",
                        report.pages,
                        report.files,
                        report.output.display(),
                        report.output.join("index.html").display()
                    );
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
    }
}
