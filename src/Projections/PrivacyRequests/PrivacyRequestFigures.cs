namespace GemPix.Projections.PrivacyRequests;

/// <summary>One request type's figures for a year: how many arrived, how many were answered, and the median days to answer.</summary>
public sealed record PrivacyRequestFigures(string Type, int Received, int Completed, int Denied, int Overdue, double? MedianDaysToComplete);
