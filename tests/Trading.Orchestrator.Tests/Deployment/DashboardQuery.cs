namespace Trading.Orchestrator.Tests.Deployment;

/// <summary>One SQL text of the dashboard: a panel target or a template variable's query.</summary>
internal sealed record DashboardQuery(string Name, string Format, string RawSql)
{
    public bool IsTimeSeries => Format == "time_series";
}
