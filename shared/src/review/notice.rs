//! What the people told of a review read, in the notification and the email.

/// To the key worker and managers when a review is asked for: `asked_by` is who asked for
/// `person`, or `None` when the person asked themselves.
pub fn review_requested(person: &str, asked_by: Option<&str>) -> String {
    match asked_by {
        None => format!("{person} asked for a review of their plan."),
        Some(by) => format!("{by} asked for a review of {person}'s plan."),
    }
}

/// To the managers on the person's team when Part 1 is submitted.
pub fn part_two_waiting(person: &str) -> String {
    format!("Part 1 of {person}'s review is ready. Part 2 is yours to complete.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_who_asked_and_whose_plan() {
        assert_eq!(
            review_requested("Alex", None),
            "Alex asked for a review of their plan."
        );
        assert_eq!(
            review_requested("Alex", Some("Jordan Bell")),
            "Jordan Bell asked for a review of Alex's plan."
        );
        assert_eq!(
            part_two_waiting("Alex"),
            "Part 1 of Alex's review is ready. Part 2 is yours to complete."
        );
    }
}
