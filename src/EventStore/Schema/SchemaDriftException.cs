namespace GemPix.EventStore.Schema;

/// <summary>
/// The database records a migration whose text differs from the code's, or a version the code does not know:
/// applying anything on top would build on a schema nobody can vouch for.
/// </summary>
public sealed class SchemaDriftException(string message) : Exception(message);
