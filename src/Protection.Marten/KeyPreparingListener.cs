using GemPix.Domain.Protection;
using Marten;
using NodaTime;

namespace GemPix.Protection.Marten;

/// <summary>
/// Finds, asynchronously and before Marten serializes a unit of work, every key its protected values need (read from
/// their properties by <see cref="KeyRequestFinder"/>, without serializing anything twice), creating
/// the missing ones in the vault (which refuses an erased subject: the save fails before anything is written), and
/// moves billing keys' retain-until dates forward. Marten calls this after its inline projections ran, so their documents
/// are among the values. The serializer then finds each key in the vault's cache instead of querying from inside a
/// synchronous converter.
/// <para>
/// It also puts the erasure fence into the unit of work: <c>gempix.append_guard</c> over the keys it uses, which takes
/// a shared lock on each key and fails (GP010) when one of them is gone. A process whose cache still holds a key
/// destroyed elsewhere is thereby refused by the database, and a destruction that comes later waits for the commit,
/// so the data written is shredded with the key.
/// </para>
/// </summary>
internal sealed class KeyPreparingListener(FieldKeys keys, IClock clock, ProtectionOptions options) : DocumentSessionListenerBase
{
    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var pending = session.PendingChanges;
        var owners = pending.Streams().SelectMany(s => s.Events).Select(e => e.Data)
            .Concat(pending.Inserts())
            .Concat(pending.Updates())
            .Where(o => o is not null && ProtectedTypes.SubjectPropertyOf(o.GetType()) is not null)
            .ToList();
        if (owners.Count == 0)
        {
            return;
        }

        var requests = new List<KeyRequest>();
        foreach (var owner in owners)
        {
            KeyRequestFinder.AddRequests(owner!, requests);
        }

        var used = new HashSet<Guid>();
        foreach (var request in requests.Distinct())
        {
            var key = await keys.PrepareAsync(request, token);
            if (used.Add(key.Id) && request.Scope == DataScope.Billing)
            {
                await keys.Vault.ExtendRetentionAsync(key.Id, clock.GetCurrentInstant() + options.BillingRetention, token);
            }
        }

        session.QueueSqlCommand("SELECT gempix.append_guard(?)", (object)used.ToArray());
    }
}
