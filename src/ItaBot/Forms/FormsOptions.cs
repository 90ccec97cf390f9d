namespace ItaBot.Forms;

/// <summary>Settings under <c>Forms:</c> (the LIFF app id is <c>Line:LiffId</c>).</summary>
public sealed class FormsOptions
{
    public const string Section = "Forms";

    /// <summary>With a LIFF app set up, refuse a submission that does not carry the opener's LINE identity (default: the signed link alone is enough).</summary>
    public bool RequireLineIdentity { get; set; }

    /// <summary>How long one submission may take to upload before it is refused (slow mobile links need minutes for 100 MB).</summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
