//! The Typst template of the PDFs: the theme's `typst/guide.typ`, or the built-in one, and
//! a check that it takes what the site's settings pass to it.

use std::path::{Path, PathBuf};

use ::typst::syntax::ast;
use ::typst::syntax::{LinkedNode, SyntaxNode, parse};

use crate::diagnostic::Diagnostic;
use crate::render::theme;
use crate::site::Site;

/// The template, and where it came from for messages.
pub(super) struct Template {
    pub(super) text: String,
    pub(super) path: PathBuf,
}

/// Reads the site's template, and checks that it takes the arguments the settings ask
/// circlekit to pass (once here, not once per PDF).
pub(super) fn load(site: &Site) -> Result<Template, Diagnostic> {
    let rel = Path::new("themes")
        .join(&site.config.theme.name)
        .join("typst/guide.typ");
    let template = match std::fs::read_to_string(site.root.join(&rel)) {
        Ok(text) => Template { text, path: rel },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Template {
            text: theme::TYPST_TEMPLATE.to_string(),
            path: PathBuf::from("(built-in theme) themes/default/typst/guide.typ"),
        },
        Err(e) => {
            return Err(
                Diagnostic::error(&rel, format!("cannot read the PDF template: {e}"))
                    .help("save it as UTF-8 text"),
            );
        }
    };
    if !site.config.print.justify {
        return Ok(template);
    }
    if let Some(at) = guide_lacks(&template.text, "justify") {
        return Err(Diagnostic::error(
            &template.path,
            "`[print] justify = true` passes `justify: true` to this template's `guide` function, which has no such parameter",
        )
        .help(
            "add `justify: false,` to the parameters of `guide` and write `set par(justify: justify, …)` in it, as the built-in template does (`circlekit init --theme NAME` writes a copy to compare with), or remove `justify` from `[print]` in book.toml",
        )
        .at_offset(&template.text, at));
    }
    Ok(template)
}

/// Where the template's top-level `guide` function starts, when it takes no named
/// argument `name` (nor any, through `..rest`). `None` when it takes it, or when there is
/// no such function to look at: Typst then reports what is wrong with the template itself.
fn guide_lacks(text: &str, name: &str) -> Option<usize> {
    let root = parse(text);
    let (offset, guide) = LinkedNode::new(&root)
        .children()
        .find_map(|n| Some((n.offset(), guide_function(n.get())?)))?;
    let takes = guide.params().children().any(|p| match p {
        ast::Param::Named(n) => n.name().as_str() == name,
        ast::Param::Spread(_) => true,
        ast::Param::Pos(_) => false,
    });
    (!takes).then_some(offset)
}

/// The function `node` defines when it is `#let guide(…) = …`.
fn guide_function(node: &SyntaxNode) -> Option<ast::Closure<'_>> {
    let binding = node.cast::<ast::LetBinding>()?;
    match (binding.kind(), binding.init()?) {
        (ast::LetBindingKind::Closure(id), ast::Expr::Closure(c)) if id.as_str() == "guide" => {
            Some(c)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_parameters_of_the_guide_function() {
        let takes = |text: &str, name: &str| guide_lacks(text, name).is_none();
        assert!(takes(theme::TYPST_TEMPLATE, "justify"));
        assert!(takes(theme::TYPST_TEMPLATE, "paper"));
        assert!(!takes(theme::TYPST_TEMPLATE, "colour"));
        let old = "// An older template.\n#let guide(paper: \"a4\", body) = { set par(justify: true); body }";
        assert_eq!(guide_lacks(old, "justify"), old.find("let guide("));
        assert!(takes("#let guide(..rest, body) = body", "justify"));
        // Another function's parameter is not the guide's.
        assert!(!takes(
            "#let justify-box(justify: true) = none\n#let guide(body) = body",
            "justify"
        ));
        // No guide function to look at: left to Typst.
        assert!(takes("#let other(body) = body", "justify"));
    }
}
