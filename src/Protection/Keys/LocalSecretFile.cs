using System.Security.Cryptography;

namespace GemPix.Protection.Keys;

/// <summary>
/// A secret of 32 random bytes in <c>$GEMPIX_DATA/keys/NAME</c>, mode 0600 from birth, created on first use; when
/// several processes start at once, the first file written wins and all of them read it.
/// </summary>
public static class LocalSecretFile
{
    public const int Size = 32;

    public static byte[] ReadOrCreate(string dataDirectory, string name)
    {
        var directory = Path.Combine(dataDirectory, "keys");
        var path = Path.Combine(directory, name);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (!File.Exists(path))
        {
            var key = RandomNumberGenerator.GetBytes(Size);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    // Born 0600: never readable by others, not even for an instant.
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var file = new FileStream(path, options);
                file.Write(key);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        var secret = File.ReadAllBytes(path);
        return secret.Length == Size ? secret : throw new CryptographicException($"{path} must hold exactly {Size} bytes.");
    }
}
