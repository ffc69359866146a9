using IvrFunctions.Core.Configuration;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Tests.CallFlow;

public sealed class CallFlowConfigurationTests
{
    static IReadOnlyList<string> Validate(TurnsOptions turns, AudioOptions audio, string storage = "UseDevelopmentStorage=true") =>
        new ConfigurationValidator(
            Options.Create(new StorageOptions { ConnectionString = storage }),
            Options.Create(new SpeechOptions()),
            Options.Create(new AnswersOptions()),
            Options.Create(new GoogleOptions()),
            Options.Create(new OpenAIOptions()),
            Options.Create(new AzureOpenAIOptions()),
            Options.Create(new ExotelOptions()),
            Options.Create(turns),
            Options.Create(audio)).Validate(new IvrOptions());

    [Fact]
    public void Defaults_AreValid() => Assert.Empty(Validate(new TurnsOptions(), new AudioOptions()));

    [Fact]
    public void EmptyPublicBaseUrl_AsLocalSettingsSampleHasIt_IsValid() =>
        Assert.Empty(Validate(new TurnsOptions(), new AudioOptions { PublicBaseUrl = new Uri("", UriKind.RelativeOrAbsolute) }));

    [Fact]
    public void RelativePublicBaseUrl_NamesTheKey() =>
        Assert.Contains(Validate(new TurnsOptions(), new AudioOptions { PublicBaseUrl = new Uri("/x", UriKind.Relative) }),
            e => e.StartsWith("Audio:PublicBaseUrl (env Audio__PublicBaseUrl)", StringComparison.Ordinal));

    [Fact]
    public void OutOfRange_NamesTheKey()
    {
        var errors = Validate(new TurnsOptions { DeadlineSeconds = 0, Workers = 0 }, new AudioOptions());

        Assert.Contains(errors, e => e.StartsWith("Turns:DeadlineSeconds (env Turns__DeadlineSeconds) must be between", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Turns:Workers (env Turns__Workers)", StringComparison.Ordinal));
    }

    [Fact]
    public void SigningKey_RequiredWithARealAccount_AndLongEnough()
    {
        const string account = "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=eA==;EndpointSuffix=core.windows.net";

        Assert.Contains(Validate(new TurnsOptions(), new AudioOptions(), account), e => e.StartsWith("Audio:SigningKey (env Audio__SigningKey) is required", StringComparison.Ordinal));
        Assert.Contains(Validate(new TurnsOptions(), new AudioOptions { SigningKey = "short" }), e => e.StartsWith("Audio:SigningKey (env Audio__SigningKey) is too short", StringComparison.Ordinal));
        Assert.Empty(Validate(new TurnsOptions(), new AudioOptions { SigningKey = new string('k', 32) }, account));
    }
}
