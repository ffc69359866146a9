namespace IvrFunctions.Core.Speech;

/// <summary>A caller's recording, already downloaded and size-checked. <paramref name="ContentType"/> is <c>audio/wav</c>, <c>audio/mpeg</c>, ...</summary>
public sealed record RecordedAudio(ReadOnlyMemory<byte> Content, string ContentType);
