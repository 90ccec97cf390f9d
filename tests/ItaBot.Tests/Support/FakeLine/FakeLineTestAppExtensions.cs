namespace ItaBot.Tests.Support.FakeLine;

public static class FakeLineTestAppExtensions
{
    /// <summary>Points the app's default LINE channel at the fake (token, secret, both base URLs).</summary>
    public static TestApp WithLine(this TestApp app, FakeLineServer line)
    {
        foreach (var (key, value) in line.Settings()) app.With(key, value);
        return app;
    }
}
