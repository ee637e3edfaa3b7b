namespace GemPix.Projections.Training;

/// <summary>The eligibility projection has not yet seen every committed event: a snapshot now could include a withdrawn subject.</summary>
public sealed class TrainingEligibilityBehindException()
    : Exception("The training-eligibility projection is behind the events; let the projection daemon catch up and try again.");
