//! Configuration files: `connlint.toml`, `.connlint.toml`, or `[tool.connlint]` in
//! `pyproject.toml`, found from each checked file's folder upwards (the nearest wins), or named
//! with `--config`. A configuration is data only: nothing in it is executed.

use connlint_core::knowledge::{CacheSpec, ClientSpec, HandlerSpec, Pack, PackMeta, StartupSpec};
use connlint_core::{Knowledge, RuleId, Severity};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The schema of a configuration file. Unknown keys are errors.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Only these rules (default: all).
    pub select: Option<Vec<RuleId>>,
    /// Never these rules.
    #[serde(default)]
    pub ignore: Vec<RuleId>,
    /// Severity per rule.
    #[serde(default)]
    pub severity: BTreeMap<RuleId, Severity>,
    /// Globs of paths not to check, replacing the defaults.
    pub exclude: Option<Vec<String>>,
    /// Globs of paths not to check, in addition to the defaults.
    #[serde(default)]
    pub extend_exclude: Vec<String>,
    /// Knowledge packs to use (default: all built-in packs).
    pub packs: Option<Vec<String>>,
    #[serde(default)]
    pub pool: PoolConfig,
    #[serde(default)]
    pub limits: LimitsConfig,
    /// Extra clients, handlers, caches and startup shapes, in the schema of `rules/*.toml`.
    #[serde(default)]
    pub client: Vec<ClientSpec>,
    #[serde(default)]
    pub handler: Vec<HandlerSpec>,
    #[serde(default)]
    pub cache: Vec<CacheSpec>,
    #[serde(default)]
    pub startup: Vec<StartupSpec>,
}

impl Config {
    /// The configuration's own clients, handlers, caches and startup shapes, as a pack.
    pub fn pack(&self) -> Pack {
        Pack {
            pack: PackMeta {
                name: "connlint.toml".into(),
                description: "entries from the configuration file".into(),
            },
            client: self.client.clone(),
            handler: self.handler.clone(),
            cache: self.cache.clone(),
            startup: self.startup.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PoolConfig {
    /// Report pool sizes above this (default 100).
    pub max_pool_size: Option<u64>,
    /// Instances of the application running at once (fleet budget).
    pub instances: Option<u64>,
    /// The database server's connection limit (fleet budget).
    pub server_connection_limit: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LimitsConfig {
    /// Skip files larger than this many bytes.
    pub max_file_size: Option<u64>,
    /// Skip files with a line longer than this many bytes (minified bundles).
    pub max_line_length: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
struct PyProject {
    #[serde(default)]
    tool: PyTool,
}

#[derive(Debug, Default, Deserialize)]
struct PyTool {
    connlint: Option<Config>,
}

/// A configuration file that could not be used.
#[derive(Debug, thiserror::Error)]
#[error("{path}{location}: {message}")]
pub struct ConfigError {
    pub path: String,
    /// `:line:column`, when known.
    pub location: String,
    pub message: String,
}

/// A loaded configuration and where it applies.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The folder it governs (the folder of the file).
    pub dir: PathBuf,
    pub config: Config,
}

/// Parses a configuration file's text. `pyproject` reads `[tool.connlint]`; `Ok(None)` when a
/// pyproject.toml has no such table.
pub fn parse(text: &str, path: &str, pyproject: bool) -> Result<Option<Config>, ConfigError> {
    let err = |e: toml::de::Error| {
        let location = e
            .span()
            .map(|s| {
                let lc = connlint_core::LineIndex::new(text)
                    .line_col(u32::try_from(s.start).unwrap_or(u32::MAX), text);
                format!(":{}:{}", lc.line, lc.column)
            })
            .unwrap_or_default();
        ConfigError {
            path: path.to_string(),
            location,
            message: e.message().trim().replace('\n', " "),
        }
    };
    let config = if pyproject {
        let py: PyProject = toml::from_str(text).map_err(err)?;
        match py.tool.connlint {
            Some(c) => c,
            None => return Ok(None),
        }
    } else {
        toml::from_str::<Config>(text).map_err(err)?
    };
    validate(&config).map_err(|message| ConfigError {
        path: path.to_string(),
        location: String::new(),
        message,
    })?;
    Ok(Some(config))
}

fn validate(config: &Config) -> Result<(), String> {
    config.pack().validate_entries()?;
    if let Some(packs) = &config.packs {
        let known: Vec<String> = Knowledge::builtin_pack_names();
        for p in packs {
            if !known.contains(p) {
                return Err(format!(
                    "unknown pack `{p}` in `packs`; known packs: {}",
                    known.join(", ")
                ));
            }
        }
    }
    for glob in config
        .exclude
        .iter()
        .flatten()
        .chain(config.extend_exclude.iter())
    {
        globset::Glob::new(glob).map_err(|e| format!("bad glob `{glob}`: {e}"))?;
    }
    Ok(())
}

/// Reads one configuration file.
pub fn load_file(path: &Path, cwd: &Path) -> Result<Option<Config>, ConfigError> {
    let shown = crate::walk::display_path(path, cwd);
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: shown.clone(),
        location: String::new(),
        message: format!("cannot read: {e}"),
    })?;
    let pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    parse(&text, &shown, pyproject)
}

/// Finds the nearest configuration for folders, caching what it has read.
pub struct Discovery {
    cwd: PathBuf,
    /// Folder -> index into `loaded` (or None: no configuration at or above it).
    cache: HashMap<PathBuf, Option<usize>>,
    pub loaded: Vec<Loaded>,
}

pub const FILE_NAMES: [&str; 3] = ["connlint.toml", ".connlint.toml", "pyproject.toml"];

impl Discovery {
    pub fn new(cwd: &Path) -> Self {
        Discovery {
            cwd: cwd.to_path_buf(),
            cache: HashMap::new(),
            loaded: Vec::new(),
        }
    }

    /// The configuration governing `dir` (absolute), if any.
    pub fn for_dir(&mut self, dir: &Path) -> Result<Option<usize>, ConfigError> {
        let mut visited = Vec::new();
        let mut cur = Some(dir);
        let mut found = None;
        while let Some(d) = cur {
            if let Some(hit) = self.cache.get(d) {
                found = *hit;
                break;
            }
            visited.push(d.to_path_buf());
            if let Some(idx) = self.load_in(d)? {
                found = Some(idx);
                break;
            }
            cur = d.parent();
        }
        for v in visited {
            self.cache.insert(v, found);
        }
        Ok(found)
    }

    fn load_in(&mut self, dir: &Path) -> Result<Option<usize>, ConfigError> {
        for name in FILE_NAMES {
            let path = dir.join(name);
            if !path.is_file() {
                continue;
            }
            if let Some(config) = load_file(&path, &self.cwd)? {
                self.loaded.push(Loaded {
                    dir: dir.to_path_buf(),
                    config,
                });
                return Ok(Some(self.loaded.len() - 1));
            }
        }
        Ok(None)
    }
}

/// Builds the knowledge for a configuration: the selected built-in packs plus its own entries.
pub fn knowledge(config: Option<&Config>) -> Knowledge {
    let mut kb = match config.and_then(|c| c.packs.as_ref()) {
        Some(packs) => Knowledge::builtin_only(packs),
        None => Knowledge::builtin(),
    };
    if let Some(c) = config {
        kb.add(c.pack());
    }
    kb
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text, "connlint.toml", false)
            .expect_err("should fail")
            .to_string()
    }

    #[test]
    fn unknown_keys_name_file_line_and_key() {
        let e = err("select = [\"client-per-request\"]\nbogus = 1\n");
        assert!(e.starts_with("connlint.toml:2:1:"), "{e}");
        assert!(e.contains("bogus"), "{e}");
    }

    #[test]
    fn wrong_types_and_unknown_rules_are_errors() {
        let e = err("[pool]\nmax-pool-size = \"big\"\n");
        assert!(e.starts_with("connlint.toml:2:"), "{e}");
        let e = err("ignore = [\"client-per-requests\"]\n");
        assert!(e.contains("client-per-requests"), "{e}");
        let e = err("[severity]\nclient-in-loop = \"fatal\"\n");
        assert!(e.contains("fatal"), "{e}");
    }

    #[test]
    fn every_key_parses() {
        let c = parse(
            r#"
select = ["client-per-request", "pool-size-too-large"]
ignore = ["client-in-loop"]
exclude = ["vendor/**"]
extend-exclude = ["legacy/**"]
packs = ["mongodb"]
[severity]
pool-size-too-large = "error"
[pool]
max-pool-size = 50
instances = 50
server-connection-limit = 1500
[limits]
max-file-size = 1000000
max-line-length = 5000
[[client]]
id = "acme-db"
lang = "js"
library = "Acme DB wrapper"
modules = ["@acme/db"]
symbol = "createDbClient"
call = true
close = ["close"]
[[handler]]
framework = "Acme"
lang = "python"
decorators = ["*.endpoint"]
"#,
            "connlint.toml",
            false,
        )
        .expect("parses")
        .expect("config");
        assert_eq!(c.pool.instances, Some(50));
        assert_eq!(
            c.severity.get(&RuleId::PoolSizeTooLarge),
            Some(&Severity::Error)
        );
        assert_eq!(c.client[0].symbol, "createDbClient");
        assert_eq!(c.limits.max_line_length, Some(5000));
    }

    #[test]
    fn pyproject_without_a_table_is_not_a_config() {
        assert!(parse("[project]\nname = 'x'\n", "pyproject.toml", true)
            .expect("parses")
            .is_none());
        let e = parse("[tool.connlint]\nnope = true\n", "pyproject.toml", true)
            .expect_err("unknown key");
        assert!(e.to_string().starts_with("pyproject.toml:2:1:"), "{e}");
    }

    #[test]
    fn bad_packs_and_globs_are_errors() {
        assert!(err("packs = [\"nosuch\"]\n").contains("unknown pack `nosuch`"));
        assert!(err("exclude = [\"a/[\"]\n").contains("bad glob"));
    }
}
