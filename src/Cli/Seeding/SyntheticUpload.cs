namespace GemPix.Cli.Seeding;

/// <summary>A small PNG a synthetic person uploads, described by what draws it; <see cref="SyntheticPictures"/> draws it.</summary>
internal sealed record SyntheticUpload(SyntheticPicture Picture, int Width, int Height, long Seed, bool Keep);
