//! `[print]`: paper size, version line, QR code and alignment of printed guides and PDFs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `[print]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PrintConfig {
    /// Paper of printable pages and PDFs: "a4" or "us-letter". Default: "a4".
    pub paper: Paper,
    /// A version or edition printed in every PDF's footer, e.g. "1.2" or "2026 edition".
    /// Default: "" (the footer shows only the date the guide last changed).
    pub version: String,
    /// A QR code on the first page of each PDF guide linking to its web page; only when
    /// `[book] base-url` is set, since a relative link cannot be scanned. Default: true.
    pub qr_code: bool,
    /// Font families the PDFs try first for characters the built-in and theme fonts lack,
    /// before the fonts of the machine chosen for each script. Default: none.
    pub fonts: Vec<String>,
    /// Text of the PDFs aligned on both margins, with words hyphenated, instead of aligned
    /// on one side as on the web pages (easier to read, WCAG 1.4.8). Typesetting takes
    /// about a third longer. Default: false.
    pub justify: bool,
}

impl Default for PrintConfig {
    fn default() -> Self {
        PrintConfig {
            paper: Paper::A4,
            version: String::new(),
            qr_code: true,
            fonts: Vec::new(),
            justify: false,
        }
    }
}

/// A paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    #[serde(alias = "letter")]
    #[schemars(transform = crate::config::aliases(&["letter"]))]
    UsLetter,
}

impl Paper {
    /// The name CSS `@page { size }` understands.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::UsLetter => "letter",
        }
    }

    /// The name Typst's `page(paper:)` understands.
    pub fn typst(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::UsLetter => "us-letter",
        }
    }
}
