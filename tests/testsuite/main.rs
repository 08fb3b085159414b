//! circlekit's integration tests: one binary, one module per feature, one fixture site per test.

mod browser;
mod build;
mod circle_pages;
mod cli;
mod dev_server;
mod diagnostics;
mod i18n;
mod links;
mod output_safety;
mod pages;
mod serve;
mod smoke;
mod support;
mod theme;
mod watch;
