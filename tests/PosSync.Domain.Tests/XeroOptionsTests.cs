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

    [Test]
    public void A_tracking_category_and_an_option_for_a_location_are_taken()
    {
        var read = Read(new JsonObject { ["tracking_category"] = "Location", ["tracking_option.loc-2"] = "Gare du Nord" });

        Assert.That(read.IsValid, Is.True, read.Describe());
        Assert.That(read.Value!.Accounting!.Option("tracking_category"), Is.EqualTo("Location"));
        Assert.That(read.Value.Accounting.Option("tracking_option.loc-2"), Is.EqualTo("Gare du Nord"));
    }

    [TestCase(
        "tracking_option.loc-9",
        "accounting.options.tracking_option.loc-9 names no location of this configuration (its locations are loc-1, loc-2)")]
    [TestCase(
        "tracking_option.",
        "accounting.options.tracking_option. is not an option of the xero connector (it takes tenant, status, tracking_category, " +
            "tracking_option.{location id})")]
    public void A_tracking_option_for_no_location_is_refused_naming_the_field(string name, string problem)
    {
        var read = Read(new JsonObject { ["tracking_category"] = "Location", [name] = "Soho" });

        Assert.That(read.Describe(), Does.Contain(problem));
    }

    [Test]
    public void A_tracking_option_without_its_category_is_refused()
    {
        var read = Read(new JsonObject { ["tracking_option.loc-1"] = "Centre" });

        Assert.That(
            read.Describe(),
            Does.Contain(
                "accounting.options.tracking_option.loc-1 is an option of the tracking category, " +
                    "and accounting.options.tracking_category names none"));
    }

    [Test]
    public void A_tracking_category_longer_than_Xero_takes_is_refused()
    {
        var read = Read(new JsonObject { ["tracking_category"] = new string('x', 101) });

        Assert.That(read.IsValid, Is.False);
        Assert.That(read.Describe(), Does.Contain("accounting.options.tracking_category"));
    }
}
