//! circlekit's integration tests: one binary, one module per feature, one fixture site per test.

mod build;
mod cli;
mod diagnostics;
mod links;
mod output_safety;
mod pages;
mod smoke;
mod support;
mod theme;
