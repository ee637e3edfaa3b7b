namespace GemPix.Projections.PrivacyRequests;

/// <summary>How many open requests a monitor run found due soon and overdue.</summary>
public sealed record DeadlineFlags(int DueSoon, int Overdue);
