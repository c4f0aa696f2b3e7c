namespace PosSync.Testing;

/// <summary>The private RabbitMQ that tests/run.sh starts on loopback and announces in the environment.</summary>
public static class TestBroker
{
    public static string Host => Environment.GetEnvironmentVariable("POSSYNC_TEST_RABBITMQ_HOST") ?? "";
    public static int Port => int.TryParse(Environment.GetEnvironmentVariable("POSSYNC_TEST_RABBITMQ_PORT"), out var port) ? port : 0;

    /// <summary>Skips outside tests/run.sh; in CI a missing broker is a failure, not a skip.</summary>
    public static void Require()
    {
        if (Host.Length > 0 && Port > 0) return;
        const string why = "no RabbitMQ: run tests/run.sh, which starts a private broker and sets POSSYNC_TEST_RABBITMQ_HOST/PORT";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(why);
        Assert.Ignore(why);
    }
}
