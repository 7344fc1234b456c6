//! The connlint command line: finds pooled clients built per request and leaking connections.

mod analyze;
mod baseline;
mod config;
mod diff;
mod memory;
mod output;
mod run;
mod tsconfig;
mod walk;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use connlint_core::RuleId;
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
    Check(Box<CheckArgs>),
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
    /// rustc-style diagnostics for people
    Text,
    /// connlint's stable JSON schema (crates/connlint-report/JSON.md)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// reviewdog's Diagnostic JSON
    Rdjson,
    /// GitLab Code Quality report
    Gitlab,
    /// JUnit XML
    Junit,
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
    /// Do not run these rules (comma-separated ids), in addition to the configuration's
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Use this configuration file for every checked file (no discovery)
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    config: Option<PathBuf>,
    /// Ignore every configuration file
    #[arg(long)]
    isolated: bool,
    /// Report inline suppressions that silence nothing
    #[arg(long)]
    report_unused_ignores: bool,
    /// Only report findings on lines changed since the merge base of REF and HEAD (git)
    #[arg(long, value_name = "REF", conflicts_with = "diff_file")]
    diff_base: Option<String>,
    /// Only report findings on lines added by this unified diff
    #[arg(long, value_name = "FILE")]
    diff_file: Option<PathBuf>,
    /// Read the source from standard input and report it as this file name
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// Hide the findings recorded in this baseline file (see --write-baseline)
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record every finding of this run in a baseline file, then report none of them
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(*args),
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

/// The worker threads (rayon's global pool, one per core) get a parser's stack, so that they
/// parse Rust files themselves instead of handing each to a thread that has one (see
/// `connlint_rust::has_parser_stack`). The stack is reserved address space: only the pages a
/// parse touches are ever resident. If the pool cannot be made so, rayon makes its default one
/// on first use and Rust files go to parser threads as before.
fn start_threads() {
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(connlint_rust::PARSER_STACK)
        .thread_name(|i| format!("connlint-{i}"))
        .start_handler(|_| connlint_rust::has_parser_stack())
        .build_global();
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
    start_threads();
    let cwd = std::env::current_dir().context("cannot read the working directory")?;
    let opts = run::Options {
        paths: args.paths.clone(),
        no_ignore: args.no_ignore,
        config: args.config.clone(),
        isolated: args.isolated,
        select: parse_rules(&args.select)?,
        ignore: parse_rules(&args.ignore)?,
        report_unused_ignores: args.report_unused_ignores,
        stdin: match &args.stdin_filename {
            Some(name) => {
                let mut buf = Vec::new();
                std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
                    .context("cannot read standard input")?;
                Some((name.clone(), Arc::from(buf)))
            }
            None => None,
        },
    };
    let changed = match (&args.diff_base, &args.diff_file) {
        (Some(base), _) => Some(diff::from_git(base, &cwd)?),
        (None, Some(file)) => {
            let text = std::fs::read(file)
                .with_context(|| format!("--diff-file: cannot read {}", file.display()))?;
            Some(diff::parse_unified(&String::from_utf8_lossy(&text)))
        }
        (None, None) => None,
    };
    let baseline = args.baseline.as_deref().map(baseline::load).transpose()?;
    let mut outcome = run::run(&opts, &cwd)?;
    // Fingerprints of the whole run, so baselines and reports agree whatever is hidden.
    let mut prints = connlint_report::fingerprints(&outcome.findings, &outcome.sources);
    let hidden = baseline::hide(
        &mut outcome,
        &mut prints,
        baseline.as_ref(),
        args.write_baseline.as_deref(),
        |r| (opts.select.is_empty() || opts.select.contains(&r)) && !opts.ignore.contains(&r),
    )?;
    if let Some(changed) = &changed {
        // One line index per file, not per finding.
        let mut indexes: std::collections::HashMap<&str, connlint_core::LineIndex> =
            Default::default();
        let keep: Vec<bool> = outcome
            .findings
            .iter()
            .map(|f| {
                let path = f.location.path.as_str();
                outcome.sources.get(path).is_some_and(|text| {
                    let line = indexes
                        .entry(path)
                        .or_insert_with(|| connlint_core::LineIndex::new(text))
                        .line_of(f.location.span.start) as u32
                        + 1;
                    changed.contains(path, line)
                })
            })
            .collect();
        let mut k = keep.iter();
        outcome.findings.retain(|_| k.next() == Some(&true));
        let mut k = keep.iter();
        prints.retain(|_| k.next() == Some(&true));
    }
    // A file that could not be checked fails the run (exit 2) once everything else is
    // reported; parse errors and deliberate skips are only notes.
    let internal_error = outcome.notices.iter().any(|n| {
        matches!(
            n.kind,
            connlint_core::NoticeKind::Internal | connlint_core::NoticeKind::Unreadable
        )
    });
    let report = output::Report {
        findings: &outcome.findings,
        notices: &outcome.notices,
        sources: &outcome.sources,
        files_checked: outcome.files_checked,
        elapsed: started.elapsed(),
        fingerprints: &prints,
        baseline: args
            .baseline
            .as_deref()
            .or(args.write_baseline.as_deref())
            .zip(hidden),
    };
    output::emit(
        &report,
        args.format,
        args.color,
        args.output.as_deref(),
        &cwd,
    )?;

    Ok(if internal_error {
        ExitCode::from(2)
    } else if outcome.findings.is_empty() {
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
    print_packs();
}

/// The built-in client packs and what each recognises (`packs = [...]` selects them).
fn print_packs() {
    use connlint_core::knowledge::{Pack, BUILTIN_PACKS};
    println!("\nclient packs (choose with `packs = [...]` in connlint.toml; all on by default):");
    for (file, text) in BUILTIN_PACKS {
        let Ok(pack) = Pack::parse(text, file) else {
            continue;
        };
        if pack.client.is_empty() {
            continue;
        }
        println!("  {:<16} {}", pack.pack.name, pack.pack.description);
        for c in &pack.client {
            let rust = c.lang == connlint_core::LangFamily::Rust;
            let sep = if rust { "::" } else { "." };
            let sym = match c.symbol.as_str() {
                // `new (require('ioredis'))()` reads as `new Redis()`; `mongoose.connect()`
                // as the module's own name.
                "default" if c.new => c
                    .display
                    .as_deref()
                    .or(c.modules.first().map(String::as_str))
                    .unwrap_or("default"),
                "default" => c.modules.first().map(String::as_str).unwrap_or("default"),
                s => s,
            };
            let mut forms: Vec<String> = Vec::new();
            if c.new {
                forms.push(format!("new {sym}()"));
            }
            if c.call {
                forms.push(format!("{sym}()"));
            }
            forms.extend(c.statics.iter().map(|m| format!("{sym}{sep}{m}()")));
            for b in &c.builders {
                forms.push(format!("{sym}{sep}{b}()...{}()", c.build.join("|")));
            }
            forms.extend(c.factories.iter().map(|f| format!("{f}(){sep}{sym}()")));
            let mut line = format!("{} from {}", forms.join(", "), c.modules.join(" / "));
            if !c.guards.is_empty() {
                line.push_str(&format!(
                    "; cached behind a check of {}",
                    c.guards.join(" / ")
                ));
            }
            if !c.close.is_empty() {
                let closes: Vec<String> = c.close.iter().map(|m| format!("{m}()")).collect();
                line.push_str(&format!("; closed by {}", closes.join(" / ")));
            }
            if !c.pool_options.is_empty() {
                let options: Vec<String> = c
                    .pool_options
                    .iter()
                    .map(|o| pool_option_summary(c, o))
                    .collect();
                line.push_str(&format!("; pool size: {}", options.join(", ")));
                if !c.pool_config.is_empty() {
                    let via: Vec<String> = c.pool_config.iter().map(|p| format!("{p}()")).collect();
                    line.push_str(&format!(" (in {})", via.join(" / ")));
                }
            }
            println!("      {:<6} {line}", c.lang.as_str());
        }
    }
}

/// `max (default 10, 0 = no limit)`: a pool option with what the pack knows of it.
fn pool_option_summary(c: &connlint_core::knowledge::ClientSpec, option: &str) -> String {
    use connlint_core::knowledge::PoolZero;
    let mut facts = Vec::new();
    if let Some(d) = c.pool_default_for(option) {
        facts.push(format!("default {d}"));
    }
    match c.pool_zero_for(option) {
        Some(PoolZero::Unlimited) => facts.push("0 = no limit".to_string()),
        Some(PoolZero::Rejected) => facts.push("0 rejected".to_string()),
        Some(PoolZero::Default) => facts.push("0 = the default".to_string()),
        Some(PoolZero::Valid) => facts.push("0 allowed".to_string()),
        None => {}
    }
    if facts.is_empty() {
        option.to_string()
    } else {
        format!("{option} ({})", facts.join(", "))
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
