namespace GemPix.Ledger.Marten.Tests;

/// <summary>The event the tests append: who wrote it and its number, so that each committed one can be found again.</summary>
public sealed record Stamped(int Writer, int Number, string Note);
