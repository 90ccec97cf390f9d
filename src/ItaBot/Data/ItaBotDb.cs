using ItaBot.Chat;
using ItaBot.Dashboard;
using ItaBot.Line;
using ItaBot.Reminders;
using ItaBot.Reminders.Holidays;
using ItaBot.Simulator;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Data;

public sealed class ItaBotDb(DbContextOptions<ItaBotDb> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Measure> Measures => Set<Measure>();
    public DbSet<MeasureUnit> MeasureUnits => Set<MeasureUnit>();
    public DbSet<Round> Rounds => Set<Round>();
    public DbSet<StatusReport> StatusReports => Set<StatusReport>();
    public DbSet<Tracking.Evidence.EvidenceFile> EvidenceFiles => Set<Tracking.Evidence.EvidenceFile>();
    public DbSet<Tracking.Evidence.EvidenceChunk> EvidenceChunks => Set<Tracking.Evidence.EvidenceChunk>();
    public DbSet<Forms.FormSubmission> FormSubmissions => Set<Forms.FormSubmission>();
    public DbSet<InboxEvent> LineInbox => Set<InboxEvent>();
    public DbSet<OutboxMessage> LineOutbox => Set<OutboxMessage>();
    public DbSet<OutboxAlert> LineAlerts => Set<OutboxAlert>();
    public DbSet<LineUsage> LineUsage => Set<LineUsage>();
    public DbSet<ReminderPolicy> ReminderPolicies => Set<ReminderPolicy>();
    public DbSet<UnitPause> UnitPauses => Set<UnitPause>();
    public DbSet<OrganizationHoliday> OrganizationHolidays => Set<OrganizationHoliday>();
    public DbSet<ReminderDelivery> ReminderDeliveries => Set<ReminderDelivery>();
    public DbSet<AutoClosedRound> AutoClosedRounds => Set<AutoClosedRound>();

    public DbSet<LineChat> LineChats => Set<LineChat>();
    public DbSet<ChatUnit> ChatUnits => Set<ChatUnit>();
    public DbSet<ChatMember> ChatMembers => Set<ChatMember>();
    public DbSet<UnitPerson> UnitPeople => Set<UnitPerson>();
    public DbSet<MeasureReopening> MeasureReopenings => Set<MeasureReopening>();
    public DbSet<PendingQuestion> PendingQuestions => Set<PendingQuestion>();
    public DbSet<AppSecret> AppSecrets => Set<AppSecret>();
    public DbSet<ChatAuditEntry> ChatAudit => Set<ChatAuditEntry>();
    public DbSet<ChatMessageVersion> ChatMessageVersions => Set<ChatMessageVersion>();
    public DbSet<SentMessage> SentMessages => Set<SentMessage>();
    public DbSet<Reports.Pdf.ReportPdf> ReportPdfs => Set<Reports.Pdf.ReportPdf>();

    public DbSet<SimulatorMessage> SimulatorMessages => Set<SimulatorMessage>();
    public DbSet<SimulatorSetting> SimulatorSettings => Set<SimulatorSetting>();
    public DbSet<AdminAccount> AdminAccounts => Set<AdminAccount>();
    public DbSet<AdminSignInFailure> AdminSignInFailures => Set<AdminSignInFailure>();
    public DbSet<HealthProbe> HealthProbes => Set<HealthProbe>();
    public DbSet<ChatEvidenceBatch> ChatEvidenceBatches => Set<ChatEvidenceBatch>();
    public DbSet<ChatPendingEvidence> ChatPendingEvidence => Set<ChatPendingEvidence>();
    public DbSet<Web.DataProtectionKey> DataProtectionKeys => Set<Web.DataProtectionKey>();

    /// <summary>
    /// On SQLite, commits of this context skip the fsync (<c>synchronous=NORMAL</c>); whoever sets it calls
    /// <see cref="SqliteDurability.FlushAsync"/> before anything it committed is told to anyone outside. Set before first use.
    /// </summary>
    public bool FlushesItself { get; set; }

    /// <summary>
    /// Every entity's configuration: the <see cref="IEntityTypeConfiguration{TEntity}"/> classes of this namespace
    /// (Data/*Configuration.cs), found without loading the app's other types (<see cref="AppTypes"/>).
    /// </summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        foreach (var type in AppTypes.In(typeof(ItaBotDb).Assembly, ConfigurationNamespace))
        {
            if (type.IsAbstract || type.IsGenericTypeDefinition) continue;
            foreach (var entity in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)))
                ApplyConfiguration.MakeGenericMethod(entity.GenericTypeArguments[0]).Invoke(modelBuilder, [Activator.CreateInstance(type)]);
        }
    }

    /// <summary>Where entity configurations live (TypeDiscoveryTests holds every one to it).</summary>
    public const string ConfigurationNamespace = "ItaBot.Data";

    static readonly System.Reflection.MethodInfo ApplyConfiguration = typeof(ModelBuilder).GetMethods()
        .Single(m => m.Name == nameof(ModelBuilder.ApplyConfiguration) && m.GetParameters()[0].ParameterType is { IsGenericType: true } p && p.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so the database stays readable and reordering an enum is safe.
        configurationBuilder.Properties<MeasureStatus>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<CannotProceedReason>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ReportSource>().HaveConversion<string>().HaveMaxLength(10);
        configurationBuilder.Properties<WithdrawalReason>().HaveConversion<string>().HaveMaxLength(10);
        configurationBuilder.Properties<RoundKind>().HaveConversion<string>().HaveMaxLength(12);
        configurationBuilder.Properties<RoundState>().HaveConversion<string>().HaveMaxLength(10);
        // Instants are UTC everywhere; the SQLite provider reads them back as Unspecified otherwise.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
