using PosSync.Connectors.Http;
using PosSync.Storage.Stores;

namespace PosSync.Connectors.Tests;

/// <summary>What the HTTP pipeline adds to a call beyond the vendor's own headers, and a 2xx the vendor's rule calls a refusal.</summary>
public class VendorHttpHeaderTests
{
    private static VendorConnection Lightspeed(ConnectorRig rig, IReadOnlyDictionary<string, string>? headers = null) =>
        new(rig.Context, "lightspeed", ConnectionStore.Pos, rig.Get<VendorOptions>().Lightspeed, headers);

    [Test]
    public async Task A_connection_s_headers_and_a_call_s_own_headers_reach_the_vendor_on_every_attempt()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var connection = Lightspeed(rig, new Dictionary<string, string> { ["xero-tenant-id"] = "tenant-1" });
        var request = new VendorRequest("businesses", HttpMethod.Get, "/f/data/businesses",
            Headers: new Dictionary<string, string> { [VendorRequest.IdempotencyKey] = "POS-loc-1-20250314-R1" });

        var result = await rig.Get<VendorHttp>().SendAsync(connection, request, CancellationToken.None);

        Assert.That(result.Succeeded, Is.True, result.Failure?.Message);
        var arrived = rig.Vendors.Sandbox.Journal.All("lightspeed").Last();
        Assert.That(arrived.Headers["xero-tenant-id"], Is.EqualTo("tenant-1"));
        Assert.That(arrived.Headers[VendorRequest.IdempotencyKey], Is.EqualTo("POS-loc-1-20250314-R1"));
    }

    [Test]
    public void A_POST_with_an_idempotency_key_is_safe_to_repeat_and_one_without_is_not()
    {
        var keyed = new VendorRequest(
            "post",
            HttpMethod.Post,
            "/x",
            Headers: new Dictionary<string, string> { [VendorRequest.IdempotencyKey] = "k" });
        var bare = new VendorRequest("post", HttpMethod.Post, "/x");

        Assert.That((keyed.Idempotent, bare.Idempotent), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task A_2xx_the_vendor_s_rule_calls_a_refusal_is_rejected_with_its_message_and_recorded_so()
    {
        await using var rig = await ConnectorRig.StartAsync();
        var request = new VendorRequest("businesses", HttpMethod.Get, "/f/data/businesses",
            Refusal: body => body.Contains("Brasserie", StringComparison.Ordinal)
                ? "A validation error occurred: the account code is unknown"
                : null);

        var result = await rig.Get<VendorHttp>().SendAsync(Lightspeed(rig), request, CancellationToken.None);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(
            result.Failure!.Message,
            Is.EqualTo("lightspeed rejected businesses (200): A validation error occurred: the account code is unknown"));
        var recorded = (await rig.RequestsAsync()).Single(r => r.Operation == "businesses");
        Assert.That((recorded.StatusCode, recorded.Error), Is.EqualTo(((int?)200, "A validation error occurred: the account code is unknown")));
    }
}
