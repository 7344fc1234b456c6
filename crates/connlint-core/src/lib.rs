//! connlint-core: the vocabulary every connlint crate shares.
//!
//! - [`span`]: byte spans and the line index that turns them into lines and columns.
//! - [`lang`]: languages and language families.
//! - [`facts`]: the language-neutral model frontends produce and rules consume.
//! - [`finding`]: rule ids, severities, findings.
//! - [`knowledge`]: the declarative packs from `rules/*.toml`.
//!
//! This crate does no I/O.

pub mod facts;
pub mod finding;
pub mod knowledge;
pub mod lang;
pub mod span;
pub mod suppress;

pub use facts::*;
pub use finding::{Finding, Location, Notice, NoticeKind, Related, RuleId, Severity};
pub use knowledge::Knowledge;
pub use lang::{Lang, LangFamily};
pub use span::{LineCol, LineIndex, Span};
