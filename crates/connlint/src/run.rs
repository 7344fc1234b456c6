//! One `connlint check` run: configuration, walking, analysis, rules, suppressions.

use crate::analyze::{self, Analysed, Engine, Gate, Limits};
use crate::config::{self, Config, ConfigError, Discovery};
use crate::walk::{self, Candidate};
use connlint_core::suppress::Directive;
use connlint_core::{Finding, Knowledge, Notice, NoticeKind, RuleId};
use connlint_rules::{FileFacts, PoolLimits, Profile, Settings};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the command line asks for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub no_ignore: bool,
    pub config: Option<PathBuf>,
    pub isolated: bool,
    /// `--select`: replaces the configuration's `select`.
    pub select: Vec<RuleId>,
    /// `--ignore`: added to the configuration's `ignore`.
    pub ignore: Vec<RuleId>,
    pub report_unused_ignores: bool,
    /// `--stdin-filename`: check standard input's text as if it were this file.
    pub stdin: Option<(PathBuf, std::sync::Arc<[u8]>)>,
}

/// The result of a run, for the renderers.
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub notices: Vec<Notice>,
    pub sources: HashMap<String, Arc<str>>,
    pub files_checked: usize,
    /// The display paths of the checked files (for scoping baseline entries).
    pub checked: Vec<String>,
}

/// A configuration in effect and what it governs.
struct ProfileSource {
    /// The folder its relative globs start from.
    dir: PathBuf,
    config: Option<Config>,
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Walk(#[from] walk::WalkError),
}

pub fn run(opts: &Options, cwd: &Path) -> Result<Outcome, RunError> {
    let trace = std::env::var_os("CONNLINT_TRACE").is_some();
    let started = std::time::Instant::now();
    let paths = if opts.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        opts.paths.clone()
    };
    let (walked, walk_problems) = match &opts.stdin {
        Some((name, bytes)) => {
            let lang = connlint_core::Lang::from_path(name)
                .ok_or_else(|| walk::WalkError::UnknownLanguage(walk::display_path(name, cwd)))?;
            let c = Candidate {
                path: name.clone(),
                display: walk::display_path(name, cwd),
                lang,
                stdin: Some(bytes.clone()),
            };
            (vec![c], Vec::new())
        }
        None => walk::collect(
            &paths,
            &walk::WalkOptions {
                no_ignore: opts.no_ignore,
            },
            cwd,
        )?,
    };

    if trace {
        eprintln!(
            "connlint: walk: {} files in {} ms",
            walked.len(),
            started.elapsed().as_millis()
        );
    }
    let started = std::time::Instant::now();
    // Profile 0: no configuration file (or --isolated).
    let mut sources = vec![ProfileSource {
        dir: cwd.to_path_buf(),
        config: None,
    }];
    let mut assigned: Vec<(Candidate, usize)> = Vec::with_capacity(walked.len());
    if let Some(path) = &opts.config {
        let config = config::load_file(path, cwd)?.unwrap_or_default();
        let abs = if path.is_absolute() {
            path.clone()
        } else {
            cwd.join(path)
        };
        sources.push(ProfileSource {
            dir: abs.parent().map(Path::to_path_buf).unwrap_or_default(),
            config: Some(config),
        });
        assigned.extend(walked.into_iter().map(|c| (c, 1)));
    } else if opts.isolated {
        assigned.extend(walked.into_iter().map(|c| (c, 0)));
    } else {
        let mut discovery = Discovery::new(cwd);
        for c in walked {
            let abs = if c.path.is_absolute() {
                c.path.clone()
            } else {
                cwd.join(&c.path)
            };
            let dir = abs.parent().unwrap_or(cwd);
            let idx = discovery.for_dir(dir)?.map_or(0, |i| i + 1);
            assigned.push((c, idx));
        }
        for loaded in discovery.loaded {
            sources.push(ProfileSource {
                dir: loaded.dir,
                config: Some(loaded.config),
            });
        }
    }

    // Excludes, per profile.
    let excludes: Vec<GlobSet> = sources
        .iter()
        .map(|s| exclude_set(s.config.as_ref()))
        .collect();
    assigned.retain(|(c, p)| {
        let Some(set) = excludes.get(*p) else {
            return true;
        };
        let abs = if c.path.is_absolute() {
            c.path.clone()
        } else {
            cwd.join(&c.path)
        };
        let base = sources.get(*p).map(|s| s.dir.as_path()).unwrap_or(cwd);
        let rel = walk::display_path(abs.strip_prefix(base).unwrap_or(&abs), base);
        !(set.is_match(&rel) || set.is_match(&c.display))
    });

    let engines: Vec<Engine> = sources
        .iter()
        .map(|s| {
            Engine::new(
                config::knowledge(s.config.as_ref()),
                limits(s.config.as_ref()),
            )
        })
        .collect();
    let js_dirs: std::collections::BTreeSet<PathBuf> = assigned
        .iter()
        .filter(|(c, _)| c.lang.family() == connlint_core::LangFamily::Js)
        .filter_map(|(c, _)| {
            let abs = if c.path.is_absolute() {
                c.path.clone()
            } else {
                cwd.join(&c.path)
            };
            abs.parent().map(Path::to_path_buf)
        })
        .collect();
    let settings = Settings {
        profiles: sources
            .iter()
            .map(|s| profile(s.config.as_ref(), opts))
            .collect(),
        js_aliases: crate::tsconfig::discover(js_dirs, cwd),
    };
    if trace {
        eprintln!(
            "connlint: configurations and tsconfig: {} ms",
            started.elapsed().as_millis()
        );
    }

    let started = std::time::Instant::now();
    let mut analysed = analyze::analyse_all(&assigned, &engines, Gate::Clients);
    if trace {
        let parsed = analysed.iter().filter(|a| a.facts.is_some()).count();
        eprintln!(
            "connlint: client pass: {parsed} files parsed of {} in {} ms{}",
            assigned.len(),
            started.elapsed().as_millis(),
            crate::memory::trace()
        );
    }
    let started = std::time::Instant::now();
    // Import resolutions, kept from the name-following rounds to the rules: every graph lists
    // the same files in the same order (parsed, or placeholders for the rest).
    let memo = connlint_rules::resolve::ModuleMemo::default();
    follow_names(
        &assigned,
        &engines,
        &mut analysed,
        &settings.js_aliases,
        &memo,
        trace,
    );
    if trace {
        eprintln!(
            "connlint: name-following took {} ms{}",
            started.elapsed().as_millis(),
            crate::memory::trace()
        );
    }

    let mut notices: Vec<Notice> = walk_problems
        .into_iter()
        .map(|p| Notice {
            kind: NoticeKind::Unreadable,
            path: p.path,
            span: None,
            message: p.message,
        })
        .collect();
    let mut files: Vec<FileFacts> = Vec::new();
    let mut texts: HashMap<String, Arc<str>> = HashMap::new();
    let mut digests: HashMap<&str, (usize, u64)> = HashMap::new();
    let mut directives: HashMap<String, Vec<Directive>> = HashMap::new();
    for (i, ((cand, profile), a)) in assigned.iter().zip(analysed).enumerate() {
        let Analysed {
            facts,
            text,
            digest,
            notices: n,
            directives: d,
            gated,
            words: _,
        } = a;
        notices.extend(n);
        if let Some(text) = text {
            texts.insert(cand.display.clone(), text);
        } else if let Some(digest) = digest {
            digests.insert(cand.display.as_str(), (i, digest));
        }
        if !d.is_empty() {
            directives.insert(cand.display.clone(), d);
        }
        match facts {
            Some(f) => files.push(f),
            // Not parsed, but module resolution must know the file exists (a `mod.rs`,
            // an `index.ts`, a crate root).
            None if gated => files.push(placeholder(cand, *profile)),
            None => {}
        }
    }

    crate::memory::release_free_memory();

    // The rules read the union of every profile's knowledge (for client names in messages).
    let mut kb = Knowledge::builtin();
    for s in sources.iter().filter_map(|s| s.config.as_ref()) {
        kb.clients.extend(s.client.iter().cloned());
    }
    let started = std::time::Instant::now();
    let findings = connlint_rules::check_with(&files, &kb, &settings, Some(&memo));
    if trace {
        eprintln!(
            "connlint: rules took {} ms{}",
            started.elapsed().as_millis(),
            crate::memory::trace()
        );
    }
    let findings = apply_suppressions(findings, &directives, &texts, opts, &mut notices);

    // The texts the report shows: kept ones, and the others read again.
    let mut wanted: Vec<&String> = findings
        .iter()
        .flat_map(|f| {
            std::iter::once(&f.location.path).chain(f.related.iter().map(|r| &r.location.path))
        })
        .chain(notices.iter().map(|n| &n.path))
        .collect();
    wanted.sort();
    wanted.dedup();
    let mut shown: HashMap<String, Arc<str>> = HashMap::new();
    let mut reread_notices = Vec::new();
    for path in wanted {
        if let Some(t) = texts.get(path) {
            shown.insert(path.clone(), t.clone());
        } else if let Some(&(i, digest)) = digests.get(path.as_str()) {
            let Some((cand, _)) = assigned.get(i) else {
                continue;
            };
            let problem = match analyze::read_again(cand, digest) {
                Ok(text) => {
                    shown.insert(path.clone(), text);
                    continue;
                }
                Err(analyze::ReadAgain::Changed(text)) => {
                    shown.insert(path.clone(), text);
                    "changed while connlint was checking it: the lines shown for its findings may be off".to_string()
                }
                Err(analyze::ReadAgain::Unreadable(e)) => {
                    format!("cannot read it again to show its findings: {e}")
                }
            };
            reread_notices.push(Notice {
                kind: NoticeKind::Unreadable,
                path: path.clone(),
                span: None,
                message: problem,
            });
        }
    }
    notices.extend(reread_notices);
    notices.sort_by(|a, b| (&a.path, a.span, a.kind).cmp(&(&b.path, b.span, b.kind)));
    Ok(Outcome {
        findings,
        notices,
        sources: shown,
        files_checked: assigned.len(),
        checked: assigned.iter().map(|(c, _)| c.display.clone()).collect(),
    })
}

/// The most rounds of name-following: handler -> service -> repository -> factory chains
/// deeper than this across files are not followed.
const MAX_ROUNDS: usize = 8;

/// Cross-file analysis, second pass onwards: files that were not parsed because they mention
/// no client are parsed when they mention a function or class that (transitively) builds
/// one, together with the module defining it, until nothing new turns up. Which functions
/// build clients is decided on the call graph of what is parsed so far, with the same
/// resolution the rules use, so a file is only pulled in by names that can lead somewhere.
fn follow_names(
    assigned: &[(Candidate, usize)],
    engines: &[Engine],
    analysed: &mut [Analysed],
    aliases: &[connlint_rules::resolve::JsAliases],
    memo: &connlint_rules::resolve::ModuleMemo,
    trace: bool,
) {
    let mut known: HashMap<String, Vec<String>> = HashMap::new();
    for _ in 0..MAX_ROUNDS {
        if !analysed.iter().any(|a| a.gated) {
            // Every file is parsed already: nothing left to pull in.
            return;
        }
        // The project as parsed so far; files not parsed yet are known by path, for module
        // resolution. The facts are moved out and back, not copied.
        let mut files: Vec<FileFacts> = Vec::new();
        let mut slots: Vec<Option<usize>> = Vec::new();
        for (i, a) in analysed.iter_mut().enumerate() {
            if let Some(f) = a.facts.take() {
                files.push(f);
                slots.push(Some(i));
            } else if a.gated {
                if let Some((c, profile)) = assigned.get(i) {
                    files.push(placeholder(c, *profile));
                    slots.push(None);
                }
            }
        }
        let graph = connlint_rules::graph::Graph::build_with(&files, aliases, Some(memo));
        let hot = graph.client_builders(&files);
        let mut added = false;
        for (fi, (f, slot)) in files.iter().zip(&slots).enumerate() {
            if slot.is_none() || is_test_path(&f.path) {
                continue;
            }
            let hot_here: Vec<bool> = (0..f.facts.functions.len())
                .map(|func| {
                    hot.contains(&connlint_rules::graph::Node {
                        file: fi as u32,
                        func: func as u32,
                    })
                })
                .collect();
            let stem = module_stem(&f.path).to_string();
            let mut names = exported_names(&f.facts, &hot_here);
            // Re-exports make a module (a barrel `index.ts`, a package `__init__.py`) a new
            // way to import known names: under a new name, or all of them for `export *`.
            for e in f.facts.exports.iter().filter(|e| e.from.is_some()) {
                if e.name == "*" {
                    names.extend(known.keys().cloned());
                } else if known.contains_key(e.local.as_deref().unwrap_or(&e.name)) {
                    names.push(e.name.to_string());
                }
            }
            names.extend(shared_module_names(&f.path, &f.facts));
            for n in names {
                let stems = known.entry(n).or_default();
                if !stems.contains(&stem) {
                    stems.push(stem.clone());
                    added = true;
                }
            }
        }
        for (f, slot) in files.into_iter().zip(slots) {
            if let Some(a) = slot.and_then(|i| analysed.get_mut(i)) {
                a.facts = Some(f);
            }
        }
        if !added {
            return;
        }
        let mut names: Vec<(String, Vec<String>)> =
            known.iter().map(|(n, s)| (n.clone(), s.clone())).collect();
        names.sort();
        let Some(gate) = analyze::NameGate::new(&names) else {
            return;
        };
        // Files whose words rule them out are not read again.
        let pending: Vec<usize> = (0..analysed.len())
            .filter(|&i| {
                analysed[i].gated && analysed[i].words.as_ref().is_none_or(|w| gate.may_match(w))
            })
            .collect();
        if pending.is_empty() {
            return;
        }
        let subset: Vec<(Candidate, usize)> =
            pending.iter().map(|&i| assigned[i].clone()).collect();
        let results = analyze::analyse_all(&subset, engines, Gate::Names(&gate));
        if trace {
            eprintln!(
                "connlint: name-following: {} names, {} files parsed of {} read again",
                names.len(),
                results.iter().filter(|r| r.facts.is_some()).count(),
                subset.len(),
            );
        }
        let mut parsed_any = false;
        for (i, mut r) in pending.into_iter().zip(results) {
            if r.facts.is_none() {
                continue;
            }
            // Keep the directives found by the first pass.
            r.directives = std::mem::take(&mut analysed[i].directives);
            analysed[i] = r;
            parsed_any = true;
        }
        if !parsed_any {
            return;
        }
    }
}

/// A file that is not parsed (yet): module resolution must still know it exists (a `mod.rs`,
/// an `index.ts`, a crate root).
fn placeholder(c: &Candidate, profile: usize) -> FileFacts {
    FileFacts {
        path: c.display.clone(),
        lang: c.lang,
        facts: connlint_core::Facts::default(),
        profile,
    }
}

/// `test_users`, `TestClient`, `testConnect`: test code, which application code never imports.
fn looks_like_test(name: &str) -> bool {
    name.starts_with("test") || name.starts_with("Test")
}

/// Test files and folders (`tests/`, `test_x.py`, `x.test.ts`, `x.spec.js`): application code
/// never imports from them, so their names are not followed into other files.
fn is_test_path(path: &str) -> bool {
    path.split('/').any(|seg| {
        matches!(seg, "test" | "tests" | "__tests__" | "testing" | "spec")
            || seg.starts_with("test_")
            || seg.contains(".test.")
            || seg.contains(".spec.")
            || seg.contains("_test.")
    })
}

/// The name an import of this file must spell: its stem, or its folder's name for index
/// files (`lib/db/index.ts`, `app/db/__init__.py`, `src/db/mod.rs`).
fn module_stem(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    let file = parts.next().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file);
    match stem {
        "index" | "__init__" | "mod" => parts.next().unwrap_or(stem),
        _ => stem,
    }
}

/// The names another module imports a file's client-building (`hot`) functions and classes
/// by.
fn exported_names(facts: &connlint_core::Facts, hot: &[bool]) -> Vec<String> {
    // Only what another module can import: top-level functions and classes. Test functions
    // and classes are never imported by application code.
    let mut out = Vec::new();
    for (i, f) in facts.functions.iter().enumerate() {
        if !hot.get(i).copied().unwrap_or(false) {
            continue;
        }
        match (&f.class, f.parent) {
            (Some(class), _) => {
                if !looks_like_test(class) {
                    out.push(class.to_string());
                }
            }
            (None, None) => {
                let Some(name) = &f.name else { continue };
                // Only exported functions can be imported; private helpers (`_x` in Python,
                // non-`pub` Rust, unexported JS) are reached through exported ones.
                if looks_like_test(name) || !f.exported || name.starts_with('_') {
                    continue;
                }
                out.push(name.to_string());
                for e in &facts.exports {
                    if e.local.as_deref() == Some(name.as_str()) {
                        out.push(e.name.to_string());
                    }
                }
            }
            (None, Some(_)) => {}
        }
    }
    out.retain(|n| n.len() >= 3 && n != "default" && n != "constructor" && n != "__init__");
    out.sort();
    out.dedup();
    out
}

/// For a module that holds a shared client (module scope, cached, stored globally) and exports
/// something: what an importer's text contains (`/mongodb'`, `/db.`, an exported name), so that
/// a route importing it is parsed and a close of the shared client can be seen.
fn shared_module_names(path: &str, facts: &connlint_core::Facts) -> Vec<String> {
    use connlint_core::{Fate, StoreTarget};
    let shared = facts.constructions.iter().any(|c| {
        c.function.is_none()
            || matches!(
                c.fate,
                Fate::Cached | Fate::Stored(StoreTarget::Module | StoreTarget::Global)
            )
    });
    if !shared || facts.exports.is_empty() {
        return Vec::new();
    }
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file);
    let stem = if stem == "index" || stem == "__init__" {
        path.rsplit('/').nth(1).unwrap_or(stem)
    } else {
        stem
    };
    let mut out: Vec<String> = ["'", "\"", "`", "."]
        .iter()
        .filter(|_| !stem.is_empty())
        .map(|end| format!("/{stem}{end}"))
        .collect();
    out.extend(
        facts
            .exports
            .iter()
            .filter(|e| e.name != "default" && e.name.len() >= 3)
            .map(|e| e.name.to_string()),
    );
    out
}

fn exclude_set(config: Option<&Config>) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    if let Some(c) = config {
        for g in c.exclude.iter().flatten().chain(c.extend_exclude.iter()) {
            // Validated when the configuration was read.
            if let Ok(glob) = Glob::new(g) {
                b.add(glob);
            }
            // `dir/**` should also exclude `dir` given as a plain folder pattern `dir`.
            if let Ok(glob) = Glob::new(&format!("{}/**", g.trim_end_matches('/'))) {
                b.add(glob);
            }
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

fn limits(config: Option<&Config>) -> Limits {
    let mut l = Limits::default();
    if let Some(c) = config {
        if let Some(v) = c.limits.max_file_size {
            l.max_file_bytes = v;
        }
        if let Some(v) = c.limits.max_line_length {
            l.max_line_bytes = v;
        }
    }
    l
}

fn profile(config: Option<&Config>, opts: &Options) -> Profile {
    let mut enabled: Vec<RuleId> = if !opts.select.is_empty() {
        opts.select.clone()
    } else {
        config
            .and_then(|c| c.select.clone())
            .unwrap_or_else(|| RuleId::ALL.to_vec())
    };
    enabled.retain(|r| !opts.ignore.contains(r));
    if let Some(c) = config {
        enabled.retain(|r| !c.ignore.contains(r));
    }
    let mut pool = PoolLimits::default();
    if let Some(c) = config {
        if let Some(v) = c.pool.max_pool_size {
            pool.max_pool_size = v;
        }
        pool.instances = c.pool.instances;
        pool.server_connection_limit = c.pool.server_connection_limit;
    }
    Profile {
        enabled,
        severity: config
            .map(|c| c.severity.iter().map(|(r, s)| (*r, *s)).collect())
            .unwrap_or_default(),
        pool,
    }
}

/// Drops suppressed findings; warns about unknown rule names, and with
/// `--report-unused-ignores` about directives that silenced nothing.
fn apply_suppressions(
    findings: Vec<Finding>,
    directives: &HashMap<String, Vec<Directive>>,
    texts: &HashMap<String, Arc<str>>,
    opts: &Options,
    notices: &mut Vec<Notice>,
) -> Vec<Finding> {
    let mut used: HashMap<(&str, usize), bool> = HashMap::new();
    let line_index: HashMap<&str, connlint_core::LineIndex> = findings
        .iter()
        .filter(|f| directives.contains_key(&f.location.path))
        .filter_map(|f| {
            texts
                .get(&f.location.path)
                .map(|t| (f.location.path.as_str(), connlint_core::LineIndex::new(t)))
        })
        .collect();
    let kept: Vec<Finding> = findings
        .iter()
        .filter(|f| {
            let Some(ds) = directives.get(&f.location.path) else {
                return true;
            };
            let Some(idx) = line_index.get(f.location.path.as_str()) else {
                return true;
            };
            let line = idx.line_of(f.location.span.start);
            let hit = ds.iter().position(|d| d.covers(f.rule.as_str(), line));
            if let Some(i) = hit {
                used.insert((f.location.path.as_str(), i), true);
            }
            hit.is_none()
        })
        .cloned()
        .collect();
    let mut paths: Vec<&String> = directives.keys().collect();
    paths.sort();
    for path in paths {
        for (i, d) in directives[path].iter().enumerate() {
            if let connlint_core::suppress::Rules::Some(names) = &d.rules {
                for n in names {
                    if n.parse::<RuleId>().is_err() {
                        notices.push(Notice {
                            kind: NoticeKind::Suppression,
                            path: path.clone(),
                            span: Some(d.span),
                            message: format!(
                                "unknown rule `{n}` in a suppression; known rules: {}",
                                RuleId::ALL.map(|r| r.as_str()).join(", ")
                            ),
                        });
                    }
                }
            }
            if d.file_level && !d.in_header {
                notices.push(Notice {
                    kind: NoticeKind::Suppression,
                    path: path.clone(),
                    span: Some(d.span),
                    message:
                        "`connlint-ignore-file` only works in the first comment block of a file"
                            .into(),
                });
            } else if opts.report_unused_ignores && !used.contains_key(&(path.as_str(), i)) {
                notices.push(Notice {
                    kind: NoticeKind::Suppression,
                    path: path.clone(),
                    span: Some(d.span),
                    message: "unused suppression: it silences no finding".into(),
                });
            }
        }
    }
    kept
}
