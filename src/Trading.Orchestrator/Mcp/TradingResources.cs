using System.ComponentModel;
using ModelContextProtocol.Server;

namespace Trading.Orchestrator.Mcp;

/// <summary>Resources: the SQL contract (from the README this binary ships) and each account's current report.</summary>
[McpServerResourceType]
public sealed class TradingResources(AgentDatabase database)
{
    public const string ContractUri = "trading://docs/sql-contract";
    public const string ReadmeUri = "trading://docs/readme";
    public const string ReportUri = "trading://accounts/{account}/report";

    [McpServerResource(UriTemplate = ContractUri, Name = "sql-contract", MimeType = "text/markdown")]
    [Description("The SQL contract: how a decision is written to trading_decisions, what each decision does, how it is sized and priced, and the views to read.")]
    public static string SqlContract() => ReadmeText.Section("## A five-minute tour");

    [McpServerResource(UriTemplate = ReadmeUri, Name = "readme", MimeType = "text/markdown")]
    [Description("The whole README: accounting, risk limits, order types and brackets, account resets, strategies, configuration.")]
    public static string Readme() => ReadmeText.Whole;

    [McpServerResource(UriTemplate = ReportUri, Name = "account-report", MimeType = "text/markdown")]
    [Description("An account's current report as Markdown: overview, open positions, performance metrics and promotion gates.")]
    public Task<string> AccountReportAsync(
        [Description("The account, e.g. default.")] string account,
        CancellationToken cancellationToken) =>
        ToolErrors.GuardAsync(database, async () => AccountReport.Markdown(
            await new AccountTools(database).PortfolioAsync(account, cancellationToken),
            await AccountPerformance.ReadAsync(database, account, cancellationToken)));
}
