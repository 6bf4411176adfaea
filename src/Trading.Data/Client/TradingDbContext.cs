using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;
using Trading.Data.Client.Compiled;

namespace Trading.Data.Client;

/// <summary>
/// The typed client over the SQL contract: what an agent inserts (<see cref="Decisions"/>, <see cref="CancelRequests"/>)
/// and the views it reads, as keyless entities. It connects through the caller's <see cref="NpgsqlDataSource"/> (the one
/// the raw Npgsql paths use) as the caller's login, so row-level security decides what each login sees and may insert:
/// nothing here reads around it. Columns are the snake_case of the property names; a test holds every mapped column to
/// the migrated schema. The model is compiled (Compiled/, regenerate with <c>dotnet ef dbcontext optimize</c>, see
/// <see cref="TradingDbContextDesignFactory"/>) so that creating the first context costs no model building.
/// </summary>
public sealed class TradingDbContext(DbContextOptions<TradingDbContext> options) : DbContext(options)
{
    public DbSet<TradingDecision> Decisions => Set<TradingDecision>();

    public DbSet<PaperCancelRequest> CancelRequests => Set<PaperCancelRequest>();

    public DbSet<PortfolioOverview> PortfolioOverview => Set<PortfolioOverview>();

    public DbSet<OpenPosition> OpenPositions => Set<OpenPosition>();

    public DbSet<OpenOrder> OpenOrders => Set<OpenOrder>();

    public DbSet<RecentTrade> RecentTrades => Set<RecentTrade>();

    public DbSet<PerformanceSummary> PerformanceMetrics => Set<PerformanceSummary>();

    public DbSet<DailyPnl> DailyPnl => Set<DailyPnl>();

    public DbSet<EquityCurvePoint> EquityCurve => Set<EquityCurvePoint>();

    public DbSet<AccountEpoch> AccountEpochs => Set<AccountEpoch>();

    public DbSet<LatestPrice> LatestPrices => Set<LatestPrice>();

    public DbSet<StrategySessionSummary> StrategySessions => Set<StrategySessionSummary>();

    /// <summary>A context over a connection of <paramref name="dataSource"/> (opened when used), with the compiled model.</summary>
    public static TradingDbContext Create(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        // A connection of the data source rather than the data source itself: EF keys its internal service provider on a
        // data source, and a process (or a test run) with several would build one each; the pool is the data source's.
        return new(new DbContextOptionsBuilder<TradingDbContext>()
            .UseNpgsql(dataSource.CreateConnection(), contextOwnsConnection: true)
            .UseModel(TradingDbContextModel.Instance)
            .Options);
    }

    /// <summary>The column name of a property: its snake_case, as the views and tables spell them.</summary>
    public static string ColumnName(string propertyName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyName);

    protected override void OnModelCreating(ModelBuilder modelBuilder) => Configure(modelBuilder);

    // Every context, however its options were built, wakes the orchestrator when it adds decisions or cancel requests.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.AddInterceptors(WakeUpInterceptor.Instance);

    /// <summary>The model as code; the compiled model is generated from it.</summary>
    public static void Configure(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<TradingDecision>(decision =>
        {
            decision.ToTable("trading_decisions");
            decision.HasKey(d => d.Id);
            decision.Property(d => d.Id).UseIdentityAlwaysColumn();
            // Left null, these take the column's default; a value given is inserted.
            decision.Property(d => d.Account).ValueGeneratedOnAdd();
            decision.Property(d => d.OrderType).ValueGeneratedOnAdd();
            decision.Property(d => d.TimeInForce).ValueGeneratedOnAdd();
            decision.Property(d => d.ExitUnit).ValueGeneratedOnAdd();
            ReadOnly(decision.Property(d => d.Status));
            ReadOnly(decision.Property(d => d.StatusReason));
            ReadOnly(decision.Property(d => d.OrderId));
            ReadOnly(decision.Property(d => d.CreatedAt));
            ReadOnly(decision.Property(d => d.ProcessedAt));
            ReadOnly(decision.Property(d => d.Login));
        });
        modelBuilder.Entity<PaperCancelRequest>(request =>
        {
            request.ToTable("paper_cancel_requests");
            request.HasKey(r => r.RequestId);
            request.Property(r => r.RequestId).UseIdentityAlwaysColumn();
            ReadOnly(request.Property(r => r.Status));
            ReadOnly(request.Property(r => r.Outcome));
            ReadOnly(request.Property(r => r.RequestedAt));
            ReadOnly(request.Property(r => r.ProcessedAt));
            ReadOnly(request.Property(r => r.Login));
        });
        modelBuilder.Entity<PortfolioOverview>().HasNoKey().ToView("v_paper_portfolio_overview");
        modelBuilder.Entity<OpenPosition>().HasNoKey().ToView("v_paper_open_positions");
        modelBuilder.Entity<OpenOrder>().HasNoKey().ToView("v_paper_open_orders");
        modelBuilder.Entity<RecentTrade>().HasNoKey().ToView("v_paper_recent_trades");
        modelBuilder.Entity<PerformanceSummary>().HasNoKey().ToView("v_paper_performance_metrics");
        modelBuilder.Entity<DailyPnl>().HasNoKey().ToView("v_paper_daily_pnl");
        modelBuilder.Entity<EquityCurvePoint>().HasNoKey().ToView("v_paper_equity_curve");
        modelBuilder.Entity<AccountEpoch>().HasNoKey().ToView("v_paper_account_epochs");
        modelBuilder.Entity<LatestPrice>().HasNoKey().ToView("v_latest_prices");
        modelBuilder.Entity<StrategySessionSummary>().HasNoKey().ToView("v_strategy_sessions");

        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            property.SetColumnName(ColumnName(property.Name));
        }
    }

    // The orchestrator's (or the database's) column: read back after an insert, never written.
    private static void ReadOnly<T>(PropertyBuilder<T> property)
    {
        property.ValueGeneratedOnAddOrUpdate();
        property.Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        property.Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
    }
}
