namespace GemPix.Domain.PrivacyRequests;

/// <summary>
/// A jurisdiction's time limits, as data so a request can freeze the rule it was received under. Lengths count
/// from the date of receipt (UTC) in <see cref="Unit"/>; <see cref="RequestDeadlines"/> does the arithmetic.
/// </summary>
/// <param name="Response">The first due date: receipt plus this many units.</param>
/// <param name="Maximum">The latest an extension may reach: receipt plus this many units (not the first due date plus).</param>
/// <param name="AcknowledgementBusinessDays">Business days to confirm receipt; null where the law sets no such limit.</param>
public sealed record DeadlineRule(Jurisdiction Jurisdiction, DeadlineUnit Unit, int Response, int Maximum, int? AcknowledgementBusinessDays);
