namespace GemPix.Domain;

/// <summary>
/// Marks a record as an event and gives the name it is stored under. The name is part of the stored data
/// and never changes when the class is renamed; a changed shape raises <see cref="SchemaVersion"/> and comes
/// with an upcaster from the previous version.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StoredEventAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public int SchemaVersion { get; init; } = 1;
}
