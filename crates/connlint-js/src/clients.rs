//! Pass 2: which `new X(..)` and `X.connect(..)` sites build a client the packs know, through
//! imports and aliases.

use crate::analyzer::Analyzer;
use crate::grammar::F;
use crate::syntax::unwrap;
use connlint_core::Imported;
use tree_sitter::Node;

impl<'s, 't> Analyzer<'s, 't> {
    /// Index into `self.clients` of the client a constructor expression names: `MongoClient`,
    /// `MC` (an alias), `mongodb.MongoClient`, `require('mongodb').MongoClient`.
    fn client_named(&self, n: Node<'_>) -> Option<usize> {
        let n = unwrap(self.g, n);
        match self.g.kind(n) {
            "identifier" => {
                let name = self.text(n);
                let imported = self.import_named(name);
                self.clients.iter().position(|c| {
                    match imported {
                        Some(i) => {
                            c.modules.iter().any(|m| *m == i.source)
                                && (i.imported == Imported::Named(c.symbol.as_str().into())
                                    // `default`: the module itself (`import mongoose from`,
                                    // `const knex = require('knex')`).
                                    || (c.symbol == "default"
                                        && matches!(
                                            i.imported,
                                            Imported::Default | Imported::Namespace
                                        )))
                        }
                        // Unimported: counts unless the file binds the name to something else.
                        // Only distinctive class names: an unimported `Pool`, `Redis` or
                        // `createPool` (a factory name many libraries share) is nothing.
                        None => {
                            name == c.symbol
                                && c.new
                                && connlint_core::knowledge::is_distinctive(name)
                                && !self.declared.contains(name)
                        }
                    }
                })
            }
            "member_expression" => {
                let prop = self.text(self.g.field(n, F::Property)?);
                let obj = unwrap(self.g, self.g.field(n, F::Object)?);
                self.clients.iter().position(|c| {
                    if prop != c.symbol {
                        return false;
                    }
                    if let Some(m) = self.require_source(obj) {
                        return c.modules.contains(&m);
                    }
                    if self.g.kind(obj) != "identifier" {
                        return false;
                    }
                    let name = self.text(obj);
                    match self.import_named(name) {
                        Some(i) => {
                            c.modules.iter().any(|m| *m == i.source)
                                && matches!(i.imported, Imported::Namespace | Imported::Default)
                        }
                        None => {
                            c.modules.iter().any(|m| m == name) && !self.declared.contains(name)
                        }
                    }
                })
            }
            // `require('mongoose')` itself stands for the module: `default` symbols
            // (`require('mongoose').connect(..)`, `require('knex')({..})`).
            "call_expression" => {
                let m = self.require_source(n)?;
                self.clients
                    .iter()
                    .position(|c| c.symbol == "default" && c.modules.contains(&m))
            }
            _ => None,
        }
    }

    /// The client a call or `new` site builds, if any.
    pub fn client_built(&self, site: Node<'_>) -> Option<usize> {
        match self.g.kind(site) {
            "new_expression" => {
                let idx = self.client_named(self.g.field(site, F::Constructor)?)?;
                self.clients.get(idx)?.new.then_some(idx)
            }
            "call_expression" => {
                let f = unwrap(self.g, self.g.field(site, F::Function)?);
                // A factory called directly: `createPool(..)`, `mysql.createPool(..)`, `knex(..)`.
                if let Some(idx) = self.client_named(f) {
                    if self.clients.get(idx).is_some_and(|c| c.call) {
                        return Some(idx);
                    }
                }
                if self.g.kind(f) != "member_expression" {
                    return None;
                }
                let method = self.text(self.g.field(f, F::Property)?);
                let idx = self.client_named(self.g.field(f, F::Object)?)?;
                let c = self.clients.get(idx)?;
                c.statics.iter().any(|s| s == method).then_some(idx)
            }
            _ => None,
        }
    }

    pub fn collect_constructions(&mut self) {
        for site in &self.sites {
            if self.client_built(site.node).is_some() {
                self.construction_nodes.insert(site.node.id());
            }
        }
    }
}
