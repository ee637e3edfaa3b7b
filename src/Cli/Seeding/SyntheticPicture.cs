namespace GemPix.Cli.Seeding;

/// <summary>What an upload's pixels are: a pattern of the built-in model, or a plain two-colour gradient.</summary>
internal enum SyntheticPicture
{
    Pattern,
    Gradient,
}
