//! The connlint command line: finds pooled clients built per request and leaking connections.

mod analyze;
mod output;
mod walk;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use connlint_core::{Knowledge, RuleId};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

#[derive(Parser, Debug)]
#[command(
    name = "connlint",
    version,
    about = "Finds pooled database clients built per request, and the connection leaks around them",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check files and directories (default: the current directory)
    Check(CheckArgs),
    /// List every rule
    Rules,
    /// Print a rule's documentation
    Rule {
        /// The rule id, e.g. client-per-request
        id: String,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatArg {
    Text,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Files or directories to check
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Write the report to FILE (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// When to use colors in text output
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Do not honour .gitignore/.ignore files, and walk hidden and dependency folders
    #[arg(long)]
    no_ignore: bool,
    /// Only run these rules (comma-separated ids)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Do not run these rules (comma-separated ids)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules => {
            print_rules();
            Ok(ExitCode::SUCCESS)
        }
        Command::Rule { id } => print_rule(&id),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("connlint: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn parse_rules(ids: &[String]) -> anyhow::Result<Vec<RuleId>> {
    ids.iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            s.trim().parse::<RuleId>().map_err(|e| {
                anyhow::anyhow!(
                    "{e}; known rules: {}",
                    RuleId::ALL.map(|r| r.as_str()).join(", ")
                )
            })
        })
        .collect()
}

fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let cwd = std::env::current_dir().context("cannot read the working directory")?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut enabled = RuleId::ALL.to_vec();
    let select = parse_rules(&args.select)?;
    if !select.is_empty() {
        enabled.retain(|r| select.contains(r));
    }
    let ignore = parse_rules(&args.ignore)?;
    enabled.retain(|r| !ignore.contains(r));

    let kb = Knowledge::builtin();
    let opts = walk::WalkOptions {
        no_ignore: args.no_ignore,
    };
    let (candidates, walk_problems) = walk::collect(&paths, &opts, &cwd)?;
    let prefilter = analyze::Prefilter::new(&kb);
    let analysed = analyze::analyse_all(&candidates, &kb, &analyze::Limits::default(), &prefilter);

    let mut notices: Vec<connlint_core::Notice> = walk_problems
        .into_iter()
        .map(|p| connlint_core::Notice {
            kind: connlint_core::NoticeKind::Unreadable,
            path: p.path,
            span: None,
            message: p.message,
        })
        .collect();
    let mut files = Vec::new();
    let mut sources: HashMap<String, Arc<str>> = HashMap::new();
    for a in analysed {
        notices.extend(a.notices);
        if let (Some(f), Some(text)) = (a.facts, a.text) {
            sources.insert(f.path.clone(), text);
            files.push(f);
        }
    }
    let settings = connlint_rules::Settings { enabled };
    let findings = connlint_rules::check(&files, &kb, &settings);
    let internal_error = notices
        .iter()
        .any(|n| n.kind == connlint_core::NoticeKind::Internal);

    let report = output::Report {
        findings: &findings,
        notices: &notices,
        sources: &sources,
        files_checked: candidates.len(),
        elapsed: started.elapsed(),
    };
    output::emit(&report, args.format, args.color, args.output.as_deref())?;

    Ok(if internal_error {
        ExitCode::from(2)
    } else if findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_rules() {
    for r in connlint_rules::all_rules() {
        let langs: Vec<&str> = r.languages.iter().map(|l| l.as_str()).collect();
        println!(
            "{:<22} {:<8} {:<20} {}",
            r.id.as_str(),
            r.default_severity.as_str(),
            langs.join(","),
            r.summary()
        );
    }
}

fn print_rule(id: &str) -> anyhow::Result<ExitCode> {
    let rule = id
        .parse::<RuleId>()
        .ok()
        .and_then(connlint_rules::rule)
        .ok_or_else(|| anyhow::anyhow!("unknown rule `{id}`; `connlint rules` lists them"))?;
    println!("# {}\n", rule.id);
    print!("{}", rule.doc());
    Ok(ExitCode::SUCCESS)
}
