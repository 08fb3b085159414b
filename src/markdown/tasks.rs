//! The tasks (`- [ ] …`) of before-next checklists, read during the outline's pass: each is
//! a box the reader ticks, kept like a worksheet answer under `<block id>/<name>`.

use pulldown_cmark::{Event, TagEnd};

/// A task of a before-next checklist.
#[derive(Debug, Clone, serde::Serialize, Hash)]
pub struct Task {
    /// The before-next block's id, which stores the box.
    pub group: String,
    /// The box's control name: `<group>-i<n>`, n counting the block's tasks from 1 (as
    /// the web edition names its checkbox).
    pub name: String,
    /// The task's plain text.
    pub text: String,
}

/// Follows the directive blocks and list items of a pass and collects the tasks.
#[derive(Debug, Default)]
pub(crate) struct TaskReader {
    /// The open blocks, outer first: a before-next block's id and its tasks so far.
    open: Vec<Option<(String, usize)>>,
    /// The task being read.
    task: Option<Task>,
    /// The tasks read.
    pub tasks: Vec<Task>,
}

impl TaskReader {
    /// A directive block opens; `before_next` holds its id when it is a before-next block.
    pub fn open(&mut self, before_next: Option<String>) {
        self.open.push(before_next.map(|id| (id, 0)));
    }

    /// The innermost block closes.
    pub fn close(&mut self) {
        self.finish();
        self.open.pop();
    }

    /// A Markdown event of the body.
    pub fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::TaskListMarker(_) => {
                self.finish();
                if let Some((group, n)) = self.open.iter_mut().rev().flatten().next() {
                    *n += 1;
                    self.task = Some(Task {
                        group: group.clone(),
                        name: format!("{group}-i{n}"),
                        text: String::new(),
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(task) = self.task.as_mut() {
                    task.text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(task) = self.task.as_mut() {
                    task.text.push(' ');
                }
            }
            Event::End(TagEnd::Item) => self.finish(),
            _ => {}
        }
    }

    /// Keeps the task being read, if any, with its text trimmed.
    fn finish(&mut self) {
        if let Some(mut t) = self.task.take() {
            t.text = t.text.trim().to_string();
            self.tasks.push(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::outline;

    #[test]
    fn reads_the_tasks_of_before_next_blocks_only_named_as_the_web_names_their_boxes() {
        let body =
            "::: before-next\n- [ ] Call\n  one `person`.\n- [x] Read\n:::\n\n- [ ] elsewhere\n";
        let found: Vec<(String, String, String)> = outline(body)
            .tasks
            .into_iter()
            .map(|t| (t.group, t.name, t.text))
            .collect();
        let group = "before-the-next-meeting";
        assert_eq!(
            found,
            [
                (
                    group.into(),
                    format!("{group}-i1"),
                    "Call one person.".into()
                ),
                (group.into(), format!("{group}-i2"), "Read".into()),
            ]
        );
    }
}
