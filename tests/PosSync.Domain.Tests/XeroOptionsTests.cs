using System.Text.Json.Nodes;
using PosSync.Domain.Configuration;
using PosSync.Domain.Input;
using PosSync.Testing;

namespace PosSync.Domain.Tests;

/// <summary>accounting.options of the xero connector: the organisation and the journals' status.</summary>
public sealed class XeroOptionsTests
{
    private static Parsed<ConsumerConfiguration> Read(JsonObject options) => ConsumerConfigurationReader.ReadJson(ReferenceConfiguration.Json(c =>
    {
        c["accounting"]!["connector"] = "xero";
        c["accounting"]!["options"] = options;
    }));

    [Test]
    public void The_organisation_and_a_draft_status_are_taken()
    {
        var read = Read(new JsonObject { ["tenant"] = "Corner Café Ltd", ["status"] = "DRAFT" });

        Assert.That(read.IsValid, Is.True, read.Describe());
        Assert.That(read.Value!.Accounting!.Option("tenant"), Is.EqualTo("Corner Café Ltd"));
        Assert.That(read.Value.Accounting.Option("status"), Is.EqualTo("DRAFT"));
    }

    [Test]
    public void A_status_Xero_cannot_create_a_journal_with_is_refused_naming_the_field()
    {
        var read = Read(new JsonObject { ["status"] = "VOIDED" });

        Assert.That(read.Describe(), Does.Contain("accounting.options.status must be POSTED or DRAFT"));
    }
}
