using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace GemPix.Api.Tests.Conformance;

/// <summary>
/// Records every answer of the host, outermost in the pipeline, so that the suite can check each one against the
/// OpenAPI document the host itself serves.
/// </summary>
public sealed class AnswerRecorder : IStartupFilter
{
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The document answers are checked against, once the host has served it.</summary>
    public OpenApiContract? Contract { get; set; }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var original = context.Response.Body;
            using var copy = new MemoryStream();
            context.Response.Body = new TeeStream(original, copy, MaxBodyBytes);
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                context.Response.Body = original;
                if (Contract is { } contract)
                {
                    ConformToOpenApiAttribute.Record(
                        contract, new RecordedAnswer(context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode, context.Response.ContentType, copy.ToArray()));
                }
            }
        });
        next(app);
    };

    /// <summary>Writes through to the client and keeps a copy of the first bytes.</summary>
    private sealed class TeeStream(Stream inner, MemoryStream copy, int limit) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            var room = limit - (int)copy.Length;
            if (room > 0)
            {
                copy.Write(bytes[..Math.Min(room, bytes.Length)]);
            }
        }
    }
}
