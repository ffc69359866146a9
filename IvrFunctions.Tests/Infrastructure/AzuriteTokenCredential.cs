using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Core;

namespace IvrFunctions.Tests.Infrastructure;

/// <summary>
/// Stands in for a managed identity against <see cref="OAuthAzurite"/>: issues a JWT with the claims Azurite's basic OAuth
/// checks (issuer under <c>https://sts.windows.net/</c>, audience <c>https://storage.azure.com</c>, <c>iat</c>/<c>nbf</c>/<c>exp</c>
/// on the real clock, as Azurite checks them against its own) and the <c>oid</c>/<c>tid</c> a user delegation key is
/// derived from. Signed with a throwaway key, which Azurite does not check. Records the scopes it was asked for.
/// </summary>
public sealed class AzuriteTokenCredential : TokenCredential
{
    readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);

    public string TenantId { get; } = Guid.NewGuid().ToString();

    public string ObjectId { get; } = Guid.NewGuid().ToString();

    public List<string> RequestedScopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (RequestedScopes)
        {
            RequestedScopes.AddRange(requestContext.Scopes);
        }

        var now = DateTimeOffset.UtcNow;
        var expires = now.AddHours(1);
        var claims = new Dictionary<string, object>
        {
            ["aud"] = "https://storage.azure.com",
            ["iss"] = $"https://sts.windows.net/{TenantId}/",
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["oid"] = ObjectId,
            ["tid"] = TenantId,
            ["sub"] = ObjectId,
            ["ver"] = "1.0",
        };
        var unsigned = $"{Encode(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" })}.{Encode(claims)}";
        var signature = Base64Url(HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes(unsigned)));
        return new AccessToken($"{unsigned}.{signature}", expires);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    static string Encode(Dictionary<string, object> json) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(json));

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
