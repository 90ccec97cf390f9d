using System.Net;
using ItaBot.Line;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ItaBot.Simulator;

public static class SimulatorSetup
{
    /// <summary>
    /// Turns the simulator on when <see cref="SimulatorOptions.IsOn"/> says so: its clock replaces the system
    /// clock, its Official Account becomes the LINE channel <c>simulator</c>, and the coordinator it plays is an
    /// administrator. Nothing changes when it is off.
    /// </summary>
    public static IHostApplicationBuilder AddSimulator(this IHostApplicationBuilder builder, bool allowed = true)
    {
        var services = builder.Services;
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section)
            .Validate(o => o.MonthlyQuota >= 0 && o.MaxUploadBytes is > 0 and <= 50 * 1024 * 1024,
                "Simulator:MonthlyQuota must not be negative and Simulator:MaxUploadBytes must be between 1 byte and 50 MB.")
            .ValidateOnStart();
        if (!allowed || !SimulatorOptions.IsOn(builder.Configuration)) return builder;

        // The coordinator the simulator plays administers the simulated organization, as in a real setup.
        builder.Configuration.AddInMemoryCollection([new("Admin:LineUserIds:900", SimulatorWorld.Coordinator.UserId)]);

        services.AddSingleton(sp => new SimulatorClock(TimeProvider.System));
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(sp => sp.GetRequiredService<SimulatorClock>()));
        services.AddSingleton<SimulatorChannel>();
        services.AddSingleton<IPostConfigureOptions<LineOptions>>(sp => sp.GetRequiredService<SimulatorChannel>());
        services.AddSingleton<IOptionsChangeTokenSource<LineOptions>>(sp => sp.GetRequiredService<SimulatorChannel>());
        services.AddSingleton<SimulatorPlatform>();
        services.AddSingleton<SimulatorTime>();
        services.AddSingleton<SimulatorHost>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatorHost>());
        services.AddHttpClient(SimulatorPlatform.WebhookClient, c => c.Timeout = TimeSpan.FromSeconds(10));
        return builder;
    }

    public static bool IsRunning(IServiceProvider services) => services.GetService<SimulatorPlatform>() is not null;

    /// <summary>The simulator's pages and LINE endpoints, for requests from this machine only.</summary>
    public static WebApplication MapSimulator(this WebApplication app)
    {
        if (!IsRunning(app.Services)) return app;
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/simulator"), branch => branch.Use(async (http, next) =>
        {
            if (!IsFromThisMachine(http))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(http);
        }));
        app.MapSimulatorMessagingApi();
        app.MapSimulatorActions();
        return app;
    }

    /// <summary>
    /// Loopback, and not relayed: a reverse proxy on the same machine connects from loopback too, so a request
    /// carrying forwarding headers came from elsewhere.
    /// </summary>
    public static bool IsFromThisMachine(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        if (!IPAddress.IsLoopback(remote)) return false;
        var headers = http.Request.Headers;
        return !headers.ContainsKey("X-Forwarded-For") && !headers.ContainsKey("Forwarded") && !headers.ContainsKey("X-Real-IP");
    }

    static void MapSimulatorActions(this WebApplication app)
    {
        app.MapPost("/simulator/say", async (HttpContext http, SimulatorPlatform line, IAntiforgery antiforgery) =>
        {
            var (form, chat, person, problem) = await ReadAsync(http, line, antiforgery);
            if (problem is not null) return problem;
            var text = form!["text"].ToString();
            if (text.Trim().Length == 0) return Done(http, chat!, person!);
            if (text.Length > Line.Api.LineMessages.MaxTextLength)
            {
                await line.NoteAsync(chat!.ChatId, $"ข้อความยาว {text.Length:N0} ตัวอักษร: LINE รับได้ไม่เกิน {Line.Api.LineMessages.MaxTextLength:N0} ตัวอักษรต่อข้อความ");
                return Done(http, chat, person!);
            }
            await line.SayAsync(chat!, person!, text, http.RequestAborted);
            return Done(http, chat!, person!);
        }).DisableAntiforgery();

        app.MapPost("/simulator/tap", async (HttpContext http, SimulatorPlatform line, IAntiforgery antiforgery) =>
        {
            var (form, chat, person, problem) = await ReadAsync(http, line, antiforgery);
            if (problem is not null) return problem;
            var data = form!["data"].ToString();
            if (data.Length > Line.Api.LineMessages.MaxPostbackDataLength) return Results.BadRequest("postback data longer than LINE allows");
            Dictionary<string, string>? parameters = null;
            if (form["mode"].ToString() is { Length: > 0 } mode && form["picked"].ToString() is { Length: > 0 } picked)
                parameters = new() { [mode] = mode == "datetime" ? picked.Replace(' ', 'T') : picked };
            var display = form["displayText"].ToString();
            await line.TapAsync(chat!, person!, data, display.Length == 0 ? null : display, parameters, http.RequestAborted);
            return Done(http, chat!, person!);
        }).DisableAntiforgery();

        app.MapPost("/simulator/send-file", async (HttpContext http, SimulatorPlatform line, IAntiforgery antiforgery, IOptions<SimulatorOptions> options) =>
        {
            var max = options.Value.MaxUploadBytes;
            if (http.Request.ContentLength > max + 64 * 1024)
                return Results.Text($"ไฟล์ใหญ่เกิน {MessageHtml.FileSize(max)} ที่ระบบจำลองรับได้", "text/plain; charset=utf-8", statusCode: 413);
            var (form, chat, person, problem) = await ReadAsync(http, line, antiforgery);
            if (problem is not null) return problem;
            var file = form!.Files["file"];
            if (file is null || file.Length == 0) return Done(http, chat!, person!);
            if (file.Length > max)
            {
                await line.NoteAsync(chat!.ChatId, $"ไม่ได้ส่ง {Path.GetFileName(file.FileName)}: ใหญ่ {MessageHtml.FileSize(file.Length)} เกิน {MessageHtml.FileSize(max)} ที่ระบบจำลองรับได้");
                return Done(http, chat, person!);
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, http.RequestAborted);
            var bytes = buffer.ToArray();
            var name = SafeFileName(file.FileName);
            var asImage = form["kind"] == "image";
            var imageType = ImageType(bytes);
            if (asImage && imageType is null)
            {
                await line.NoteAsync(chat!.ChatId, $"{name} ไม่ใช่รูปภาพ (JPEG, PNG, GIF หรือ WebP): ส่งเป็นไฟล์แทนได้");
                return Done(http, chat, person!);
            }
            await line.SendContentAsync(chat!, person!, bytes, asImage ? imageType! : ContentType(name), name, asImage, http.RequestAborted);
            return Done(http, chat!, person!);
        }).DisableAntiforgery();

        app.MapPost("/simulator/advance", async (HttpContext http, SimulatorPlatform line, SimulatorTime time, IAntiforgery antiforgery) =>
        {
            if (!await ValidAsync(http, antiforgery)) return Results.BadRequest("anti-forgery token missing or wrong; reload the page");
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var amount = form["by"].ToString() switch
            {
                "1h" => TimeSpan.FromHours(1),
                "1d" => TimeSpan.FromDays(1),
                "7d" => TimeSpan.FromDays(7),
                "30d" => TimeSpan.FromDays(30),
                _ => TimeSpan.Zero,
            };
            if (amount == TimeSpan.Zero) return Results.BadRequest("by must be 1h, 1d, 7d or 30d");
            var advanced = await time.AdvanceAsync(amount, http.RequestAborted);
            var chat = line.World.Chat(form["chat"]) ?? line.World.Chats.FirstOrDefault();
            if (chat is not null)
                await line.NoteAsync(chat.ChatId, AdvanceNote(advanced));
            return IsFetch(http) ? Results.NoContent() : Results.Redirect($"/simulator?chat={Uri.EscapeDataString(form["chat"].ToString())}&as={Uri.EscapeDataString(form["as"].ToString())}", preserveMethod: false);
        }).DisableAntiforgery();

        app.MapGet("/simulator/messages", async (string chat, string? @as, long? after, HttpContext http, SimulatorPlatform line, IAntiforgery antiforgery, TimeProvider time) =>
        {
            if (line.World.Chat(chat) is not { } simulated) return Results.NotFound();
            var person = simulated.Members.FirstOrDefault(m => m.UserId == @as) ?? simulated.Members[0];
            var context = Context(http, antiforgery, line, simulated, person);
            var history = await line.HistoryAsync(simulated.ChatId, after ?? 0, http.RequestAborted);
            var latest = history.Count > 0 ? history : await line.LatestAsync(simulated.ChatId, http.RequestAborted);
            return Results.Json(new
            {
                last = history.Count > 0 ? history[^1].Id : after ?? 0,
                html = ChatView.Messages(history, context, line.World),
                quick = ChatView.QuickReplies(latest, context),
                clock = ChatView.Clock(time.GetUtcNow()),
            });
        });

        app.MapGet("/simulator/content/{messageId}", (string messageId, SimulatorPlatform line) =>
            line.FindContent(messageId) is { } content && content.ContentType.StartsWith("image/", StringComparison.Ordinal)
                ? Results.Bytes(content.Bytes, content.ContentType)
                : Results.NotFound());
    }

    /// <summary>What the simulator says after moving the clock: where it is now, how many reminders went out, which rounds closed.</summary>
    public static string AdvanceNote(SimulatorTime.Advanced advanced)
    {
        var note = $"⏩ เลื่อนเวลาไปถึง {ChatView.Clock(advanced.To)} (ส่งการแจ้งเตือน {advanced.Reminders} ข้อความ)";
        foreach (var round in advanced.ClosedRounds)
            note += $"\n🔒 ปิด{round}แล้ว: เลยกำหนดส่งและช่วงผ่อนผันแล้ว ระบบจึงปิดรอบเอง รายงานของรอบนี้คงเดิมตามที่รายงานไว้";
        return note;
    }

    public static MessageContext Context(HttpContext http, IAntiforgery antiforgery, SimulatorPlatform line, SimulatorChat chat, SimulatorPerson person)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new MessageContext(chat.ChatId, person.UserId, tokens.FormFieldName, tokens.RequestToken ?? "",
            id => id == line.Channel.BotUserId ? SimulatorChannel.BotName : line.World.Person(id)?.Name);
    }

    static async Task<(IFormCollection? Form, SimulatorChat? Chat, SimulatorPerson? Person, IResult? Problem)> ReadAsync(
        HttpContext http, SimulatorPlatform line, IAntiforgery antiforgery)
    {
        if (!await ValidAsync(http, antiforgery)) return (null, null, null, Results.BadRequest("anti-forgery token missing or wrong; reload the page"));
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var chat = line.World.Chat(form["chat"]);
        var person = chat?.Members.FirstOrDefault(m => m.UserId == form["as"]);
        if (chat is null || person is null) return (form, null, null, Results.BadRequest("unknown chat or member"));
        return (form, chat, person, null);
    }

    static async Task<bool> ValidAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    static bool IsFetch(HttpContext http) => http.Request.Headers["X-Requested-With"] == "fetch";

    static IResult Done(HttpContext http, SimulatorChat chat, SimulatorPerson person) =>
        IsFetch(http) ? Results.NoContent() : Results.Redirect($"/simulator?chat={Uri.EscapeDataString(chat.ChatId)}&as={Uri.EscapeDataString(person.UserId)}");

    static string SafeFileName(string name)
    {
        var plain = Path.GetFileName(name.Replace('\\', '/'));
        plain = new string(plain.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (plain.Length == 0) plain = "file";
        return plain.Length <= 100 ? plain : plain[..100];
    }

    /// <summary>What the bytes say they are (LINE re-encodes photos; a file named .jpg that is not one is refused).</summary>
    static string? ImageType(byte[] b) => b switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, ..] => "image/png",
        [0x47, 0x49, 0x46, 0x38, ..] => "image/gif",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };

    static string ContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".csv" => "text/csv",
        ".json" => "application/json",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
