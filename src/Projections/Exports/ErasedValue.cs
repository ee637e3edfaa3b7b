namespace GemPix.Projections.Exports;

/// <summary>
/// What the export shows in place of a personal value whose key was destroyed: an explicit marker a person can read
/// and a program can test for, never ciphertext.
/// </summary>
/// <param name="Erased">Always true: the marker's tag.</param>
/// <param name="Scope"><c>personal</c> (erased on request or with its asset) or <c>billing</c> (its retention ended).</param>
public sealed record ErasedValue(bool Erased, string Scope);
