using System.Security.Cryptography;
using System.Text;

namespace GemPix.Projections.Handling;

/// <summary>
/// The ids of a subject's own streams. The account's stream is the subject id itself; consents, credits, processing and the access log get ids
/// derived from it, so that a command finds its stream without a lookup.
/// </summary>
public static class SubjectStreams
{
    public static Guid Account(Guid subjectId) => subjectId;

    public static Guid Consents(Guid subjectId) => Derived("gempix-subject-consents:", subjectId);

    public static Guid Credits(Guid subjectId) => Derived("gempix-subject-credits:", subjectId);

    /// <summary>Restriction and objection (Art. 18, Art. 21).</summary>
    public static Guid Processing(Guid subjectId) => Derived("gempix-subject-processing:", subjectId);

    /// <summary>Who read the subject's data besides the subject: the access log of their export.</summary>
    public static Guid AccessLog(Guid subjectId) => Derived("gempix-subject-access-log:", subjectId);

    private static Guid Derived(string purpose, Guid subjectId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(purpose + subjectId.ToString("N")), hash);
        return new Guid(hash[..16]);
    }
}
