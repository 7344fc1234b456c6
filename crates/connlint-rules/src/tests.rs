//! Rule logic over hand-built Facts. Each test states a small program shape through the
//! builder and checks the (rule, construction index) pairs reported.

use crate::{check, FileFacts, Settings};
use connlint_core::{
    Call, Callee, Construction, Facts, Fate, FuncId, Function, FunctionKind, Handler, Knowledge,
    Lang, RunsOnce, Span, Trigger,
};

#[derive(Default)]
struct B {
    facts: Facts,
    pos: usize,
}

impl B {
    fn span(&mut self) -> Span {
        self.pos += 10;
        Span::new(self.pos, self.pos + 5)
    }

    fn func(&mut self, name: &str, parent: Option<FuncId>) -> FuncId {
        let span = self.span();
        self.facts.functions.push(Function {
            name: Some(name.to_string()),
            kind: FunctionKind::Function,
            span,
            head: span,
            parent,
            class: None,
            handler: None,
            runs_once: None,
            exported: false,
        });
        (self.facts.functions.len() - 1) as FuncId
    }

    fn ctor(&mut self, class: &str) -> FuncId {
        let id = self.func("constructor", None);
        let f = &mut self.facts.functions[id as usize];
        f.kind = FunctionKind::Constructor;
        f.class = Some(class.to_string());
        id
    }

    fn handler(&mut self, name: &str) -> FuncId {
        let id = self.func(name, None);
        let evidence = self.span();
        self.facts.functions[id as usize].handler = Some(Handler {
            framework: "Express".into(),
            trigger: Trigger::Request,
            evidence,
        });
        id
    }

    fn once(&mut self, id: FuncId) {
        let evidence = self.span();
        self.facts.functions[id as usize].runs_once = Some(RunsOnce {
            reason: "@lru_cache".into(),
            evidence,
        });
    }

    fn build(&mut self, function: Option<FuncId>, in_loop: bool, fate: Fate) -> usize {
        let span = self.span();
        self.facts.constructions.push(Construction {
            client: "mongodb-node".into(),
            span,
            function,
            in_loop,
            binding: Some("client".into()),
            fate,
        });
        self.facts.constructions.len() - 1
    }

    fn call(&mut self, caller: Option<FuncId>, name: &str, new: bool, in_loop: bool, fate: Fate) {
        let span = self.span();
        self.facts.calls.push(Call {
            caller,
            callee: Callee {
                receiver: None,
                name: name.to_string(),
                instantiation: new,
            },
            span,
            in_loop,
            fate,
        });
    }

    /// (rule, index of the construction) for every finding.
    fn findings(self) -> Vec<(String, usize)> {
        let spans: Vec<Span> = self.facts.constructions.iter().map(|c| c.span).collect();
        let files = vec![FileFacts {
            path: "a.js".into(),
            lang: Lang::JavaScript,
            facts: self.facts,
        }];
        check(&files, &Knowledge::builtin(), &Settings::default())
            .into_iter()
            .map(|f| {
                let idx = spans
                    .iter()
                    .position(|s| *s == f.location.span)
                    .unwrap_or(usize::MAX);
                (f.rule.as_str().to_string(), idx)
            })
            .collect()
    }
}

#[test]
fn construction_in_a_handler() {
    let mut b = B::default();
    let h = b.handler("list");
    b.build(Some(h), false, Fate::Local);
    assert_eq!(b.findings(), vec![("client-per-request".into(), 0)]);
}

#[test]
fn module_scope_and_plain_functions_are_fine() {
    let mut b = B::default();
    let f = b.func("setup", None);
    b.build(None, false, Fate::Local);
    b.build(Some(f), false, Fate::Returned);
    assert_eq!(b.findings(), vec![]);
}

#[test]
fn nested_callback_of_a_handler() {
    let mut b = B::default();
    let h = b.handler("list");
    let cb = b.func("cb", Some(h));
    b.build(Some(cb), false, Fate::Local);
    assert_eq!(b.findings(), vec![("client-per-request".into(), 0)]);
}

#[test]
fn helpers_are_followed_transitively_and_cycles_end() {
    let mut b = B::default();
    let h = b.handler("list");
    let service = b.func("service", None);
    let factory = b.func("factory", None);
    b.call(Some(h), "service", false, false, Fate::Local);
    b.call(Some(service), "factory", false, false, Fate::Returned);
    b.call(Some(factory), "service", false, false, Fate::Local);
    b.build(Some(factory), false, Fate::Returned);
    assert_eq!(b.findings(), vec![("client-per-request".into(), 0)]);
}

#[test]
fn cached_constructions_and_cached_calls_are_fine() {
    let mut b = B::default();
    let h = b.handler("list");
    let factory = b.func("factory", None);
    b.call(Some(h), "factory", false, false, Fate::Cached);
    b.build(Some(factory), false, Fate::Returned);
    b.build(Some(h), false, Fate::Cached);
    assert_eq!(b.findings(), vec![]);
}

#[test]
fn functions_that_run_once_stop_the_walk() {
    let mut b = B::default();
    let h = b.handler("list");
    let factory = b.func("factory", None);
    b.once(factory);
    b.call(Some(h), "factory", false, false, Fate::Returned);
    b.build(Some(factory), false, Fate::Returned);
    assert_eq!(b.findings(), vec![]);
}

#[test]
fn a_client_class_instantiated_in_a_handler() {
    let mut b = B::default();
    let h = b.handler("list");
    let ctor = b.ctor("Repo");
    b.call(Some(h), "Repo", true, false, Fate::Local);
    b.build(
        Some(ctor),
        false,
        Fate::Stored(connlint_core::StoreTarget::Instance),
    );
    assert_eq!(b.findings(), vec![("client-per-request".into(), 0)]);
}

#[test]
fn a_client_class_instantiated_at_module_scope_is_fine() {
    let mut b = B::default();
    let ctor = b.ctor("Repo");
    b.call(None, "Repo", true, false, Fate::Local);
    b.build(
        Some(ctor),
        false,
        Fate::Stored(connlint_core::StoreTarget::Instance),
    );
    assert_eq!(b.findings(), vec![]);
}

#[test]
fn loops_outside_handlers() {
    let mut b = B::default();
    let script = b.func("migrate", None);
    let factory = b.func("connect", None);
    b.build(Some(script), true, Fate::Local);
    b.build(None, true, Fate::Local);
    b.call(Some(script), "connect", false, true, Fate::Local);
    b.build(Some(factory), false, Fate::Returned);
    assert_eq!(
        b.findings(),
        vec![
            ("client-in-loop".into(), 0),
            ("client-in-loop".into(), 1),
            ("client-in-loop".into(), 2)
        ]
    );
}

#[test]
fn a_loop_inside_a_handler_is_only_client_per_request() {
    let mut b = B::default();
    let h = b.handler("list");
    b.build(Some(h), true, Fate::Local);
    assert_eq!(b.findings(), vec![("client-per-request".into(), 0)]);
}
