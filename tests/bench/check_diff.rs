//! Check and Diff latency for a client with every property set (criterion, in process).

use criterion::{Criterion, criterion_group, criterion_main};
use pulumi_resource_cognito::resource::{CheckRequest, DiffRequest};
use pulumi_resource_cognito::user_pool_client::{check, diff};
use pulumi_resource_cognito::value::{PropertyMap, Value};
use std::hint::black_box;

#[path = "../support/fixtures.rs"]
mod fixtures;

fn every_property() -> PropertyMap {
    fixtures::every_input("us-east-1_AbCdEf123")
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

fn benches(c: &mut Criterion) {
    let news = every_property();
    let req = CheckRequest {
        urn: "urn:pulumi:b::p::cognito:index:UserPoolClient::c".into(),
        name: "c".into(),
        news: news.clone(),
        random_seed: vec![1; 32],
        ..Default::default()
    };
    assert!(
        check(&req).failures.is_empty(),
        "the benchmark input must be valid"
    );
    c.bench_function("check_every_property", |b| {
        b.iter(|| check(black_box(&req)))
    });
    let mut changed = news.clone();
    changed.insert("authSessionValidity".into(), Value::Number(8.0));
    let diff_req = DiffRequest {
        id: "us-east-1_AbCdEf123/c1".into(),
        urn: String::new(),
        old_outputs: news.clone(),
        old_inputs: news,
        news: changed,
        ignore_changes: vec![],
    };
    c.bench_function("diff_every_property", |b| {
        b.iter(|| diff(black_box(&diff_req)))
    });
}

criterion_group!(check_diff, benches);
criterion_main!(check_diff);
