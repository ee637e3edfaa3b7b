namespace GemPix.Projections.Exports;

/// <summary>What became of an image when the export was made.</summary>
internal enum ImageStatus
{
    /// <summary>In the archive, at its path.</summary>
    Included,

    /// <summary>Deleted or shredded: its key or its file is gone for good, so there is nothing to include.</summary>
    Erased,
}
