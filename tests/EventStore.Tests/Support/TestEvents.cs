namespace GemPix.EventStore.Tests.Support;

public sealed record Deposited(int Amount);

public sealed record Withdrawn(int Amount);

public sealed record Noted(string Text);
