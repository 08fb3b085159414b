//! circlekit's integration tests: one binary, one module per feature, one fixture site per test.

mod accessibility;
mod anchors;
mod architecture;
mod browser;
mod build;
mod circle_pages;
mod cli;
mod completions;
mod design;
mod dev_server;
mod diagnostics;
mod first_contact;
mod first_contact_web;
mod fuzz_replay;
mod hostile;
mod i18n;
mod init;
#[cfg(unix)]
mod installer;
mod links;
mod live_patch;
mod manual;
mod meeting_phone;
mod meeting_steps;
mod moderator_view;
mod offline;
mod output_safety;
mod package;
mod pages;
#[cfg(feature = "pdf")]
mod pdf;
#[cfg(feature = "pdf")]
mod pdf_alignment;
#[cfg(feature = "pdf")]
mod pdf_cache;
mod print;
mod program;
mod release;
mod reproducible;
mod rounds;
mod schemas;
#[cfg(feature = "pdf")]
mod scripts_pdf;
mod search;
mod serve;
mod sharing;
mod smoke;
mod support;
mod theme;
mod ui_strings;
mod watch;
mod wayfinding;
mod weight;
mod workbook;
