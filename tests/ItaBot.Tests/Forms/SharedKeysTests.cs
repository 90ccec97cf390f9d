using System.Net;
using ItaBot.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Forms;

/// <summary>Several instances behind one address share one database: a form opened from one submits on another.</summary>
public sealed class SharedKeysTests
{
    [Fact]
    public async Task AFormOpenedFromOneInstanceIsAcceptedByAnotherOnTheSameDatabase()
    {
        await using var h = await FormHarness.StartAsync();
        var token = await h.LinkAsync();
        using var first = h.App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = FormHarness.Https });
        var opened = await first.GetAsync($"/f/{token}");
        var html = await opened.Content.ReadAsStringAsync();
        var cookie = string.Join("; ", opened.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        await using var second = new TestApp().With("ConnectionStrings:Default", h.App.Database.ConnectionString);
        using var other = second.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = FormHarness.Https });
        using var content = new MultipartFormDataContent
        {
            { new StringContent(FormHarness.Hidden(html, "__csrf")), "__csrf" },
            { new StringContent(FormHarness.Hidden(html, "submission")), "submission" },
            { new StringContent("Done"), "status" },
            { new StringContent("เผยแพร่ประกาศบนเว็บไซต์แล้ว"), "result" },
            { new StringContent("send"), "action" },
        };
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/f/{token}") { Content = content };
        post.Headers.Add("Cookie", cookie);
        var answer = await other.SendAsync(post);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("บันทึกรายงานแล้ว", await answer.Content.ReadAsStringAsync());
        await using var db = h.Db();
        Assert.Equal("เผยแพร่ประกาศบนเว็บไซต์แล้ว", (await db.StatusReports.SingleAsync()).Result);
        // The key that signed the form lives in the database both read, not in either instance's folder.
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }
}
