using PosSync.Connectors.Http;

namespace PosSync.Connectors.Tests;

/// <summary>Token answers as each vendor writes them, read into one grant.</summary>
public class TokenGrantTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    [Test]
    public void A_lifetime_in_seconds_becomes_an_expiry_counted_from_now()
    {
        var grant = TokenGrant.Parse("""{"access_token":"a","refresh_token":"r","expires_in":3600,"scope":"financial-api"}""", Now)!;

        Assert.That(
            (grant.AccessToken, grant.RefreshToken, grant.ExpiresAt, grant.Scope),
            Is.EqualTo(("a", "r", (DateTime?)Now.AddHours(1), "financial-api")));
        Assert.That(grant.RefreshLife, Is.EqualTo(RefreshTokenLife.Unstated), "left to the vendor's documented lifetime");
    }

    [Test]
    public void Square_s_instants_are_read_as_they_are_written()
    {
        var grant = TokenGrant.Parse("""
            {"access_token":"EAAA","token_type":"bearer","expires_at":"2026-12-31T10:00:00Z","merchant_id":"M1",
             "refresh_token":"EQAA","refresh_token_expires_at":"2027-03-01T10:00:00Z"}
            """, Now)!;

        Assert.That(grant.ExpiresAt, Is.EqualTo(new DateTime(2026, 12, 31, 10, 0, 0, DateTimeKind.Utc)));
        Assert.That(grant.RefreshLife, Is.EqualTo(RefreshTokenLife.Until(new DateTime(2027, 3, 1, 10, 0, 0, DateTimeKind.Utc))));
    }

    [TestCase(
        """{"access_token":"a","refresh_expires_in":0}""",
        true,
        null,
        TestName = "refresh_expires_in 0 means the refresh token never dies unused")]
    [TestCase(
        """{"access_token":"a","refresh_expires_in":1209600}""",
        true,
        14.0,
        TestName = "refresh_expires_in gives the refresh token's life in seconds")]
    public void The_refresh_token_s_life_is_what_the_answer_says(string body, bool stated, double? days)
    {
        var life = TokenGrant.Parse(body, Now)!.RefreshLife;

        Assert.That(life.Stated, Is.EqualTo(stated));
        Assert.That(life.ExpiresAt, Is.EqualTo(days is { } d ? Now.AddDays(d) : null));
    }

    [TestCase("""{"token_type":"bearer"}""", TestName = "An answer without an access token is no grant")]
    [TestCase("""{"access_token":""}""", TestName = "An empty access token is no grant")]
    [TestCase("""["access_token"]""", TestName = "A JSON array is no grant")]
    [TestCase("<html>502 Bad Gateway</html>", TestName = "An HTML page is no grant")]
    public void Garbage_is_no_grant(string body)
    {
        Assert.That(TokenGrant.Parse(body, Now), Is.Null);
    }
}
