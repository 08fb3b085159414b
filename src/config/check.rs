//! `[check]`: how strict `check` and `build` are about broken links.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `[check]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckConfig {
    /// What a link, anchor or image that does not resolve is: "error" (the build stops)
    /// or "warn" (it is reported and the build goes on; `--strict` still fails on it), for
    /// sites imported from elsewhere whose links are fixed over time. Default: "error".
    pub links: LinkLevel,
}

/// How serious a broken internal link is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LinkLevel {
    /// An error: the build stops.
    #[default]
    Error,
    /// A warning: the build goes on (and fails with `--strict`).
    #[serde(alias = "warning")]
    #[schemars(transform = crate::config::aliases(&["warning"]))]
    Warn,
}
