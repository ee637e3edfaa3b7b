using System.Text.Json.Serialization.Metadata;
using GemPix.Protection.Keys;
using Marten;
using Marten.Services;
using NodaTime;

namespace GemPix.Protection.Marten;

/// <summary>Marten configuration for GemPix's protection of personal data.</summary>
public static class ProtectionStoreOptionsExtensions
{
    /// <summary>
    /// Encrypts every <see cref="Domain.Protection.Personal{T}"/> and <see cref="Domain.Protection.Billing{T}"/> property
    /// inside the events and documents Marten stores, with AES-256-GCM under the subject's (or asset's) key from
    /// <paramref name="vault"/>, binding subject, key and field; a value whose key was destroyed reads back erased.
    /// The owner of protected values is the event or document around them, through its public <c>Guid SubjectId</c>.
    /// Needs Marten's System.Text.Json serializer; call it before or after <c>UseSystemTextJsonForSerialization</c>.
    /// </summary>
    public static StoreOptions UseGemPixProtection(this StoreOptions options, KeyVault vault, IClock clock, ProtectionOptions protection)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(protection);

        var keys = new FieldKeys(vault);
        var modifier = new ProtectedFieldModifier(keys);
        // Marten re-applies this whenever its serializer is replaced, so the order of configuration does not matter.
        options.Advanced.ModifySerializer(serializer =>
        {
            if (serializer is not SystemTextJsonSerializer json)
            {
                throw new InvalidOperationException("GemPix protection works inside System.Text.Json: use UseSystemTextJsonForSerialization.");
            }

            json.Configure(o =>
            {
                o.Converters.Insert(0, new UndeclaredProtectedValueConverterFactory());
                o.Converters.Insert(0, new SubjectOwnerConverterFactory());
                o.TypeInfoResolver = (o.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(modifier.Modify);
            });
        });
        options.Listeners.Add(new KeyPreparingListener(keys, clock, protection));
        return options;
    }
}
