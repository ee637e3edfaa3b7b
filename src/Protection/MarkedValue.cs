namespace GemPix.Protection;

/// <summary>
/// A protected value found in an event's UTF-8 JSON: where its marked object (<c>{"$personal": value, "asset": id}</c>)
/// starts and ends, where the value itself lies inside it, its JSON pointer (bound into the ciphertext), its scope
/// marker and its asset, if any.
/// </summary>
internal readonly record struct MarkedValue(int ObjectStart, int ObjectEnd, int ValueStart, int ValueEnd, string Path, bool IsBilling, Guid? AssetId);
