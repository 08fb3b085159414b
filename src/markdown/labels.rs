//! The words circlekit itself puts into rendered Markdown (directive headings, buttons), in
//! one place so a translation can replace them together.

/// Summary of a moderator block on the web, and its title in print.
pub const MODERATOR_NOTES: &str = "Moderator notes";
/// Heading of a `before-next` block without a title.
pub const BEFORE_NEXT: &str = "Before the next meeting";
/// Heading of an `exercise` block without a title.
pub const EXERCISE: &str = "Exercise";
/// Title of an `example` block without one.
pub const EXAMPLE: &str = "Example";
/// Title of a `note` block without one.
pub const NOTE: &str = "Note";
/// The worksheet button that empties its fields and forgets them.
pub const CLEAR_ANSWERS: &str = "Clear my answers";
/// Beside that button: where the answers are kept.
pub const KEPT_LOCALLY: &str = "Your answers are saved in this browser only.";
/// "Row" in a table cell's accessible label ("Name, row 3").
pub const ROW: &str = "row";

/// The minutes badge of an exercise: "1 minute", "15 minutes".
pub fn minutes(n: u32) -> String {
    if n == 1 {
        "1 minute".to_string()
    } else {
        format!("{n} minutes")
    }
}
