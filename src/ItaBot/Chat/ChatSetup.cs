using ItaBot.Line;

namespace ItaBot.Chat;

public static class ChatSetup
{
    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        services.AddSingleton(_ => FlexTemplates.Embedded);
        services.AddSingleton<PostbackKey>();
        services.AddSingleton<Postbacks>();
        services.AddScoped<Cards>();
        services.AddScoped<Organizations>();
        services.AddScoped<Authorization>();
        services.AddScoped<Conversations>();
        services.AddScoped<Situations>();
        services.AddScoped<Corrections>();
        services.AddScoped<StatusUpdates>();
        services.AddScoped<FollowUps>();
        services.AddScoped<Queries>();
        services.AddScoped<GroupCommands>();
        services.AddScoped<Registrations>();
        services.AddScoped<RegistrationNotices>();
        services.AddHostedService<RegistrationNoticeSweeper>();
        services.AddScoped<AdminCommands>();
        services.AddScoped<Summaries>();
        services.AddScoped<PlanFiles>();
        services.AddScoped<DetailLinks>();
        services.AddScoped<ChatEvidence>();
        services.AddScoped<EarlyEvidence>();
        services.AddHostedService<EarlyEvidenceSweeper>();
        services.AddScoped<ChatEngine>();
        // The chat layer answers the reminders' question of who to remind; reminders never read chat tables themselves.
        services.AddScoped<Reminders.IReminderRecipients, ChatBindingRecipients>();
        // Replaces the LINE layer's logging placeholder, whichever of AddLine/AddChat runs first.
        services.AddScoped<ILineEventHandler, LineChatHandler>();
        services.AddScoped<ILineAdministrators, AdministratorChats>();
        return builder;
    }
}
