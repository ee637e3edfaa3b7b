namespace GemPix.Cli.Seeding;

/// <summary>
/// A generation a synthetic person asks for; <see cref="ReferenceUpload"/> is the index of one of their own uploads to
/// follow, when they give one.
/// </summary>
internal sealed record SyntheticGeneration(string Prompt, int Width, int Height, long? Seed, int? ReferenceUpload);
