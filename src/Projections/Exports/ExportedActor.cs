namespace GemPix.Projections.Exports;

/// <summary>Who made an event happen, by kind and id only (events never name a person).</summary>
/// <param name="Kind"><c>subject</c> (you), <c>auditor</c>, <c>regulator</c>, <c>admin</c> or <c>system</c>.</param>
/// <param name="Id">Your subject id, or the key id of an auditor, regulator or admin; absent for the system.</param>
internal sealed record ExportedActor(string Kind, string? Id);
