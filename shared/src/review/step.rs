//! The steps a review moves through: Part 1 written with the person and submitted, then Part 2
//! written by a manager and the review completed. Each step may be taken at one stage only.

use super::ReviewStatus;

/// One change to a review that is under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewStep {
    /// Save Part 1, finished or not.
    WritePartOne,
    /// Submit Part 1: it can no longer change, and Part 2 waits for a manager.
    SubmitPartOne,
    /// Save Part 2.
    WritePartTwo,
    /// Complete the review: the plan is agreed again and the review never changes.
    Complete,
}

impl ReviewStep {
    /// The stage a review must be at for this step.
    pub fn stage(self) -> ReviewStatus {
        match self {
            Self::WritePartOne | Self::SubmitPartOne => ReviewStatus::PartOne,
            Self::WritePartTwo | Self::Complete => ReviewStatus::AwaitingPartTwo,
        }
    }

    /// The stage the review is at after this step.
    pub fn next_stage(self) -> ReviewStatus {
        match self {
            Self::WritePartOne => ReviewStatus::PartOne,
            Self::SubmitPartOne | Self::WritePartTwo => ReviewStatus::AwaitingPartTwo,
            Self::Complete => ReviewStatus::Completed,
        }
    }

    /// The stage after this step from a review at `at`, or why the step cannot be taken there.
    pub fn from(self, at: ReviewStatus) -> Result<ReviewStatus, &'static str> {
        if at == self.stage() {
            Ok(self.next_stage())
        } else {
            Err(self.refusal())
        }
    }

    /// Why the step cannot be taken at any other stage.
    fn refusal(self) -> &'static str {
        match self {
            Self::WritePartOne => "Part 1 of this review has been submitted and cannot be changed.",
            Self::SubmitPartOne => "Part 1 of this review has been submitted already.",
            Self::WritePartTwo => {
                "Part 2 is written after Part 1 is submitted, and not after the review is complete."
            }
            Self::Complete => {
                "Only a review whose Part 1 is submitted, and not yet complete, can be completed."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STEPS: [ReviewStep; 4] = [
        ReviewStep::WritePartOne,
        ReviewStep::SubmitPartOne,
        ReviewStep::WritePartTwo,
        ReviewStep::Complete,
    ];
    const STAGES: [ReviewStatus; 3] = [
        ReviewStatus::PartOne,
        ReviewStatus::AwaitingPartTwo,
        ReviewStatus::Completed,
    ];

    #[test]
    fn a_review_moves_forward_one_stage_at_a_time() {
        let mut at = ReviewStatus::PartOne;
        for step in STEPS {
            at = step.from(at).expect("each step follows the one before");
        }
        assert_eq!(at, ReviewStatus::Completed);
        assert_eq!(
            ReviewStep::WritePartOne.from(ReviewStatus::PartOne),
            Ok(ReviewStatus::PartOne),
            "saving Part 1 leaves it open to more saves"
        );
    }

    #[test]
    fn each_step_is_refused_at_every_other_stage_and_a_completed_review_never_changes() {
        for step in STEPS {
            for at in STAGES {
                let taken = step.from(at);
                assert_eq!(taken.is_ok(), at == step.stage(), "{step:?} at {at:?}");
                if let Err(why) = taken {
                    assert!(why.ends_with('.'), "{why}");
                }
            }
            assert!(step.from(ReviewStatus::Completed).is_err());
        }
    }
}
