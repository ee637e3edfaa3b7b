using System.Security.Cryptography;
using System.Text;

namespace GemPix.Protection.Keys;

/// <summary>The stream that holds a subject's key events (creations and shreds), derived from the subject id.</summary>
public static class KeyStreams
{
    public const string StreamType = "subject-keys";

    public static Guid For(Guid subjectId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes("gempix-subject-keys:" + subjectId.ToString("N")), hash);
        return new Guid(hash[..16]);
    }
}
