namespace PosSync.Testing.OpenApi;

/// <summary>
/// An <see cref="HttpClient"/> handler that holds every request going out and every answer coming back to
/// the vendor's OpenAPI file, and records each exchange with its violations (the call itself goes on
/// unchanged). Put it under a connector's client when it talks to a sandbox: the connector's requests and
/// the sandbox's answers are then both checked against the vendor's own contract.
/// </summary>
public sealed class ContractCheckingHandler : DelegatingHandler
{
    private readonly List<ContractExchange> _exchanges = [];

    public ContractCheckingHandler(ContractValidator validator, HttpMessageHandler? inner = null)
        : base(inner ?? new SocketsHttpHandler())
    {
        Validator = validator;
    }

    public ContractValidator Validator { get; }

    /// <summary>The exchanges so far, in the order their answers came.</summary>
    public IReadOnlyList<ContractExchange> Exchanges
    {
        get { lock (_exchanges) return _exchanges.ToList(); }
    }

    /// <summary>The exchanges that strayed from the contract.</summary>
    public IReadOnlyList<ContractExchange> Strayed => Exchanges.Where(e => e.Violations.Any()).ToList();

    /// <summary>Fails with every exchange that strayed, each with its violations; passes when none did (and at least one call was seen).</summary>
    public void AssertAllKeptToTheContract()
    {
        var exchanges = Exchanges;
        Assert.That(exchanges, Is.Not.Empty, $"no call went through the {Validator.Spec.Name} contract check");
        var strayed = exchanges.Where(e => e.Violations.Any()).ToList();
        Assert.That(
            strayed,
            Is.Empty,
            $"{strayed.Count} of {exchanges.Count} call(s) strayed from {Validator.Spec.Name}:" + Environment.NewLine + string.Join(
                Environment.NewLine,
                strayed));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestViolations = await Validator.ValidateRequestAsync(request, cancellationToken);
        var url = request.RequestUri?.ToString() ?? "/";
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch
        {
            Record(new ContractExchange(request.Method.Method, url, null, requestViolations, []));
            throw;
        }
        response.RequestMessage ??= request;
        // An unknown operation is said once, for the request.
        IReadOnlyList<ContractViolation> responseViolations = Validator.FindOperation(request.Method.Method, url) is null
            ? []
            : await Validator.ValidateResponseAsync(response, cancellationToken);
        Record(new ContractExchange(request.Method.Method, url, (int)response.StatusCode, requestViolations, responseViolations));
        return response;
    }

    private void Record(ContractExchange exchange)
    {
        lock (_exchanges) _exchanges.Add(exchange);
    }
}
