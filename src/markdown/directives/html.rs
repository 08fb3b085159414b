//! The HTML around a directive block's content, per edition.

use super::kind::DirectiveKind;
use super::scan::Block;
use crate::markdown::escape::escape;
use crate::markdown::labels::Labels;
use crate::markdown::options::Edition;

/// The opening HTML of a block, or `None` when the edition leaves the block out (moderator
/// notes in the member edition). `id` is the block's anchor from the outline.
pub(crate) fn open(
    block: &Block,
    id: Option<&str>,
    edition: Edition,
    labels: &Labels,
) -> Option<String> {
    let title = block.title.as_deref();
    let id_attr = id.map_or(String::new(), |i| format!(" id=\"{}\"", escape(i)));
    let html = match block.kind {
        Some(DirectiveKind::Exercise) => {
            let id = escape(id.unwrap_or("exercise"));
            let (minutes_attr, badge) = match block.minutes {
                Some(m) => (
                    format!(" data-minutes=\"{m}\""),
                    format!("<span class=\"minutes-badge\">{}</span>", labels.minutes(m)),
                ),
                None => (String::new(), String::new()),
            };
            format!(
                "<section class=\"directive exercise\" data-directive=\"exercise\" aria-labelledby=\"{id}\"{minutes_attr}>\n\
                 <div class=\"directive-header\"><h3 id=\"{id}\">{}</h3>{badge}</div>\n",
                escape(title.unwrap_or(&labels.exercise))
            )
        }
        Some(DirectiveKind::BeforeNext) => {
            let id = escape(id.unwrap_or("before-the-next-meeting"));
            let store = if edition == Edition::Web {
                format!(" data-worksheet=\"{id}\"")
            } else {
                String::new()
            };
            format!(
                "<section class=\"directive before-next\" data-directive=\"before-next\" aria-labelledby=\"{id}\"{store}>\n\
                 <h2 id=\"{id}\">{}</h2>\n",
                escape(title.unwrap_or(&labels.before_next))
            )
        }
        Some(DirectiveKind::Moderator) => {
            let title = escape(title.unwrap_or(&labels.moderator_notes));
            match edition {
                Edition::Member => return None,
                Edition::Web => format!(
                    "<details class=\"directive moderator\" data-directive=\"moderator\"{id_attr}>\n<summary>{title}</summary>\n"
                ),
                Edition::Moderator => format!(
                    "<aside class=\"directive moderator\" data-directive=\"moderator\"{id_attr}>\n<p class=\"directive-title\">{title}</p>\n"
                ),
            }
        }
        Some(kind @ (DirectiveKind::Example | DirectiveKind::Note)) => {
            let default: &str = if kind == DirectiveKind::Example {
                &labels.example
            } else {
                &labels.note
            };
            let heading = match title {
                Some(t) => format!(
                    "<span class=\"directive-label\">{default}:</span> {}",
                    escape(t)
                ),
                None => default.to_string(),
            };
            format!(
                "<aside class=\"directive {name}\" data-directive=\"{name}\"{id_attr}>\n<p class=\"directive-title\">{heading}</p>\n",
                name = kind.name()
            )
        }
        None => format!(
            "<div class=\"directive\" data-directive=\"{}\"{id_attr}>\n",
            escape(&block.name)
        ),
    };
    Some(html)
}

/// The closing HTML of a block that was opened.
pub(crate) fn close(block: &Block, edition: Edition) -> &'static str {
    match block.kind {
        Some(DirectiveKind::Exercise | DirectiveKind::BeforeNext) => "</section>\n",
        Some(DirectiveKind::Moderator) if edition == Edition::Web => "</details>\n",
        Some(DirectiveKind::Moderator | DirectiveKind::Example | DirectiveKind::Note) => {
            "</aside>\n"
        }
        None => "</div>\n",
    }
}
