//! Writes the benchmark's synthetic site: `gen_site --bulletins N --out DIR [--hugo DIR]`.
//!
//! `--out` gets a bantin site (this repository's templates and locales, 63 regions, 16 years
//! of data, N bulletins in four languages); `--hugo` also a Hugo site with the same
//! narratives. `scripts/bench.sh` times both.

#[path = "../benches/generate.rs"]
mod generate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: gen_site --bulletins N --out DIR [--hugo DIR]";

fn main() -> ExitCode {
    let mut bulletins = None;
    let mut out = None;
    let mut hugo = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--bulletins", Some(n)) => match n.parse::<usize>() {
                Ok(n) => bulletins = Some(n),
                Err(_) => return fail(&format!("`{n}` is not a number of bulletins")),
            },
            ("--out", Some(dir)) => out = Some(PathBuf::from(dir)),
            ("--hugo", Some(dir)) => hugo = Some(PathBuf::from(dir)),
            _ => return fail(&format!("unexpected `{arg}`")),
        }
    }
    let (Some(bulletins), Some(out)) = (bulletins, out) else {
        return fail("--bulletins and --out are required");
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    match generate::bantin_site(repo, &out, bulletins) {
        Ok(site) => println!(
            "bantin site in {}: {} regions, {} data files, {} bulletins, {} narratives",
            out.display(),
            site.regions,
            site.data_files,
            site.bulletins,
            site.narratives
        ),
        Err(e) => return fail(&format!("{}: {e}", out.display())),
    }
    if let Some(hugo) = hugo {
        match generate::hugo_site(repo, &hugo, bulletins) {
            Ok(pages) => println!("hugo site in {}: {pages} narrative pages", hugo.display()),
            Err(e) => return fail(&format!("{}: {e}", hugo.display())),
        }
    }
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ExitCode {
    eprintln!("gen_site: {message}\n{USAGE}");
    ExitCode::FAILURE
}
