using System.Net;
using System.Text;
using PosSync.Testing.OpenApi;

namespace PosSync.Connectors.Tests.OpenApi;

/// <summary>The handler a connector's client goes through in contract tests: every call is checked both ways and recorded.</summary>
public class ContractCheckingHandlerTests
{
    /// <summary>Answers every request with the same canned answer, as a sandbox would.</summary>
    private sealed class Canned(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(
                new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request });
    }

    private static HttpRequestMessage SearchOrders(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:5181/square/v2/orders/search")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", "EAAAl-sandbox");
        request.Headers.Add("Square-Version", "2025-08-20");
        return request;
    }

    [Test]
    public async Task Calls_that_keep_to_the_contract_both_ways_pass_and_are_recorded()
    {
        using var handler = new ContractCheckingHandler(
            new ContractValidator(VendorSpecs.Square, mountPath: "/square"),
            new Canned(HttpStatusCode.OK, """{"orders":[],"cursor":"c2"}"""));
        using var client = new HttpClient(handler);

        using var response = await client.SendAsync(SearchOrders("""{"location_ids":["L1"],"cursor":"c1"}"""));

        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("c2"), "the answer still reaches the caller");
        handler.AssertAllKeptToTheContract();
        Assert.That(handler.Exchanges.Single().ToString(), Does.StartWith("POST http://127.0.0.1:5181/square/v2/orders/search → 200"));
    }

    [Test]
    public async Task A_stray_request_and_a_stray_answer_are_both_reported_with_the_call()
    {
        using var handler = new ContractCheckingHandler(
            new ContractValidator(VendorSpecs.Square, mountPath: "/square"),
            new Canned(HttpStatusCode.OK, """{"orders":[{"location_id":"L1","total_money":{"amount":"8.00"}}]}"""));
        using var client = new HttpClient(handler);

        using var _ = await client.SendAsync(SearchOrders("""{"location_ids":["L1"],"sort":"CLOSED_AT"}"""));

        var exchange = handler.Strayed.Single();
        ContractAssert.Fails(exchange.RequestViolations.ToList(), "unknown field", "/sort", "request body");
        ContractAssert.Fails(exchange.ResponseViolations.ToList(), "type", "/orders/0/total_money/amount", "response 200");
        var failure = Assert.Throws<AssertionException>(handler.AssertAllKeptToTheContract)!;
        Assert.That(failure.Message, Does.Contain("1 of 1 call(s) strayed").And.Contain("/orders/0/total_money/amount"));
    }

    [Test]
    public async Task A_call_to_an_operation_the_vendor_does_not_have_is_reported_once()
    {
        using var handler = new ContractCheckingHandler(new ContractValidator(VendorSpecs.Xero), new Canned(HttpStatusCode.OK, "[]"));
        using var client = new HttpClient(handler);

        using var _ = await client.GetAsync("https://api.xero.com/connections");

        var exchange = handler.Exchanges.Single();
        Assert.That(exchange.Violations.Select(v => v.Rule), Is.EqualTo(new[] { "unknown operation" }));
    }
}
