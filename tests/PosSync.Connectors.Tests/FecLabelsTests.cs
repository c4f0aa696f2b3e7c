using PosSync.Connectors.Fec;

namespace PosSync.Connectors.Tests;

/// <summary>Every English phrase the booking engine writes, and what the French file says instead.</summary>
public class FecLabelsTests
{
    [TestCase("Sales cat-bread 5.5%", null, "Ventes 5,5 %")]
    [TestCase("Sales cat-bread 5.5%", "Pain", "Ventes Pain 5,5 %")]
    [TestCase("Sales 42 10%", "Boissons, Vins", "Ventes Boissons, Vins 10 %")]
    [TestCase("Sales cat-food 10%, Sales cat-wine 10%", null, "Ventes 10 %")]
    [TestCase("Sales cat-food 2.1%", null, "Ventes 2,1 %")]
    [TestCase("VAT 5.5%", null, "TVA 5,5 %")]
    [TestCase("VAT 20%", null, "TVA 20 %")]
    [TestCase("VAT 10% (suspense)", null, "TVA 10 % (compte d'attente)")]
    [TestCase("Tips", null, "Pourboires")]
    [TestCase("Tips (suspense)", null, "Pourboires (compte d'attente)")]
    [TestCase("Discounts", null, "Remises accordées")]
    [TestCase("Complimentary", null, "Offerts")]
    [TestCase("Rounding", null, "Écart d'arrondi")]
    [TestCase("Cash rounding", null, "Arrondi de caisse")]
    [TestCase("Difference", null, "Écart de caisse")]
    [TestCase("Cash difference", null, "Écart de caisse")]
    [TestCase("Unmapped sales (suspense)", null, "Ventes non affectées (compte d'attente)")]
    [TestCase("Unmapped payments (suspense)", null, "Règlements non affectés (compte d'attente)")]
    [TestCase("Card", null, "Règlements Card")]
    [TestCase("Espèces", null, "Règlements Espèces")]
    [TestCase("Card, Visa", null, "Règlements Card, Visa")]
    [TestCase("pm-7", "Carte bancaire", "Règlements Carte bancaire")]
    [TestCase("Tips, Ticket restaurant", null, "Règlements Tips, Ticket restaurant")]
    [TestCase("Ventes Cuisine 5,5 %", "Cuisine", "Ventes Cuisine 5,5 %", TestName = "A French consumer's sales label stays as the engine wrote it")]
    [TestCase("TVA 5,5 %", null, "TVA 5,5 %", TestName = "A French consumer's VAT label stays")]
    [TestCase("Pourboires", null, "Pourboires", TestName = "A French consumer's tips label stays")]
    [TestCase("Pourboires (compte d'attente)", null, "Pourboires (compte d'attente)", TestName = "A French consumer's suspense label stays")]
    [TestCase(
        "Carte bancaire",
        "Carte bancaire",
        "Règlements Carte bancaire",
        TestName = "A French consumer's payment line still reads as settlements")]
    public void Each_engine_label_becomes_French(string english, string? posNames, string french) =>
        Assert.That(FecLabels.For(english, posNames), Is.EqualTo(french));
}
